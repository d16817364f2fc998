"""seed_bench makes rows the models accept, and every main page runs the same few queries at two data sizes."""

import datetime as dt
import io
import random

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F, Sum
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cases import deadlines
from cases.models import Case
from funds import selectors as fund_selectors
from funds.models import AdvanceApplication, LedgerEntry
from reporting.bench import data as bench_data
from reporting.bench import run as bench_run

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="seed_bench loads with PostgreSQL's COPY"),
]

SMALL, LARGER = 0.002, 0.01  # 10 and 50 enterprises, 20 and 100 cases
PAGES = [
    "/enterprises/",
    "/enterprises/projects/",
    "/cases/",
    "/cases/?q=柳州&status=open&industry=construction",
    "/cases/interviews/",
    "/funds/applications/",
    "/funds/",
    "/reporting/reports/",
    "/reporting/board/",
    "/dashboard/",
]
# Session, user, groups and permissions, navigation, the unread count, the filter choices, the page of rows
# and at most a count that stops at the cap: DESIGN's budget for a page, whatever its rows.
MAX_QUERIES = 15


def _seed(scale: float, seed: int = bench_data.DEFAULT_SEED) -> None:
    bench_data.seed_bench(scale=scale, seed=seed, log=lambda _line: None)


def test_the_bench_data_keeps_the_models_rules():
    _seed(SMALL)
    rng = random.Random(1)
    for label in [
        "enterprises.Enterprise",
        "enterprises.Project",
        "cases.Case",
        "cases.WorkerClaim",
        "cases.Interview",
        "funds.AdvanceApplication",
        "funds.LedgerEntry",
        "reporting.Report",
    ]:
        model = apps.get_model(label)
        ids = list(model.objects.values_list("pk", flat=True))
        assert ids, label
        for pk in rng.sample(ids, min(30, len(ids))):
            model.objects.get(pk=pk).full_clean(validate_unique=False)
    for case in Case.objects.all():
        current = deadlines.current(case.events.all())
        assert case.deadline == (current.due if current else None), case.number
        claims = case.claims.aggregate(owed=Sum("amount_owed"))["owed"]
        assert claims == case.total_owed and case.claims.count() == case.worker_count
    running = 0
    for day in (
        LedgerEntry.objects.values("entry_date").order_by("entry_date").annotate(total=Sum("cash_effect"))
    ):
        running += day["total"]
        assert running >= 0
    assert not AdvanceApplication.objects.filter(paid_amount__gt=F("approved_amount")).exists()
    # The month sums the fund's balances read were summed from the copied entries.
    kept = fund_selectors.month_totals_kept()
    assert kept and kept == fund_selectors.month_totals_from_entries()


def test_seed_bench_refuses_a_database_with_data_unless_forced():
    call_command("seed_bench", scale=SMALL, stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("seed_bench", scale=SMALL, stdout=io.StringIO())
    before = Case.objects.count()
    call_command("seed_bench", scale=SMALL, seed=2, force=True, stdout=io.StringIO())
    assert Case.objects.count() == 2 * before


def _queries(client, url: str) -> int:
    client.get(url)  # warm the permission and calendar caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code in (200, 404), url  # 404: a page not built yet
    return len(bench_run.sql_queries(captured.captured_queries))


def test_the_main_pages_run_the_same_few_queries_for_few_and_many_rows(client, director):
    client.force_login(director)
    _seed(SMALL)
    smallest = Case.objects.order_by("worker_count", "pk").first()
    few = {url: _queries(client, url) for url in PAGES}
    few["case page"] = _queries(client, f"/cases/{smallest.pk}/")
    _seed(LARGER, seed=2)
    largest = Case.objects.order_by("-worker_count", "pk").first()
    many = {url: _queries(client, url) for url in PAGES}
    many["case page"] = _queries(client, f"/cases/{largest.pk}/")
    assert largest.worker_count > smallest.worker_count
    for url, count in few.items():
        assert count <= MAX_QUERIES, (url, count)
        # One more at most: the capped count, which a list that fits on its first page does without.
        assert many[url] <= count + 1, (url, count, many[url])


def test_the_cases_export_streams_every_case(client, director):
    _seed(SMALL)
    client.force_login(director)
    response = client.get("/cases/export.xlsx")
    assert response.status_code == 200 and response.streaming
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    numbers = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert numbers == set(Case.objects.values_list("number", flat=True))


def test_the_bench_can_be_seeded_on_a_leap_day():
    # Its ten years back from 29 February start on the 28th (it raised "day is out of range" on 2028-02-29).
    seeder = bench_data.Seeder(scale=0.01, seed=1, as_of=dt.date(2028, 2, 29), log=lambda _: None)
    assert seeder.first_day == dt.date(2028 - bench_data.YEARS, 2, 28)


def test_a_page_meets_issue_21s_ratio_within_three_times_its_sql_or_25_ms():
    from reporting.bench.run import PageResult

    def page(median: float, sql: float) -> PageResult:
        return PageResult("p", "/p/", 200, [median], cpu_ms=median, queries=5, main_query_ms=sql, sql_ms=sql)

    assert page(60, 20).meets_sql_ratio() and not page(61, 20).meets_sql_ratio()
    assert page(25, 0.5).meets_sql_ratio() and not page(26, 0.5).meets_sql_ratio()
    assert page(60, 20).sql_ratio == 3
