"""The daily due-date job (DESIGN.md section 5, "rectification and supervision due dates"): warns of
supervision tasks and of interviews' rectification reports coming due, and tells once when they are overdue.

Each (task, kind) and (interview, kind) is sent at most once: the job claims a `SupervisionReminderSent` row
before it notifies anyone, in the same transaction, as the report reminders do. A later step that went out
already (the overdue notice) keeps an earlier one (the warning) from going out after it. Like the report
reminders, it sends on working days only, and a step whose day has passed stays due, so a missed day catches
up once, not in a burst.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Interview
from cases.reminders import rectification_coming_due, rectification_overdue_ids, rectification_reminder
from liudong_wages import notifications, workdays
from liudong_wages.formats import working_days_left
from liudong_wages.models import User
from liudong_wages.roles import Role

from ..models import SupervisionReminderSent, SupervisionTask

logger = logging.getLogger(__name__)

BEFORE = SupervisionReminderSent.Kind.BEFORE
OVERDUE = SupervisionReminderSent.Kind.OVERDUE


@dataclass
class RunResult:
    sent: list[tuple[str, int, str]] = field(default_factory=list)  # ("task" or "interview", pk, kind)
    skipped: int = 0

    def __str__(self) -> str:
        return f"{len(self.sent)} due-date reminders sent, {self.skipped} already sent"


def due_kind(due_on: dt.date | None, today: dt.date) -> str | None:
    """The reminder due on `today` for something due on `due_on`: the warning from DUE_DATE_WARNING_WORKING_DAYS working
    days before, the overdue notice from the day after; None before the warning or on a day off."""
    if due_on is None or not workdays.is_working_day(today):
        return None
    if today > due_on:
        return OVERDUE
    if today >= workdays.add_working_days(due_on, -_warning_days()):
        return BEFORE
    return None


def _people(users) -> list[User]:
    return list(users.filter(is_active=True).distinct())


def _directors() -> list[User]:
    return _people(User.objects.filter(groups__name=Role.DIRECTOR))


def due_date_reminders_send(*, today: dt.date) -> RunResult:
    """Send what is due on `today`. Safe to run any number of times, from any number of workers."""
    result = RunResult()
    if not workdays.is_working_day(today):
        return result
    horizon = workdays.add_working_days(today, _warning_days())
    directors = _directors()
    tasks = (
        SupervisionTask.objects.open()
        .filter(due_on__lte=horizon)
        .select_related("unit")
        .order_by("due_on", "pk")
    )
    for task in tasks:
        kind = due_kind(task.due_on, today)
        if kind is not None:
            _remind_task(task=task, kind=kind, today=today, directors=directors, result=result)
    overdue_ids = rectification_overdue_ids(today=today)
    for interview in rectification_coming_due(horizon=horizon):
        kind = OVERDUE if interview.pk in overdue_ids else due_kind(interview.rectification_due, today)
        if kind is not None:
            _remind_interview(interview=interview, kind=kind, today=today, directors=directors, result=result)
    if result.sent:
        logger.info("Due-date reminders for %s: %s", today, result)
    return result


def _claim(*, kind: str, due_on: dt.date, result: RunResult, **subject) -> SupervisionReminderSent | None:
    """The claim on this reminder, or None when it (or the later overdue notice) went out already."""
    later = [OVERDUE] if kind == BEFORE else []
    if later and SupervisionReminderSent.objects.filter(kind__in=later, **subject).exists():
        result.skipped += 1
        return None
    claim, created = SupervisionReminderSent.objects.get_or_create(
        kind=kind, **subject, defaults={"due_on": due_on}
    )
    if not created:
        result.skipped += 1
        return None
    return claim


def _remind_task(
    *, task: SupervisionTask, kind: str, today: dt.date, directors: list[User], result: RunResult
) -> None:
    with transaction.atomic():
        claim = _claim(kind=kind, due_on=task.due_on, result=result, task=task)
        if claim is None:
            return
        recipients = _people(User.objects.filter(unit=task.unit, groups__name=Role.LIAISON))
        if not recipients:  # a unit whose liaison has no role yet still hears from us
            recipients = _people(User.objects.filter(unit=task.unit))
        if kind == OVERDUE:
            title = _("督办事项已逾期：%(unit)s") % {"unit": task.unit.short_name}
            body = _("督办事项办结时限为 %(due)s，至今未报办结：%(content)s") % {
                "due": f"{task.due_on:%Y-%m-%d}",
                "content": task.content,
            }
            recipients = [*recipients, *directors]
        else:
            left = workdays.working_days_between(today, task.due_on)
            title = _("督办事项即将到期（%(left)s）") % {"left": working_days_left(left)}
            body = _("请于 %(due)s 前办结并上传佐证材料：%(content)s") % {
                "due": f"{task.due_on:%Y-%m-%d}",
                "content": task.content,
            }
        notifications.notify(
            recipients=recipients,
            kind="supervision_due",
            template="generic",
            context={"title": title, "body": body},
            url=task.get_absolute_url(),
            key=f"supervision-due:{task.pk}:{kind}",
        )
        claim.recipients = len({user.pk for user in recipients})
        claim.save(update_fields=["recipients"])
    result.sent.append(("task", task.pk, kind))


def _remind_interview(
    *, interview: Interview, kind: str, today: dt.date, directors: list[User], result: RunResult
) -> None:
    """The inspector who led the interview follows up the rectification report (实施方案 二(三)3); the
    reminder's words are the cases app's (`cases.reminders`)."""
    due_on = interview.rectification_due
    if due_on is None:  # rectification_coming_due lists only interviews with a due date
        return
    with transaction.atomic():
        claim = _claim(kind=kind, due_on=due_on, result=result, interview=interview)
        if claim is None:
            return
        recipients = [interview.main_interviewer]
        if kind == OVERDUE:
            recipients = [*recipients, *directors]
        title, body = rectification_reminder(interview, overdue=kind == OVERDUE)
        notifications.notify(
            recipients=recipients,
            kind="rectification_due",
            template="generic",
            context={"title": title, "body": body},
            url=interview.get_absolute_url(),
            key=f"rectification-due:{interview.pk}:{kind}",
        )
        claim.recipients = len({user.pk for user in recipients})
        claim.save(update_fields=["recipients"])
    result.sent.append(("interview", interview.pk, kind))


def _warning_days() -> int:
    return settings.LIUDONG["DUE_DATE_WARNING_WORKING_DAYS"]
