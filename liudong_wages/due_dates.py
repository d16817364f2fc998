"""The due-date reminders' rule, shared by the jobs that warn of things coming due (DESIGN.md section 5):
supervision tasks (`reporting.services.supervision`) and interviews' rectification reports
(`cases.services.reminders`).

A thing due on a day is warned of from DUE_DATE_WARNING_WORKING_DAYS working days before, and told overdue once
from the day after; only on working days, and a step whose day has passed stays due, so a missed day catches up
once, not in a burst. Each (thing, kind) is sent at most once: the job claims a row of its app's claim model
(unique per thing and kind) before it notifies anyone, in the same transaction; a later step that went out
already (the overdue notice) keeps an earlier one (the warning) from going out after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import workdays


class DueReminder(models.TextChoices):
    BEFORE = "before", _("到期前提醒")
    OVERDUE = "overdue", _("逾期通知")


class ReminderClaim(models.Model):
    """The claim on one reminder, as `claim` writes it: each app's model adds its subject (a foreign key) and a
    unique constraint on (subject, kind)."""

    Kind = DueReminder

    kind = models.CharField(_("类型"), max_length=16, choices=DueReminder.choices)
    due_on = models.DateField(_("到期日"))
    sent_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("接收人数"), default=0)

    class Meta:
        abstract = True
        ordering = ["-sent_at"]


@dataclass
class RunResult:
    # What went out: (subject, pk, kind), e.g. ("task", 7, "before").
    sent: list[tuple[str, int, str]] = field(default_factory=list)
    skipped: int = 0

    def __str__(self) -> str:
        return f"{len(self.sent)} due-date reminders sent, {self.skipped} already sent"

    def add(self, other: RunResult) -> RunResult:
        return RunResult(sent=[*self.sent, *other.sent], skipped=self.skipped + other.skipped)


def warning_days() -> int:
    return settings.LIUDONG["DUE_DATE_WARNING_WORKING_DAYS"]


def due_kind(due_on: dt.date | None, today: dt.date) -> DueReminder | None:
    """The reminder due on `today` for something due on `due_on`: the warning from `warning_days()` working days
    before, the overdue notice from the day after; None before the warning or on a day off."""
    if due_on is None or not workdays.is_working_day(today):
        return None
    if today > due_on:
        return DueReminder.OVERDUE
    if today >= workdays.add_working_days(due_on, -warning_days()):
        return DueReminder.BEFORE
    return None


def claim(model: type[models.Model], *, kind: str, due_on: dt.date, result: RunResult, **subject: Any) -> Any:
    """The claim on one reminder (a new row of `model`, which has `kind`, `due_on` and a unique constraint on its
    subject and kind), or None when it, or the later overdue notice, went out already. Call it inside the
    transaction that sends the reminder."""
    manager = model._default_manager
    later = [DueReminder.OVERDUE] if kind == DueReminder.BEFORE else []
    if later and manager.filter(kind__in=later, **subject).exists():
        result.skipped += 1
        return None
    row, created = manager.get_or_create(kind=kind, **subject, defaults={"due_on": due_on})
    if not created:
        result.skipped += 1
        return None
    return row
