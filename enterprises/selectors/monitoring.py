"""Reads of wage-payment monitoring shared by the monitoring list, the project page, the roster, the start
pages, the director's dashboard and the quarterly bulletin (DESIGN.md section 11), so that they all count the
same way.

Each function costs one query (or returns a queryset the caller evaluates once), whatever the size of the
roster. `reporting` imports these through `enterprises.selectors` (it sits to the right); nothing here imports
`cases` or `reporting`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.db.models import Aggregate, Count, F, Min, Q, QuerySet, Sum
from django.db.models.functions import Greatest
from django.utils import timezone

from liudong_wages.compiled import CompiledList
from liudong_wages.money import ZERO

from .. import rules
from ..models import (
    DepositUse,
    Enterprise,
    LabourCostTransfer,
    Payroll,
    PayrollLine,
    Project,
    ProjectWorker,
    WageAlert,
    month_start,
)

SUBMITTED = [Payroll.Status.SUBMITTED, Payroll.Status.CHECKED, Payroll.Status.PAID]


# --- warnings -----------------------------------------------------------------------------------------------


def open_alerts(
    queryset: QuerySet[WageAlert] | None = None,
    *,
    level: str | None = None,
    reason: str | None = None,
    contractor: Enterprise | int | None = None,
    industry: str | None = None,
    older_than_days: int | None = None,
    today: dt.date | None = None,
) -> QuerySet[WageAlert]:
    """Open warnings, red first then oldest, with what a list row shows (through wagealert_open_idx).

    `contractor` is the project's general contractor or one of its subcontractors; `industry` is the general
    contractor's; `older_than_days` keeps warnings open at least that many days on `today`."""
    queryset = (queryset if queryset is not None else WageAlert.objects.all()).filter(closed_on__isnull=True)
    if level:
        queryset = queryset.filter(level=level)
    if reason:
        queryset = queryset.filter(reason=reason)
    if contractor:
        queryset = queryset.filter(
            Q(project__general_contractor=contractor) | Q(project__subcontractors__enterprise=contractor)
        ).distinct()
    if industry:
        queryset = queryset.filter(project__general_contractor__industry=industry)
    if older_than_days is not None:
        today = today or timezone.localdate()
        queryset = queryset.filter(opened_on__lte=today - dt.timedelta(days=older_than_days))
    return queryset.select_related("project__general_contractor").order_by("level", "opened_on", "pk")


def alert_counts(queryset: QuerySet[WageAlert] | None = None) -> dict[str, int]:
    """Open warnings, red, yellow, projects concerned, workers and amount unpaid (one aggregate)."""
    rows, aggregates = alert_count_parts(queryset)
    return alert_count_values(rows.aggregate(**aggregates))


def alert_count_parts(
    queryset: QuerySet[WageAlert] | None = None,
) -> tuple[QuerySet[WageAlert], dict[str, Aggregate]]:
    """`alert_counts` as (rows, aggregates) not yet run, for a caller that joins them to its own statement
    (the director's dashboard, in its one row of counters); `alert_count_values` finishes their values."""
    queryset = (queryset if queryset is not None else WageAlert.objects.all()).filter(closed_on__isnull=True)
    underpaid = Q(reason=WageAlert.Reason.UNDERPAID)
    return queryset, {
        "total": Count("pk"),
        "red": Count("pk", filter=Q(level=WageAlert.Level.RED)),
        "yellow": Count("pk", filter=Q(level=WageAlert.Level.YELLOW)),
        "projects": Count("project", distinct=True),
        "workers_unpaid": Sum("workers_unpaid", filter=underpaid),
        "amount_unpaid": Sum("amount_unpaid", filter=underpaid),
    }


def alert_count_values(figures: dict) -> dict:
    """The values of `alert_count_parts`' aggregates, zero where no warning is behind a sum."""
    figures["workers_unpaid"] = figures["workers_unpaid"] or 0
    figures["amount_unpaid"] = figures["amount_unpaid"] or ZERO
    return figures


def project_alerts(project: Project) -> list[WageAlert]:
    """A project's warnings, open first, newest month first (the project page; one query)."""
    return list(
        WageAlert.objects.filter(project=project)
        .select_related("inspection")
        .order_by(F("closed_on").desc(nulls_first=True), "-month", "pk")
    )


