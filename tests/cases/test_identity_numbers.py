"""Identity numbers on the cases' forms (issue 22): never a 500, real people accepted, child labour flagged.

330114199003071236 has a valid check character, but its area code (Hangzhou Qiantang, 2021) is unknown to
python-stdnum 2.2, which fails on it with a bare KeyError."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from stdnum.cn import ric

from cases import services
from cases.models import CaseEvent, PublicReport, WorkerClaim
from cases.services import ClaimData
from liudong_wages.models import Notification

from ..factories import CaseFactory, WorkerClaimFactory

QIANTANG = "330114199003071236"


def with_check(body: str) -> str:
    return body + ric.calc_check_digit(body + "0")


LATE = with_check("11011419850307123")  # Changping's code dates from 1999; born there in 1985
TAIWAN = with_check("83000019900307123")
FOREIGN = with_check("91184019900307123")

REPORT = {
    "reporter_name": "覃大力",
    "reporter_id_number": "450204199003071236",
    "reporter_phone": "13977200001",
    "employer_name": "柳州某劳务公司",
    "project_name": "柳东新区某小区 3 号楼",
    "amount_owed": "12000",
    "period_start": "2026-07-01",
    "period_end": "2026-09-30",
    "worker_count": "3",
}


@pytest.fixture(autouse=True)
def today(frozen):
    frozen(dt.date(2026, 11, 2))


@pytest.fixture
def case(db):
    return CaseFactory(period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 3, 31))


def claim_post(**fields):
    return {"name": "韦工", "amount_owed": "3000", "amount_paid": "0", **fields}


# The public report (no login) ------------------------------------------------------------------------------


def test_the_qiantang_number_on_the_public_form_is_taken_and_the_office_is_told(client, db, office_staff):
    response = client.post("/report/", {**REPORT, "reporter_id_number": QIANTANG})
    assert response.status_code == 200
    report = PublicReport.objects.get()
    assert report.reporter_id_number == QIANTANG and report.tracking_code in response.text
    assert "请勾选" not in response.text  # the worker is not asked to confirm anything
    note = Notification.objects.get(recipient=office_staff, kind="case_public_report")
    assert "330114" in note.body
    client.force_login(office_staff)
    page = client.get(report.get_absolute_url()).text
    assert "330114" in page and "举报人未被要求核实" in page


@pytest.mark.parametrize(("number", "kind"), [(TAIWAN, "taiwan"), (FOREIGN, "foreign"), (LATE, "resident")])
def test_the_public_form_takes_permits_and_late_registrations(client, db, number, kind):
    response = client.post("/report/", {**REPORT, "reporter_id_number": number, "id_kind": kind})
    assert response.status_code == 200
    assert PublicReport.objects.get().reporter_id_number == number


def test_the_public_form_refuses_a_kind_that_does_not_fit_the_number(client, db):
    response = client.post("/report/", {**REPORT, "reporter_id_number": TAIWAN, "id_kind": "resident"})
    assert response.status_code == 200 and "台湾居民居住证" in response.text
    assert not PublicReport.objects.exists()


# A worker's claim, one by one and imported ---------------------------------------------------------------


def test_the_qiantang_number_on_the_claim_form_asks_to_confirm_then_saves(client, case, inspector):
    client.force_login(inspector)
    first = client.post(f"/cases/{case.pk}/claims/", claim_post(id_number=QIANTANG))
    assert first.status_code == 200
    assert "330114" in first.text and "已核实，仍然保存" in first.text
    assert 'type="checkbox" name="id_confirmed"' in first.text
    assert not case.claims.exists()
    second = client.post(f"/cases/{case.pk}/claims/", claim_post(id_number=QIANTANG, id_confirmed="on"))
    assert second.status_code == 302
    assert case.claims.get().id_number == QIANTANG
    event = case.events.filter(kind=CaseEvent.Kind.CLAIMS_CHANGED).latest("pk")
    assert "经核实后保存" in event.note and "330114" in event.note
    page = client.get(case.get_absolute_url()).text
    assert "330114" in page  # the warning stays on the case page


def test_a_late_registration_number_is_accepted_with_the_warning(client, case, inspector):
    client.force_login(inspector)
    response = client.post(f"/cases/{case.pk}/claims/", claim_post(id_number=LATE, id_confirmed="on"))
    assert response.status_code == 302
    claim = case.claims.get()
    assert claim.id_number == LATE
    assert "1985 年不存在" in client.get(case.get_absolute_url()).text


@pytest.mark.parametrize(("number", "kind"), [(TAIWAN, "taiwan"), (FOREIGN, "foreign")])
def test_a_taiwan_permit_and_a_foreign_permanent_residence_id_are_accepted(
    client, case, inspector, number, kind
):
    client.force_login(inspector)
    response = client.post(f"/cases/{case.pk}/claims/", claim_post(id_number=number, id_kind=kind))
    assert response.status_code == 302
    assert case.claims.get().id_number == number


def test_the_edit_form_keeps_a_confirmed_number_without_asking_again(client, case, inspector):
    claim = WorkerClaimFactory(case=case, id_number=QIANTANG)
    client.force_login(inspector)
    response = client.post(
        f"/cases/{case.pk}/claims/{claim.pk}/",
        {**claim_post(id_number="3301**********1236", amount_owed="3500"), "reason": "核对工资表"},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.amount_owed == Decimal("3500.00") and claim.id_number == QIANTANG


def _upload(client, case, rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["姓名*", "身份证号", "电话", "欠薪金额*", "已支付金额", "备注"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "claims.xlsx"
    return client.post(f"/cases/{case.pk}/claims/import/", {"file": buffer}, follow=True)


def test_the_qiantang_number_in_an_import_is_imported_with_its_row_warned(client, case, inspector):
    client.force_login(inspector)
    response = _upload(
        client, case, [["甲", "450204199003071236", "", 3000, 0, ""], ["乙", QIANTANG, "", 2000, 0, ""]]
    )
    assert response.status_code == 200
    assert "第 3 行" in response.text and "330114" in response.text
    assert set(case.claims.values_list("id_number", flat=True)) == {"450204199003071236", QIANTANG}
    assert "第 3 行" in case.events.filter(kind=CaseEvent.Kind.CLAIMS_CHANGED).latest("pk").note


def test_a_refused_number_in_an_import_names_its_row_and_saves_nothing(client, case, inspector):
    client.force_login(inspector)
    response = _upload(
        client,
        case,
        [["甲", "450204199003071236", "", 3000, 0, ""], ["乙", "33011419900307123", "", 1, 0, ""]],
    )
    assert response.status_code == 200
    assert "第 3 行：身份证号应为 18 位" in response.text
    assert not case.claims.exists()


# Child labour and over-age workers ---------------------------------------------------------------------


def test_a_worker_aged_15_is_flagged_and_the_office_told_once(case, inspector, office_staff, director):
    child = with_check("45020420100501123")  # 15 on 2026-01-01, the first day of the arrears
    services.worker_claims_add(
        case=case, by=inspector, claims=[ClaimData(name="小韦", amount_owed=Decimal("900"), id_number=child)]
    )
    claim = WorkerClaim.objects.get(id_number=child)
    services.worker_claim_update(
        claim=claim,
        by=inspector,
        name="小韦",
        amount_owed=Decimal("1000"),
        amount_paid=Decimal("0"),
        id_number=child,
    )
    flagged = Notification.objects.filter(kind="child_labour")
    assert {n.recipient for n in flagged} == {inspector, office_staff, director}
    assert flagged.filter(recipient=office_staff).count() == 1
    text = flagged.get(recipient=office_staff).body
    assert "15 周岁" in text and "国务院令第364号" in text and child not in text  # the number stays masked


def test_a_worker_of_16_is_not_flagged(case, inspector, office_staff):
    adult = with_check("45020420100101123")  # 16 on 2026-01-01
    services.worker_claims_add(
        case=case, by=inspector, claims=[ClaimData(name="韦", amount_owed=Decimal("900"), id_number=adult)]
    )
    assert not Notification.objects.filter(kind="child_labour").exists()


def test_the_case_page_shows_a_child_and_an_over_age_worker(client, case, inspector):
    WorkerClaimFactory(case=case, name="小韦", id_number=with_check("45020420100501123"))
    WorkerClaimFactory(case=case, name="老覃", id_number=with_check("45020419600101123"))  # a man of 66
    WorkerClaimFactory(case=case, name="莫姐", id_number=with_check("45020419800101124"))  # a woman of 46
    client.force_login(inspector)
    page = client.get(case.get_absolute_url()).text
    assert "疑似童工" in page
    assert page.count("超龄") == 1 and "男 60 周岁" in page
