"""The wage-payment monitoring pages (issue 17): the roster, the wage sheets and their steps, the transfers,
the monitoring list and its export, the project page's section and the notice board."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from enterprises.models import LabourCostTransfer, Payroll, PayrollLine, Project, ProjectWorker, WageAlert
from liudong_wages.models import PersonalDataAccess
from liudong_wages.privacy import mask_id_number

from ..factories import EnterpriseFactory, ProjectFactory, valid_id_number

TODAY = dt.date(2026, 11, 18)


@pytest.fixture
def today(frozen):
    frozen(TODAY)
    return TODAY


def add_worker(project: Project, n: int, **fields) -> ProjectWorker:
    data = {
        "name": f"工人{n}",
        "id_number": valid_id_number(n),
        "phone": f"138772{n:05d}",
        "bank_card": f"62220200000{n:05d}",
        "bank_name": "中国工商银行",
        "employer": project.general_contractor,
        "team": "钢筋班",
        "trade": "钢筋工",
        "started_on": dt.date(2026, 3, 1),
        **fields,
    }
    return ProjectWorker.objects.create(project=project, **data)


def add_sheet(project: Project, month: dt.date, workers, *, status=Payroll.Status.SUBMITTED, paid_ratio=1):
    payroll = Payroll.objects.create(project=project, month=month, status=status)
    lines = [
        PayrollLine(
            payroll=payroll,
            worker=worker,
            days_worked=Decimal("26"),
            payable=Decimal("6000.00"),
            paid=Decimal("6000.00") * paid_ratio,
        )
        for worker in workers
    ]
    PayrollLine.objects.bulk_create(lines)
    payroll.worker_count = len(lines)
    payroll.total_payable = sum((line.payable for line in lines), Decimal("0"))
    payroll.total_paid = sum((line.paid for line in lines), Decimal("0"))
    payroll.unpaid_workers = sum(1 for line in lines if line.paid < line.payable)
    payroll.save()
    return payroll


def add_alert(
    project: Project, *, level="yellow", reason=WageAlert.Reason.SHEET_MISSING, month=None, **fields
):
    return WageAlert.objects.create(
        project=project,
        reason=reason,
        month=month or dt.date(2026, 10, 1),
        level=level,
        opened_on=fields.pop("opened_on", dt.date(2026, 11, 16)),
        escalated_on=dt.date(2026, 11, 17) if level == "red" else None,
        **fields,
    )


def workbook(header, rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("upload.xlsx", buffer.getvalue())


def streamed_rows(response):
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(book.worksheets[0].iter_rows(values_only=True))


# --- who may see what ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["workers/", "payroll/", "transfers/", "workers/template.xlsx"])
def test_a_liaison_of_another_unit_cannot_see_the_roster_or_the_sheets(client, other_liaison, page):
    project = ProjectFactory()
    add_worker(project, 1)
    client.force_login(other_liaison)
    assert client.get(f"/enterprises/projects/{project.pk}/{page}").status_code == 404


def test_the_construction_bureaus_liaison_sees_the_roster_masked(client, liaison):
    project = ProjectFactory()
    add_worker(project, 1)
    client.force_login(liaison)
    response = client.get(f"/enterprises/projects/{project.pk}/workers/?full=1")
    assert response.status_code == 200
    page = response.content.decode()
    assert "4502**********" in page
    assert valid_id_number(1) not in page
    assert "138****0001" in page
    assert "62220200000000001" not in page
    assert not PersonalDataAccess.objects.exists()


def test_the_office_sees_the_full_roster_only_on_request_and_it_is_logged(client, office_staff):
    project = ProjectFactory()
    add_worker(project, 1)
    client.force_login(office_staff)
    assert (
        valid_id_number(1) not in client.get(f"/enterprises/projects/{project.pk}/workers/").content.decode()
    )
    response = client.get(f"/enterprises/projects/{project.pk}/workers/?full=1")
    assert valid_id_number(1) in response.content.decode()
    log = PersonalDataAccess.objects.get()
    assert log.user == office_staff and log.rows == 1 and log.object_ref == str(project.pk)


def test_a_worker_also_on_another_active_project_is_shown(client, office_staff):
    project, other = ProjectFactory(), ProjectFactory(name="柳东新区另一工地")
    add_worker(project, 7)
    add_worker(other, 7)
    client.force_login(office_staff)
    page = client.get(f"/enterprises/projects/{project.pk}/workers/").content.decode()
    assert "柳东新区另一工地" in page


def test_a_liaison_cannot_add_a_worker(client, liaison):
    project = ProjectFactory()
    client.force_login(liaison)
    assert client.get(f"/enterprises/projects/{project.pk}/workers/new/").status_code == 403


# --- the roster ---------------------------------------------------------------------------------------------


def _worker_post(project, **overrides):
    return {
        "name": "覃师傅",
        "id_number": "4502 0419 9003 0712 36",
        "phone": "13877200003",
        "bank_card": "6222 0200 0000 0009",
        "bank_name": "中国工商银行",
        "employer": project.general_contractor_id,
        "team": "木工班",
        "trade": "木工",
        "started_on": "2026-10-08",
        **overrides,
    }


def test_a_worker_entered_twice_is_on_the_roster_once(client, office_staff, today):
    project = ProjectFactory()
    client.force_login(office_staff)
    url = f"/enterprises/projects/{project.pk}/workers/new/"
    first = client.post(url, _worker_post(project))
    assert first.status_code == 302
    second = client.post(url, _worker_post(project))
    assert second.status_code == 200
    assert "该身份证号已在本项目花名册中" in second.content.decode()
    worker = ProjectWorker.objects.get(project=project)
    assert worker.id_number == "450204199003071236"


def test_a_worker_of_an_enterprise_outside_the_project_is_refused(client, office_staff, today):
    project = ProjectFactory()
    client.force_login(office_staff)
    stranger = EnterpriseFactory()
    response = client.post(
        f"/enterprises/projects/{project.pk}/workers/new/", _worker_post(project, employer=stranger.pk)
    )
    assert response.status_code == 200
    assert not ProjectWorker.objects.exists()


def test_a_worker_leaves_once(client, office_staff, today):
    project = ProjectFactory()
    worker = add_worker(project, 3)
    client.force_login(office_staff)
    url = f"/enterprises/projects/{project.pk}/workers/{worker.pk}/leave/"
    assert client.post(url, {"left_on": "2026-11-10"}).status_code == 302
    assert client.post(url, {"left_on": "2026-11-12"}).status_code == 302
    worker.refresh_from_db()
    assert worker.left_on == dt.date(2026, 11, 10)


def test_another_projects_worker_cannot_be_edited_through_this_project(client, office_staff, today):
    project, other = ProjectFactory(), ProjectFactory()
    worker = add_worker(other, 3)
    client.force_login(office_staff)
    assert client.get(f"/enterprises/projects/{project.pk}/workers/{worker.pk}/edit/").status_code == 404


ROSTER_HEADER = ["姓名", "身份证号", "手机号码", "工资卡号", "开户银行", "用工单位", "班组", "工种"]


def test_a_roster_import_with_one_bad_row_saves_nothing_and_names_the_row(client, office_staff, today):
    project = ProjectFactory()
    contractor = project.general_contractor.name
    upload = workbook(
        ROSTER_HEADER,
        [
            [
                "韦一",
                valid_id_number(1),
                "13800000001",
                "6222000000000001",
                "工行",
                contractor,
                "甲班",
                "瓦工",
            ],
            [
                "韦二",
                "450204199003071237",
                "13800000002",
                "6222000000000002",
                "工行",
                contractor,
                "甲班",
                "瓦工",
            ],
        ],
    )
    client.force_login(office_staff)
    response = client.post(f"/enterprises/projects/{project.pk}/workers/import/", {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "第 3 行" in page
    assert not ProjectWorker.objects.exists()


def test_a_roster_import_twice_updates_instead_of_duplicating(client, office_staff, today):
    project = ProjectFactory()
    contractor = project.general_contractor.name
    client.force_login(office_staff)
    url = f"/enterprises/projects/{project.pk}/workers/import/"
    row = ["韦一", valid_id_number(1), "13800000001", "6222000000000001", "工行", contractor, "甲班", "瓦工"]
    assert client.post(url, {"file": workbook(ROSTER_HEADER, [row])}).status_code == 302
    row[6] = "乙班"
    assert client.post(url, {"file": workbook(ROSTER_HEADER, [row])}).status_code == 302
    assert ProjectWorker.objects.get(project=project).team == "乙班"


def test_the_roster_template_downloads(client, office_staff):
    project = ProjectFactory()
    client.force_login(office_staff)
    response = client.get(f"/enterprises/projects/{project.pk}/workers/template.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert "姓名*" in [cell.value for cell in book.worksheets[0][1]]


def test_a_bad_upload_is_answered_in_chinese(client, office_staff, today):
    project = ProjectFactory()
    client.force_login(office_staff)
    upload = SimpleUploadedFile("x.xlsx", b"not a workbook")
    response = client.post(f"/enterprises/projects/{project.pk}/workers/import/", {"file": upload})
    assert response.status_code == 200
    assert "不是有效的 Excel" in response.content.decode()


# --- wage sheets --------------------------------------------------------------------------------------------

PAYROLL_HEADER = ["姓名", "身份证号", "出勤天数", "应发工资", "实发工资", "发放日期", "银行流水号"]


def test_a_sheet_is_imported_submitted_checked_and_paid_each_step_once(client, office_staff, liaison, today):
    project = ProjectFactory()
    workers = [add_worker(project, n) for n in (1, 2)]
    client.force_login(office_staff)
    upload = workbook(
        PAYROLL_HEADER,
        [[w.name, w.id_number, 26, 6000, 6000, "2026-11-14", f"R{w.pk}"] for w in workers],
    )
    response = client.post(
        f"/enterprises/projects/{project.pk}/payroll/import/",
        {"month": "2026-10", "source": "template", "file": upload},
    )
    assert response.status_code == 302, response.content.decode()
    payroll = Payroll.objects.get(project=project)
    assert (payroll.worker_count, payroll.total_payable) == (2, Decimal("12000.00"))
    base = f"/enterprises/projects/{project.pk}/payroll/{payroll.pk}"
    # Submitted twice (a double click): recorded once, the second answers what happened.
    assert client.post(f"{base}/submit/", {"status": "draft"}).status_code == 302
    assert client.post(f"{base}/submit/", {"status": "draft"}).status_code == 302
    payroll.refresh_from_db()
    assert payroll.status == Payroll.Status.SUBMITTED
    submitted_at = payroll.submitted_at
    # The construction bureau's liaison checks it.
    client.force_login(liaison)
    assert client.get(base + "/").status_code == 200
    assert client.post(f"{base}/check/", {"status": "submitted"}).status_code == 302
    payroll.refresh_from_db()
    assert payroll.status == Payroll.Status.CHECKED and payroll.checked_by == liaison
    assert payroll.submitted_at == submitted_at
    # The liaison may not mark it paid.
    assert client.post(f"{base}/paid/", {"status": "checked", "paid_on": "2026-11-15"}).status_code == 403
    client.force_login(office_staff)
    assert client.post(f"{base}/paid/", {"status": "checked", "paid_on": "2026-11-15"}).status_code == 302
    payroll.refresh_from_db()
    assert payroll.status == Payroll.Status.PAID and payroll.paid_on == dt.date(2026, 11, 15)


def test_a_step_is_post_only(client, office_staff):
    project = ProjectFactory()
    payroll = add_sheet(project, dt.date(2026, 10, 1), [add_worker(project, 1)], status=Payroll.Status.DRAFT)
    client.force_login(office_staff)
    assert client.get(f"/enterprises/projects/{project.pk}/payroll/{payroll.pk}/submit/").status_code == 405


def test_a_line_for_a_worker_not_on_the_roster_is_refused(client, office_staff, today):
    project = ProjectFactory()
    add_worker(project, 1)
    client.force_login(office_staff)
    upload = workbook(PAYROLL_HEADER, [["路人", valid_id_number(99), 20, 5000, 5000, None, None]])
    response = client.post(
        f"/enterprises/projects/{project.pk}/payroll/import/",
        {"month": "2026-10", "source": "template", "file": upload},
    )
    assert response.status_code == 200
    assert "不在本项目花名册中" in response.content.decode()
    assert not Payroll.objects.exists()


def test_a_paid_sheet_is_corrected_by_a_new_version(client, office_staff, today):
    project = ProjectFactory()
    worker = add_worker(project, 1)
    payroll = add_sheet(project, dt.date(2026, 10, 1), [worker], status=Payroll.Status.PAID)
    client.force_login(office_staff)
    upload = workbook(PAYROLL_HEADER, [[worker.name, worker.id_number, 26, 6500, 6500, "2026-11-14", "R9"]])
    response = client.post(
        f"/enterprises/projects/{project.pk}/payroll/{payroll.pk}/correct/",
        {"status": "paid", "reason": "漏计加班工资", "file": upload},
    )
    assert response.status_code == 302
    payroll.refresh_from_db()
    assert payroll.status == Payroll.Status.SUPERSEDED
    new = Payroll.objects.current().get(project=project)
    assert new.version == 2 and new.total_payable == Decimal("6500.00")
    # The same correction sent again (the back button) makes no third version.
    client.post(
        f"/enterprises/projects/{project.pk}/payroll/{payroll.pk}/correct/",
        {"status": "paid", "reason": "漏计加班工资", "file": upload},
    )
    assert Payroll.objects.filter(project=project).count() == 2


def test_a_sheet_of_another_project_answers_404(client, office_staff):
    project, other = ProjectFactory(), ProjectFactory()
    payroll = add_sheet(other, dt.date(2026, 10, 1), [add_worker(other, 1)])
    client.force_login(office_staff)
    assert client.get(f"/enterprises/projects/{project.pk}/payroll/{payroll.pk}/").status_code == 404


def test_the_sheet_list_shows_the_totals(client, office_staff):
    project = ProjectFactory()
    workers = [add_worker(project, n) for n in range(3)]
    add_sheet(project, dt.date(2026, 10, 1), workers, paid_ratio=Decimal("0.5"))
    client.force_login(office_staff)
    page = client.get(f"/enterprises/projects/{project.pk}/payroll/").content.decode()
    assert "18,000.00" in page and "9,000.00" in page


# --- transfers ----------------------------------------------------------------------------------------------


def test_a_transfer_sent_twice_is_recorded_once(client, office_staff, today):
    project = ProjectFactory()
    client.force_login(office_staff)
    data = {
        "form_token": "abc123",
        "period": "2026-10",
        "transferred_on": "2026-10-25",
        "amount": "120000.00",
        "payer": "",
        "bank_reference": "",
        "note": "",
    }
    url = f"/enterprises/projects/{project.pk}/transfers/new/"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    transfer = LabourCostTransfer.objects.get(project=project)
    assert transfer.period == dt.date(2026, 10, 1) and transfer.amount == Decimal("120000.00")


def test_a_statement_imported_twice_adds_each_transfer_once(client, office_staff, today):
    project = ProjectFactory()
    client.force_login(office_staff)
    header = ["交易日期", "收入金额", "交易流水号", "对方户名", "摘要", "所属月份"]
    rows = [
        ["2026-10-25", 100000, "B001", "建设单位", "人工费", "2026-10"],
        ["2026-10-26", None, "B002", "", "代发", ""],
    ]
    url = f"/enterprises/projects/{project.pk}/transfers/import/"
    assert client.post(url, {"file": workbook(header, rows)}).status_code == 302
    assert client.post(url, {"file": workbook(header, rows)}).status_code == 302
    assert LabourCostTransfer.objects.filter(project=project).count() == 1


# --- the monitoring list ------------------------------------------------------------------------------------


def test_the_monitoring_list_filters_by_colour(client, inspector, today):
    red_project = ProjectFactory(name="红色预警工程")
    yellow_project = ProjectFactory(name="黄色预警工程")
    add_alert(red_project, level="red")
    add_alert(yellow_project)
    add_alert(ProjectFactory(name="已解除工程"), closed_on=TODAY, close_reason="已报送")
    client.force_login(inspector)
    page = client.get("/enterprises/monitoring/").content.decode()
    assert "红色预警工程" in page and "黄色预警工程" in page and "已解除工程" not in page
    page = client.get("/enterprises/monitoring/?level=red").content.decode()
    assert "红色预警工程" in page and "黄色预警工程" not in page


@pytest.mark.parametrize(
    "query",
    ["?page=-1", "?page=99999999999", "?age=abc", "?level=%00", "?q=%00", "?sort=;drop", "?industry=x"],
)
def test_odd_parameters_never_break_the_monitoring_list(client, inspector, query, today):
    add_alert(ProjectFactory())
    client.force_login(inspector)
    assert client.get("/enterprises/monitoring/" + query).status_code == 200
    assert client.get("/enterprises/monitoring/export.xlsx" + query).status_code == 200


def test_the_export_keeps_formula_text_as_text_and_applies_the_filters(client, inspector, today):
    add_alert(ProjectFactory(name='=HYPERLINK("http://x")'), level="red")
    add_alert(ProjectFactory(name="黄色工程"))
    client.force_login(inspector)
    rows = streamed_rows(client.get("/enterprises/monitoring/export.xlsx?level=red"))
    assert rows[0][0] == "颜色"
    assert len(rows) == 2
    assert rows[1][3] == '=HYPERLINK("http://x")'


def test_another_units_liaison_sees_no_warnings(client, other_liaison, liaison, today):
    add_alert(ProjectFactory(name="某工程"))
    client.force_login(other_liaison)
    response = client.get("/enterprises/monitoring/")
    assert "某工程" not in response.content.decode()
    client.force_login(liaison)
    assert "某工程" in client.get("/enterprises/monitoring/").content.decode()


@pytest.mark.parametrize("count", [3, 60])
def test_the_monitoring_list_costs_the_same_queries_whatever_the_rows(
    client, inspector, django_assert_max_num_queries, count, today
):
    for n in range(count):
        add_alert(ProjectFactory(), level="red" if n % 2 else "yellow")
    client.force_login(inspector)
    # Session and user, permissions, the page of warnings with their project and contractor, a capped count.
    with django_assert_max_num_queries(15):
        assert client.get("/enterprises/monitoring/").status_code == 200


# --- the project page ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("workers", [5, 500])
def test_a_projects_page_costs_the_same_queries_whatever_the_roster(
    client, office_staff, django_assert_max_num_queries, workers, today
):
    project = ProjectFactory()
    roster = ProjectWorker.objects.bulk_create(
        [
            ProjectWorker(
                project=project,
                name=f"工人{n}",
                id_number=valid_id_number(n, birth=f"19{80 + n // 1000 % 10}0307"),
                employer=project.general_contractor,
            )
            for n in range(workers)
        ]
    )
    for month in (dt.date(2026, 9, 1), dt.date(2026, 10, 1)):
        add_sheet(project, month, roster)
    add_alert(project, level="red")
    client.force_login(office_staff)
    with django_assert_max_num_queries(15):
        response = client.get(f"/enterprises/projects/{project.pk}/")
    assert response.status_code == 200
    assert f"在场 {workers} 人" in response.content.decode()


def test_the_project_page_shows_the_strip_and_warnings(client, office_staff, today):
    project = ProjectFactory()
    worker = add_worker(project, 1)
    add_sheet(project, dt.date(2026, 10, 1), [worker], paid_ratio=Decimal("0.5"))
    add_alert(project, level="red", reason=WageAlert.Reason.UNDERPAID, workers_unpaid=1, amount_unpaid=3000)
    client.force_login(office_staff)
    page = client.get(f"/enterprises/projects/{project.pk}/").content.decode()
    assert 'id="month-strip"' in page
    assert "部分人员实发少于应发" in page
    assert "style=" not in page.split('id="monitoring"')[1].split("</section>")[0]


def test_another_units_liaison_sees_the_project_without_its_roster(client, other_liaison):
    project = ProjectFactory()
    add_worker(project, 1)
    client.force_login(other_liaison)
    page = client.get(f"/enterprises/projects/{project.pk}/").content.decode()
    assert f"/enterprises/projects/{project.pk}/workers/" not in page


def test_the_notice_board_prints_the_complaint_phone_on_one_page(client, liaison):
    project = ProjectFactory(name="柳东新区告示牌工程", payday=20)
    client.force_login(liaison)
    response = client.get(f"/enterprises/projects/{project.pk}/notice-board.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "12333" in text and "柳东新区告示牌工程" in text and "20" in text


# --- from a red warning to a case; the deposit; the start page ----------------------------------------------


def test_a_case_opened_from_a_red_warning_carries_the_unpaid_workers_once(client, inspector, today):
    from cases.models import Case

    project = ProjectFactory()
    alert = add_alert(
        project,
        level="red",
        reason=WageAlert.Reason.UNDERPAID,
        workers_unpaid=2,
        amount_unpaid=Decimal("4500.00"),
        details={
            "workers": [
                {"name": "韦一", "id_number": valid_id_number(1), "unpaid": "3000.00"},
                {"name": "韦二", "id_number": valid_id_number(2), "unpaid": "1500.00"},
            ]
        },
    )
    client.force_login(inspector)
    page = client.get(f"/enterprises/projects/{project.pk}/").content.decode()
    assert f"/cases/from-warning/{alert.pk}/" in page
    first = client.post(f"/cases/from-warning/{alert.pk}/")
    second = client.post(f"/cases/from-warning/{alert.pk}/")
    case = Case.objects.get()
    assert first["Location"] == second["Location"] == case.get_absolute_url()
    assert case.project == project and case.enterprise == project.general_contractor
    assert sorted((c.name, c.amount_owed) for c in case.claims.all()) == [
        ("韦一", Decimal("3000.00")),
        ("韦二", Decimal("1500.00")),
    ]
    alert.refresh_from_db()
    assert alert.case_number == case.number
    assert case.number in client.get(f"/enterprises/projects/{project.pk}/").content.decode()


def test_a_yellow_warning_opens_no_case(client, inspector, today):
    alert = add_alert(ProjectFactory())
    client.force_login(inspector)
    response = client.post(f"/cases/from-warning/{alert.pk}/", follow=True)
    assert "只有红色预警" in response.content.decode()


def test_the_deposit_used_on_a_case_is_topped_up_once(client, office_staff, today):
    from ..factories import CaseFactory

    project = ProjectFactory(
        deposit_amount=Decimal("100000.00"), deposit_paid_on=dt.date(2026, 4, 1), deposit_form="cash"
    )
    case = CaseFactory(project=project, enterprise=project.general_contractor)
    client.force_login(office_staff)
    url = f"/enterprises/projects/{project.pk}/deposit-uses/new/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "case": case.pk,
            "amount": "4500.00",
            "used_on": "2026-11-17",
            "document": "柳东人社动〔2026〕1号",
            "workers": f"韦一 {valid_id_number(1)} 3000\n韦二,{valid_id_number(2)},1500",
        },
    )
    assert response.status_code == 302, response.content.decode()
    use = project.deposit_uses.get()
    assert use.amount == Decimal("4500.00") and len(use.workers) == 2
    top_up = f"/enterprises/projects/{project.pk}/deposit-uses/{use.pk}/topped-up/"
    assert top_up in client.get(f"/enterprises/projects/{project.pk}/").content.decode()
    client.post(top_up)
    client.post(top_up, {"topped_up_on": "2026-11-18"})
    use.refresh_from_db()
    assert use.topped_up_on == TODAY


def test_a_bad_worker_line_of_a_deposit_use_is_named(client, office_staff, today):
    from ..factories import CaseFactory

    project = ProjectFactory(deposit_amount=Decimal("1000.00"), deposit_paid_on=dt.date(2026, 4, 1))
    case = CaseFactory(project=project, enterprise=project.general_contractor)
    client.force_login(office_staff)
    response = client.post(
        f"/enterprises/projects/{project.pk}/deposit-uses/new/",
        {"case": case.pk, "amount": "100", "used_on": "2026-11-17", "workers": "韦一 NaN"},
    )
    assert response.status_code == 200
    assert "第 1 行" in response.content.decode()
    assert not project.deposit_uses.exists()


def test_the_inspector_and_the_construction_liaison_see_the_warnings_on_their_start_page(
    client, inspector, liaison, other_liaison, today
):
    add_alert(ProjectFactory(name="预警工程甲"), level="red")
    for user, shown in ((inspector, True), (liaison, True), (other_liaison, False)):
        client.force_login(user)
        page = client.get("/").content.decode()
        assert ('id="start-wage-alerts"' in page) is shown
        assert ("预警工程甲" in page) is shown


def test_the_contractor_filter_finds_a_subcontractors_projects_once(client, inspector, today):
    from enterprises.models import Subcontractor

    project = ProjectFactory(name="分包工程")
    sub = EnterpriseFactory(name="柳州分包劳务公司")
    Subcontractor.objects.create(project=project, enterprise=sub)
    add_alert(project)
    add_alert(project, reason=WageAlert.Reason.TRANSFER_MISSING)
    add_alert(ProjectFactory(name="别的工程"))
    client.force_login(inspector)
    response = client.get("/enterprises/monitoring/?contractor=分包劳务")
    page = response.content.decode()
    assert page.count("分包工程</a>") == 2 and "别的工程" not in page
    assert "共 2 条预警" in page


def _roster(project: Project, size: int) -> list[ProjectWorker]:
    return ProjectWorker.objects.bulk_create(
        [
            ProjectWorker(
                project=project,
                name=f"工人{n}",
                id_number=valid_id_number(n, birth=f"19{80 + n // 1000 % 10}0307"),
                employer=project.general_contractor,
            )
            for n in range(size)
        ]
    )


@pytest.mark.parametrize("size", [5, 300])
def test_the_roster_and_a_sheet_cost_the_same_queries_whatever_their_size(
    client, office_staff, django_assert_max_num_queries, size, today
):
    project, other = ProjectFactory(), ProjectFactory()
    workers = _roster(project, size)
    _roster(other, size)  # every worker also on another site: shown, in one query
    payroll = add_sheet(project, dt.date(2026, 10, 1), workers)
    client.force_login(office_staff)
    # Session and user, permissions and unit, the project, the counts, the page of workers with their
    # employer, the same ID numbers on other rosters, the full view's log.
    with django_assert_max_num_queries(15):
        page = client.get(f"/enterprises/projects/{project.pk}/workers/?full=1").content.decode()
    assert other.name in page
    with django_assert_max_num_queries(15):
        assert client.get(f"/enterprises/projects/{project.pk}/payroll/{payroll.pk}/").status_code == 200


def _deposit_case(project):
    from ..factories import CaseFactory, WorkerClaimFactory

    case = CaseFactory(project=project, enterprise=project.general_contractor)
    claim = WorkerClaimFactory(case=case, name="韦一", amount_owed=Decimal("3000.00"))
    return case, claim


def test_the_deposit_use_form_masks_id_numbers_and_logs_a_reveal(client, office_staff, today):
    project = ProjectFactory(deposit_amount=Decimal("100000.00"), deposit_paid_on=dt.date(2026, 4, 1))
    case, claim = _deposit_case(project)
    client.force_login(office_staff)
    url = f"/enterprises/projects/{project.pk}/deposit-uses/new/"
    body = client.get(url).content.decode()
    assert claim.id_number not in body and mask_id_number(claim.id_number) in body
    assert not PersonalDataAccess.objects.exists()
    # Saved from the masked prefill: the form matches the masked number to the case's worker.
    response = client.post(
        url,
        {
            "case": case.pk,
            "amount": "3000.00",
            "used_on": "2026-11-17",
            "workers": f"韦一 {mask_id_number(claim.id_number)} 3000",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert project.deposit_uses.get().workers[0]["id_number"] == claim.id_number
    # The office may ask for the full numbers: shown, and the reveal logged.
    project.deposit_uses.all().delete()
    body = client.get(url + "?full=1").content.decode()
    assert claim.id_number in body
    logged = PersonalDataAccess.objects.get()
    assert (logged.user, logged.action, logged.object_ref) == (office_staff, "view", str(project.pk))


def test_a_role_that_may_not_see_id_numbers_gets_them_masked_even_when_asking(client, db, today):
    from django.contrib.auth.models import Permission

    from ..factories import UserFactory

    user = UserFactory()
    for perm in ("add_deposituse", "view_deposituse", "view_project", "view_all_units"):
        user.user_permissions.add(Permission.objects.get(codename=perm))
    project = ProjectFactory(deposit_amount=Decimal("100000.00"), deposit_paid_on=dt.date(2026, 4, 1))
    _case, claim = _deposit_case(project)
    client.force_login(user)
    response = client.get(f"/enterprises/projects/{project.pk}/deposit-uses/new/?full=1")
    assert response.status_code == 200
    body = response.content.decode()
    assert claim.id_number not in body and mask_id_number(claim.id_number) in body
    assert "显示完整身份证号" not in body
    assert not PersonalDataAccess.objects.exists()


def test_a_masked_number_not_of_the_cases_worker_is_refused(client, office_staff, today):
    project = ProjectFactory(deposit_amount=Decimal("100000.00"), deposit_paid_on=dt.date(2026, 4, 1))
    case, _claim = _deposit_case(project)
    client.force_login(office_staff)
    response = client.post(
        f"/enterprises/projects/{project.pk}/deposit-uses/new/",
        {
            "case": case.pk,
            "amount": "3000",
            "used_on": "2026-11-17",
            "workers": "韦二 4502**********1236 3000",
        },
    )
    assert response.status_code == 200
    assert "第 1 行的身份证号已隐去部分数字" in response.content.decode()
    assert not project.deposit_uses.exists()
