"""The benchmark of the main pages and jobs (`manage.py benchmark`), against the data of `seed_bench`.

Each page is requested through Django's test Client as the office director (force_login: no 2FA step), first
once with the queries captured (their number, and the slowest one re-run under EXPLAIN ANALYZE: the time the
database alone needs, the floor of the page), then `repeat` times for the server time. The same lists are also
measured as the Django admin's change lists (a superuser), as a reference. Then the cases export, the
bulletin build and the reminder job.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import resource
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.management import call_command, get_commands
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import Case
from liudong_wages import twofactor
from liudong_wages.models import User

from ..services import reminders
from . import monitoring
from .monitoring import monitoring_pages

BUDGET_MEDIAN_MS = 150
# Issue 21: a page's median at most this many times its own SQL time, or at most FLOOR_MS where SQL is ~0.
SQL_RATIO = 3
FLOOR_MS = 25
BUDGET_P95_MS = 300
BUDGET_QUERIES = 15
BUDGET_EXPORT_MB = 400
BUDGET_REMINDERS_S = 2.0


@dataclass
class PageResult:
    name: str
    url: str
    status: int
    times_ms: list[float]
    # The Django process's own CPU time (median): what the page costs without the machine's other load.
    cpu_ms: float
    queries: int
    main_query_ms: float
    main_query: str = ""
    # The time of all the page's statements as the page waits for them (median over a few requests).
    sql_ms: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def sql_ratio(self) -> float:
        return self.median / self.sql_ms if self.sql_ms else math.inf

    def meets_sql_ratio(self) -> bool:
        """Issue 21: median ≤ 3 × its own SQL time, or ≤ 25 ms."""
        return self.median <= max(SQL_RATIO * self.sql_ms, FLOOR_MS)

    def within_budget(self) -> bool:
        return (
            self.median <= BUDGET_MEDIAN_MS and self.p95 <= BUDGET_P95_MS and self.queries <= BUDGET_QUERIES
        )


@dataclass
class JobResult:
    name: str
    seconds: float
    detail: str = ""


@dataclass
class Report:
    pages: list[PageResult] = field(default_factory=list)
    admin: list[PageResult] = field(default_factory=list)
    jobs: list[JobResult] = field(default_factory=list)


def _url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _explain_ms(sql: str) -> float:
    """The database's own time for `sql` (EXPLAIN ANALYZE, run twice, the second with warm caches)."""
    if not sql.lstrip().upper().startswith("SELECT"):
        return 0.0
    best = math.inf
    with connection.cursor() as cursor:
        for _ in range(2):
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            best = min(best, plan[0]["Planning Time"] + plan[0]["Execution Time"])
    return best


# Transaction control (around a session's save, at most once a minute) is no query of the page.
_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def sql_queries(captured: list[dict]) -> list[dict]:
    """The captured statements that are queries: not BEGIN, COMMIT or savepoints."""
    return [q for q in captured if not q["sql"].lstrip().upper().startswith(_CONTROL)]


def measure_page(client: Client, name: str, url: str, repeat: int) -> PageResult:
    client.get(url)  # warm up: templates compiled, caches filled
    # Each request empties the query log when it starts: start the capture from an empty log too.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Queries a middleware runs on every page (session, user) count too: they are part of the page.
    # Read now: the next request empties the log this property reads from.
    queries = sql_queries(captured.captured_queries)
    timed = [(float(q["time"]), q["sql"]) for q in queries]
    slowest = max(timed, default=(0.0, ""))[1]
    sql = []
    for _ in range(5):
        reset_queries()
        with CaptureQueriesContext(connection) as timing:
            client.get(url)
        sql.append(sum(float(q["time"]) for q in sql_queries(timing.captured_queries)) * 1000)
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return PageResult(
        name=name,
        url=url,
        status=response.status_code,
        times_ms=times,
        cpu_ms=statistics.median(cpu),
        queries=len(queries),
        main_query_ms=_explain_ms(slowest) if slowest else 0.0,
        main_query=slowest,
        sql_ms=statistics.median(sql),
    )


