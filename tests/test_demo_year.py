"""The demo year (issue 19): seed_demo, on whatever day it runs, gives twelve months of cases in every industry
and state, so that the dashboard's monthly charts show several months and the bulletin's tables have rows.
The charts and tables are read through the dashboard's own page and the bulletin's own tables, so a chart or
a table added later is held to the same rule."""

import datetime as dt
import time
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from cases.models import Case, CaseEvent
from enterprises.models import Enterprise
from liudong_wages import excel
from liudong_wages.models import User
from reporting.bulletin.tables import Table, bulletin_tables
from reporting.periods import Period
from reporting.selectors.figures import period_figures
from reporting.services.bulletin import quarter_before


def _months_with(values) -> int:
    return sum(1 for value in values if value)


def _dashboard_of_quarter(year: int, quarter: int):
    """The director's dashboard for a quarter, as the page computes it."""
    client = Client()
    client.force_login(User.objects.get(username="zhuren"))
    response = client.get("/dashboard/", {"period": "quarter", "year": year, "quarter": quarter})
    assert response.status_code == 200
    return response.context["figures"], response.context["charts"]


def _non_zero_rows(table: Table) -> list[list]:
    """Rows that show something: the period's own column of a comparison table, any number of a table with
    numbers, any cell but the first of a list."""
    keys = [column.key for column in table.columns]
    if "current" in keys:
        numeric = [keys.index("current")]
    else:
        numeric = [i for i, c in enumerate(table.columns) if c.kind in (excel.INT, excel.DECIMAL)]
    if numeric:
        return [row for row in table.rows if any(row[i] for i in numeric)]
    return [row for row in table.rows if any(cell not in (None, "") for cell in row[1:])]


@pytest.mark.parametrize("today", [dt.date(2026, 12, 7), dt.date(2027, 7, 12)], ids=str)
def test_seed_demo_builds_a_year_that_fills_every_chart_and_table_and_adds_nothing_the_second_time(
    db, frozen, today, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the minutes and bulletins it prints
    frozen(today)
    started, cpu = time.monotonic(), time.process_time()
    call_command("seed_demo", password="Demo-password-2026", stdout=StringIO())
    print(f"seed_demo: {time.monotonic() - started:.1f} s, {time.process_time() - cpu:.1f} s of CPU")
    year = Case.objects.filter(summary__startswith="【演示年】")
    assert year.count() >= 36
    assert all(today - dt.timedelta(days=366) <= c.received_on <= today for c in year)

    received = Counter(c.received_on.replace(day=1) for c in year)
    closed = Counter(
        e.on.replace(day=1) for e in CaseEvent.objects.filter(case__in=year, kind=CaseEvent.Kind.CLOSED)
    )
    assert len([m for m, n in received.items() if n]) >= 10
    assert len([m for m, n in closed.items() if n]) >= 2
    assert {c.industry for c in year} == set(Enterprise.Industry.values)
    states = {c.status for c in year}
    assert {
        Case.Status.RECEIVED,
        Case.Status.INVESTIGATING,
        Case.Status.AGREEMENT,
        Case.Status.CLOSED,
    } <= states
    closures = {c.closure for c in year if c.status == Case.Status.CLOSED}
    assert {Case.Closure.PAID, Case.Closure.NOT_ESTABLISHED} <= closures
    # The chart of money recovered: paid cases over several months.
    assert len({c.closed_on.replace(day=1) for c in year if c.closure == Case.Closure.PAID}) >= 2
    # Our own process's work (the database's is beside it): the issue asks for a quick seed.
    assert time.process_time() - cpu < 30

    # The dashboard of the last full quarter: each monthly series shows two months or three, the charts of
    # industries and units several bars, the recovery ring a share.
    year, quarter = quarter_before(today)
    figures, charts = _dashboard_of_quarter(year, quarter)
    assert set(charts) >= {
        "cases_by_month",
        "cases_by_industry",
        "recovery_rate",
        "reporting",
        "fund_by_month",
    }
    for series in zip(*[values for _month, *values in figures.cases_by_month], strict=True):
        assert _months_with(series) >= 2
    for series in zip(*[values for _month, *values in figures.fund_by_month], strict=True):
        assert _months_with(series) >= 2
    assert len([row for row in figures.industries if row.windows[0].new]) >= 2
    assert figures.cases[0].recovery_rate
    assert len([row for row in figures.reporting if row.timeliness]) >= 2
    assert any(row.late or row.missing for row in figures.reporting)

    # The bulletin of that quarter: every table has a row with something in it.
    tables = bulletin_tables(period_figures(Period.quarter(year, quarter), today=today, detail=True))
    empty = [table.key for table in tables if not _non_zero_rows(table)]
    assert not empty

    count = Case.objects.count()
    call_command("seed_demo", password="Demo-password-2026", stdout=StringIO())
    assert Case.objects.count() == count
