"""Reads of member-unit reports: the board (units x months) and its rates, for the page, the export, the
dashboard and the bulletin. The board costs a fixed number of queries whatever the units and months."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.selectors import adhoc_report_counts
from liudong_wages.models import MemberUnit, choice_labels
from liudong_wages.tables import UrlFor, text

from .. import definitions
from ..definitions import ReportDefinition, add_months, months_between
from ..models import Report

MAX_BOARD_MONTHS = 36

# The hook for ad hoc reports recorded in other apps (police warnings and petitions live in `cases`):
# an AppConfig may define this method, returning {(unit code, first day of a month): count} for the months
# from `start` to `end` (first days, both included). The reporting app imports nothing to ask it.


class CellState:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    RETURNED = "returned"
    NOT_DUE = "not_due"
    AD_HOC = "ad_hoc"

    LABELS = {
        ON_TIME: _("按时"),
        LATE: _("逾期"),
        MISSING: _("未报"),
        RETURNED: _("退回"),
        NOT_DUE: _("未到期"),
        AD_HOC: _("随时报送"),
    }
    CSS = {
        ON_TIME: "success",
        LATE: "warning",
        MISSING: "danger",
        RETURNED: "info",
        NOT_DUE: "light",
        AD_HOC: "light",
    }


@dataclass
class Cell:
    period: dt.date
    state: str
    report_id: int | None = None
    deadline: dt.date | None = None
    count: int | None = None  # ad hoc reports counted by the providing app

    @property
    def label(self) -> str:
        if self.count is not None:
            return str(self.count)
        return str(CellState.LABELS[self.state])

    @property
    def css(self) -> str:
        return CellState.CSS[self.state]


@dataclass
class BoardRow:
    unit: MemberUnit
    definition: ReportDefinition
    cells: list[Cell] = field(default_factory=list)

    @property
    def due(self) -> int:
        """Periods whose deadline has passed, or that were reported early: the denominator of the rates."""
        return sum(1 for c in self.cells if c.state not in (CellState.NOT_DUE, CellState.AD_HOC))

    @property
    def submitted(self) -> int:
        return sum(
            1 for c in self.cells if c.state in (CellState.ON_TIME, CellState.LATE, CellState.RETURNED)
        )

    @property
    def on_time(self) -> int:
        return sum(1 for c in self.cells if c.state == CellState.ON_TIME)

    @property
    def completeness(self) -> float | None:
        return self.submitted / self.due if self.due else None

    @property
    def timeliness(self) -> float | None:
        return self.on_time / self.due if self.due else None

    @property
    def adhoc_total(self) -> int | None:
        counts = [c.count for c in self.cells if c.count is not None]
        return sum(counts) if counts else None


@dataclass
class Board:
    months: list[dt.date]
    rows: list[BoardRow]
    today: dt.date


def adhoc_counts(start: dt.date, end: dt.date) -> dict[tuple[str, dt.date], int]:
    """{(unit code, first day of month): count} of the ad hoc reports recorded in `cases` (police early
    warnings, petitions passed on by the stability office) in the months from `start` to `end`."""
    last_day = add_months(end, 1) - dt.timedelta(days=1)
    return {
        (unit, dt.date(year, month, 1)): count
        for (unit, year, month), count in adhoc_report_counts(start, last_day).items()
    }


def cell_for(report: Mapping | None, definition: ReportDefinition, period: dt.date, today: dt.date) -> Cell:
    deadline = definition.deadline(period)
    if report is not None and report["first_submitted_at"] is not None:
        if report["status"] == Report.Status.RETURNED:
            state = CellState.RETURNED
        else:
            on_time = timezone.localdate(report["first_submitted_at"]) <= deadline
            state = CellState.ON_TIME if on_time else CellState.LATE
        return Cell(period, state, report["id"], deadline)
    state = CellState.NOT_DUE if today <= deadline else CellState.MISSING
    return Cell(period, state, report["id"] if report else None, deadline)


def board(*, start: dt.date, end: dt.date, today: dt.date) -> Board:
    """Units x months from `start` to `end`. Queries: the units, the reports of the range, the calendar's
    entries for each year touched (cached), and whatever each ad hoc provider runs."""
    months = months_between(start, end)[:MAX_BOARD_MONTHS]
    units = {unit.code: unit for unit in MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER)}
    monthly = [d for d in definitions.DEFINITIONS if d.cadence == definitions.Cadence.MONTHLY]
    ad_hoc = [d for d in definitions.DEFINITIONS if d.cadence == definitions.Cadence.AD_HOC]
    reports = {
        (r["unit__code"], r["report_type"], r["period"]): r
        for r in Report.objects.filter(
            report_type__in=[d.code for d in monthly], period__gte=months[0], period__lte=months[-1]
        ).values("id", "unit__code", "report_type", "period", "status", "first_submitted_at")
    }
    counts = adhoc_counts(months[0], months[-1])
    rows = []
    for definition in [*monthly, *ad_hoc]:
        unit = units.get(definition.unit_code)
        if unit is None:
            continue
        row = BoardRow(unit=unit, definition=definition)
        for period in months:
            if definition.cadence == definitions.Cadence.AD_HOC:
                count = counts.get((unit.code, period), 0)
                row.cells.append(Cell(period, CellState.AD_HOC, count=count))
            else:
                report = reports.get((unit.code, definition.code, period))
                row.cells.append(cell_for(report, definition, period, today))
        rows.append(row)
    rows.sort(key=lambda row: (row.unit.sort_order, row.unit.code))
    return Board(months=months, rows=rows, today=today)


def reports_for_list(queryset: QuerySet[Report]) -> QuerySet[Report]:
    """The report list's order, newest period first (the page and its export read the same; the filters are
    `reporting.filters.ReportFilter`)."""
    return queryset.select_related("unit").order_by("-period", "unit__sort_order", "report_type")


_report_url = UrlFor("reporting:detail")


def report_rows(reports: Iterable[Report]) -> list[dict[str, Any]]:
    """The report list's rows: what it shows of each report, as the Report computes it (`period_label`,
    `deadline`, `on_time`), each type and period's deadline and label worked out once for the page (a deadline
    walks the working-day calendar, and `on_time` walked it again: 150 walks a page)."""
    periods: dict[tuple[str, dt.date], tuple[str, dt.date, str]] = {}
    # The labels in the request's language, translated once for the page rather than once a row.
    statuses = {value: str(label) for value, label in choice_labels(Report._meta.get_field("status")).items()}
    url = _report_url.bind()
    zone = timezone.get_current_timezone()
    rows = []
    for report in reports:
        key = (report.report_type, report.period)
        if key not in periods:
            definition = report.definition
            periods[key] = (
                text(definition.title),
                definition.deadline(report.period),
                definition.period_label(report.period),
            )
        title, deadline, period_label = periods[key]
        submitted = report.first_submitted_at
        rows.append(
            {
                "pk": report.pk,
                "get_absolute_url": url(report.pk),
                "unit": report.unit.short_name,
                "title": title,
                "period_label": period_label,
                "status": report.status,
                "get_status_display": statuses.get(report.status, report.status),
                "deadline": deadline,
                "first_submitted_at": submitted,
                "on_time": None if submitted is None else timezone.localdate(submitted, zone) <= deadline,
            }
        )
    return rows
