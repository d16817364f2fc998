"""Interviews' rectification reports coming due or overdue (实施方案 二(三)3): which interviews the daily
due-date job looks at and what their reminders say. The job itself (`reporting.services.due_reminders`) sends
each reminder once, beside the supervision tasks' reminders, and keeps the claims that make it send once."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .models import Interview


def rectification_coming_due(*, horizon: dt.date) -> QuerySet[Interview]:
    """Interviews held and awaiting their rectification report, due by `horizon` (or already overdue)."""
    return (
        Interview.objects.filter(status=Interview.Status.HELD, rectification_due__lte=horizon)
        .select_related("enterprise", "main_interviewer")
        .order_by("rectification_due", "pk")
    )


def rectification_overdue_ids(*, today: dt.date) -> set[int]:
    return set(Interview.objects.rectification_overdue(on=today).values_list("pk", flat=True))


def rectification_reminder(interview: Interview, *, overdue: bool) -> tuple[str, str]:
    """The reminder's title and body. The inspector who led the interview follows up the report."""
    context = {
        "enterprise": interview.enterprise.name,
        "due": f"{interview.rectification_due:%Y-%m-%d}",
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
