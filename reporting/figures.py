"""The office's figures for a period, computed once for the dashboard, the bulletin and their exports.

`period_figures` is the one selector: cases, interviews, the fund, member-unit reporting, the dishonest list,
projects and inspections, for a period and, for comparison, the period before it and the same period a year
earlier. The dashboard, the bulletin and the lists show the same numbers because they come from here and
because each figure uses the same rule as the list it links to (`Case.objects.open()` is `?status=open`).

Queries are fixed, whatever the data: one row of counters (every model's scalar aggregates joined into one
statement), cases grouped by industry and month, the ledger grouped by kind and month, and the reporting
board. Rows grow with the data, queries do not (the dashboard's budget is 15 for the whole page).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Case as SqlCase
from django.db.models import Count, DecimalField, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case, Interview, JointHandling, Petition, PoliceWarning
from enterprises.models import DishonestListing, Enterprise, Project, SiteInspection
from enterprises.rules import RANK
from enterprises.selectors import projects_most_at_risk
from funds import selectors as fund_selectors
from funds.models import AdvanceApplication, LedgerEntry, LedgerMonth
from liudong_wages import workdays

from . import definitions, selectors
from .definitions import add_months
from .models import Report, SupervisionTask

ZERO = Decimal("0.00")
_MONEY = DecimalField(max_digits=16, decimal_places=2)
NO_INDUSTRY = "none"
TODAY_FEED_DAYS = 7  # police warnings and petitions of the last week show in the "Today" panel
TODAY_FEED_LIMIT = 30


# --- periods ------------------------------------------------------------------------------------------------


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"

    CHOICES = [
        (MONTH, gettext_lazy("月")),
        (QUARTER, gettext_lazy("季度")),
        (YEAR, gettext_lazy("年")),
        (CUSTOM, gettext_lazy("自定义")),
    ]


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # included
    kind: str = PeriodKind.CUSTOM

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        start = dt.date(year, month, 1)
        return cls(start, add_months(start, 1) - dt.timedelta(days=1), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        start = dt.date(year, 3 * quarter - 2, 1)
        return cls(start, add_months(start, 3) - dt.timedelta(days=1), PeriodKind.QUARTER)

    @classmethod
    def year_of(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def containing(cls, kind: str, day: dt.date) -> Period:
        if kind == PeriodKind.MONTH:
            return cls.month(day.year, day.month)
        if kind == PeriodKind.YEAR:
            return cls.year_of(day.year)
        return cls.quarter(day.year, (day.month - 1) // 3 + 1)

    @property
    def quarter_number(self) -> int:
        return (self.start.month - 1) // 3 + 1

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return _("%(year)d年%(month)d月") % {"year": self.start.year, "month": self.start.month}
        if self.kind == PeriodKind.QUARTER:
            return _("%(year)d年第%(q)d季度") % {"year": self.start.year, "q": self.quarter_number}
        if self.kind == PeriodKind.YEAR:
            return _("%(year)d年") % {"year": self.start.year}
        return _("%(start)s至%(end)s") % {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period just before: last month, last quarter, last year, or as many days before."""
        if self.kind == PeriodKind.MONTH:
            return Period.containing(self.kind, self.start - dt.timedelta(days=1))
        if self.kind == PeriodKind.QUARTER:
            return Period.containing(self.kind, self.start - dt.timedelta(days=1))
        if self.kind == PeriodKind.YEAR:
            return Period.year_of(self.start.year - 1)
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end, PeriodKind.CUSTOM)

    def year_ago(self) -> Period:
        if self.kind == PeriodKind.CUSTOM:
            return Period(_shift_year(self.start, -1), _shift_year(self.end, -1), self.kind)
        return Period.containing(self.kind, _shift_year(self.start, -1))

    def months(self) -> list[dt.date]:
        return definitions.months_between(self.start.replace(day=1), self.end.replace(day=1))

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def _in(field_name: str, period: Period) -> Q:
    return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lte": period.end})


