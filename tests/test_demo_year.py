"""The demo year (issue 19): seed_demo, on whatever day it runs, gives twelve months of cases in every industry
and state, so that the dashboard's monthly charts show several months and the bulletin's tables have rows."""

import datetime as dt
import time
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from cases.models import Case, CaseEvent
from enterprises.models import Enterprise


@pytest.mark.parametrize("today", [dt.date(2026, 12, 7), dt.date(2027, 7, 12)], ids=str)
def test_seed_demo_builds_a_year_of_cases_and_adds_nothing_the_second_time(db, frozen, today):
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

    count = Case.objects.count()
    call_command("seed_demo", password="Demo-password-2026", stdout=StringIO())
    assert Case.objects.count() == count
