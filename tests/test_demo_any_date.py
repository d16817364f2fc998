"""The demo data makes sense whatever day it is seeded on: a newcomer in 2027 or 2028 sees the current month's
reports, deadlines ahead and behind, open cases and tasks, not a picture of the year the demo was written."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from cases.models import Case
from funds.demo import DEMO_APPROPRIATION_NOTE
from funds.models import LedgerEntry
from liudong_wages.models import User
from reporting import definitions
from reporting.definitions import add_months
from reporting.models import Report, SupervisionTask


def _counts() -> dict[str, int]:
    return {
        "reports": Report.objects.count(),
        "cases": Case.objects.count(),
        "tasks": SupervisionTask.objects.count(),
        "ledger": LedgerEntry.objects.count(),
    }


# A day in 2027 (estimated holidays today) whose month's 10th is a Saturday, and a leap day in 2028.
@pytest.mark.parametrize("today", [dt.date(2027, 7, 12), dt.date(2028, 2, 29), dt.date(2027, 4, 2)], ids=str)
def test_seed_demo_shows_current_work_on_the_day_it_runs(db, frozen, today, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the minutes and bulletins it prints
    frozen(today)
    call_command("seed_demo", password="Demo-password-2026", stdout=StringIO())
    counts = _counts()

    # Reports: the newest period is last month's; some units have sent it, others still owe it.
    newest = add_months(today.replace(day=1), -1)
    monthly = [d for d in definitions.periodic() if d.cadence == definitions.Cadence.MONTHLY]
    sent = set(Report.objects.filter(period=newest).values_list("report_type", flat=True))
    assert sent and len(sent) < len(monthly)
    assert Report.objects.filter(period=add_months(newest, -1), status=Report.Status.ACCEPTED).exists()
    assert not Report.objects.filter(period__gte=today.replace(day=1)).exists()
    assert not Report.objects.filter(period__lt=add_months(newest, -11)).exists()
    assert all(r.first_submitted_at.date() <= today for r in Report.objects.all())
    # Its deadline falls in this month (or, moved past a holiday, early next month), never a year ago.
    assert today.replace(day=1) <= monthly[0].deadline(newest) <= today + dt.timedelta(days=40)

    # Cases: received in the last days and months, one waiting for the filing decision, one past its deadline.
    demo = Case.objects.filter(summary__startswith="【演示】")
    assert demo.count() == 4
    assert all(c.period_start <= c.period_end < c.received_on <= today for c in demo)
    assert demo.filter(received_on__gte=today - dt.timedelta(days=7)).exists()
    assert demo.filter(deadline__gte=today).exists()
    assert demo.filter(deadline__lt=today).exists()

    # Supervision: one task still open and due ahead, one done and accepted.
    assert SupervisionTask.objects.filter(status=SupervisionTask.Status.OPEN, due_on__gt=today).exists()
    assert SupervisionTask.objects.filter(status=SupervisionTask.Status.ACCEPTED).exists()

    # The fund was topped up two months ago, under that year's document number.
    appropriation = LedgerEntry.objects.filter(
        kind=LedgerEntry.Kind.APPROPRIATION, note=DEMO_APPROPRIATION_NOTE
    ).get()
    assert appropriation.entry_date == today - dt.timedelta(days=60)
    assert f"〔{appropriation.entry_date.year}〕" in appropriation.document_ref

    # The director's start page and dashboard show that day.
    client = Client()
    client.force_login(User.objects.get(username="zhuren"))
    assert client.get("/").status_code == 200
    assert client.get("/dashboard/").status_code == 200

    # Run again on the same day: nothing new.
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == counts
