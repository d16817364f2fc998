"""Rosters, wage sheets and bank statements imported from Excel (DESIGN.md section 11): every bad row named
in Chinese and nothing saved, a re-import updating by ID number, the refused lines of a wage sheet, a sheet
corrected by a new version, and a 2,000-line sheet within its time budget."""

import datetime as dt
import time
import tracemalloc
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.formats import date_format

from enterprises import selectors, services
from enterprises.imports.monitoring import (
    PAYROLL_COLUMNS,
    ROSTER_COLUMNS,
    payroll_check,
    roster_check,
    statement_check,
)
from enterprises.models import Event, LabourCostTransfer, Payroll, ProjectWorker

from .monitoring_data import add_workers, monitored_project, workbook_upload, worker_id_number

pytestmark = pytest.mark.django_db

OCT = dt.date(2026, 10, 1)
ROSTER_HEADERS = [c.title for c in ROSTER_COLUMNS]
PAYROLL_HEADERS = [c.title for c in PAYROLL_COLUMNS]


def roster_row(n, employer, **overrides):
    row = {
        "name": f"覃工{n}",
        "id_number": worker_id_number(50_000 + n),
        "phone": "13877200000",
        "bank_card": f"62220200{n:011d}",
        "bank_name": "农业银行",
        "employer": employer.name,
        "team": "钢筋班",
        "trade": "钢筋工",
        "contract_signed": "是",
        "contract_signed_on": "2026-10-01",
        "started_on": "2026-10-01",
        "left_on": None,
    }
    row.update(overrides)
    return [row[c.key] for c in ROSTER_COLUMNS]


def broken_checksum(id_number):
    last = id_number[-1]
    return id_number[:-1] + ("1" if last != "1" else "2")


@pytest.fixture
def project(frozen):
    frozen(dt.date(2026, 11, 10))
    return monitored_project(workers=0)


def test_a_roster_with_one_bad_row_saves_nothing_and_names_the_row(project, office_staff):
    rows = [roster_row(n, project.general_contractor) for n in range(1, 15)]
    rows[10][1] = broken_checksum(rows[10][1])  # Excel row 12
    result = roster_check(workbook_upload(ROSTER_HEADERS, rows), project=project)
    assert not result.ok
    (error,) = result.errors
    assert error.row == 12
    assert str(error).startswith("第 12 行：")
    assert "身份证号" in str(error) and "校验位不正确" in str(error)
    assert ProjectWorker.objects.filter(project=project).count() == 0


def test_roster_rows_refused_for_an_unknown_employer_and_a_duplicate(project):
    rows = [roster_row(1, project.general_contractor), roster_row(1, project.general_contractor)]
    rows.append(roster_row(2, project.construction_unit))  # the developer does not employ site workers
    result = roster_check(workbook_upload(ROSTER_HEADERS, rows), project=project)
    messages = {error.row: str(error) for error in result.errors}
    assert "与第 2 行重复" in messages[3]
    assert "不是本项目的总包单位或分包单位" in messages[4]


def test_a_roster_re_import_updates_by_id_number_instead_of_duplicating(project, office_staff):
    rows = [roster_row(n, project.general_contractor) for n in range(1, 4)]
    result = roster_check(workbook_upload(ROSTER_HEADERS, rows), project=project)
    assert result.ok
    first = services.roster_import(project=project, rows=result.rows, by=office_staff)
    assert (first.created, first.updated) == (3, 0)
    rows[0][6] = "模板班"  # team
    rows[1][11] = "2026-11-05"  # left
    again = roster_check(workbook_upload(ROSTER_HEADERS, rows), project=project)
    second = services.roster_import(project=project, rows=again.rows, by=office_staff)
    assert (second.created, second.updated, second.unchanged) == (0, 2, 1)
    assert ProjectWorker.objects.filter(project=project).count() == 3
    worker = ProjectWorker.objects.get(project=project, id_number=worker_id_number(50_001))
    assert worker.team == "模板班"
    assert worker.history.count() == 2
    assert Event.objects.filter(project=project, kind=Event.Kind.ROSTER_IMPORTED).count() == 2


