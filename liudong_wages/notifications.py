"""Notifications: one service writes the in-app message and queues its e-mail.

`notify` writes one `Notification` row per recipient in the caller's transaction. Rows that should also go
by e-mail wait with `email_status=pending`: that is the outbox. After the transaction commits, a task is
enqueued to send them; if the broker is down the rows simply wait for the next run of the minute job
(`deliver_pending_email`), so nothing is lost and, because each row is claimed before it is sent, nothing
goes twice.

SMS is an extension point: a backend with `send(notification) -> None` listed in settings could be called
from `deliver_pending` beside e-mail; none is configured in this district yet.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from .backends import UNREAD_COUNT
from .models import MemberUnit, Notification, User
from .tasks import deliver_pending_email

logger = logging.getLogger(__name__)
# Line breaks of every kind and other control characters; str.split() then folds what is left.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

MAX_EMAIL_ATTEMPTS = 5
# A row left "sending" by a worker that died is due again after this long; it must exceed the longest time
# one e-mail can take to send, or a slow send could go out twice.
CLAIM_TIMEOUT = timedelta(seconds=settings.LIUDONG["OUTBOX_CLAIM_TIMEOUT_SECONDS"])


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    template: str,
    context: dict[str, Any] | None = None,
    url: str = "",
    key: str = "",
    email: bool = True,
) -> list[Notification]:
    """Send the message `templates/emails/<template>_{subject.txt,body.txt,body.html}` to each recipient.

    With a `key`, a recipient who already has a message with that key gets nothing new (idempotent jobs).
    Returns the notifications created.
    """
    context = {"site_url": settings.SITE_URL, "url": url, **(context or {})}
    created = []
    for recipient in {r.pk: r for r in recipients if r.is_active}.values():
        ctx = {**context, "recipient": recipient}
        title = single_line(render_to_string(f"emails/{template}_subject.txt", ctx))
        body = render_to_string(f"emails/{template}_body.txt", ctx).strip()
        body_html = render_to_string(f"emails/{template}_body.html", ctx) if email else ""
        wants_email = email and bool(recipient.email)
        notification = Notification(
            recipient=recipient,
            kind=kind,
            title=title[:200],
            body=body,
            body_html=body_html,
            url=url,
            key=key,
            email_status=Notification.EmailStatus.PENDING if wants_email else Notification.EmailStatus.NONE,
        )
        if key:
            # A savepoint, so that a duplicate key leaves the caller's transaction usable.
            try:
                with transaction.atomic():
                    notification.save()
            except IntegrityError:
                continue
        else:
            notification.save()
        created.append(notification)
    if any(n.email_status == Notification.EmailStatus.PENDING for n in created):
        transaction.on_commit(_enqueue_delivery)
    return created


def single_line(text: str) -> str:
    """`text` on one line, for an e-mail subject: Django refuses a header with a line break, and an employer's
    name pasted with one (or a control character) would fail every alert about it (issue 16)."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def notify_units(*, units: Iterable[MemberUnit], **kwargs: Any) -> list[Notification]:
    """`notify` every active user of the given units."""
    recipients = User.objects.filter(unit__in=list(units), is_active=True)
    return notify(recipients=recipients, **kwargs)


def _enqueue_delivery() -> None:
    try:
        deliver_pending_email.delay()
    except Exception:  # the broker is down: the minute job will pick the rows up
        logger.warning("Could not enqueue e-mail delivery; the outbox job will send it later", exc_info=True)


def deliver_pending(*, limit: int = 200) -> int:
    """Send up to `limit` queued e-mails; returns how many went out.

    Each row is claimed by a conditional UPDATE (pending → sending) before it is sent, so two workers never
    send the same message. A worker killed after its claim leaves the row "sending"; after CLAIM_TIMEOUT it
    is due again, so a message is delayed, never lost. A failure puts the row back until MAX_EMAIL_ATTEMPTS.
    """
    now = timezone.now()
    stale_before = now - CLAIM_TIMEOUT
    due = Notification.objects.email_due(stale_before=stale_before)
    due_ids = list(due.order_by("created_at").values_list("pk", flat=True)[:limit])
    sent = 0
    for pk in due_ids:
        claimed = (
            Notification.objects.email_due(stale_before=stale_before)
            .filter(pk=pk)
            .update(
                email_status=Notification.EmailStatus.SENDING,
                email_attempts=F("email_attempts") + 1,
                emailed_at=now,
            )
        )
        if claimed != 1:
            continue
        notification = Notification.objects.select_related("recipient").get(pk=pk)
        message = EmailMultiAlternatives(
            subject=single_line(notification.title), body=notification.body, to=[notification.recipient.email]
        )
        if notification.body_html:
            message.attach_alternative(notification.body_html, "text/html")
        try:
            message.send()
        except Exception:
            gave_up = notification.email_attempts >= MAX_EMAIL_ATTEMPTS
            Notification.objects.filter(pk=pk).update(
                email_status=Notification.EmailStatus.FAILED if gave_up else Notification.EmailStatus.PENDING,
                emailed_at=None,
            )
            logger.warning("E-mail of notification %s failed (attempt %s)", pk, notification.email_attempts)
            continue
        Notification.objects.filter(pk=pk).update(
            email_status=Notification.EmailStatus.SENT, emailed_at=timezone.now()
        )
        sent += 1
    if due_ids:
        logger.info("Outbox: %s of %s due e-mails sent", sent, len(due_ids))
    return sent


def mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when no ids are given)."""
    queryset = Notification.objects.filter(recipient=user).unread()
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=list(notification_ids))
    if hasattr(user, UNREAD_COUNT):  # the count read with the user is no longer true
        delattr(user, UNREAD_COUNT)
    return queryset.update(read_at=timezone.now())


def unread_count(user: User) -> int:
    """The header's count: read with the user at the start of the request (backends.Backend), else counted."""
    count = getattr(user, UNREAD_COUNT, None)
    if count is None:
        count = user.notifications.unread().count()
    return count
