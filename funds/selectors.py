# Over 400 lines: the reads of the fund's one page family (overview, ledger, statement, applications list).
"""Reads of the fund: balances at a date, statements of a period, the overview's figures.

Every figure is a sum of ledger entries. Sums up to a day read the months before that day's month from
`LedgerMonth` (the entries' sums per month and kind, written with the entries) and the entries of that
month itself, so a balance costs a hundred-odd month rows and one month's entries, however old the fund.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    F,
    Field,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liudong_wages.models import User, choice_labels
from liudong_wages.money import MONEY_SUM, ZERO
from liudong_wages.tables import UrlFor

from .models import AdvanceApplication, AdvanceLine, AdvancePayment, LedgerEntry, LedgerMonth

Kind = LedgerEntry.Kind


_FUND_FIGURES = (("cash_effect", "balance"), ("advances_effect", "outstanding"))


def fund_at_parts(days: Mapping[str, dt.date]) -> dict[str, tuple[QuerySet, dict]]:
    """The aggregates that give the cash balance and the outstanding advances at the end of each named day:
    the month sums before the day's month and the entries of that month up to the day. As parts for
    `reporting.selectors.one_row` (or one `aggregate()` each); `fund_at_values` adds them up."""
    months, entries, entry_days = {}, {}, Q()
    for name, day in days.items():
        month = day.replace(day=1)
        for effect, figure in _FUND_FIGURES:
            months[f"fund_{figure}_{name}_m"] = Sum(effect, filter=Q(month__lt=month))
            entries[f"fund_{figure}_{name}_e"] = Sum(
                effect, filter=Q(entry_date__gte=month, entry_date__lte=day)
            )
        entry_days |= Q(entry_date__gte=month, entry_date__lte=day)
    return {
        "fund_months": (LedgerMonth.objects.all(), months),
        "fund_entries": (LedgerEntry.objects.filter(entry_days), entries),
    }


def fund_at_values(values: dict, days: Iterable[str]) -> dict[str, Decimal]:
    """Take the parts of `fund_at_parts` out of `values` and return `fund_balance_<name>` and
    `fund_outstanding_<name>` for each day."""
    figures = {}
    for name in days:
        for _effect, figure in _FUND_FIGURES:
            parts = (values.pop(f"fund_{figure}_{name}_m"), values.pop(f"fund_{figure}_{name}_e"))
            figures[f"fund_{figure}_{name}"] = sum((part or ZERO for part in parts), ZERO)
    return figures


def _effects_up_to(day: dt.date) -> tuple[Decimal, Decimal]:
    """(cash balance, outstanding advances) at the end of `day`."""
    values: dict = {}
    for queryset, aggregates in fund_at_parts({"day": day}).values():
        values |= queryset.aggregate(**aggregates)
    figures = fund_at_values(values, ["day"])
    return figures["fund_balance_day"], figures["fund_outstanding_day"]


def balance(*, on: dt.date | None = None) -> Decimal:
    """The fund's cash balance at the end of `on` (today when omitted)."""
    return _effects_up_to(on or timezone.localdate())[0]


def outstanding_advances(*, on: dt.date | None = None) -> Decimal:
    """Advances paid and not yet recovered or written off, at the end of `on`."""
    return _effects_up_to(on or timezone.localdate())[1]


def lowest_balance_from(day: dt.date) -> Decimal:
    """The lowest end-of-day balance from `day` on. A new outflow dated `day` lowers every later day's
    balance too, so it must fit under this figure, not only under the balance of its own day."""
    running = lowest = balance(on=day)
    later = (
        LedgerEntry.objects.filter(entry_date__gt=day)
        .values("entry_date")
        .order_by("entry_date")
        .annotate(total=Sum("cash_effect"))
    )
    for row in later:
        running += row["total"]
        lowest = min(lowest, running)
    return lowest


def _zero_totals() -> dict[str, Decimal]:
    return {kind: ZERO for kind in (Kind.APPROPRIATION, Kind.ADVANCE_PAYMENT, Kind.RECOVERY, Kind.WRITE_OFF)}


def _money_sum(column: str | Combinable, **extra: Any) -> Coalesce:
    return Coalesce(Sum(column, **extra), Value(ZERO), output_field=MONEY_SUM)