def _interviews_in(windows: list[Period]) -> Q:
    """The interviews the counters look at: awaiting their report, or with a date in one of the windows."""
    awaiting = Q(status=Interview.Status.HELD)
    if not windows:
        return awaiting
    first = min(window.start for window in windows)
    first_moment = dt.datetime.combine(first, dt.time.min, tzinfo=timezone.get_current_timezone())
    return (
        awaiting
        | Q(notice_date__gte=first)
        | Q(held_at__gte=first_moment)
        | Q(report_received_on__gte=first)
        | Q(penalty_decided_on__gte=first)
    )


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
    cells: list[selectors.Cell]
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
    board: selectors.Board
    reporting: list[UnitReporting]
    reporting_this_month: list[tuple[selectors.BoardRow, selectors.Cell]]
    this_month_period: dt.date
    estimated_years: list[workdays.YearSource]
    # Only with detail=True (the bulletin): the records behind the tables.
    major_cases: list[Case] = field(default_factory=list)
    listing_changes: list[DishonestListing] = field(default_factory=list)
    inspections_with_findings: list[SiteInspection] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    projects_at_risk: list[Project] = field(default_factory=list)

    def compare(self, name: str) -> Comparison:
        """A counter kept for each window (`name_0`, `name_1`, `name_2`) as a comparison."""
        return Comparison(*(self.counters[f"{name}_{i}"] for i in range(3)))

    def case_compare(self, attribute: str) -> Comparison:
        return Comparison(*(getattr(window, attribute) for window in self.cases))

    def fund_compare(self, attribute: str) -> Comparison:
        return Comparison(*(getattr(window, attribute) for window in self.fund))

    @property
    def reports_missing_this_month(self) -> int:
        return sum(1 for _row, cell in self.reporting_this_month if cell.state == selectors.CellState.MISSING)

    @property
    def reports_late_this_month(self) -> int:
        return sum(1 for _row, cell in self.reporting_this_month if cell.state == selectors.CellState.LATE)


# --- the counters: one statement, one row ----------------------------------------------------------------


def _aggregate_sql(queryset: QuerySet, **aggregates) -> tuple[str, tuple]:
    """The SQL of `queryset.aggregate(**aggregates)` without running it: one row, whatever the table holds."""
    grouped = (
        queryset.order_by()
        .annotate(_one=Value(1, output_field=IntegerField()))
        .values("_one")
        .annotate(**aggregates)
        .values(*aggregates)
    )
    return grouped.query.sql_with_params()


# How many aggregates one_row joins directly. PostgreSQL plans a join of more than 8 FROM items in parts and
# of 12 or more with its genetic optimizer (from_collapse_limit, geqo_threshold): 15 one-row subqueries took
# 20 ms to plan. Nested in groups, each join is small and planning takes about a millisecond.
_JOIN_GROUP = 6


