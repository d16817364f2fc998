"""The legal deadlines of a case, computed from its event log and the working-day calendar.

劳动保障监察条例 art. 17 and 关于实施《劳动保障监察条例》若干规定 art. 18:
- a complaint is decided on (filed or not) within 5 working days of its receipt;
- an investigation is finished within 60 working days of filing, extendable once by 30 working days with the
  approval of the head of the department (recorded on the extension event).
"Within N working days of" a date counts from the next working day: the deadline is the N-th working day after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from liudong_wages import workdays

from .models import Case, CaseEvent

Kind = CaseEvent.Kind


@dataclass(frozen=True)
class Deadline:
    kind: str  # Case.DeadlineKind
    started_on: dt.date
    due: dt.date
    met_on: dt.date | None
    extended: bool
    # The calendar of a year on the way has no official schedule yet: the date may move.
    estimated: bool

    @property
    def label(self) -> str:
        return str(Case.DeadlineKind(self.kind).label)

    @property
    def is_met(self) -> bool:
        return self.met_on is not None

    def days_left(self, on: dt.date | None = None) -> int:
        """Working days from `on` (today) to the deadline: 0 on the day itself, negative once passed."""
        return workdays.working_days_between(on or timezone.localdate(), self.due)

    def is_overdue(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        if self.met_on is not None:
            return self.met_on > self.due
        return on > self.due

    def state(self, on: dt.date | None = None) -> str:
        """ "met", "late" (met after the due date), "overdue", "near" or "ok"."""
        on = on or timezone.localdate()
        if self.met_on is not None:
            return "late" if self.met_on > self.due else "met"
        if on > self.due:
            return "overdue"
        if self.days_left(on) <= settings.LIUDONG["CASE_DEADLINE_WARNING_WORKING_DAYS"]:
            return "near"
        return "ok"


def _estimated(start: dt.date, end: dt.date) -> bool:
    return any(workdays.year_source(year).estimated for year in range(start.year, end.year + 1))


def compute(events: Iterable[CaseEvent]) -> list[Deadline]:
    """The deadlines that apply to a case with these events, in order (filing, then investigation)."""
    limits = settings.LIUDONG
    first: dict[str, CaseEvent] = {}
    for event in sorted(events, key=lambda e: (e.on, e.at, e.pk or 0)):
        first.setdefault(event.kind, event)
    result = []
    received = first.get(Kind.RECEIVED)
    if received is not None:
        due = workdays.add_working_days(received.on, limits["CASE_FILING_DECISION_WORKING_DAYS"])
        decided = first.get(Kind.FILED) or first.get(Kind.NOT_FILED)
        result.append(
            Deadline(
                kind=Case.DeadlineKind.FILING,
                started_on=received.on,
                due=due,
                met_on=decided.on if decided else None,
                extended=False,
                estimated=_estimated(received.on, due),
            )
        )
    filed = first.get(Kind.FILED)
    if filed is not None:
        days = limits["CASE_INVESTIGATION_WORKING_DAYS"]
        extended = Kind.EXTENDED in first
        if extended:
            days += limits["CASE_EXTENSION_WORKING_DAYS"]
        due = workdays.add_working_days(filed.on, days)
        closed = first.get(Kind.CLOSED)
        result.append(
            Deadline(
                kind=Case.DeadlineKind.INVESTIGATION,
                started_on=filed.on,
                due=due,
                met_on=closed.on if closed else None,
                extended=extended,
                estimated=_estimated(filed.on, due),
            )
        )
    return result


def current(events: Iterable[CaseEvent]) -> Deadline | None:
    """The deadline the case is running against now: the first one not yet met (none once decided/closed)."""
    events = list(events)
    if any(e.kind == Kind.VOIDED for e in events):
        return None
    for deadline in compute(events):
        if not deadline.is_met:
            return deadline
    return None
