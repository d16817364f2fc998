"""The monitoring demo data: every kind of warning appears, dates follow today, and a second run adds
nothing."""

import datetime as dt
import io

import pytest

from enterprises import demo, demo_monitoring
from enterprises.models import Payroll, ProjectWorker, WageAlert

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [dt.date(2026, 12, 7), dt.date(2027, 3, 1)])
def test_the_monitoring_demo_shows_every_kind_of_warning_and_runs_twice(frozen, today):
    frozen(today)
    out = io.StringIO()
    demo.seed_demo(out)
    demo_monitoring.seed_demo(out)
    counts = (ProjectWorker.objects.count(), Payroll.objects.count(), WageAlert.objects.count())
    assert {a.reason for a in WageAlert.objects.open()} == set(WageAlert.Reason.values)
    assert WageAlert.objects.open().filter(level="red").exists()
    assert counts[0] >= 4 * 20 and counts[1] >= 20
    demo_monitoring.seed_demo(out)
    assert (ProjectWorker.objects.count(), Payroll.objects.count(), WageAlert.objects.count()) == counts
