"""Builders for the wage-payment monitoring tests: a project with a roster, sheets and transfers, written
straight to the database (the services are tested on their own), and Excel uploads of rosters and sheets."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from stdnum.cn import ric

from enterprises.models import LabourCostTransfer, Payroll, PayrollLine, Project, ProjectWorker
from tests.factories import ProjectFactory

PAY = Decimal("6000.00")


def worker_id_number(n: int) -> str:
    """A valid resident ID number, a different one for each n up to a million (the birth day moves)."""
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=n // 1000)
    body = f"450204{birth:%Y%m%d}{n % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def monitored_project(*, start: dt.date = dt.date(2026, 10, 1), workers: int = 3, **fields) -> Project:
    """An active project with its deposit lodged and its account open, so that only what a test sets up
    raises a warning."""
    defaults = dict(
        start_date=start,
        deposit_amount=Decimal("100000.00"),
        deposit_form="cash",
        deposit_paid_on=start,
        deposit_checked_on=start,
    )
    defaults.update(fields)
    project = ProjectFactory(**defaults)
    add_workers(project, workers)
    return project


_counter = iter(range(1, 10_000_000))


def add_workers(project: Project, count: int, **fields) -> list[ProjectWorker]:
    workers = []
    for _i in range(count):
        n = next(_counter)
        workers.append(
            ProjectWorker(
                project=project,
                name=f"工人{n}",
                id_number=worker_id_number(n),
                bank_card=f"6222{n:015d}",
                employer=project.general_contractor,
                team="木工班",
                trade="木工",
                started_on=fields.get("started_on", project.start_date),
                left_on=fields.get("left_on"),
            )
        )
    return ProjectWorker.objects.bulk_create(workers)


def add_sheet(
    project: Project,
    month: dt.date,
    *,
    status: str = Payroll.Status.SUBMITTED,
    paid: dict[int, Decimal] | None = None,
    workers: Iterable[ProjectWorker] | None = None,
) -> Payroll:
    """A sheet with a line per roster worker, paid in full unless `paid` says otherwise (worker pk → paid)."""
    workers = list(workers if workers is not None else project.workers.all())
    payroll = Payroll.objects.create(
        project=project,
        month=month,
        status=status,
        submitted_at=dt.datetime(month.year, month.month, 28, tzinfo=dt.UTC) if status != "draft" else None,
    )
    paid = paid or {}
    lines = [
        PayrollLine(payroll=payroll, worker=w, days_worked=22, payable=PAY, paid=paid.get(w.pk, PAY))
        for w in workers
    ]
    PayrollLine.objects.bulk_create(lines)
    Payroll.objects.filter(pk=payroll.pk).update(
        worker_count=len(lines),
        total_payable=sum((line.payable for line in lines), Decimal(0)),
        total_paid=sum((line.paid for line in lines), Decimal(0)),
        unpaid_workers=sum(1 for line in lines if line.paid < line.payable),
    )
    return payroll


def add_transfer(project: Project, month: dt.date, *, on: dt.date | None = None) -> LabourCostTransfer:
    return LabourCostTransfer.objects.create(
        project=project,
        period=month,
        transferred_on=on or month + dt.timedelta(days=10),
        amount=Decimal("200000.00"),
        bank_reference=f"T{project.pk}-{month:%Y%m}",
    )


def workbook_upload(
    headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Sheet"
) -> SimpleUploadedFile:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "upload.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
