"""The office's figures for a period, computed once for the dashboard, the bulletin and their exports. Just
over 400 lines: the figures' shapes with the one selector that fills them (the counters are in `counters.py`).

`period_figures` is the one selector: cases, interviews, the fund, member-unit reporting, the dishonest list,
projects and inspections, wage-payment monitoring, clues and the running campaign (`watch`), for a period and, for comparison, the period before it and the same period a year
earlier. The dashboard, the bulletin and the lists show the same numbers because they come from here and
because each figure uses the same rule as the list it links to (`Case.objects.open()` is `?status=open`).

Queries are fixed, whatever the data: one row of counters (every model's scalar aggregates joined into one
statement), cases grouped by industry and month, the ledger grouped by kind and month, the reporting
board (the open warnings and the clues are in the row of counters; a running campaign adds its row and its
figures; the bulletin adds five per quarter for the monitoring section). Rows grow with the data, queries do not (the dashboard's budget is 15 for the whole
page).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Aggregate, Count, F, Q, Sum, When
from django.db.models import Case as SqlCase
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _

from cases.models import Campaign, Case, Interview
from enterprises.models import DishonestListing, Enterprise, Project, SiteInspection
from enterprises.selectors import QuarterFigures, projects_most_at_risk
from funds.models import LedgerEntry, LedgerMonth
from liudong_wages import workdays
from liudong_wages.money import MONEY_SUM, ZERO

from .. import definitions
from ..definitions import add_months
from ..periods import Period
from . import watch
from .board import MAX_BOARD_MONTHS, Board, BoardRow, Cell, CellState
from .board import board as reporting_board
from .counters import campaign_counters, in_period, open_alert_counts
from .counters import counters as counters_of

NO_INDUSTRY = "none"


# --- the figures ------------------------------------------------------------------------------------------


@dataclass
class Comparison:
    """One quantity in the period, the period before and the same period a year earlier."""

    current: Any
    previous: Any
    year_ago: Any

    @staticmethod
    def change(now: Any, before: Any) -> float | None:
        if before in (None, 0) or now is None:
            return None
        return float((Decimal(now) - Decimal(before)) / Decimal(before) * 100)

    @property
    def vs_previous(self) -> float | None:
        return self.change(self.current, self.previous)

    @property
    def vs_year_ago(self) -> float | None:
        return self.change(self.current, self.year_ago)


@dataclass
class CaseWindow:
    new: int = 0
    workers: int = 0
    owed: Decimal = ZERO
    closed: int = 0
    recovered: Decimal = ZERO  # paid to the workers of the cases closed in the window
    closed_owed: Decimal = ZERO
    major: int = 0  # new cases flagged major or at risk of a mass incident

    @property
    def recovery_rate(self) -> float | None:
        return float(self.recovered / self.closed_owed * 100) if self.closed_owed else None


@dataclass
class IndustryRow:
    industry: str
    label: str
    windows: list[CaseWindow]


@dataclass
class FundWindow:
    appropriated: Decimal = ZERO
    paid: Decimal = ZERO
    recovered: Decimal = ZERO
    written_off: Decimal = ZERO


@dataclass
class UnitReporting:
    """A member unit's monthly reports in the period: what the bulletin's unit x month table shows."""

    unit_name: str
    report_title: str
    cells: list[Cell]
    on_time: int
    late: int
    missing: int
    due: int
    adhoc_total: int | None

    @property
    def timeliness(self) -> float | None:
        return self.on_time / self.due * 100 if self.due else None


@dataclass
class PeriodFigures:
    period: Period
    previous: Period
    year_ago: Period
    today: dt.date
    windows: list[Period]
    counters: dict[str, Any]
    cases: list[CaseWindow]  # per window; only the period's own without tables (period_figures)
    industries: list[IndustryRow]
    cases_by_month: list[tuple[dt.date, int, int]]  # month, new, closed
    fund: list[FundWindow]  # the same
    fund_by_month: list[tuple[dt.date, Decimal, Decimal]]  # month, paid, recovered
    board: Board
    reporting: list[UnitReporting]
    reporting_this_month: list[tuple[BoardRow, Cell]]
    this_month_period: dt.date
    estimated_years: list[workdays.YearSource]
    # Only with detail=True (the bulletin): the records behind the tables.
    major_cases: list[Case] = field(default_factory=list)
    listing_changes: list[DishonestListing] = field(default_factory=list)
    inspections_with_findings: list[SiteInspection] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    projects_at_risk: list[Project] = field(default_factory=list)
    # Issues 17 and 18 (`watch`): today's open wage-payment warnings, the campaign running today (its
    # figures are in the counters), and with detail=True the monitoring list's figures of each quarter.
    monitoring: dict[str, Any] = field(default_factory=dict)
    campaign: Campaign | None = None
    monitoring_quarters: list[QuarterFigures] = field(default_factory=list)

    def compare(self, name: str) -> Comparison:
        """A counter kept for each window (`name_0`, `name_1`, `name_2`) as a comparison."""
        return Comparison(*(self.counters[f"{name}_{i}"] for i in range(3)))

    def case_compare(self, attribute: str) -> Comparison:
        return Comparison(*(getattr(window, attribute) for window in self.cases))

    @property
    def reports_missing_this_month(self) -> int:
        return sum(1 for _row, cell in self.reporting_this_month if cell.state == CellState.MISSING)

    @property
    def reports_late_this_month(self) -> int:
        return sum(1 for _row, cell in self.reporting_this_month if cell.state == CellState.LATE)


# --- cases by industry and month, the ledger by kind and month ---------------------------------------------


def _case_groups(windows: list[Period]) -> tuple[list[CaseWindow], list[IndustryRow], list]:
    """Cases received and cases closed in each window, by industry, and by month in the current window.

    Two grouped queries, one per date: the cases received in the windows (through the received_on index)
    and the cases closed in them (through case_closed_idx), each summing only its own figures."""
    received_any, closed_any = Q(), Q()
    received_aggregates: dict[str, Aggregate] = {}
    closed_aggregates: dict[str, Aggregate] = {}
    for i, window in enumerate(windows):
        new, closed = in_period("received_on", window), in_period("closed_on", window)
        received_any |= new
        closed_any |= closed
        received_aggregates |= {
            f"new_{i}": Count("pk", filter=new),
            f"workers_{i}": Sum("worker_count", filter=new),
            f"owed_{i}": Sum("total_owed", filter=new),
            f"major_{i}": Count("pk", filter=new & (Q(is_major=True) | Q(mass_incident_risk=True))),
        }
        closed_aggregates |= {
            f"closed_{i}": Count("pk", filter=closed),
            f"recovered_{i}": Sum("total_paid", filter=closed),
            f"closed_owed_{i}": Sum("total_owed", filter=closed),
        }
    received_rows = (
        Case.objects.exclude(status=Case.Status.VOIDED)
        .filter(received_any)
        .annotate(month=TruncMonth("received_on"))
        .values("industry", "month")
        .annotate(**received_aggregates)
        .order_by()
    )
    closed_rows = (
        Case.objects.filter(closed_any, status=Case.Status.CLOSED)
        .annotate(month=TruncMonth("closed_on"))
        .values("industry", "month")
        .annotate(**closed_aggregates)
        .order_by()
    )
    totals = [CaseWindow() for _window in windows]
    by_industry: dict[str, list[CaseWindow]] = {}
    by_month: dict[str, dict[dt.date, int]] = {"new": defaultdict(int), "closed": defaultdict(int)}
    fields = {
        "new": (("new", 0), ("workers", 0), ("owed", ZERO), ("major", 0)),
        "closed": (("closed", 0), ("recovered", ZERO), ("closed_owed", ZERO)),
    }
    for kind, rows in (("new", received_rows), ("closed", closed_rows)):
        for row in rows:
            industry = row["industry"] or NO_INDUSTRY
            windows_of_industry = by_industry.setdefault(industry, [CaseWindow() for _window in windows])
            for i in range(len(windows)):
                for target in (totals[i], windows_of_industry[i]):
                    for name, zero in fields[kind]:
                        setattr(target, name, getattr(target, name) + (row[f"{name}_{i}"] or zero))
            by_month[kind][row["month"]] += row[f"{kind}_0"]
    labels = dict(Enterprise.Industry.choices)
    industries = [
        IndustryRow(code, str(labels.get(code, _("未填写行业"))), by_industry[code])
        for code in [*Enterprise.Industry.values, NO_INDUSTRY]
        if code in by_industry and any(w.new or w.closed for w in by_industry[code])
    ]
    months = [(m, by_month["new"][m], by_month["closed"][m]) for m in windows[0].months()]
    return totals, industries, months


def _whole_months(period: Period) -> bool:
    return period.start.day == 1 and (period.end + dt.timedelta(days=1)).day == 1


def _fund_groups(windows: list[Period]) -> tuple[list[FundWindow], list]:
    """The fund's movements by kind in each window, and by month in the current one. A reversal counts
    against the kind it reverses (as funds.selectors.totals_by_kind does)."""
    Kind = LedgerEntry.Kind
    if all(_whole_months(window) for window in windows):
        # Months, quarters and years: the ledger's month sums hold these figures already.
        span = Q()
        for window in windows:
            span |= in_period("month", window)
        rows = (
            LedgerMonth.objects.filter(span)
            .values("month", base_kind=F("kind"))
            .annotate(
                **{
                    f"amount_{i}": Sum("amount", filter=in_period("month", window))
                    for i, window in enumerate(windows)
                }
            )
            .order_by()
        )
    else:
        span = Q()
        for window in windows:
            span |= in_period("entry_date", window)
        signed = SqlCase(
            When(kind=Kind.REVERSAL, then=-F("amount")), default=F("amount"), output_field=MONEY_SUM
        )
        rows = (
            LedgerEntry.objects.filter(span)
            .annotate(base_kind=Coalesce("reverses__kind", "kind"), month=TruncMonth("entry_date"))
            .values("base_kind", "month")
            .annotate(
                **{
                    f"amount_{i}": Sum(signed, filter=in_period("entry_date", window), output_field=MONEY_SUM)
                    for i, window in enumerate(windows)
                }
            )
            .order_by()
        )
    attribute = {
        Kind.APPROPRIATION: "appropriated",
        Kind.ADVANCE_PAYMENT: "paid",
        Kind.RECOVERY: "recovered",
        Kind.WRITE_OFF: "written_off",
    }
    totals = [FundWindow() for _window in windows]
    paid_by_month: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
    recovered_by_month: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        name = attribute.get(row["base_kind"])
        if name is None:
            continue
        for i in range(len(windows)):
            amount = row[f"amount_{i}"] or ZERO
            setattr(totals[i], name, getattr(totals[i], name) + amount)
        if name == "paid":
            paid_by_month[row["month"]] += row["amount_0"] or ZERO
        elif name == "recovered":
            recovered_by_month[row["month"]] += row["amount_0"] or ZERO
    months = [(m, paid_by_month[m], recovered_by_month[m]) for m in windows[0].months()]
    return totals, months


# --- member-unit reporting --------------------------------------------------------------------------------


def _reporting(period: Period, today: dt.date) -> tuple[Board, list[UnitReporting], list, dt.date]:
    """The board over the period's months and the month whose reports fall due this month: one board when
    the two are near each other (the usual case), two for a distant period."""
    this_month_period = add_months(today.replace(day=1), -1)
    months = period.months()[:MAX_BOARD_MONTHS]
    start = min(months[0], this_month_period)
    end = max(months[-1], this_month_period)
    if len(definitions.months_between(start, end)) <= MAX_BOARD_MONTHS:
        board = current = reporting_board(start=start, end=end, today=today)
    else:
        board = reporting_board(start=months[0], end=months[-1], today=today)
        current = reporting_board(start=this_month_period, end=this_month_period, today=today)
    wanted = set(months)
    rows = []
    for row in board.rows:
        cells = [cell for cell in row.cells if cell.period in wanted]
        periodic = row.definition.is_periodic
        rows.append(
            UnitReporting(
                unit_name=row.unit.short_name,
                report_title=str(row.definition.title),
                cells=cells,
                on_time=sum(1 for c in cells if c.state == CellState.ON_TIME),
                late=sum(1 for c in cells if c.state == CellState.LATE),
                missing=sum(1 for c in cells if c.state == CellState.MISSING),
                due=sum(1 for c in cells if c.state not in (CellState.NOT_DUE, CellState.AD_HOC)),
                adhoc_total=None if periodic else sum(c.count or 0 for c in cells),
            )
        )
    this_month = [
        (row, cell)
        for row in current.rows
        if row.definition.is_periodic
        for cell in row.cells
        if cell.period == this_month_period
    ]
    return board, rows, this_month, this_month_period


# --- the selector -----------------------------------------------------------------------------------------


def period_figures(
    period: Period, *, today: dt.date, detail: bool = False, tables: bool = True
) -> PeriodFigures:
    """Every figure of `period`, with the period before and the same period a year earlier.

    `detail` adds the records the bulletin lists (major cases, listing changes, inspections with findings,
    interviews, the projects most at risk); the dashboard leaves them out to keep its query budget.
    `tables=False` leaves out what only the tables of the bulletin and of the exports show: the counts per
    window (interviews, the dishonest list, inspections, petitions, police warnings, projects started) and
    the cases and the fund of the period before and a year earlier. The dashboard's page shows its cards
    (today's state, with the comparisons the counters carry) and its charts (the period) without them.
    """
    windows = [period, period.previous(), period.year_ago()]
    counters = counters_of(windows, today, tables=tables)
    # A campaign's figures depend on its scope: two more statements, only while one runs.
    campaign = watch.running_campaign(today) if counters["campaigns_running"] else None
    if campaign is not None:
        counters |= campaign_counters(campaign)
    # The cases and the fund grouped per window: the tables compare the three, the page shows the period.
    grouped = windows if tables else windows[:1]
    cases, industries, cases_by_month = _case_groups(grouped)
    fund, fund_by_month = _fund_groups(grouped)
    board, reporting, this_month, this_month_period = _reporting(period, today)
    figures = PeriodFigures(
        period=period,
        previous=windows[1],
        year_ago=windows[2],
        today=today,
        windows=windows,
        counters=counters,
        cases=cases,
        industries=industries,
        cases_by_month=cases_by_month,
        fund=fund,
        fund_by_month=fund_by_month,
        board=board,
        reporting=reporting,
        reporting_this_month=this_month,
        this_month_period=this_month_period,
        estimated_years=workdays.estimated_years(today),
        monitoring=open_alert_counts(counters),
        campaign=campaign,
    )
    if detail:
        figures.major_cases = list(
            Case.objects.exclude(status=Case.Status.VOIDED)
            .filter(in_period("received_on", period) & (Q(is_major=True) | Q(mass_incident_risk=True)))
            .select_related("enterprise", "project")
            .order_by("received_on", "pk")
        )
        figures.listing_changes = list(
            DishonestListing.objects.filter(
                in_period("decided_on", period)
                | in_period("removed_on", period)
                | in_period("listed_until", period)
            )
            .exclude(status__in=[DishonestListing.Status.PROPOSED, DishonestListing.Status.WITHDRAWN])
            .select_related("enterprise")
            .order_by("decided_on", "pk")
        )
        figures.inspections_with_findings = list(
            SiteInspection.objects.filter(in_period("inspected_on", period))
            .exclude(finding_status=SiteInspection.FindingStatus.NONE)
            .select_related("enterprise", "project")
            .order_by("inspected_on", "pk")
        )
        figures.interviews = list(
            Interview.objects.filter(in_period("notice_date", period))
            .exclude(status=Interview.Status.CANCELLED)
            .select_related("enterprise")
            .order_by("notice_date", "pk")
        )
        figures.projects_at_risk = projects_most_at_risk(Project.objects.all(), limit=10)
        figures.monitoring_quarters = watch.monitoring_quarters(windows)
    return figures
