"""The one selector of the office's figures: a quarter's numbers on known data, and their comparisons."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db.models import Q

from cases.models import Case
from reporting.periods import Period, PeriodKind
from reporting.selectors.figures import period_figures

from .bulletin_data import NOW, TODAY, make_quarter_data


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_quarters_case_figures_with_last_quarter_and_last_year(db, frozen):
    make_quarter_data()
    figures = period_figures(Period.quarter(2026, 3), today=TODAY)
    now, before, year_ago = figures.cases
    assert (now.new, now.workers, now.owed) == (2, 15, Decimal("80000.00"))
    assert (now.closed, now.recovered, now.recovery_rate) == (1, Decimal("20000.00"), 100.0)
    assert (before.new, before.workers) == (1, 5)
    assert (year_ago.new, year_ago.closed, year_ago.recovered) == (1, 1, Decimal("6000.00"))
    assert figures.case_compare("new").vs_previous == 100.0
    industries = {row.industry: row.windows[0].new for row in figures.industries}
    assert industries == {"construction": 1, "manufacturing": 1, "catering": 0}
    assert [(m.month, new, closed) for m, new, closed in figures.cases_by_month] == [
        (7, 1, 0),
        (8, 1, 0),
        (9, 0, 1),
    ]


def test_the_state_figures_are_those_of_today(db, frozen):
    make_quarter_data()
    c = period_figures(Period.quarter(2026, 3), today=TODAY).counters
    assert (c["cases_open"], c["cases_open_workers"], c["cases_open_outstanding"]) == (
        2,
        17,
        Decimal("70000.00"),
    )
    assert (c["cases_overdue"], c["cases_major_open"], c["cases_mass_open"]) == (2, 1, 1)
    assert (c["interviews_awaiting"], c["interviews_overdue"]) == (1, 1)
    assert (c["listings_in_force"], c["listings_listed_0"], c["projects_red"]) == (1, 1, 1)
    assert (c["fund_balance_today"], c["fund_balance_0"], c["fund_balance_1"]) == (
        Decimal("100000.00"),
        Decimal("100000.00"),
        Decimal("0.00"),
    )
    assert (c["inspections_0"], c["inspections_findings_0"]) == (1, 1)
    assert c["cases_recovered_ytd"] == Decimal("20000.00")


def test_member_unit_reporting_of_the_quarter(db, frozen):
    make_quarter_data()
    figures = period_figures(Period.quarter(2026, 3), today=TODAY)
    rows = {row.unit_name: row for row in figures.reporting if row.adhoc_total is None}
    assert (rows["建设局"].on_time, rows["建设局"].missing) == (1, 2)
    assert (rows["经发局"].late, rows["经发局"].missing) == (1, 2)
    # The September reports were due on 10 October: every unit but none has missed them.
    assert figures.reports_missing_this_month == len(rows)


def test_an_empty_period_has_zero_figures(db, frozen):
    figures = period_figures(Period.month(2019, 2), today=TODAY)
    assert figures.cases[0].new == 0 and figures.cases[0].recovery_rate is None
    assert figures.counters["fund_balance_0"] == Decimal("0.00")
    assert figures.industries == []


def test_periods_and_their_comparisons():
    quarter = Period.quarter(2026, 1)
    assert (quarter.previous().start, quarter.previous().end) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert quarter.year_ago() == Period.quarter(2025, 1)
    custom = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 10), PeriodKind.CUSTOM)
    assert custom.previous() == Period(dt.date(2026, 2, 19), dt.date(2026, 2, 28), PeriodKind.CUSTOM)
    assert Period.month(2024, 2).year_ago().end == dt.date(2023, 2, 28)
    assert Period.year_of(2026).label == "2026年"


def test_cases_open_at_the_start_are_those_received_before_it_and_not_closed_by_then(db, frozen):
    make_quarter_data()
    start = dt.date(2026, 7, 1)
    expected = (
        Case.objects.filter(received_on__lt=start)
        .exclude(status__in=[Case.Status.VOIDED, Case.Status.NOT_FILED])
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
    )
    c = period_figures(Period.quarter(2026, 3), today=TODAY).counters
    assert c["cases_open_at_start"] == expected.count() > 0
    assert c["cases_open_workers_at_start"] == sum(expected.values_list("worker_count", flat=True))


def test_the_fund_of_whole_months_from_the_month_sums_equals_the_sum_of_the_entries(db, frozen):
    # A quarter is read from the ledger's month sums; a custom period of the same days from the entries.
    from funds.services.ledger import ledger_appropriate, ledger_reverse

    from ..factories import UserFactory

    treasurer = UserFactory()
    ledger_appropriate(amount="50000.00", entry_date=dt.date(2026, 6, 30), document_ref="拨1", by=treasurer)
    wrong = ledger_appropriate(
        amount="8000.00", entry_date=dt.date(2026, 7, 3), document_ref="拨2", by=treasurer
    )
    ledger_appropriate(amount="12000.00", entry_date=dt.date(2026, 9, 30), document_ref="拨3", by=treasurer)
    ledger_reverse(entry=wrong, reason="重复拨付", by=treasurer, entry_date=dt.date(2026, 8, 1))
    quarter = period_figures(Period.quarter(2026, 3), today=TODAY)
    same_days = period_figures(
        Period(dt.date(2026, 7, 1), dt.date(2026, 9, 30), PeriodKind.CUSTOM), today=TODAY
    )
    assert quarter.fund[0].appropriated == same_days.fund[0].appropriated == Decimal("12000.00")
    assert quarter.fund_by_month == same_days.fund_by_month
    assert quarter.counters["fund_balance_0"] == Decimal("62000.00")
    assert quarter.counters["fund_balance_1"] == Decimal("50000.00")


def test_the_counters_statement_is_kept_and_its_rows_read_afresh(db, frozen, settings):
    from liudong_wages import workdays
    from reporting.selectors import counters as module

    from ..factories import CaseFactory

    module._statements.clear()
    windows = [Period.quarter(2026, 3)]
    first = module.counters(windows, TODAY, tables=False)
    case = CaseFactory()
    Case.objects.filter(pk=case.pk).update(deadline=workdays.add_working_days(TODAY, 3))
    second = module.counters(windows, TODAY, tables=False)
    assert len(module._statements) == 1  # compiled once…
    assert second["cases_open"] == first["cases_open"] + 1  # …and read now
    assert second["cases_near"] == first["cases_near"] + 1
    # The horizon of "near" is part of what the statement is kept by: a shorter one is another statement.
    settings.LIUDONG = settings.LIUDONG | {"CASE_DEADLINE_WARNING_WORKING_DAYS": 2}
    third = module.counters(windows, TODAY, tables=False)
    assert len(module._statements) == 2 and third["cases_near"] == first["cases_near"]