def test_a_worker_on_another_project_is_accepted(project, office_staff):
    other = monitored_project(workers=0)
    services.worker_add(
        project=other,
        by=office_staff,
        name="覃工1",
        id_number=worker_id_number(50_001),
        employer=other.general_contractor,
    )
    result = roster_check(
        workbook_upload(ROSTER_HEADERS, [roster_row(1, project.general_contractor)]), project=project
    )
    assert result.ok
    services.roster_import(project=project, rows=result.rows, by=office_staff)
    assert ProjectWorker.objects.filter(id_number=worker_id_number(50_001)).count() == 2


def payroll_upload(rows):
    return workbook_upload(PAYROLL_HEADERS, rows)


def line(worker, payable="6000", paid="6000", note=None, name=None):
    return [name or worker.name, worker.id_number, 22, payable, paid, "2026-11-10", "B1", "否", note]


def test_a_line_for_a_worker_not_on_the_roster_is_refused(project):
    (worker,) = add_workers(project, 1)
    stranger = ["韦陌生", worker_id_number(99_999), 20, "5000", "5000", None, None, None, None]
    result = payroll_check(payroll_upload([line(worker), stranger]), project=project, month=OCT)
    (error,) = result.errors
    assert error.row == 3
    assert "韦陌生 不在本项目花名册中" in str(error)


def test_refused_lines_of_a_wage_sheet(project):
    workers = add_workers(project, 3)
    gone = add_workers(project, 1, started_on=dt.date(2026, 8, 1), left_on=dt.date(2026, 9, 20))[0]
    rows = [
        line(workers[0], name="别人"),  # the ID belongs to someone else on the roster
        line(workers[1], payable="5000", paid="6000"),  # overpaid without a note
        line(workers[2], payable="5000", paid="6000", note="补发九月加班费"),  # overpaid, explained
        line(gone),  # left before October
    ]
    result = payroll_check(payroll_upload(rows), project=project, month=OCT)
    messages = {error.row: str(error) for error in result.errors}
    assert set(messages) == {2, 3, 5}
    assert "身份证号不符" in messages[2]
    assert "须在备注中说明" in messages[3]
    assert f"已于 {date_format(dt.date(2026, 9, 20))} 退场" in messages[5]


def test_a_bank_payroll_file_matches_workers_by_card_and_refuses_an_id_mismatch(project, office_staff):
    workers = add_workers(project, 2)
    from enterprises.imports.monitoring import BANK_PAYROLL_COLUMNS

    headers = [c.title for c in BANK_PAYROLL_COLUMNS]
    rows = [
        [
            workers[0].name,
            workers[0].bank_card,
            workers[0].id_number,
            "5800",
            None,
            "2026-11-10",
            "R1",
            "代发",
        ],
        [workers[1].name, workers[1].bank_card, worker_id_number(77_777), "5800", None, None, "R2", None],
    ]
    result = payroll_check(
        workbook_upload(headers, rows), project=project, month=OCT, source=Payroll.Source.BANK
    )
    (error,) = result.errors
    assert error.row == 3 and "证件号码与花名册" in str(error)
    ok = payroll_check(
        workbook_upload(headers, rows[:1]), project=project, month=OCT, source=Payroll.Source.BANK
    )
    payroll = services.payroll_import(
        project=project, month=OCT, rows=ok.rows, by=office_staff, source=Payroll.Source.BANK
    )
    assert (payroll.total_payable, payroll.total_paid) == (Decimal("5800.00"), Decimal("5800.00"))