def pages(sample: Case) -> list[tuple[str, str | None]]:
    term = (sample.enterprise.name[2:4] if sample.enterprise_id else sample.number[:6]) or "柳州"
    search = f"/cases/?q={term}&status=open&industry={sample.industry or 'construction'}"
    return [
        ("enterprises", _url("enterprises:list")),
        ("projects", _url("enterprises:project_list")),
        ("cases", _url("cases:list")),
        ("cases: search + 2 filters", search),
        ("cases: page 200", "/cases/?page=200"),
        ("case page", _url("cases:detail", sample.pk)),
        ("interviews", _url("cases:interviews")),
        ("fund applications", _url("funds:list")),
        ("fund overview", _url("funds:overview")),
        ("reports", _url("reporting:list")),
        ("reporting board", _url("reporting:board")),
        ("dashboard", "/dashboard/" if _resolves("/dashboard/") else None),
    ]


ADMIN_LISTS = [
    ("admin enterprises", "admin:enterprises_enterprise_changelist"),
    ("admin projects", "admin:enterprises_project_changelist"),
    ("admin cases", "admin:cases_case_changelist"),
    ("admin interviews", "admin:cases_interview_changelist"),
    ("admin fund applications", "admin:funds_advanceapplication_changelist"),
    ("admin reports", "admin:reporting_report_changelist"),
]


