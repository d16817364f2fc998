"""The wage-payment monitoring part of `benchmark` (issue 17): the monitoring list, the page of the project with
the largest roster, its roster and its wage sheets (the page budgets), the daily check over every active
project (≤ 60 s) and the import of a 2,000-line wage sheet through its page (≤ 10 s, ≤ 200 MiB).

The jobs run inside a transaction rolled back at the end: the data stay as seed_bench left them.
"""

from __future__ import annotations

import datetime as dt
import io
import resource
import time
import tracemalloc
from collections.abc import Callable

from django.db import transaction
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from enterprises import rules
from enterprises.models import Payroll, Project, ProjectWorker

BUDGET_CHECK_S = 60.0
BUDGET_IMPORT_S = 10.0
BUDGET_IMPORT_MIB = 200
IMPORT_LINES = 2_000


def roster_project() -> Project | None:
    """The active project with the largest roster (seed_bench gives one 500 workers)."""
    row = (
        ProjectWorker.objects.filter(project__status=Project.Status.ACTIVE)
        .values("project")
        .annotate(n=Count("pk"))
        .order_by("-n", "project")
        .first()
    )
    return Project.objects.get(pk=row["project"]) if row else None


def monitoring_pages(project: Project | None) -> list[tuple[str, str]]:
    pages = [("monitoring", reverse("enterprises:monitoring"))]
    if project is not None:
        workers = project.workers.count()
        pages += [
            (f"project page ({workers} workers)", reverse("enterprises:project_detail", args=[project.pk])),
            ("roster", reverse("enterprises:project_workers", args=[project.pk])),
            ("wage sheets", reverse("enterprises:payroll_list", args=[project.pk])),
        ]
    return pages


def check_job(log: Callable[[str], None], *, today: dt.date | None = None):
    """The daily check once over every active project, as the seed left them (rolled back)."""
    from enterprises.services.alerts import wage_payments_check

    from .run import JobResult

    today = today or timezone.localdate()
    with transaction.atomic():
        start = time.perf_counter()
        summary = wage_payments_check(today=today)
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    verdict = "met" if seconds <= BUDGET_CHECK_S else "over"
    detail = (
        f"{summary.projects:,} projects, {summary.raised} raised, {summary.escalated} escalated, "
        f"{summary.closed} closed; budget {BUDGET_CHECK_S:.0f} s {verdict}"
    )
    log(f"  daily wage-payment check ({today}): {seconds:.2f} s; {detail}")
    return JobResult(f"check_wage_payments ({today})", seconds, detail)


def _sheet(project: Project, workers: list[ProjectWorker], month: dt.date) -> bytes:
    """The page's own template filled with one line a worker."""
    from openpyxl import load_workbook

    from enterprises.imports.monitoring import payroll_template_response

    response = payroll_template_response(project)
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    header = 1  # the headers, required ones starred (liudong_wages.excel.template_workbook)
    columns = {str(cell.value).rstrip("*"): cell.column for cell in sheet[header] if cell.value}
    sheet.delete_rows(header + 1, sheet.max_row)
    paid_on = rules.payday_of(month, project.payday)
    for n, worker in enumerate(workers, start=header + 1):
        days = 20 + n % 6
        values = {
            "姓名": worker.name,
            "身份证号": worker.id_number,
            "出勤天数": days,
            "应发工资": days * 220,
            "实发工资": days * 220,
            "发放日期": paid_on,
        }
        for label, value in values.items():
            if label in columns:
                sheet.cell(row=n, column=columns[label], value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_job(client: Client, project: Project | None, log: Callable[[str], None]):
    """A 2,000-line wage sheet posted to the import page of the largest roster (filled up to 2,000 workers
    first), for the current month; time, peak Python memory and the growth of the process's peak RSS."""
    from .run import JobResult

    if project is None:
        log("  wage sheet import: no project with a roster, skipped")
        return None
    month = rules.month_start(timezone.localdate())
    url = reverse("enterprises:payroll_import", args=[project.pk])
    with transaction.atomic():
        Payroll.objects.filter(project=project, month=month).delete()
        _fill_roster(project, IMPORT_LINES)
        workers = list(project.workers.filter(left_on__isnull=True).order_by("pk")[:IMPORT_LINES])
        content = _sheet(project, workers, month)

        def post():
            upload = io.BytesIO(content)
            upload.name = "wages.xlsx"
            return client.post(url, {"month": f"{month:%Y-%m}", "source": "template", "file": upload})

        sid = transaction.savepoint()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        response = post()
        seconds = time.perf_counter() - start
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        lines = (
            Payroll.objects.filter(project=project, month=month)
            .values_list("worker_count", flat=True)
            .first()
        )
        transaction.savepoint_rollback(sid)
        tracemalloc.start()
        post()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        transaction.set_rollback(True)
    peak_mib = peak / 2**20
    verdict = "met" if seconds <= BUDGET_IMPORT_S and peak_mib <= BUDGET_IMPORT_MIB else "over"
    detail = (
        f"{response.status_code}, {lines or 0:,} lines saved from a {len(content) / 2**10:.0f} KiB xlsx, "
        f"peak Python memory {peak_mib:.0f} MiB (tracemalloc), process peak RSS +{(rss_after - rss_before) / 1024:.0f} MiB; "
        f"budget {BUDGET_IMPORT_S:.0f} s and {BUDGET_IMPORT_MIB} MiB {verdict}"
    )
    log(f"  wage sheet import ({IMPORT_LINES:,} lines): {seconds:.2f} s; {detail}")
    return JobResult(f"wage sheet import ({IMPORT_LINES:,} lines)", seconds, detail)


def _fill_roster(project: Project, size: int) -> None:
    import random

    from .data.values import id_number, person_name

    have = project.workers.filter(left_on__isnull=True).count()
    if have >= size:
        return
    rng = random.Random(17)
    taken = set(project.workers.values_list("id_number", flat=True))
    new = []
    while len(new) < size - have:
        number = id_number(rng)
        if number in taken:
            continue
        taken.add(number)
        new.append(
            ProjectWorker(
                project=project,
                name=person_name(rng),
                id_number=number,
                employer_id=project.general_contractor_id,
                team="杂工班",
                started_on=project.start_date,
            )
        )
    ProjectWorker.objects.bulk_create(new, batch_size=1000)