@dataclass
class LedgerSums:
    totals: dict[str, Decimal]  # net amount per kind, reversals netted off against the kind they reverse
    recent: dict[str, Decimal]  # the same for the entries from `since` on
    cash: Decimal  # the sum of the cash effects: the balance, for the entries up to a day
    advances: Decimal  # the sum of the advances effects: still to be recovered


def ledger_sums(queryset, *, since: dt.date | None = None) -> LedgerSums:
    """Everything the overview and a statement sum from the ledger, in two queries: one pass over the
    entries grouped by kind, then the reversals (few) with the kind of the entry each reverses. Joining the
    whole ledger to itself for that kind instead would hash every one of its entries on every page view."""
    recent = {"filter": Q(entry_date__gte=since)} if since else {}
    sums = {
        "total": _money_sum("amount"),
        "recent": _money_sum("amount", **recent),
        "cash": _money_sum("cash_effect"),
        "advances": _money_sum("advances_effect"),
    }
    result = LedgerSums(_zero_totals(), _zero_totals(), ZERO, ZERO)
    own = queryset.exclude(kind=Kind.REVERSAL).values("kind").order_by("kind").annotate(**sums)
    reversals = (
        queryset.filter(kind=Kind.REVERSAL)
        .values(base_kind=F("reverses__kind"))
        .order_by("base_kind")
        .annotate(**sums)
    )
    for sign, key, rows in ((1, "kind", own), (-1, "base_kind", reversals)):
        for row in rows:
            kind = row[key]
            result.totals[kind] = result.totals.get(kind, ZERO) + sign * row["total"]
            result.recent[kind] = result.recent.get(kind, ZERO) + sign * row["recent"]
            result.cash += row["cash"]
            result.advances += row["advances"]
    return result


def ledger_sums_up_to(day: dt.date, *, since: dt.date | None = None) -> LedgerSums:
    """`ledger_sums` of every entry up to the end of `day`: the month rows before its month, then the
    entries of that month. `since` (for the `recent` sums) must be the first day of a month."""
    month = day.replace(day=1)
    result = ledger_sums(LedgerEntry.objects.between(month, day), since=since)
    recent = {"filter": Q(month__gte=since)} if since else {}
    rows = (
        LedgerMonth.objects.filter(month__lt=month)
        .values("kind")
        .order_by("kind")
        .annotate(
            total=_money_sum("amount"),
            recent=_money_sum("amount", **recent),
            cash=_money_sum("cash_effect"),
            advances=_money_sum("advances_effect"),
        )
    )
    for row in rows:
        kind = row["kind"]
        result.totals[kind] = result.totals.get(kind, ZERO) + row["total"]
        result.recent[kind] = result.recent.get(kind, ZERO) + row["recent"]
        result.cash += row["cash"]
        result.advances += row["advances"]
    return result


MONTH_SUMS = ("amount", "cash_effect", "advances_effect", "entries")


def month_totals_kept() -> dict[tuple[dt.date, str], dict]:
    """The `LedgerMonth` rows as {(month, kind): sums}, to compare with `month_totals_from_entries`."""
    return {
        (row["month"], row["kind"]): {key: row[key] for key in MONTH_SUMS}
        for row in LedgerMonth.objects.values("month", "kind", *MONTH_SUMS)
    }


def month_totals_from_entries() -> dict[tuple[dt.date, str], dict]:
    """The `LedgerMonth` rows as the entries give them, summed afresh: {(month, kind): sums}. A reversal
    counts in its own month against the kind of the entry it reverses."""
    rows = (
        LedgerEntry.objects.annotate(
            month=TruncMonth("entry_date"), base_kind=Coalesce("reverses__kind", "kind")
        )
        .values("month", "base_kind")
        .order_by("month", "base_kind")
        .annotate(
            amount=_money_sum(
                SqlCase(
                    When(kind=Kind.REVERSAL, then=-F("amount")), default=F("amount"), output_field=MONEY_SUM
                )
            ),
            cash_effect=_money_sum("cash_effect"),
            advances_effect=_money_sum("advances_effect"),
            entries=Count("id"),
        )
    )
    return {(row["month"], row["base_kind"]): {key: row[key] for key in MONTH_SUMS} for row in rows}


