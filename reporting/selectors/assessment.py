"""The yearly assessment of member units (督查考核, 实施方案 三(一): 狠抓工作落实，强化督查考核).

Per unit for one year: its monthly reports on time, late, missing and returned (the very cells of the
reporting board, `selectors.board`), its supervision tasks due that year (done on time, done late, still open
and overdue), and the restriction measures on dishonest enterprises it recorded or still owes. The same rows
feed the page, the PDF and the Excel export (a renderer takes rows, never a queryset).

Queries: the board's (units, reports, ad hoc counts, calendar), one aggregate of the tasks and one of the
measures, whatever the number of units, tasks and measures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from enterprises.models import RestrictionMeasure
from liudong_wages.models import MemberUnit

from ..models import SupervisionTask
from .board import CellState
from .board import board as reporting_board

Status = SupervisionTask.Status


@dataclass
class UnitAssessment:
    unit: MemberUnit
    reports_on_time: int = 0
    reports_late: int = 0
    reports_missing: int = 0
    reports_returned: int = 0
    tasks_total: int = 0
    tasks_on_time: int = 0
    tasks_late: int = 0
    tasks_overdue: int = 0  # not done and past the due date
    measures_recorded: int = 0
    measures_pending: int = 0  # asked of the unit and still not recorded, as of today

    @property
    def reports_due(self) -> int:
        return self.reports_on_time + self.reports_late + self.reports_missing + self.reports_returned

    @property
    def timeliness(self) -> float | None:
        return self.reports_on_time / self.reports_due if self.reports_due else None

    @property
    def tasks_on_time_rate(self) -> float | None:
        return self.tasks_on_time / self.tasks_total if self.tasks_total else None


@dataclass
class Assessment:
    year: int
    today: dt.date
    rows: list[UnitAssessment] = field(default_factory=list)


def assessment(*, year: int, today: dt.date) -> Assessment:
    """Every member unit's figures for `year`, as they stand on `today`."""
    units = list(MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER))
    rows = {unit.pk: UnitAssessment(unit=unit) for unit in units}
    board = reporting_board(start=dt.date(year, 1, 1), end=dt.date(year, 12, 1), today=today)
    for board_row in board.rows:
        row = rows.get(board_row.unit.pk)
        if row is None:
            continue
        for cell in board_row.cells:
            if cell.state == CellState.ON_TIME:
                row.reports_on_time += 1
            elif cell.state == CellState.LATE:
                row.reports_late += 1
            elif cell.state == CellState.MISSING:
                row.reports_missing += 1
            elif cell.state == CellState.RETURNED:
                row.reports_returned += 1
    # The day a report was made counts in Beijing time (USE_TZ: TruncDate uses the current time zone).
    reported_on = TruncDate("reported_at")
    tasks = (
        SupervisionTask.objects.filter(due_on__year=year, unit__in=rows.keys())
        .values("unit")
        .annotate(
            total=Count("pk"),
            on_time=Count("pk", filter=Q(status=Status.ACCEPTED) & Q(due_on__gte=reported_on)),
            late=Count("pk", filter=Q(status=Status.ACCEPTED) & Q(due_on__lt=reported_on)),
            overdue=Count("pk", filter=Q(status__in=[Status.OPEN, Status.RETURNED], due_on__lt=today)),
        )
        .order_by()
    )
    for entry in tasks:
        row = rows[entry["unit"]]
        row.tasks_total, row.tasks_on_time = entry["total"], entry["on_time"]
        row.tasks_late, row.tasks_overdue = entry["late"], entry["overdue"]
    measures = (
        RestrictionMeasure.objects.filter(unit__in=rows.keys())
        .filter(
            Q(status=RestrictionMeasure.Status.RECORDED, taken_on__year=year)
            | Q(status=RestrictionMeasure.Status.PENDING)
        )
        .values("unit")
        .annotate(
            recorded=Count("pk", filter=Q(status=RestrictionMeasure.Status.RECORDED)),
            pending=Count("pk", filter=Q(status=RestrictionMeasure.Status.PENDING)),
        )
        .order_by()
    )
    for entry in measures:
        row = rows[entry["unit"]]
        row.measures_recorded, row.measures_pending = entry["recorded"], entry["pending"]
    return Assessment(year=year, today=today, rows=list(rows.values()))