# --- the roster ---------------------------------------------------------------------------------------------


def roster_counts(project: Project) -> dict[str, int]:
    """Workers on the site now and ever (one aggregate)."""
    return ProjectWorker.objects.filter(project=project).aggregate(
        active=Count("pk", filter=Q(left_on__isnull=True)), total=Count("pk")
    )


def workers_on_other_projects(project: Project, id_numbers: Sequence[str]) -> dict[str, list[str]]:
    """For each ID number, the other active projects whose roster has it as a current worker (one query,
    through the (id_number, left_on) index). A worker on two sites at once is shown, not refused."""
    if not id_numbers:
        return {}
    rows = (
        ProjectWorker.objects.filter(
            id_number__in=list(id_numbers), left_on__isnull=True, project__status=Project.Status.ACTIVE
        )
        .exclude(project=project)
        .order_by("project__name")
        .values_list("id_number", "project__name")
    )
    others: dict[str, list[str]] = defaultdict(list)
    for id_number, name in rows:
        others[id_number].append(name)
    return dict(others)


# --- sheets -------------------------------------------------------------------------------------------------


def payroll_totals(payroll: Payroll) -> dict[str, Decimal | int]:
    """Workers, payable, paid, unpaid, paid outside the special account: summed from the lines (one query).
    The sheet's stored totals say the same; this is the check, and what a sheet being drafted shows."""
    # Aliases differ from the field names: Django refuses an aggregate named like a field it sums.
    sums = PayrollLine.objects.filter(payroll=payroll).aggregate(
        n=Count("pk"),
        payable_sum=Sum("payable"),
        paid_sum=Sum("paid"),
        unpaid_sum=Sum(Greatest(F("payable") - F("paid"), ZERO)),
        outside_sum=Sum("paid", filter=Q(outside_special_account=True)),
        unpaid_n=Count("pk", filter=Q(paid__lt=F("payable"))),
    )
    figures = {"workers": sums["n"], "unpaid_workers": sums["unpaid_n"]}
    for key in ("payable", "paid", "unpaid", "outside"):
        figures[key] = sums[f"{key}_sum"] or ZERO
    return figures


def last_months(today: dt.date, count: int = 12) -> list[dt.date]:
    """The first days of the `count` months before `today`'s, oldest first (this month's wages are not due)."""
    months = []
    month = month_start(today)
    for _index in range(count):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        months.append(month)
    return months[::-1]


def recent_sheets(project: Project, *, today: dt.date) -> list[Payroll]:
    """The sheets in force of the project's last 12 months and of this month, newest first (one query)."""
    return list(
        Payroll.objects.current().filter(project=project, month__gte=last_months(today)[0]).order_by("-month")
    )


# The project page's last transfers and deposit uses: statements compiled once (liudong_wages.compiled).
PROJECT_PAGE_ROWS = 6
_recent_transfers = CompiledList(
    lambda project: LabourCostTransfer.objects.filter(project=project).order_by("-period", "-transferred_on")[
        :PROJECT_PAGE_ROWS
    ]
)
_recent_deposit_uses = CompiledList(
    lambda project: DepositUse.objects.filter(project=project).order_by("-used_on", "-pk")[:PROJECT_PAGE_ROWS]
)


def recent_transfers(project: Project) -> list[LabourCostTransfer]:
    """The project's last six labour-cost transfers, the latest period first."""
    return cast("list[LabourCostTransfer]", _recent_transfers.list(project.pk))


def recent_deposit_uses(project: Project) -> list[DepositUse]:
    """The last six uses of the project's wage deposit, the latest first."""
    return cast("list[DepositUse]", _recent_deposit_uses.list(project.pk))


def month_strip(sheets: Sequence[Payroll], *, today: dt.date) -> list[tuple[dt.date, Decimal, Decimal, bool]]:
    """(month, payable, paid, has_sheet) for each of the last 12 months, oldest first, from `sheets` (those
    of recent_sheets: their stored totals, never the lines)."""
    # A draft is not yet a sheet the contractor stands by (quarter_figures counts SUBMITTED sheets too).
    by_month = {sheet.month: sheet for sheet in sheets if sheet.status != Payroll.Status.DRAFT}
    rows = []
    for month in last_months(today):
        sheet = by_month.get(month)
        rows.append(
            (month, sheet.total_payable, sheet.total_paid, True) if sheet else (month, ZERO, ZERO, False)
        )
    return rows


