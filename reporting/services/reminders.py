"""The daily reminder job (DESIGN.md sections 4 and 5): reminders before each deadline, the overdue notice
and the director's summary, each (unit, report type, period, kind) sent at most once.

For every periodic report type and each recent period, the job works out which reminder is due *today*:
the latest one whose day has come. So after days of downtime it sends that one reminder once, not the ones it
missed. It first claims the reminder by inserting a `ReminderSent` row (unique on unit, type, period, kind) and
notifies in the same transaction: a second run, or a second worker at the same moment, finds the claim taken
(or waits on the other's insert, then finds it) and sends nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from liudong_wages import notifications, workdays
from liudong_wages.models import MemberUnit, User
from liudong_wages.roles import Role

from .. import definitions
from ..definitions import ReportDefinition, add_months
from ..models import ReminderSent, Report

logger = logging.getLogger(__name__)

OVERDUE = ReminderSent.Kind.OVERDUE
SUMMARY = ReminderSent.Kind.SUMMARY
# How far back the job looks for a period still owing a reminder: the overdue notice of period M falls in
# M+1, so two periods also cover a job that was down across a month's end.
LOOKBACK_PERIODS = 2


@dataclass(frozen=True)
class Step:
    kind: str
    day: dt.date
    working_days_left: int  # before the deadline; -1 for the overdue notice


@dataclass
class RunResult:
    sent: list[tuple[str, str, dt.date, str]] = field(default_factory=list)  # (unit, type, period, kind)
    skipped: int = 0

    def __str__(self) -> str:
        return f"{len(self.sent)} reminders sent, {self.skipped} already sent"


def schedule(definition: ReportDefinition, period: dt.date) -> list[Step]:
    """The reminders of one period, in order: one per offset in settings, then the overdue notice."""
    deadline = definition.deadline(period)
    offsets = sorted(set(settings.LIUDONG["REPORT_REMINDER_OFFSETS"]), reverse=True)
    steps = [
        Step(ReminderSent.kind_for_offset(offset), workdays.add_working_days(deadline, -offset), offset)
        for offset in offsets
    ]
    steps.append(Step(OVERDUE, workdays.add_working_days(deadline, 1), -1))
    return steps


def due_step(definition: ReportDefinition, period: dt.date, today: dt.date) -> Step | None:
    """The latest reminder whose day has come, or None before the first one.

    Reminders go out on working days only (nobody reads them on a holiday); a step whose day has passed
    stays due until a later step's day comes, which is what makes a missed day catch up once.
    """
    if not workdays.is_working_day(today) or today > definition.lock_date(period):
        # After the lock the unit can no longer submit by itself: the office follows up, not the job.
        return None
    current = None
    for step in schedule(definition, period):
        if step.day <= today:
            current = step
    return current


def reminders_send(*, today: dt.date) -> RunResult:
    """Send what is due on `today`. Safe to run any number of times, from any number of workers."""
    result = RunResult()
    units = {unit.code: unit for unit in MemberUnit.objects.all()}
    summary_due: dict[dt.date, list[tuple[ReportDefinition, dt.date]]] = {}
    for definition in definitions.periodic():
        unit = units.get(definition.unit_code)
        if unit is None:
            continue
        latest = definition.period_start(today)
        for back in range(1, LOOKBACK_PERIODS + 1):
            period = add_months(
                latest, -back * (3 if definition.cadence == definitions.Cadence.QUARTERLY else 1)
            )
            step = due_step(definition, period, today)
            if step is None:
                continue
            if step.kind == OVERDUE:
                summary_due.setdefault(period, []).append((definition, period))
            _remind_unit(definition=definition, unit=unit, period=period, step=step, result=result)
    for period, items in summary_due.items():
        _summarise(period=period, items=items, units=units, result=result)
    if result.sent:
        logger.info("Report reminders for %s: %s", today, result)
    return result


def _already_reported(unit: MemberUnit, definition: ReportDefinition, period: dt.date) -> bool:
    return Report.objects.filter(unit=unit, report_type=definition.code, period=period).submitted().exists()


def _liaisons(unit: MemberUnit) -> list[User]:
    people = list(User.objects.filter(unit=unit, is_active=True, groups__name=Role.LIAISON).distinct())
    # A unit whose liaison has not been given the role yet still hears from us.
    return people or list(User.objects.filter(unit=unit, is_active=True))


def _remind_unit(
    *, definition: ReportDefinition, unit: MemberUnit, period: dt.date, step: Step, result: RunResult
) -> None:
    if _already_reported(unit, definition, period):
        return
    later = _kinds_after(definition, period, step.kind)
    with transaction.atomic():
        if ReminderSent.objects.filter(
            unit=unit, report_type=definition.code, period=period, kind__in=later
        ).exists():
            result.skipped += 1  # a later reminder went out already (the clock is never turned back)
            return
        claim, created = ReminderSent.objects.get_or_create(
            unit=unit,
            report_type=definition.code,
            period=period,
            kind=step.kind,
            defaults={"deadline": definition.deadline(period)},
        )
        if not created:
            result.skipped += 1
            return
        recipients = _liaisons(unit)
        url = reverse("reporting:start", args=[definition.code, period.strftime("%Y-%m")])
        context = {
            "unit": unit,
            "title": definition.title,
            "period_label": definition.period_label(period),
            "deadline": definition.deadline(period),
            "lock_date": definition.lock_date(period),
            "working_days_left": step.working_days_left,
            "overdue": step.kind == OVERDUE,
            "content": definition.content,
        }
        notifications.notify(
            recipients=recipients,
            kind="report_overdue" if step.kind == OVERDUE else "report_reminder",
            template="report_overdue" if step.kind == OVERDUE else "report_reminder",
            context=context,
            url=url,
            key=f"report-reminder:{unit.code}:{definition.code}:{period:%Y-%m}:{step.kind}",
        )
        claim.recipients = len(recipients)
        claim.save(update_fields=["recipients"])
    result.sent.append((unit.code, definition.code, period, step.kind))


def _kinds_after(definition: ReportDefinition, period: dt.date, kind: str) -> list[str]:
    kinds = [step.kind for step in schedule(definition, period)]
    return kinds[kinds.index(kind) + 1 :]


def _summarise(
    *,
    period: dt.date,
    items: list[tuple[ReportDefinition, dt.date]],
    units: dict[str, MemberUnit],
    result: RunResult,
) -> None:
    """One summary per period to the office director: who is late, who reported on time."""
    office = next((unit for unit in units.values() if unit.is_office), None)
    if office is None:
        return
    reports = {
        r.report_type: r
        for r in Report.objects.filter(period=period, report_type__in=[d.code for d, _p in items])
    }
    rows = []
    for definition, _period in items:
        report = reports.get(definition.code)
        if report is None or report.first_submitted_at is None:
            state = _("未报送")
        elif report.on_time:
            state = _("按时报送")
        else:
            state = _("逾期报送")
        rows.append({"unit": units[definition.unit_code], "title": definition.title, "state": state})
    missing = [row for row in rows if row["state"] == _("未报送")]
    with transaction.atomic():
        claim, created = ReminderSent.objects.get_or_create(
            unit=office,
            report_type="",
            period=period,
            kind=SUMMARY,
            defaults={"deadline": items[0][0].deadline(period)},
        )
        if not created:
            result.skipped += 1
            return
        directors = list(User.objects.filter(is_active=True, groups__name=Role.DIRECTOR).distinct())
        notifications.notify(
            recipients=directors,
            kind="report_summary",
            template="report_summary",
            context={
                "period_label": _("%(year)d年%(month)d月") % {"year": period.year, "month": period.month},
                "deadline": items[0][0].deadline(period),
                "rows": rows,
                "missing": missing,
            },
            url=reverse("reporting:board") + f"?start={period:%Y-%m}&end={period:%Y-%m}",
            key=f"report-summary:{period:%Y-%m}",
        )
        claim.recipients = len(directors)
        claim.save(update_fields=["recipients"])
    result.sent.append((office.code, "", period, SUMMARY))