def test_a_sheet_goes_from_import_to_paid_and_is_corrected_by_a_new_version(project, office_staff, liaison):
    workers = add_workers(project, 2)
    rows = [line(workers[0]), line(workers[1], paid="4000")]
    result = payroll_check(payroll_upload(rows), project=project, month=OCT)
    assert result.ok
    payroll = services.payroll_import(project=project, month=OCT, rows=result.rows, by=office_staff)
    totals = selectors.payroll_totals(payroll)
    assert totals["workers"] == payroll.worker_count == 2
    assert totals["unpaid"] == payroll.total_unpaid == Decimal("2000.00")
    services.payroll_submit(payroll=payroll, by=office_staff)
    with pytest.raises(ValidationError, match="不能再导入"):
        services.payroll_import(project=project, month=OCT, rows=result.rows, by=office_staff)
    services.payroll_check(payroll=payroll, by=liaison)
    services.payroll_mark_paid(payroll=payroll, by=office_staff, paid_on=dt.date(2026, 11, 10))
    payroll.refresh_from_db()
    assert payroll.status == Payroll.Status.PAID
    rows[1] = line(workers[1])
    fixed = payroll_check(payroll_upload(rows), project=project, month=OCT)
    new = services.payroll_correct(payroll=payroll, rows=fixed.rows, by=office_staff, reason="补发欠款")
    payroll.refresh_from_db()
    assert payroll.status == Payroll.Status.SUPERSEDED
    assert (new.version, new.status, new.total_unpaid) == (2, Payroll.Status.SUBMITTED, Decimal("0.00"))
    assert payroll.lines.get(worker=workers[1]).paid == Decimal("4000.00")  # the old version is kept
    with pytest.raises(ValidationError):
        services.payroll_correct(payroll=payroll, rows=fixed.rows, by=office_staff, reason="again")


def test_a_bank_statement_imported_twice_records_each_transfer_once(project, office_staff):
    from enterprises.imports.monitoring import STATEMENT_COLUMNS

    headers = [c.title for c in STATEMENT_COLUMNS]
    rows = [
        ["2026-10-12", "300000", "S001", "柳州东城置业有限公司", "人工费", "2026-10"],
        ["2026-10-20", None, "S002", "工资代发", "代发工资", None],  # a debit: left out
        ["2026-11-05", "250000.50", "S003", None, None, None],
    ]
    result = statement_check(workbook_upload(headers, rows))
    assert result.ok and len(result.rows) == 2
    first = services.transfers_import(project=project, rows=result.rows, by=office_staff)
    second = services.transfers_import(project=project, rows=result.rows, by=office_staff)
    assert (first.created, second.created, second.already_recorded) == (2, 0, 2)
    assert set(LabourCostTransfer.objects.filter(project=project).values_list("period", flat=True)) == {
        OCT,
        dt.date(2026, 11, 1),
    }


def test_a_2000_line_sheet_imports_within_its_budget(project, office_staff):
    workers = add_workers(project, 2000)
    upload = payroll_upload([line(worker) for worker in workers])
    started = time.perf_counter()
    result = payroll_check(upload, project=project, month=OCT)
    assert result.ok, result.errors[:3]
    payroll = services.payroll_import(project=project, month=OCT, rows=result.rows, by=office_staff)
    elapsed = time.perf_counter() - started
    assert payroll.worker_count == 2000
    assert elapsed < 10
    # The memory, on a second import of the same draft (tracemalloc slows Python down, so not timed).
    tracemalloc.start()
    try:
        result = payroll_check(upload, project=project, month=OCT)
        services.payroll_import(project=project, month=OCT, rows=result.rows, by=office_staff)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024
    assert Payroll.objects.get(pk=payroll.pk).lines.count() == 2000


def test_absurd_amounts_and_days_are_refused_by_row_never_a_crash(project, office_staff):
    workers = add_workers(project, 2)
    huge = line(workers[0], payable="10000000000000", paid="1")
    days = line(workers[1])
    days[2] = 40
    result = payroll_check(payroll_upload([huge, days]), project=project, month=OCT)
    messages = {error.row: str(error) for error in result.errors}
    assert "金额应在" in messages[2]
    assert "出勤天数" in messages[3]
    with pytest.raises(ValidationError):
        services.deposit_use_record(
            project=project,
            by=office_staff,
            case_ref=1,
            amount=Decimal("10.00"),
            used_on=dt.date(2026, 11, 10),
            workers=[{"name": "覃工", "amount": "=1+9"}],
        )
