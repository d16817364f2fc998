"""seed_bench's wage-payment monitoring data keeps the models' rules and raises only the chosen warnings, and
the monitoring pages run the same few queries at two data sizes."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.test.utils import CaptureQueriesContext

from enterprises.models import LabourCostTransfer, Payroll, PayrollLine, Project, ProjectWorker, WageAlert
from reporting.bench import data as bench_data
from reporting.bench import run as bench_run

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="seed_bench loads with PostgreSQL's COPY"),
]

TODAY = dt.date(2026, 12, 7)
MAX_QUERIES = 15


def _seed(scale: float, seed: int = bench_data.DEFAULT_SEED) -> bench_data.Seeder:
    seeder = bench_data.Seeder(scale=scale, seed=seed, as_of=TODAY, log=lambda _line: None)
    seeder.run()
    return seeder


def test_the_monitoring_data_keeps_the_rules_and_raises_only_the_chosen_warnings():
    seeder = _seed(0.05)  # 10 active projects, 1,000 workers
    assert Project.objects.filter(status=Project.Status.ACTIVE).count() == 10
    assert ProjectWorker.objects.count() >= 1000
    # Every active project has its two years of sheets, each summing its lines.
    months = Payroll.objects.values("project").annotate(n=Count("pk"))
    assert all(22 <= row["n"] <= 24 for row in months)
    sums = Payroll.objects.annotate(
        lines_payable=Sum("lines__payable"),
        lines_paid=Sum("lines__paid"),
        lines_count=Count("lines"),
        lines_short=Count("lines", filter=Q(lines__paid__lt=F("lines__payable"))),
    )
    for sheet in sums:
        assert sheet.worker_count == sheet.lines_count
        assert sheet.total_payable == (sheet.lines_payable or 0)
        assert sheet.total_paid == (sheet.lines_paid or 0)
        assert sheet.unpaid_workers == sheet.lines_short
    # ID numbers valid, once per project; lines only for workers active in their month.
    rng = random.Random(1)
    for model in (ProjectWorker, Payroll, PayrollLine, LabourCostTransfer, Project):
        ids = list(model.objects.values_list("pk", flat=True))
        for pk in rng.sample(ids, min(30, len(ids))):
            model.objects.get(pk=pk).full_clean(validate_unique=False)
    outside = PayrollLine.objects.filter(
        Q(worker__started_on__gte=F("payroll__month") + dt.timedelta(days=31))
        | Q(worker__left_on__lt=F("payroll__month"))
    )
    assert not outside.exists()
    raised = set(WageAlert.objects.open().values_list("project_id", "reason"))
    assert raised == seeder.gaps


def test_the_monitoring_pages_run_the_same_few_queries_for_few_and_many_rows(client, director):
    client.force_login(director)
    _seed(0.01)  # 2 projects: one roster of 200 workers
    small = Project.objects.annotate(n=Count("workers")).filter(n__gt=0).order_by("n").first()
    few = {name: _queries(client, url) for name, url in bench_run.monitoring_pages(small)}
    _seed(0.05, seed=2)  # one more roster of 500
    big = Project.objects.annotate(n=Count("workers")).order_by("-n").first()
    assert big.n == 500 and small.workers.count() < big.n
    many = {name: _queries(client, url) for name, url in bench_run.monitoring_pages(big)}
    # The project page's name says its roster's size: compare the pages by their kind.
    few = {name.split(" (")[0]: count for name, count in few.items()}
    many = {name.split(" (")[0]: count for name, count in many.items()}
    for name, count in few.items():
        assert count <= MAX_QUERIES, (name, count)
        assert many[name] <= count + 1, (name, count, many[name])


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(bench_run.sql_queries(captured.captured_queries))