def one_row(parts: Mapping[str, tuple[QuerySet, dict]]) -> dict[str, Any]:
    """Run several models' aggregates as one statement (`SELECT * FROM (agg 1), (agg 2), …`) and return the
    values by name. Each aggregate without GROUP BY gives exactly one row, so the cross join gives one row."""
    selects, params, names = [], [], []
    for alias, (queryset, aggregates) in parts.items():
        if not aggregates:
            continue
        sql, sql_params = _aggregate_sql(queryset, **aggregates)
        selects.append(f"({sql}) AS {connection.ops.quote_name(alias)}")
        params.extend(sql_params)
        names.extend(aggregates)
    groups = [selects[i : i + _JOIN_GROUP] for i in range(0, len(selects), _JOIN_GROUP)]
    joined = ", ".join(
        f"(SELECT * FROM {', '.join(group)}) AS {connection.ops.quote_name(f'_group{n}')}"
        for n, group in enumerate(groups)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {joined}", params)
        row = cursor.fetchone()
    return dict(zip(names, row, strict=True))


def _counters(windows: list[Period], today: dt.date, *, tables: bool = True) -> dict[str, Any]:
    open_q = ~Q(status__in=Case.FINISHED_STATUSES)
    horizon = workdays.add_working_days(today, settings.LIUDONG["CASE_DEADLINE_WARNING_WORKING_DAYS"])
    current = windows[0]
    year_start = today.replace(month=1, day=1)
    last_year_start, last_year_today = _shift_year(year_start, -1), _shift_year(today, -1)
    closed = Q(status=Case.Status.CLOSED)
    # The cases are summed in parts, each reading only its own rows through an index, with no OR of ranges
    # (which would make PostgreSQL read the whole index): the open cases (a partial index); the cases closed
    # since the period began, of those open at its start; and the cases closed this year and last year up
    # to today's date (`case_closed_idx`, which carries the columns summed). An open case has no closed_on
    # and a closed one has it (cases.services), so open-at-start = open then and now + closed since.
    received_before = Q(received_on__lt=current.start)
    open_aggregates = {
        "cases_open": Count("pk"),
        "cases_open_workers": Sum("worker_count"),
        "cases_open_outstanding": Sum(F("total_owed") - F("total_paid"), output_field=_MONEY),
        "cases_overdue": Count("pk", filter=Q(deadline__lt=today)),
        "cases_near": Count("pk", filter=Q(deadline__gte=today, deadline__lte=horizon)),
        "cases_due_today": Count("pk", filter=Q(deadline=today)),
        "cases_major_open": Count("pk", filter=Q(is_major=True)),
        "cases_mass_open": Count("pk", filter=Q(mass_incident_risk=True)),
        "open_at_start_still_open": Count("pk", filter=received_before),
        "open_workers_at_start_still_open": Sum("worker_count", filter=received_before),
    }
    closed_since_start = Case.objects.filter(closed, received_before, closed_on__gte=current.start)
    closed_since_aggregates = {
        "open_at_start_closed_since": Count("pk"),
        "open_workers_at_start_closed_since": Sum("worker_count"),
    }
    closed_this_year = Case.objects.filter(closed, closed_on__gte=year_start, closed_on__lte=today)
    closed_last_year = Case.objects.filter(
        closed, closed_on__gte=last_year_start, closed_on__lte=last_year_today
    )
    held = Q(status=Interview.Status.HELD)
    interview_aggregates = {
        "interviews_awaiting": Count("pk", filter=held),
        "interviews_overdue": Count("pk", filter=held & Q(rectification_due__lt=today)),
    }
    listing_aggregates = {
        "listings_in_force": Count("pk", filter=Q(status=DishonestListing.Status.LISTED)),
    }
    inspection_aggregates: dict[str, Any] = {}
    petition_aggregates: dict[str, Any] = {}
    warning_aggregates: dict[str, Any] = {}
    project_aggregates: dict[str, Any] = {}
    # The counts per window of the bulletin's tables; the dashboard's page shows none of them.
    for i, window in enumerate(windows if tables else []):
        interview_aggregates |= {
            f"interviews_notified_{i}": Count("pk", filter=_in("notice_date", window)),
            f"interviews_held_{i}": Count("pk", filter=_in("held_at__date", window)),
            f"interviews_rectified_{i}": Count("pk", filter=_in("report_received_on", window)),
            f"interviews_penalised_{i}": Count("pk", filter=_in("penalty_decided_on", window)),
        }
        listing_aggregates |= {
            f"listings_listed_{i}": Count(
                "pk",
                filter=_in("decided_on", window)
                & ~Q(status__in=[DishonestListing.Status.PROPOSED, DishonestListing.Status.WITHDRAWN]),
            ),
            f"listings_removed_{i}": Count("pk", filter=_in("removed_on", window)),
            f"listings_expired_{i}": Count(
                "pk", filter=Q(status=DishonestListing.Status.EXPIRED) & _in("listed_until", window)
            ),
        }
        inspection_aggregates |= {
            f"inspections_{i}": Count("pk", filter=_in("inspected_on", window)),
            f"inspections_findings_{i}": Count(
                "pk",
                filter=_in("inspected_on", window) & ~Q(finding_status=SiteInspection.FindingStatus.NONE),
            ),
        }
        petition_aggregates |= {
            f"petitions_{i}": Count("pk", filter=_in("received_on", window)),
            f"petition_people_{i}": Sum("people_count", filter=_in("received_on", window)),
        }
        warning_aggregates |= {f"warnings_{i}": Count("pk", filter=_in("reported_on", window))}
        project_aggregates |= {f"projects_started_{i}": Count("pk", filter=_in("start_date", window))}
    # The fund at the end of today and of each window (as funds.selectors.balance reads it).
    days = {"today": today} | {str(i): window.end for i, window in enumerate(windows)}
    values = one_row(
        {
            "c": (Case.objects.filter(open_q), open_aggregates),
            "cs": (closed_since_start, closed_since_aggregates),
            "cr": (closed_this_year, {"cases_recovered_ytd": Sum("total_paid")}),
            "cl": (closed_last_year, {"cases_recovered_ytd_last_year": Sum("total_paid")}),
            # Only the interviews awaiting a report or with a date in the windows: not ten years of them.
            "i": (Interview.objects.filter(_interviews_in(windows if tables else [])), interview_aggregates),
            "l": (DishonestListing.objects.all(), listing_aggregates),
            "s": (SiteInspection.objects.all(), inspection_aggregates),
            "p": (Petition.objects.all(), petition_aggregates),
            "w": (PoliceWarning.objects.all(), warning_aggregates),
            "j": (Project.objects.all(), project_aggregates),
            # Red projects through the risk index (risk_rank is the risk as a number, kept with it).
            "jr": (
                Project.objects.filter(risk_rank=RANK[Project.Risk.RED], risk=Project.Risk.RED),
                {"projects_red": Count("pk")},
            ),
            "ja": (Project.objects.filter(status=Project.Status.ACTIVE), {"projects_active": Count("pk")}),
            # The applications with money out and those awaiting approval, each through its index.
            "ao": (AdvanceApplication.objects.outstanding(), {"advances_outstanding_count": Count("pk")}),
            "as": (
                AdvanceApplication.objects.filter(status=AdvanceApplication.Status.SUBMITTED),
                {"advances_submitted": Count("pk")},
            ),
            "t": (
                SupervisionTask.objects.open(),
                {
                    "supervision_open": Count("pk"),
                    "supervision_overdue": Count("pk", filter=Q(due_on__lt=today)),
                },
            ),
            **fund_selectors.fund_at_parts(days),
        }
    )
    values |= fund_selectors.fund_at_values(values, days)
    values["cases_open_at_start"] = (values.pop("open_at_start_still_open") or 0) + (
        values.pop("open_at_start_closed_since") or 0
    )
    values["cases_open_workers_at_start"] = (values.pop("open_workers_at_start_still_open") or 0) + (
        values.pop("open_workers_at_start_closed_since") or 0
    )
    # SUM over no rows is NULL: a figure with nothing behind it is zero.
    money = {k for k in values if "outstanding" in k or "recovered" in k or k.startswith("fund_")}
    money.discard("advances_outstanding_count")
    for key, value in values.items():
        if value is None:
            values[key] = ZERO if key in money else 0
    return values


# --- cases by industry and month, the ledger by kind and month ---------------------------------------------


def _case_groups(windows: list[Period]) -> tuple[list[CaseWindow], list[IndustryRow], list]:
    """Cases received and cases closed in each window, by industry, and by month in the current window.

    Two grouped queries, one per date: the cases received in the windows (through the received_on index)
    and the cases closed in them (through case_closed_idx), each summing only its own figures."""
    received_any, closed_any = Q(), Q()
    received_aggregates, closed_aggregates = {}, {}
    for i, window in enumerate(windows):
        new, closed = _in("received_on", window), _in("closed_on", window)
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
            span |= _in("month", window)
        rows = (
            LedgerMonth.objects.filter(span)
            .values("month", base_kind=F("kind"))
            .annotate(
                **{
                    f"amount_{i}": Sum("amount", filter=_in("month", window))
                    for i, window in enumerate(windows)
                }
            )
            .order_by()
        )
    else:
        span = Q()
        for window in windows:
            span |= _in("entry_date", window)
        signed = SqlCase(
            When(kind=Kind.REVERSAL, then=-F("amount")), default=F("amount"), output_field=_MONEY
        )
        rows = (
            LedgerEntry.objects.filter(span)
            .annotate(base_kind=Coalesce("reverses__kind", "kind"), month=TruncMonth("entry_date"))
            .values("base_kind", "month")
            .annotate(
                **{
                    f"amount_{i}": Sum(signed, filter=_in("entry_date", window), output_field=_MONEY)
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


def _reporting(period: Period, today: dt.date) -> tuple[selectors.Board, list[UnitReporting], list, dt.date]:
    """The board over the period's months and the month whose reports fall due this month: one board when
    the two are near each other (the usual case), two for a distant period."""
    this_month_period = add_months(today.replace(day=1), -1)
    months = period.months()[: selectors.MAX_BOARD_MONTHS]
    start = min(months[0], this_month_period)
    end = max(months[-1], this_month_period)
    if len(definitions.months_between(start, end)) <= selectors.MAX_BOARD_MONTHS:
        board = current = selectors.board(start=start, end=end, today=today)
    else:
        board = selectors.board(start=months[0], end=months[-1], today=today)
        current = selectors.board(start=this_month_period, end=this_month_period, today=today)
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
                on_time=sum(1 for c in cells if c.state == selectors.CellState.ON_TIME),
                late=sum(1 for c in cells if c.state == selectors.CellState.LATE),
                missing=sum(1 for c in cells if c.state == selectors.CellState.MISSING),
                due=sum(
                    1
                    for c in cells
                    if c.state not in (selectors.CellState.NOT_DUE, selectors.CellState.AD_HOC)
                ),
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
    counters = _counters(windows, today, tables=tables)
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
    )
    if detail:
        figures.major_cases = list(
            Case.objects.exclude(status=Case.Status.VOIDED)
            .filter(_in("received_on", period) & (Q(is_major=True) | Q(mass_incident_risk=True)))
            .select_related("enterprise", "project")
            .order_by("received_on", "pk")
        )
        figures.listing_changes = list(
            DishonestListing.objects.filter(
                _in("decided_on", period) | _in("removed_on", period) | _in("listed_until", period)
            )
            .exclude(status__in=[DishonestListing.Status.PROPOSED, DishonestListing.Status.WITHDRAWN])
            .select_related("enterprise")
            .order_by("decided_on", "pk")
        )
        figures.inspections_with_findings = list(
            SiteInspection.objects.filter(_in("inspected_on", period))
            .exclude(finding_status=SiteInspection.FindingStatus.NONE)
            .select_related("enterprise", "project")
            .order_by("inspected_on", "pk")
        )
        figures.interviews = list(
            Interview.objects.filter(_in("notice_date", period))
            .exclude(status=Interview.Status.CANCELLED)
            .select_related("enterprise")
            .order_by("notice_date", "pk")
        )
        figures.projects_at_risk = projects_most_at_risk(Project.objects.all(), limit=10)
    return figures


# --- the dashboard's cards --------------------------------------------------------------------------------


@dataclass
class Figure:
    """One card of the dashboard: its value, the value it is compared with, and the list that explains it.

    `list_count` is the number of rows the linked list shows with the link's filters (None when the list
    explains the figure without counting it row for row, such as a sum of money or the reporting board).
    """

    key: str
    label: str
    value: Any
    unit: str
    url: str
    previous: Any = None
    previous_label: str = ""
    list_count: int | None = None
    alert: bool = False

    @property
    def change(self) -> Any:
        if self.previous is None or self.value is None:
            return None
        return self.value - self.previous

    @property
    def is_money(self) -> bool:
        return isinstance(self.value, Decimal)

    @staticmethod
    def _show(value: Any) -> str:
        if isinstance(value, Decimal):
            return f"{value:,.2f}"
        return "—" if value is None else f"{value:,}"

    @property
    def display(self) -> str:
        """The value as every page and export prints it: 70,000.00 for money, 1,234 for counts."""
        return self._show(self.value)

    @property
    def previous_display(self) -> str:
        return self._show(self.previous)


def _url(name: str, **params: Any) -> str:
    base = reverse(name)
    return f"{base}?{urlencode(params)}" if params else base


def dashboard_figures(figures: PeriodFigures) -> list[Figure]:
    c = figures.counters
    at_start = _("期初")
    last_year = _("去年同期")
    month = figures.this_month_period
    board_url = _url("reporting:board", start=f"{month:%Y-%m}", end=f"{month:%Y-%m}")
    cards = [
        Figure(
            "cases_open",
            _("在办欠薪案件"),
            c["cases_open"],
            _("件"),
            _url("cases:list", status="open"),
            previous=c["cases_open_at_start"],
            previous_label=at_start,
            list_count=c["cases_open"],
        ),
        Figure(
            "workers_affected",
            _("在办案件涉及劳动者"),
            c["cases_open_workers"],
            _("人"),
            _url("cases:list", status="open"),
            previous=c["cases_open_workers_at_start"],
            previous_label=at_start,
        ),
        Figure(
            "owed_outstanding",
            _("在办案件尚欠工资"),
            c["cases_open_outstanding"],
            _("元"),
            _url("cases:list", status="open"),
        ),
        Figure(
            "recovered_ytd",
            _("本年已结案件追回工资"),
            c["cases_recovered_ytd"],
            _("元"),
            _url("cases:list", status=Case.Status.CLOSED),
            previous=c["cases_recovered_ytd_last_year"],
            previous_label=last_year,
        ),
        Figure(
            "cases_overdue",
            _("超过法定期限的案件"),
            c["cases_overdue"],
            _("件"),
            _url("cases:list", deadline="overdue"),
            list_count=c["cases_overdue"],
            alert=c["cases_overdue"] > 0,
        ),
        Figure(
            "cases_near",
            _("临近法定期限的案件"),
            c["cases_near"],
            _("件"),
            _url("cases:list", deadline="near"),
            list_count=c["cases_near"],
        ),
        Figure(
            "cases_major",
            _("在办重大案件"),
            c["cases_major_open"],
            _("件"),
            _url("cases:list", status="open", risk="major"),
            list_count=c["cases_major_open"],
        ),
        Figure(
            "cases_mass",
            _("在办有群体性事件风险的案件"),
            c["cases_mass_open"],
            _("件"),
            _url("cases:list", status="open", risk="mass_incident"),
            list_count=c["cases_mass_open"],
            alert=c["cases_mass_open"] > 0,
        ),
        Figure(
            "interviews_awaiting",
            _("约谈后待报送整改的企业"),
            c["interviews_awaiting"],
            _("家"),
            _url("cases:interviews", status=Interview.Status.HELD),
            list_count=c["interviews_awaiting"],
        ),
        Figure(
            "interviews_overdue",
            _("整改报告逾期"),
            c["interviews_overdue"],
            _("家"),
            _url("cases:interviews", due="overdue"),
            list_count=c["interviews_overdue"],
            alert=c["interviews_overdue"] > 0,
        ),
        Figure(
            "fund_balance",
            _("周转金余额"),
            c["fund_balance_today"],
            _("元"),
            reverse("funds:overview"),
            previous=c["fund_balance_1"],
            previous_label=at_start,
        ),
        Figure(
            "advances_outstanding",
            _("待收回垫付款"),
            c["fund_outstanding_today"],
            _("元"),
            _url("funds:list", outstanding="1"),
            previous=c["fund_outstanding_1"],
            previous_label=at_start,
        ),
        Figure(
            "advances_outstanding_count",
            _("待收回垫付申请"),
            c["advances_outstanding_count"],
            _("笔"),
            _url("funds:list", outstanding="1"),
            list_count=c["advances_outstanding_count"],
        ),
        Figure(
            "reports_missing",
            _("本月应报未报"),
            figures.reports_missing_this_month,
            _("份"),
            board_url,
            alert=figures.reports_missing_this_month > 0,
        ),
        Figure(
            "reports_late",
            _("本月逾期报送"),
            figures.reports_late_this_month,
            _("份"),
            board_url,
        ),
        Figure(
            "supervision_overdue",
            _("督办事项逾期"),
            c["supervision_overdue"],
            _("项"),
            _url("reporting:tasks", overdue="on"),
            list_count=c["supervision_overdue"],
            alert=c["supervision_overdue"] > 0,
        ),
        Figure(
            "listings_in_force",
            _("失信名单在列企业"),
            c["listings_in_force"],
            _("家"),
            _url("enterprises:listing_list", status=DishonestListing.Status.LISTED),
            list_count=c["listings_in_force"],
        ),
        Figure(
            "projects_red",
            _("红色风险项目"),
            c["projects_red"],
            _("个"),
            _url("enterprises:project_list", risk=Project.Risk.RED),
            list_count=c["projects_red"],
            alert=c["projects_red"] > 0,
        ),
    ]
    return cards


# --- the "Today" panel ------------------------------------------------------------------------------------


@dataclass
class FeedItem:
    kind: str
    label: str
    on: dt.date
    url: str
    overdue: bool = False

    @property
    def kind_label(self) -> str:
        return str(FEED_KINDS.get(self.kind, self.kind))


FEED_KINDS = {
    "advance": gettext_lazy("待审批垫付"),
    "joint": gettext_lazy("待批准联合处置"),
    "review": gettext_lazy("待审核报表"),
    "case_deadline": gettext_lazy("案件今日到期"),
    "rectification": gettext_lazy("整改报告今日到期"),
    "warning": gettext_lazy("公安预警"),
    "petition": gettext_lazy("欠薪上访"),
    "report_overdue": gettext_lazy("报表逾期未报"),
}

_FEED_URLS = {
    "advance": "funds:detail",
    "joint": "cases:joint",
    "review": "reporting:detail",
    "case_deadline": "cases:detail",
    "rectification": "cases:interview",
    "warning": "cases:warning",
    "petition": "cases:petition",
}


def _feed_part(queryset: QuerySet, kind: str, label: Any, on: Any) -> QuerySet:
    return (
        queryset.order_by()
        .annotate(
            feed_kind=Value(kind),
            feed_ref=F("pk"),
            feed_label=label,
            feed_on=on,
        )
        .values("feed_kind", "feed_ref", "feed_label", "feed_on")
    )


def today_feed(*, today: dt.date, figures: PeriodFigures | None = None) -> list[FeedItem]:
    """What waits for the office today, newest first: approvals, deadlines of today, police warnings and
    petitions of the last week (one UNION query), and the reports overdue from the figures' board."""
    since = today - dt.timedelta(days=TODAY_FEED_DAYS)
    parts = [
        _feed_part(
            AdvanceApplication.objects.filter(status=AdvanceApplication.Status.SUBMITTED),
            "advance",
            F("number"),
            TruncDate("submitted_at"),
        ),
        _feed_part(
            JointHandling.objects.filter(status=JointHandling.Status.REQUESTED),
            "joint",
            F("case__number"),
            TruncDate("created_at"),
        ),
        _feed_part(
            Report.objects.filter(status=Report.Status.SUBMITTED),
            "review",
            F("unit__short_name"),
            TruncDate("submitted_at"),
        ),
        _feed_part(Case.objects.open().filter(deadline=today), "case_deadline", F("number"), F("deadline")),
        _feed_part(
            Interview.objects.filter(status=Interview.Status.HELD, rectification_due=today),
            "rectification",
            F("enterprise__name"),
            F("rectification_due"),
        ),
        _feed_part(
            PoliceWarning.objects.filter(reported_on__gte=since),
            "warning",
            F("employer_name"),
            F("reported_on"),
        ),
        _feed_part(
            Petition.objects.filter(received_on__gte=since), "petition", F("employer_name"), F("received_on")
        ),
    ]
    union = parts[0].union(*parts[1:], all=True).order_by("-feed_on", "feed_kind")[:TODAY_FEED_LIMIT]
    items = [
        FeedItem(
            kind=row["feed_kind"],
            label=str(row["feed_label"] or ""),
            on=row["feed_on"] or today,
            url=reverse(_FEED_URLS[row["feed_kind"]], args=[row["feed_ref"]]),
        )
        for row in union
    ]
    if figures is not None:
        for row, cell in figures.reporting_this_month:
            if cell.state != selectors.CellState.MISSING:
                continue
            items.append(
                FeedItem(
                    kind="report_overdue",
                    label=f"{row.unit.short_name} {row.definition.title} {cell.period:%Y-%m}",
                    on=cell.deadline or today,
                    url=_url("reporting:board", start=f"{cell.period:%Y-%m}", end=f"{cell.period:%Y-%m}"),
                    overdue=True,
                )
            )
    items.sort(key=lambda item: item.on, reverse=True)
    return items
