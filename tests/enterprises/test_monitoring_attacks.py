"""Attacks on the wage-payment monitoring (issue 17): other units' liaisons on every URL, forms sent twice,
formula text, crafted uploads, odd parameters, impossible sheets and the daily job at its edges. Each test
reproduced a finding (or proved there was none) before the fix."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from openpyxl import Workbook, load_workbook

from enterprises import rules
from enterprises.models import (
    DepositUse,
    LabourCostTransfer,
    Payroll,
    PayrollLine,
    Project,
    ProjectWorker,
    WageAlert,
)
from enterprises.services.alerts import wage_payments_check

from ..factories import ProjectFactory, valid_id_number
from .monitoring_data import add_sheet, add_transfer, add_workers, monitored_project

TODAY = dt.date(2026, 11, 18)
OCT = dt.date(2026, 10, 1)
PAYROLL_HEADER = [
    "姓名",
    "身份证号",
    "出勤天数",
    "应发工资",
    "实发工资",
    "发放日期",
    "银行流水号",
    "未经专用账户发放",
    "备注",
]
ROSTER_HEADER = ["姓名", "身份证号", "手机号码", "工资卡号", "开户银行", "用工单位", "班组", "工种"]


@pytest.fixture
def today(frozen):
    frozen(TODAY)
    return TODAY


def xlsx(header, rows, *, title=None, build=None) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if build:
        build(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("upload.xlsx", buffer.getvalue())


def setup_project() -> tuple[Project, list[ProjectWorker], Payroll]:
    project = monitored_project(start=dt.date(2026, 3, 1), workers=2)
    workers = list(project.workers.order_by("pk"))
    payroll = add_sheet(project, OCT, status=Payroll.Status.SUBMITTED)
    return project, workers, payroll


def snapshot(project: Project) -> tuple:
    return (
        ProjectWorker.objects.filter(project=project).count(),
        list(ProjectWorker.objects.filter(project=project).values_list("name", "left_on").order_by("pk")),
        list(Payroll.objects.filter(project=project).values_list("pk", "status", "version").order_by("pk")),
        PayrollLine.objects.filter(payroll__project=project).count(),
        LabourCostTransfer.objects.filter(project=project).count(),
        DepositUse.objects.filter(project=project).count(),
    )


# --- another unit's liaison, and the construction bureau's ---------------------------------------------------


def urls(project, worker, payroll, use_pk=0):
    base = f"/enterprises/projects/{project.pk}"
    return [
        f"{base}/workers/",
        f"{base}/workers/?full=1",
        f"{base}/workers/template.xlsx",
        f"{base}/workers/new/",
        f"{base}/workers/import/",
        f"{base}/workers/{worker.pk}/edit/",
        f"{base}/workers/{worker.pk}/leave/",
        f"{base}/payroll/",
        f"{base}/payroll/template.xlsx",
        f"{base}/payroll/import/",
        f"{base}/payroll/{payroll.pk}/",
        f"{base}/payroll/{payroll.pk}/submit/",
        f"{base}/payroll/{payroll.pk}/check/",
        f"{base}/payroll/{payroll.pk}/paid/",
        f"{base}/payroll/{payroll.pk}/correct/",
        f"{base}/transfers/",
        f"{base}/transfers/new/",
        f"{base}/transfers/template.xlsx",
        f"{base}/transfers/import/",
        f"{base}/deposit-uses/new/",
        f"{base}/deposit-uses/{use_pk or 1}/topped-up/",
    ]


def post_data(worker):
    return {
        "status": "submitted",
        "name": "篡改",
        "id_number": worker.id_number,
        "employer": worker.employer_id,
        "started_on": "2026-03-01",
        "left_on": "2026-11-01",
        "paid_on": "2026-11-10",
        "period": "2026-10",
        "transferred_on": "2026-11-01",
        "amount": "100.00",
        "reason": "x",
        "case": "1",
        "used_on": "2026-11-01",
        "workers": "张三 450204199003070011 100",
    }


def test_another_units_liaison_gets_nothing_on_any_url_get_or_post(client, other_liaison, today):
    project, workers, payroll = setup_project()
    use = DepositUse.objects.create(
        project=project, case_ref=1, used_on=OCT, amount=Decimal("1.00"), workers=[], top_up_due_on=OCT
    )
    before = snapshot(project)
    client.force_login(other_liaison)
    for url in urls(project, workers[0], payroll, use.pk):
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, post_data(workers[0])).status_code in (403, 404), url
    assert snapshot(project) == before
    assert DepositUse.objects.get(pk=use.pk).topped_up_on is None
    for url in ("/enterprises/monitoring/", "/enterprises/monitoring/export.xlsx"):
        assert client.get(url).status_code in (403, 404)
    alert = WageAlert.objects.create(
        project=project,
        reason=WageAlert.Reason.SHEET_MISSING,
        month=OCT,
        level="red",
        opened_on=TODAY,
        escalated_on=TODAY,
    )
    assert client.post(f"/cases/from-warning/{alert.pk}/").status_code in (403, 404)
    alert.refresh_from_db()
    assert alert.case_ref is None


def test_the_construction_bureaus_liaison_checks_sheets_but_edits_nothing_else(client, liaison, today):
    project, workers, payroll = setup_project()
    before = snapshot(project)
    client.force_login(liaison)
    base = f"/enterprises/projects/{project.pk}"
    for url in (
        f"{base}/workers/new/",
        f"{base}/workers/import/",
        f"{base}/workers/{workers[0].pk}/edit/",
        f"{base}/workers/{workers[0].pk}/leave/",
        f"{base}/payroll/import/",
        f"{base}/payroll/{payroll.pk}/paid/",
        f"{base}/payroll/{payroll.pk}/correct/",
        f"{base}/transfers/new/",
        f"{base}/transfers/import/",
        f"{base}/deposit-uses/new/",
    ):
        assert client.post(url, post_data(workers[0])).status_code == 403, url
    assert snapshot(project) == before
    assert client.post(f"{base}/payroll/{payroll.pk}/check/", {"status": "submitted"}).status_code == 302
    payroll.refresh_from_db()
    assert payroll.status == Payroll.Status.CHECKED


# --- sent twice ---------------------------------------------------------------------------------------------


def test_each_step_of_a_sheet_sent_twice_is_recorded_once(client, office_staff, today):
    project, workers, payroll = setup_project()
    client.force_login(office_staff)
    base = f"/enterprises/projects/{project.pk}/payroll/{payroll.pk}"
    for _ in range(2):
        client.post(f"{base}/check/", {"status": "submitted"})
    for _ in range(2):
        client.post(f"{base}/paid/", {"status": "checked", "paid_on": "2026-11-10"})
    payroll.refresh_from_db()
    assert payroll.status == Payroll.Status.PAID
    rows = [[w.name, w.id_number, 26, 6000, 6000, "2026-11-10", "", "", ""] for w in workers]
    for _ in range(2):
        client.post(
            f"{base}/correct/", {"status": "paid", "reason": "补发", "file": xlsx(PAYROLL_HEADER, rows)}
        )
    versions = list(Payroll.objects.filter(project=project, month=OCT).values_list("version", "status"))
    assert sorted(versions) == [(1, "superseded"), (2, "submitted")]
    # Sent twice without the status the page carried (a crafted POST): still once.
    client.post(f"{base}/correct/", {"reason": "补发", "file": xlsx(PAYROLL_HEADER, rows)})
    assert Payroll.objects.filter(project=project, month=OCT).count() == 2


def test_a_deposit_use_sent_twice_is_recorded_once(client, office_staff, today, monkeypatch):
    from enterprises.views import deposit as deposit_views

    project, workers, _payroll = setup_project()
    claims = [(workers[0].name, workers[0].id_number, Decimal("500.00"))]
    monkeypatch.setattr(deposit_views, "_cases", lambda project: [(7, "柳东人社监〔2026〕7号", claims)])
    client.force_login(office_staff)
    url = f"/enterprises/projects/{project.pk}/deposit-uses/new/"
    page = client.get(url).content.decode()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    data = {
        "form_token": token,
        "case": "7",
        "amount": "500.00",
        "used_on": "2026-11-10",
        "workers": f"{workers[0].name} {workers[0].id_number} 500",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert DepositUse.objects.filter(project=project).count() == 1
    # A crafted POST without the token: the same use on the same day is refused, not recorded again.
    response = client.post(url, {k: v for k, v in data.items() if k != "form_token"})
    assert response.status_code == 200
    assert "已登记" in response.content.decode()
    assert DepositUse.objects.filter(project=project).count() == 1


def test_a_worker_and_a_leave_sent_twice_are_recorded_once(client, office_staff, today):
    project, workers, _payroll = setup_project()
    client.force_login(office_staff)
    base = f"/enterprises/projects/{project.pk}/workers"
    data = {
        "name": "新人",
        "id_number": valid_id_number(777),
        "employer": project.general_contractor_id,
        "started_on": "2026-11-01",
    }
    client.post(f"{base}/new/", data)
    client.post(f"{base}/new/", data)
    assert ProjectWorker.objects.filter(project=project, id_number=valid_id_number(777)).count() == 1
    client.post(f"{base}/{workers[0].pk}/leave/", {"left_on": "2026-11-10"})
    client.post(f"{base}/{workers[0].pk}/leave/", {"left_on": "2026-11-12"})
    workers[0].refresh_from_db()
    assert workers[0].left_on == dt.date(2026, 11, 10)


# --- formula text -------------------------------------------------------------------------------------------


def test_formula_text_reaches_the_export_as_text(client, inspector, today):
    project = ProjectFactory(name='=HYPERLINK("http://x","点")')
    project.general_contractor.name = "+cmd|' /C calc'!A0"
    project.general_contractor.save()
    WageAlert.objects.create(
        project=project,
        reason=WageAlert.Reason.SHEET_MISSING,
        month=OCT,
        level="red",
        opened_on=TODAY,
        escalated_on=TODAY,
        red_reason="@SUM(1+1)",
        case_number="\t=1+1",
    )
    client.force_login(inspector)
    response = client.get("/enterprises/monitoring/export.xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    for row in book.worksheets[0].iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value


def test_formula_text_in_an_import_is_kept_as_text(client, office_staff, today):
    project, workers, _payroll = setup_project()
    client.force_login(office_staff)
    rows = [[w.name, w.id_number, 26, 6000, 6000, "2026-11-10", "=1+1", "", "-2+3"] for w in workers]
    response = client.post(
        f"/enterprises/projects/{project.pk}/payroll/import/",
        {"month": "2026-09", "source": "template", "file": xlsx(PAYROLL_HEADER, rows)},
    )
    assert response.status_code in (200, 302)
    payroll = Payroll.objects.filter(project=project, month=dt.date(2026, 9, 1)).first()
    if payroll is not None:
        for line in payroll.lines.all():
            assert line.bank_reference in ("=1+1", "")


# --- crafted uploads ----------------------------------------------------------------------------------------


def roster_rows(project, n=1, **over):
    row = {
        "姓名": "新工人",
        "身份证号": valid_id_number(500 + n),
        "手机号码": "13877200000",
        "工资卡号": f"62220200000{n:05d}",
        "开户银行": "工行",
        "用工单位": project.general_contractor.name,
        "班组": "木工班",
        "工种": "木工",
        **over,
    }
    return [row[h] for h in ROSTER_HEADER]


@pytest.mark.parametrize(
    "upload",
    [
        "not_xlsx",
        "wrong_sheet_headers",
        "merged",
        "formula_amount",
        "date_text",
        "negative",
        "three_decimals",
        "seventeen_digit_id",
    ],
)
def test_crafted_payroll_uploads_are_refused_in_chinese_and_save_nothing(client, office_staff, today, upload):
    project, workers, _payroll = setup_project()
    w = workers[0]
    good = [w.name, w.id_number, 26, 6000, 6000, "2026-11-10", "R1", "", ""]
    files = {
        "not_xlsx": SimpleUploadedFile("a.xlsx", b"PK\x03\x04 not really a zip"),
        "wrong_sheet_headers": xlsx(["名字", "号码"], [["a", "b"]], title="Sheet9"),
        "merged": xlsx(PAYROLL_HEADER, [good, good], build=lambda s: s.merge_cells("A2:B3")),
        "formula_amount": xlsx(PAYROLL_HEADER, [[*good[:3], "=1000*6", *good[4:]]]),
        "date_text": xlsx(PAYROLL_HEADER, [[*good[:5], "十一月十日", *good[6:]]]),
        "negative": xlsx(PAYROLL_HEADER, [[*good[:3], -6000, -6000, *good[5:]]]),
        "three_decimals": xlsx(PAYROLL_HEADER, [[*good[:3], "6000.001", "6000.001", *good[5:]]]),
        "seventeen_digit_id": xlsx(PAYROLL_HEADER, [[good[0], w.id_number[:17], *good[2:]]]),
    }
    client.force_login(office_staff)
    before = snapshot(project)
    response = client.post(
        f"/enterprises/projects/{project.pk}/payroll/import/",
        {"month": "2026-09", "source": "template", "file": files[upload]},
    )
    assert response.status_code == 200, upload
    assert snapshot(project) == before
    assert "errorlist" in response.content.decode() or "行" in response.content.decode()


def test_a_50000_row_roster_is_refused_clearly(client, office_staff, today):
    project, _workers, _payroll = setup_project()
    rows = [roster_rows(project, n) for n in range(50_001)]
    client.force_login(office_staff)
    before = snapshot(project)
    response = client.post(
        f"/enterprises/projects/{project.pk}/workers/import/", {"file": xlsx(ROSTER_HEADER, rows)}
    )
    assert response.status_code == 200
    assert snapshot(project) == before


def test_an_unknown_area_code_is_a_warning_not_a_refusal(client, office_staff, today):
    project, _workers, _payroll = setup_project()
    client.force_login(office_staff)
    response = client.post(
        f"/enterprises/projects/{project.pk}/workers/import/",
        {"file": xlsx(ROSTER_HEADER, [roster_rows(project, 1, 身份证号="330114199003071236")])},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ProjectWorker.objects.filter(project=project, id_number="330114199003071236").exists()


# --- odd parameters -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "colour=zzz",
        "reason=%00",
        "age=-1",
        "age=99999999",
        "page=-1",
        "page=abc",
        "page=99999999999999999999",
        "contractor=%C2%B2",
        "industry=%3Cscript%3E",
        "age=1e309",
        "month=0000-13",
    ],
)
def test_odd_parameters_on_the_list_and_its_export(client, inspector, today, query):
    project = ProjectFactory()
    WageAlert.objects.create(
        project=project,
        reason=WageAlert.Reason.SHEET_MISSING,
        month=OCT,
        level="red",
        opened_on=TODAY,
        escalated_on=TODAY,
    )
    client.force_login(inspector)
    assert client.get(f"/enterprises/monitoring/?{query}").status_code == 200
    response = client.get(f"/enterprises/monitoring/export.xlsx?{query}")
    assert response.status_code in (200, 302)
    if response.status_code == 200 and hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    base = f"/enterprises/projects/{project.pk}"
    for url in (f"{base}/workers/?{query}", f"{base}/payroll/?{query}", f"{base}/transfers/?{query}"):
        assert client.get(url).status_code == 200, url


# --- impossible sheets --------------------------------------------------------------------------------------


def import_sheet(client, project, month, rows):
    return client.post(
        f"/enterprises/projects/{project.pk}/payroll/import/",
        {"month": month, "source": "template", "file": xlsx(PAYROLL_HEADER, rows)},
    )


def test_a_sheet_before_the_project_started_or_in_the_future_is_refused(client, office_staff, today):
    project, workers, _payroll = setup_project()
    rows = [[w.name, w.id_number, 26, 6000, 6000, "", "", "", ""] for w in workers]
    client.force_login(office_staff)
    before = snapshot(project)
    for month in ("2026-01", "2026-12", "2027-01"):
        response = import_sheet(client, project, month, rows)
        assert response.status_code == 200, month
        page = response.content.decode()
        assert "开工" in page or "未来" in page or "超出" in page, month
    assert snapshot(project) == before


def test_a_line_for_a_worker_who_left_and_an_overpayment_without_a_note_are_refused(
    client, office_staff, today
):
    project, workers, _payroll = setup_project()
    ProjectWorker.objects.filter(pk=workers[0].pk).update(left_on=dt.date(2026, 8, 31))
    client.force_login(office_staff)
    response = import_sheet(
        client,
        project,
        "2026-09",
        [
            [workers[0].name, workers[0].id_number, 26, 6000, 6000, "", "", "", ""],
            [workers[1].name, workers[1].id_number, 26, 6000, 6500, "", "", "", ""],
        ],
    )
    page = response.content.decode()
    assert f"已于 {date_format(dt.date(2026, 8, 31))} 退场" in page
    assert "实发工资多于应发工资" in page
    assert not Payroll.objects.filter(project=project, month=dt.date(2026, 9, 1)).exists()


def test_a_paid_sheet_cannot_be_edited_by_a_crafted_post(client, office_staff, today):
    project, workers, payroll = setup_project()
    Payroll.objects.filter(pk=payroll.pk).update(status=Payroll.Status.PAID, paid_on=dt.date(2026, 11, 10))
    client.force_login(office_staff)
    base = f"/enterprises/projects/{project.pk}/payroll"
    rows = [[w.name, w.id_number, 26, 1, 1, "", "", "", ""] for w in workers]
    # A re-import of the month, a submit or a check of a paid sheet: refused, the lines untouched.
    response = import_sheet(client, project, "2026-10", rows)
    assert "不能再导入" in response.content.decode()
    client.post(f"{base}/{payroll.pk}/submit/", {})
    client.post(f"{base}/{payroll.pk}/check/", {})
    client.post(f"{base}/{payroll.pk}/paid/", {"paid_on": "2026-11-12"})
    payroll.refresh_from_db()
    assert (payroll.status, payroll.paid_on) == (Payroll.Status.PAID, dt.date(2026, 11, 10))
    assert set(payroll.lines.values_list("payable", flat=True)) == {Decimal("6000.00")}
    # A correction without a reason is refused.
    client.post(f"{base}/{payroll.pk}/correct/", {"reason": "", "file": xlsx(PAYROLL_HEADER, rows)})
    assert Payroll.objects.filter(project=project, month=OCT).count() == 1


# --- the daily job ------------------------------------------------------------------------------------------


def test_the_job_twice_and_on_a_rest_day_by_the_command(db, frozen):
    project = monitored_project(start=dt.date(2026, 3, 1))
    add_transfer(project, OCT)
    frozen(dt.date(2026, 11, 21))  # a Saturday
    out = io.StringIO()
    call_command("check_wage_payments", "--date", "2026-11-21", stdout=out)
    call_command("check_wage_payments", "--date", "2026-11-21", stdout=out)
    alerts = WageAlert.objects.filter(project=project)
    assert alerts.filter(reason=WageAlert.Reason.SHEET_MISSING, month=OCT).count() == 1
    assert len({(a.reason, a.month) for a in alerts}) == alerts.count()


def test_the_job_with_no_payday_payday_31_in_february_and_a_leave_before_the_start(db, frozen):
    no_payday = monitored_project(start=dt.date(2026, 1, 1), payday=None)
    feb_31 = monitored_project(start=dt.date(2026, 1, 1), payday=31)
    # A leave before the start cannot be stored (the database's check), so the job never meets one.
    with pytest.raises(IntegrityError), transaction.atomic():
        add_workers(feb_31, 1, started_on=dt.date(2026, 2, 10), left_on=dt.date(2026, 2, 1))
    # February has no 31st: its last day, or the next working day after it.
    assert dt.date(2026, 2, 28) <= rules.payday_of(dt.date(2026, 1, 1), 31) <= dt.date(2026, 3, 3)
    frozen(dt.date(2026, 3, 10))
    wage_payments_check(today=dt.date(2026, 3, 10))
    wage_payments_check(today=dt.date(2026, 3, 10))
    jan = dt.date(2026, 1, 1)
    assert (
        WageAlert.objects.filter(project=feb_31, reason=WageAlert.Reason.SHEET_MISSING, month=jan).count()
        == 1
    )
    assert (
        WageAlert.objects.filter(project=no_payday, reason=WageAlert.Reason.SHEET_MISSING, month=jan).count()
        == 1
    )


def test_a_transfer_without_a_reference_sent_again_is_refused(office_staff, today):
    from django.core.exceptions import ValidationError

    from enterprises.services.transfers import transfer_record

    project, _workers, _payroll = setup_project()
    data = {"transferred_on": dt.date(2026, 11, 2), "amount": Decimal("50000.00"), "period": OCT}
    transfer_record(project=project, by=office_staff, **data)
    with pytest.raises(ValidationError, match="银行流水号"):
        transfer_record(project=project, by=office_staff, **data)
    transfer_record(project=project, by=office_staff, bank_reference="B2", **data)
    assert LabourCostTransfer.objects.filter(project=project, period=OCT).count() == 2