# --- a quarter (the bulletin and the monitoring list agree) -------------------------------------------------


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(quarter)
    start = dt.date(year, 3 * quarter - 2, 1)
    return start, rules.add_months(start, 3) - dt.timedelta(days=1)


def alerts_raised_in(start: dt.date, end: dt.date) -> QuerySet[WageAlert]:
    """Warnings raised from `start` to `end` (both included): what the monitoring list shows with the
    opened-from/to filter, and what the bulletin counts (wagealert_opened_idx)."""
    return WageAlert.objects.filter(opened_on__gte=start, opened_on__lte=end)


def alerts_closed_in(start: dt.date, end: dt.date) -> QuerySet[WageAlert]:
    return WageAlert.objects.filter(closed_on__gte=start, closed_on__lte=end)


@dataclass(frozen=True)
class QuarterFigures:
    start: dt.date
    end: dt.date
    projects_monitored: int
    sheets_due: int
    sheets_on_time: int
    sheets_late: int
    sheets_missing: int
    warnings_raised: int
    warnings_red: int
    warnings_closed: int
    workers_unpaid: int
    amount_payable: Decimal
    amount_paid: Decimal

    @property
    def amount_unpaid(self) -> Decimal:
        return max(self.amount_payable - self.amount_paid, ZERO)

    @property
    def on_time_rate(self) -> Decimal | None:
        if not self.sheets_due:
            return None
        return (Decimal(self.sheets_on_time) / self.sheets_due * 100).quantize(Decimal("0.1"))


def quarter_figures(year: int, quarter: int) -> QuarterFigures:
    """The bulletin's monitoring section for a quarter: projects monitored (started by the quarter's end,
    not voided, active now or with a sheet in the quarter), the sheets due in it (a month whose payday fell
    in or before the quarter's end) and how many came in by payday (their first version's submission),
    warnings raised and closed, and the wages unpaid on the sheets of its months. Five queries."""
    start, end = quarter_bounds(year, quarter)
    months = [start, rules.add_months(start, 1), rules.add_months(start, 2)]
    projects = list(
        Project.objects.exclude(status=Project.Status.VOIDED)
        .filter(start_date__lte=end)
        .filter(Q(status=Project.Status.ACTIVE) | Q(payrolls__month__in=months))
        .distinct()
        .values_list("pk", "start_date", "payday")
    )
    # The first submission of each (project, month), over every version: a correction does not make a
    # sheet that came in on time late, nor a late one on time.
    first = {
        (pid, month): submitted_at
        for pid, month, submitted_at in Payroll.objects.filter(month__in=months, submitted_at__isnull=False)
        .values("project_id", "month")
        .annotate(first=Min("submitted_at"))
        .values_list("project_id", "month", "first")
    }
    due = on_time = late = missing = 0
    for pid, started, payday_rule in projects:
        for month in months:
            if started is None or started >= rules.next_month(month):
                continue
            payday = rules.payday_of(month, payday_rule)
            if payday > end:
                continue  # the quarter's last month is usually due in the next quarter
            due += 1
            submitted = first.get((pid, month))
            if submitted is None:
                missing += 1
            elif timezone.localtime(submitted).date() <= payday:
                on_time += 1
            else:
                late += 1
    sums = (
        Payroll.objects.current()
        .filter(month__in=months, status__in=SUBMITTED)
        .aggregate(payable=Sum("total_payable"), paid=Sum("total_paid"), workers=Sum("unpaid_workers"))
    )
    raised = alerts_raised_in(start, end).aggregate(
        total=Count("pk"), red=Count("pk", filter=Q(escalated_on__isnull=False, escalated_on__lte=end))
    )
    return QuarterFigures(
        start=start,
        end=end,
        projects_monitored=len(projects),
        sheets_due=due,
        sheets_on_time=on_time,
        sheets_late=late,
        sheets_missing=missing,
        warnings_raised=raised["total"],
        warnings_red=raised["red"],
        warnings_closed=alerts_closed_in(start, end).count(),
        workers_unpaid=sums["workers"] or 0,
        amount_payable=sums["payable"] or ZERO,
        amount_paid=sums["paid"] or ZERO,
    )