def _resolves(path: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def sample_case() -> Case:
    """A typical open case: recent, a dozen workers, with an enterprise."""
    return (
        Case.objects.select_related("enterprise")
        .filter(enterprise__isnull=False, worker_count__range=(10, 20))
        .exclude(status__in=Case.FINISHED_STATUSES)
        .order_by("-received_on", "-id")
        .first()
    ) or Case.objects.select_related("enterprise").order_by("-id").first()


def _client(user: User) -> Client:
    """A client logged in as `user`, with the second factor passed for the roles that need it (as a login
    through django-otp leaves the session; the device is created once in the benchmark's database)."""
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    if twofactor.required_for(user):
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "benchmark"}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def run(*, repeat: int, log: Callable[[str], None], only_pages: bool = False) -> Report:
    report = Report()
    director = User.objects.filter(username="zhuren").first()
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    sample = sample_case()
    # Production-like: no query log in memory, mail into a list.
    with override_settings(
        DEBUG=False,
        ALLOWED_HOSTS=["localhost"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        client = _client(director)
        for name, url in pages(sample):
            if url is None:
                log(f"  {name}: no such page, skipped")
                continue
            result = measure_page(client, name, url, repeat)
            report.pages.append(result)
            log(_line(result))
        # Wage-payment monitoring (issue 17): the list, and the largest roster's project page, roster, sheets.
        project = monitoring.roster_project()
        for name, url in monitoring_pages(project):
            result = measure_page(client, name, url, repeat)
            report.pages.append(result)
            log(_line(result))
        if admin is not None:
            admin_client = _client(admin)
            for name, url_name in ADMIN_LISTS:
                url = _url(url_name)
                if url is None:
                    log(f"  {name}: not registered, skipped")
                    continue
                result = measure_page(admin_client, name, url, repeat)
                report.admin.append(result)
                log(_line(result, reference=True))
        if not only_pages:
            report.jobs.append(export_cases(client, log))
            report.jobs.extend(bulletin(log))
            report.jobs.append(reminder_job(log, repeat=max(3, repeat // 4)))
            report.jobs.append(monitoring.check_job(log))
            imported = monitoring.import_job(client, project, log)
            if imported is not None:
                report.jobs.append(imported)
    return report


def _verdict(result: PageResult, *, reference: bool) -> str:
    """ "met" or "over" the page budget; the admin's change lists are a reference, not budgeted."""
    if reference:
        return "reference"
    return "met" if result.within_budget() else "over"


def _line(result: PageResult, *, reference: bool = False) -> str:
    mark = {"met": "ok  ", "over": "OVER", "reference": "ref "}[_verdict(result, reference=reference)]
    return (
        f"  {mark} {result.name:28} {result.status} median {result.median:7.1f} ms  p95 {result.p95:7.1f} ms  "
        f"cpu {result.cpu_ms:6.1f} ms  {result.queries:3d} queries  main query {result.main_query_ms:7.1f} ms  "
        f"sql {result.sql_ms:6.1f} ms  {'ratio met' if result.meets_sql_ratio() else 'RATIO OVER'}"
    )


def export_cases(client: Client, log: Callable[[str], None]) -> JobResult:
    """The full cases export: time to the first byte, the whole time, peak Python memory and process RSS."""
    url = _url("cases:export") or "/cases/export.xlsx"

    def consume() -> tuple[float, float, int, int]:
        start = time.perf_counter()
        response = client.get(url)
        first = None
        size = 0
        if response.streaming:
            for chunk in response.streaming_content:
                if first is None:
                    first = time.perf_counter()
                size += len(chunk)
        else:
            first = time.perf_counter()
            size = len(response.content)
        response.close()
        return (first or time.perf_counter()) - start, time.perf_counter() - start, size, response.status_code

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ttfb, total, size, status = consume()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    consume()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows = Case.objects.count()
    detail = (
        f"{status}, {rows:,} cases, {size / 2**20:.1f} MB xlsx, first byte {ttfb * 1000:.0f} ms, "
        f"peak Python memory {peak / 2**20:.0f} MB (tracemalloc), process peak RSS "
        f"{rss_after / 1024:.0f} MB (+{(rss_after - rss_before) / 1024:.0f} MB during the export)"
    )
    log(f"  export.xlsx of all cases: {total:.1f} s; {detail}")
    return JobResult("cases export.xlsx", total, detail)


def bulletin(log: Callable[[str], None]) -> list[JobResult]:
    if "build_bulletin" not in get_commands():
        log("  build_bulletin: no such command, skipped")
        return []
    today = timezone.localdate()
    quarter = (today.month - 1) // 3  # the last finished quarter
    year = today.year if quarter else today.year - 1
    quarter = quarter or 4
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        try:
            with transaction.atomic():
                call_command("build_bulletin", year, quarter, output=f"{folder}/bulletin.pdf")
                transaction.set_rollback(True)  # measure, keep nothing
        except Exception as error:  # the command is another engineer's work in progress
            log(f"  build_bulletin {year} Q{quarter}: failed: {error!r}")
            return [JobResult(f"build_bulletin {year} Q{quarter}", math.nan, f"failed: {error!r}")]
        seconds = time.perf_counter() - start
    log(f"  build_bulletin {year} Q{quarter}: {seconds:.1f} s")
    return [JobResult(f"build_bulletin {year} Q{quarter}", seconds)]


def reminder_job(log: Callable[[str], None], *, repeat: int) -> JobResult:
    """The daily reminder job on a day when overdue notices and the director's summary go out (the busiest
    day of a month), each run rolled back so that every run sends everything again."""
    today = timezone.localdate()
    day = today.replace(day=11)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    times, sent = [], 0
    for _ in range(repeat):
        with transaction.atomic():
            start = time.perf_counter()
            result = reminders.reminders_send(today=day)
            times.append(time.perf_counter() - start)
            sent = len(result.sent)
            transaction.set_rollback(True)
    seconds = statistics.median(times)
    log(f"  reminder job on {day}: median {seconds:.2f} s over {repeat} runs, {sent} reminders sent each run")
    return JobResult(f"reminder job ({day})", seconds, f"{sent} reminders sent, median of {repeat} runs")


def markdown(report: Report) -> str:
    """The table for README.md's Performance section."""
    lines = [
        "| page | median ms | p95 ms | Python CPU ms | queries | SQL ms | main query ms | budget | "
        "median ≤ 3 × SQL or ≤ 25 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for result in [*report.pages, *report.admin]:
        reference = result in report.admin
        ok = _verdict(result, reference=reference).replace("over", "**over**")
        ratio = "—" if reference else ("met" if result.meets_sql_ratio() else "**over**")
        lines.append(
            f"| {result.name} (`{result.url}`) | {result.median:.0f} | {result.p95:.0f} | {result.cpu_ms:.0f} | "
            f"{result.queries} | {result.sql_ms:.1f} | {result.main_query_ms:.1f} | {ok} | {ratio} |"
        )
    lines += ["", "| job | time | detail |", "| --- | ---: | --- |"]
    for job in report.jobs:
        lines.append(f"| {job.name} | {job.seconds:.2f} s | {job.detail} |")
    return "\n".join(lines)