def totals_by_kind(queryset) -> dict[str, Decimal]:
    """Net amounts per kind (appropriation, advance payment, recovery, write-off), reversals netted off."""
    return ledger_sums(queryset).totals


@dataclass
class StatementRow:
    entry: LedgerEntry
    inflow: Decimal
    outflow: Decimal
    balance: Decimal


@dataclass
class Statement:
    start: dt.date
    end: dt.date
    opening: Decimal
    closing: Decimal
    opening_advances: Decimal
    closing_advances: Decimal
    rows: list[StatementRow] = field(default_factory=list)
    totals: dict[str, Decimal] = field(default_factory=dict)

    @property
    def inflow(self) -> Decimal:
        return sum((row.inflow for row in self.rows), ZERO)

    @property
    def outflow(self) -> Decimal:
        return sum((row.outflow for row in self.rows), ZERO)

    @property
    def adds_up(self) -> bool:
        return self.opening + self.inflow - self.outflow == self.closing


def statement(*, start: dt.date, end: dt.date) -> Statement:
    """The fund's statement for `start`–`end` (both included): opening balance, each entry with the running
    balance, closing balance; and the same for the advances still to be recovered."""
    opening = balance(on=start - dt.timedelta(days=1))
    opening_advances = outstanding_advances(on=start - dt.timedelta(days=1))
    entries = (
        LedgerEntry.objects.between(start, end)
        .select_related("application", "recorded_by", "reverses")
        .order_by("entry_date", "id")
    )
    rows = []
    running = opening
    for entry in entries:
        running += entry.cash_effect
        rows.append(
            StatementRow(
                entry=entry,
                inflow=max(entry.cash_effect, ZERO),
                outflow=max(-entry.cash_effect, ZERO),
                balance=running,
            )
        )
    return Statement(
        start=start,
        end=end,
        opening=opening,
        closing=balance(on=end),
        opening_advances=opening_advances,
        closing_advances=outstanding_advances(on=end),
        rows=rows,
        totals=totals_by_kind(LedgerEntry.objects.between(start, end)),
    )


AGE_BUCKETS = [
    (90, _("3 个月以内")),
    (180, _("3 至 6 个月")),
    (365, _("6 个月至 1 年")),
    (None, _("1 年以上")),
]


def overview(*, today: dt.date | None = None) -> dict:
    """The fund overview's figures: balance, paid this year, outstanding, recovered, written off, and the
    money still to recover by the age of its first payment."""
    today = today or timezone.localdate()
    year_start = today.replace(month=1, day=1)
    sums = ledger_sums_up_to(today, since=year_start)
    all_time, this_year = sums.totals, sums.recent
    # The first payment of each application with money out, looked up per application (a few thousand at
    # most, through the payments' application index) rather than by joining every payment ever made; the
    # amounts summed per day of first payment by the database (a few hundred days, not thousands of rows),
    # then put in their age buckets. (One aggregate with a filter per bucket ran the lookup once per
    # bucket and row: 290 ms at scale 10.)
    first_payment = AdvancePayment.objects.filter(application=OuterRef("pk")).order_by("paid_on")
    per_day = (
        AdvanceApplication.objects.outstanding()
        .annotate(first_paid=Subquery(first_payment.values("paid_on")[:1]))
        .values("first_paid")
        .annotate(
            amount=Sum(
                F("paid_amount") - F("recovered_amount") - F("written_off_amount"), output_field=MONEY_SUM
            ),
            count=Count("pk"),
        )
        .order_by()
    )
    buckets: list[dict[str, Any]] = [
        {"label": label, "days": days, "amount": ZERO, "count": 0} for days, label in AGE_BUCKETS
    ]
    for day in per_day:
        age = (today - (day["first_paid"] or today)).days
        bucket = next(b for b in buckets if b["days"] is None or age <= b["days"])
        bucket["amount"] += day["amount"]
        bucket["count"] += day["count"]
    pending = AdvanceApplication.objects.filter(
        status__in=[AdvanceApplication.Status.SUBMITTED, AdvanceApplication.Status.APPROVED]
    ).aggregate(
        count=Count("id"),
        unpaid=Coalesce(
            Sum(F("approved_amount") - F("paid_amount"), filter=Q(status=AdvanceApplication.Status.APPROVED)),
            Value(ZERO),
            output_field=MONEY_SUM,
        ),
    )
    return {
        "today": today,
        "balance": sums.cash,
        "appropriated": all_time[Kind.APPROPRIATION],
        "paid_this_year": this_year[Kind.ADVANCE_PAYMENT],
        "paid_total": all_time[Kind.ADVANCE_PAYMENT],
        "outstanding": sums.advances,
        "recovered": all_time[Kind.RECOVERY],
        "recovered_this_year": this_year[Kind.RECOVERY],
        "written_off": all_time[Kind.WRITE_OFF],
        "by_age": buckets,
        "pending_count": pending["count"],
        "pending_unpaid": pending["unpaid"],
    }


