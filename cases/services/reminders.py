"""Reminders of interviews' rectification reports coming due or overdue (实施方案 二(三)3; DESIGN.md section 5,
"rectification and supervision due dates"): the inspector who led the interview follows up the report, and the
director hears when it is overdue. The rule of when each reminder goes, and the claim that sends it once, are
the core's (`liudong_wages.due_dates`), shared with the supervision tasks' reminders in `reporting`.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages import notifications
from liudong_wages.due_dates import DueReminder, RunResult, claim, due_kind, warning_days
from liudong_wages.models import User
from liudong_wages.roles import Role
from liudong_wages.workdays import add_working_days, is_working_day

from ..models import Interview, RectificationReminderSent
from .recipients import users_with_roles

logger = logging.getLogger(__name__)


def rectification_reminders_send(*, today: dt.date) -> RunResult:
    """Send the rectification reminders due on `today`. Safe to run any number of times, from any number of
    workers."""
    result = RunResult()
    if not is_working_day(today):
        return result
    directors = list(users_with_roles(Role.DIRECTOR))
    overdue_ids = set(Interview.objects.rectification_overdue(on=today).values_list("pk", flat=True))
    for interview in _coming_due(horizon=add_working_days(today, warning_days())):
        kind = (
            DueReminder.OVERDUE
            if interview.pk in overdue_ids
            else due_kind(interview.rectification_due, today)
        )
        if kind is not None:
            _remind(interview=interview, kind=kind, directors=directors, result=result)
    if result.sent:
        logger.info("Rectification reminders for %s: %s", today, result)
    return result


def _coming_due(*, horizon: dt.date) -> QuerySet[Interview]:
    """Interviews held and awaiting their rectification report, due by `horizon` (or already overdue)."""
    return (
        Interview.objects.filter(status=Interview.Status.HELD, rectification_due__lte=horizon)
        .select_related("enterprise", "main_interviewer")
        .order_by("rectification_due", "pk")
    )


def _remind(*, interview: Interview, kind: DueReminder, directors: list[User], result: RunResult) -> None:
    due_on = interview.rectification_due
    if due_on is None:  # _coming_due lists only interviews with a due date
        return
    with transaction.atomic():
        sent = claim(RectificationReminderSent, kind=kind, due_on=due_on, result=result, interview=interview)
        if sent is None:
            return
        overdue = kind == DueReminder.OVERDUE
        recipients = [interview.main_interviewer, *(directors if overdue else [])]
        title, body = _words(interview, overdue=overdue)
        notifications.notify(
            recipients=recipients,
            kind="rectification_due",
            template="generic",
            context={"title": title, "body": body},
            url=interview.get_absolute_url(),
            key=f"rectification-due:{interview.pk}:{kind}",
        )
        sent.recipients = len({user.pk for user in recipients})
        sent.save(update_fields=["recipients"])
    result.sent.append(("interview", interview.pk, kind))


def _words(interview: Interview, *, overdue: bool) -> tuple[str, str]:
    """The reminder's title and body."""
    assert interview.rectification_due is not None  # only interviews with a due date are reminded of it
    context = {
        "enterprise": interview.enterprise.name,
        "due": date_format(interview.rectification_due),
        "number": interview.notice_number,
    }
    if overdue:
        title = _("整改报告逾期未交：%(enterprise)s") % context
        body = (
            _(
                "%(enterprise)s 应于 %(due)s 前书面报告整改情况（约谈通知 %(number)s），至今未收到。"
                "拒不履行约谈决定的，依法予以行政处罚。"
            )
            % context
        )
        return title, body
    title = _("整改报告即将到期：%(enterprise)s") % context
    body = _("%(enterprise)s 应于 %(due)s 前书面报告整改情况（约谈通知 %(number)s）。") % context
    return title, body