def lines_from_claims(case) -> list[dict]:
    """Proposed lines for an application: each worker's unpaid wages in the case, as part of wages."""
    return [
        {
            "claim": claim,
            "worker_name": claim.name,
            "id_number": claim.id_number,
            "purpose": AdvanceLine.Purpose.WAGES,
            "amount": claim.amount_owed - claim.amount_paid,
        }
        for claim in case.claims.all()
        if claim.amount_owed > claim.amount_paid
    ]


def cap_per_worker() -> Decimal | None:
    value = settings.LIUDONG.get("FUND_CAP_PER_WORKER") or ""
    return Decimal(str(value)) if str(value).strip() else None


def cap_share_of_arrears() -> Decimal | None:
    value = settings.LIUDONG.get("FUND_CAP_SHARE_OF_ARREARS") or ""
    return Decimal(str(value)) if str(value).strip() else None


def applications_with_related(
    queryset: QuerySet[AdvanceApplication] | None = None,
) -> QuerySet[AdvanceApplication]:
    """The applications list's rows with what each row shows, in a fixed number of queries."""
    queryset = queryset if queryset is not None else AdvanceApplication.objects.all()
    return queryset.select_related("case", "case__enterprise", "created_by")


# The columns the applications list shows, read as values (as the case list's): an application with its case,
# the case's enterprise and its author built for each row cost more than the rest of the page.
APPLICATION_ROW_FIELDS = (
    "pk",
    "number",
    "status",
    "ground",
    "total_requested",
    "approved_amount",
    "paid_amount",
    "recovered_amount",
    "written_off_amount",
    "created_at",
    "case__number",
    "case__enterprise_id",
    "case__enterprise__name",
    "case__respondent_name",
    "created_by_id",
    *User.name_fields("created_by"),
)

_application_url = UrlFor("funds:detail")


def application_list_rows(
    applications: QuerySet[AdvanceApplication],
) -> QuerySet[AdvanceApplication, dict[str, Any]]:
    """The applications of a list as dicts of the columns it shows; `application_row` completes one."""
    return applications.values(*APPLICATION_ROW_FIELDS)


def application_row(values: dict, *, labels: dict[str, dict[str, str]]) -> dict:
    """One row of `application_list_rows` under the names an AdvanceApplication has (`case.respondent`,
    `get_status_display`, `outstanding`, `created_by.display_name`), computed as the models compute them."""
    author_name = User.display_name_in(values, "created_by")
    enterprise = values["case__enterprise_id"]
    return {
        **values,
        "get_absolute_url": _application_url(values["pk"]),
        "case": {
            "number": values["case__number"],
            "respondent": values["case__enterprise__name"] if enterprise else values["case__respondent_name"],
        },
        "created_by": {"display_name": author_name} if author_name is not None else None,
        "get_status_display": labels["status"].get(values["status"], values["status"]),
        "get_ground_display": labels["ground"].get(values["ground"], values["ground"]),
        "outstanding": values["paid_amount"] - values["recovered_amount"] - values["written_off_amount"],
    }


def application_row_labels() -> dict[str, dict[str, str]]:
    """The status and ground labels in the request's language, translated once for all the rows."""
    fields = {name: cast("Field", AdvanceApplication._meta.get_field(name)) for name in ("status", "ground")}
    return {
        name: {value: str(label) for value, label in choice_labels(field).items()}
        for name, field in fields.items()
    }
