"""Attacks on the form pages of issue 18 (documents, clues, hand-overs, campaigns) beside the fuzzer's odd text
(tests/test_bad_input.py): forms sent twice, formula text reaching the exports, another case's or another
unit's records in the URL. Each test reproduced a finding (or proved there was none) before the fix."""

from __future__ import annotations

import datetime as dt
import io
import threading
import unicodedata
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from openpyxl import Workbook

from cases import services
from cases.models import Campaign, Case, CaseDocument, CaseHandover, Clue, WorkerClaim
from cases.services.campaigns import campaign_create
from liudong_wages.models import Notification

from ..factories import CaseFactory, DishonestListingFactory, EnterpriseFactory, WorkerClaimFactory
from ..liudong_wages.test_formula_injection import ATTACK, _assert_no_formula, _workbook_bytes

D = dt.date
TODAY = D(2026, 11, 9)  # a Monday
Kind = CaseDocument.Kind
HANDOVER = {
    "employer_name": "柳州市某建筑公司",
    "project_name": "官塘安置房二期",
    "worker_count": "4",
    "amount": "26000",
    "period_start": "2026-08-01",
    "period_end": "2026-10-31",
    "summary": "项目停工，班组 4 人工资未发。",
    "contact_name": "黄班长",
    "contact_phone": "13977200009",
}
CAMPAIGN = {"name": "冬季专项行动", "starts_on": "2026-11-15", "ends_on": "2027-02-10"}


@pytest.fixture
def today(frozen):
    frozen(TODAY)
    return TODAY


@pytest.fixture
def case(db, enterprise, inspector, today):
    case = CaseFactory(enterprise=enterprise, received_on=D(2026, 11, 2), handler=inspector)
    WorkerClaimFactory(case=case, name="覃小军", amount_owed=Decimal("6800.00"))
    services.case_file(case=case, by=inspector, on=D(2026, 11, 2))
    return case


def draft(case, inspector, kind=Kind.RECTIFICATION_ORDER):
    return services.document_create(case=case, by=inspector, kind=kind)


def issued(case, inspector, kind=Kind.RECTIFICATION_ORDER):
    return services.document_issue(document=draft(case, inspector, kind), by=inspector)


# Sent twice (a double click, the back button, two tabs) --------------------------------------------------------


def test_a_hand_over_sent_twice_is_recorded_once(client, liaison, office_staff, today):
    client.force_login(liaison)
    assert client.post("/cases/handovers/new/", HANDOVER).status_code == 302
    again = client.post("/cases/handovers/new/", HANDOVER)
    assert again.status_code == 400 and "未重复提交" in again.text
    assert CaseHandover.objects.count() == 1
    # The office was told once.
    assert Notification.objects.filter(recipient=office_staff, kind="case_handover").count() == 1


def test_a_returned_hand_over_may_be_handed_over_again(client, liaison, inspector, today):
    client.force_login(liaison)
    client.post("/cases/handovers/new/", HANDOVER)
    services.handover_return(handover=CaseHandover.objects.get(), by=inspector, reason="请补充工资表。")
    assert client.post("/cases/handovers/new/", HANDOVER).status_code == 302
    assert CaseHandover.objects.count() == 2


def test_a_draft_sent_twice_is_made_once_and_the_second_answer_opens_it(client, case, inspector):
    client.force_login(inspector)
    url = f"/cases/{case.pk}/documents/"
    data = {"kind": "rectification_order", "period_days": "10", "facts": "拖欠 1 人工资 6800 元。"}
    first = client.post(url, data)
    assert first.status_code == 302
    draft = CaseDocument.objects.get()
    again = client.post(url, data, follow=True)
    # The second answer is the first's: the draft opens, with a message saying nothing new was made.
    assert again.redirect_chain == [(f"/cases/{case.pk}/documents/{draft.pk}/", 302)]
    assert "未重复生成" in again.text and "限期整改指令书" in again.text
    assert CaseDocument.objects.count() == 1
    draft.refresh_from_db()
    assert draft.is_draft and draft.period_days == 10 and draft.facts == "拖欠 1 人工资 6800 元。"


def test_another_draft_of_the_same_kind_is_made_for_another_person_or_once_the_first_is_issued(
    client, case, inspector
):
    client.force_login(inspector)
    url = f"/cases/{case.pk}/documents/"
    assert client.post(url, {"kind": "inquiry_notice"}).status_code == 302
    assert client.post(url, {"kind": "inquiry_notice", "addressee": "黄志明"}).status_code == 302
    assert CaseDocument.objects.filter(kind=Kind.INQUIRY_NOTICE).count() == 2
    first = CaseDocument.objects.filter(kind=Kind.INQUIRY_NOTICE).order_by("pk").first()
    services.document_issue(document=first, by=inspector)
    assert client.post(url, {"kind": "inquiry_notice"}).status_code == 302
    assert CaseDocument.objects.filter(kind=Kind.INQUIRY_NOTICE, status="draft").count() == 2
    # The refusal holds for whoever calls the service, not only the page.
    with pytest.raises(ValidationError, match="未重复生成"):
        services.document_create(case=case, by=inspector, kind=Kind.INQUIRY_NOTICE)


def _at_once(call, times: int = 2) -> list[BaseException]:
    """Run `call` in `times` threads released together; the errors they raised."""
    barrier = threading.Barrier(times)
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait(timeout=10)
            call()
        except Exception as error:  # returned to the test, which asserts what it expects
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_draft_double_clicked_makes_one_draft(inspector):
    case = CaseFactory(enterprise=EnterpriseFactory(), handler=inspector)
    errors = _at_once(lambda: services.document_create(case=case, by=inspector, kind=Kind.INQUIRY_NOTICE))
    assert [getattr(error, "code", None) for error in errors] == ["duplicate"]
    assert CaseDocument.objects.filter(case=case).count() == 1


def test_a_campaign_sent_twice_is_made_once_with_a_message_in_chinese(client, director, today):
    client.force_login(director)
    assert client.post("/cases/campaigns/", CAMPAIGN).status_code == 302
    again = client.post("/cases/campaigns/", {**CAMPAIGN, "name": " 冬季专项行动 "})
    assert again.status_code == 400
    assert "专项行动“冬季专项行动”（2026-11-15 开始）已建立，未重复保存" in again.text
    assert Campaign.objects.count() == 1
    # Another campaign of the same name (next winter) or another name the same day is a campaign of its own.
    next_winter = {"name": "冬季专项行动", "starts_on": "2027-11-15", "ends_on": "2028-02-10"}
    assert client.post("/cases/campaigns/", next_winter).status_code == 302
    assert client.post("/cases/campaigns/", {**CAMPAIGN, "name": "建筑领域专项检查"}).status_code == 302
    assert Campaign.objects.count() == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_campaign_double_clicked_makes_one_campaign(director):
    def create():
        campaign_create(by=director, name="冬季专项行动", starts_on=D(2026, 11, 15), ends_on=D(2027, 2, 10))

    errors = _at_once(create)
    assert len(errors) == 1 and "已建立，未重复保存" in errors[0].message_dict["name"][0]
    assert Campaign.objects.count() == 1


def test_a_campaign_saved_by_another_post_after_the_check_is_named_in_the_answer(director, monkeypatch):
    winter = {"name": "冬季专项行动", "starts_on": D(2026, 11, 15), "ends_on": D(2027, 2, 10)}
    campaign_create(by=director, **winter)
    # The moment of a double click: both posts passed full_clean before either was saved; the database's
    # unique constraint refuses the second, and the answer names the campaign as the form's check would.
    monkeypatch.setattr(Campaign, "full_clean", lambda self, **kwargs: None)
    with pytest.raises(ValidationError) as refused:
        campaign_create(by=director, **winter)
    assert "专项行动“冬季专项行动”（2026-11-15 开始）已建立" in refused.value.message_dict["name"][0]
    assert Campaign.objects.count() == 1


def _step(kind, o):
    """(url, data) of one step of issue 18, on the objects `o` the test made."""
    case, document, handover, listing, clue = o["case"], o["document"], o["handover"], o["listing"], o["clue"]
    return {
        "issue": (f"/cases/{case.pk}/documents/{document.pk}/issue/", {"issued_on": "2026-11-09"}),
        "serve": (
            f"/cases/{case.pk}/documents/{o['issued'].pk}/serve/",
            {"method": "in_person", "served_on": "2026-11-09", "served_to": "黄建国"},
        ),
        "correct": (f"/cases/{case.pk}/documents/{o['issued'].pk}/correct/", {}),
        "delete": (f"/cases/{case.pk}/documents/{document.pk}/delete/", {}),
        "accept": (f"/cases/handovers/{handover.pk}/accept/", {}),
        "return": (f"/cases/handovers/{handover.pk}/return/", {"reason": "属劳动争议，请引导申请仲裁。"}),
        "clue_case": (
            f"/cases/clues/{clue.pk}/case/",
            {"period_start": "2026-08-01", "period_end": "2026-10-31"},
        ),
        "clue_close": (f"/cases/clues/{clue.pk}/close/", {"reason": "企业已当场支付。"}),
        "listing": (f"/cases/dishonest/{listing.pk}/documents/", {"kind": "listing_decision"}),
    }[kind]


@pytest.fixture
def steps(case, inspector, today):
    listing = DishonestListingFactory(
        status="listed",
        notice_number="柳东治欠告〔2026〕1号",
        notified_on=D(2026, 10, 10),
        objection_deadline=D(2026, 10, 20),
        decision_number="柳东人社失信列〔2026〕1号",
        decided_on=D(2026, 11, 2),
        listed_until=D(2029, 11, 2),
    )
    handover = CaseHandover.objects.create(
        unit=inspector.unit,
        employer_name="柳州市某建筑公司",
        worker_count=4,
        amount=26000,
        period_start=D(2026, 8, 1),
        period_end=D(2026, 10, 31),
        summary="班组工资未发。",
    )
    clue = Clue.objects.create(
        platform_number="GX-20261109-1",
        reported_on=D(2026, 11, 2),
        reporter_name="蓝志强",
        employer_name="柳州市某建筑公司",
        amount=Decimal("8600"),
        worker_count=6,
        imported_on=D(2026, 11, 3),
        answer_due=D(2026, 11, 10),
    )
    return {
        "case": case,
        "clue": clue,
        "document": draft(case, inspector),
        "issued": issued(case, inspector, Kind.PENALTY_NOTICE),
        "handover": handover,
        "listing": listing,
    }


def _rows() -> dict:
    return {
        "documents": CaseDocument.objects.count(),
        "issued": CaseDocument.objects.filter(status=CaseDocument.Status.ISSUED).count(),
        "cases": Case.objects.count(),
        "periods": services.documents.DocumentPeriod.objects.count(),
        "handovers": list(CaseHandover.objects.values_list("status", "return_reason", "case")),
        "clues": list(Clue.objects.values_list("status", "answer", "case")),
        "claims": WorkerClaim.objects.count(),
    }


@pytest.mark.parametrize(
    "kind", ["issue", "serve", "correct", "delete", "accept", "return", "clue_case", "clue_close", "listing"]
)
def test_each_step_sent_twice_changes_nothing_the_second_time(client, office_staff, steps, kind):
    client.force_login(office_staff)
    url, data = _step(kind, steps)
    first = client.post(url, data)
    assert first.status_code == 302
    after_first = _rows()
    again = client.post(url, data)
    assert again.status_code in (400, 404)
    assert _rows() == after_first


# Formula text reaching the exports --------------------------------------------------------------------------


def _clue_file(number: str) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["线索编号", "反映时间", "反映人姓名", "被反映单位名称", "欠薪金额（元）", "欠薪人数"])
    sheet.append([number, "2026-11-02", "蓝志强", ATTACK, "8600", 6])
    sheet["D2"].data_type = "s"  # the platform's export carries it as text, not as a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("clues.xlsx", buffer.getvalue())


def test_formula_text_of_a_clue_is_text_in_the_feedback_sheet_and_the_cases_export(
    client, office_staff, today
):
    client.force_login(office_staff)
    response = client.post("/cases/clues/import/", {"file": _clue_file("GX-1")})
    assert response.status_code == 302
    clue = Clue.objects.get()
    assert clue.employer_name == ATTACK
    client.post(f"/cases/clues/{clue.pk}/case/", {"period_start": "2026-08-01", "period_end": "2026-10-31"})
    Clue.objects.filter(pk=clue.pk).update(answer=ATTACK)
    _assert_no_formula(_workbook_bytes(client.get("/cases/clues/feedback.xlsx")), ATTACK)
    _assert_no_formula(_workbook_bytes(client.get("/cases/export.xlsx")), ATTACK)


def test_formula_text_of_a_hand_over_is_text_in_the_cases_export(client, liaison, office_staff, today):
    client.force_login(liaison)
    assert client.post("/cases/handovers/new/", {**HANDOVER, "employer_name": ATTACK}).status_code == 302
    client.force_login(office_staff)
    handover = CaseHandover.objects.get()
    assert client.post(f"/cases/handovers/{handover.pk}/accept/", {}).status_code == 302
    _assert_no_formula(_workbook_bytes(client.get("/cases/export.xlsx")), ATTACK)


@pytest.mark.parametrize(
    "name",
    [
        ATTACK,
        "冬季/行动\\..",
        "../../冬季行动",
        "冬季\r\n行动",
        "冬季\x00行动",
        "冬季\x1b[31m行动\x7f",
        "冬季\u202e行动xslx.exe",
        "冬季\u2066行动\u200b\ufeff",
        "冬季\"行动'; filename=evil.html",
        "冬季:行动*?<>|",
        "CON",
        "  ..冬季行动..  ",
    ],
)
def test_a_campaign_with_odd_characters_in_its_name_downloads_under_a_safe_name(
    client, director, today, name
):
    client.force_login(director)
    client.post("/cases/campaigns/", {**CAMPAIGN, "name": name})
    campaign = Campaign.objects.first()
    if campaign is None:  # refused with a message in Chinese
        return
    for suffix in ("xlsx", "pdf"):
        response = client.get(f"/cases/campaigns/{campaign.pk}/summary.{suffix}")
        assert response.status_code == 200
        header = response["Content-Disposition"]
        assert header.isascii() and header.count(";") == 1 and header.count("=") == 1
        disposition, encoded = header.split("; filename*=UTF-8''")
        assert disposition in ("attachment", "inline") and ";" not in encoded and "/" not in encoded
        filename = unquote(encoded)
        assert filename.endswith(f"-汇总表.{suffix}")
        assert not any(unicodedata.category(char).startswith("C") for char in filename), filename
        assert not set(filename) & set("/\\\"'*?<>|:\n\r"), filename
        assert not filename.startswith((".", " "))
        # The Chinese of the name stays.
        assert "冬季" not in name or ("冬季" in filename and "行动" in filename)


# Another case's, another unit's records ---------------------------------------------------------------------


@pytest.mark.parametrize("action", ["", "issue/", "serve/", "correct/", "delete/"])
def test_a_document_through_another_cases_url_is_not_found(client, case, inspector, action):
    other = CaseFactory(received_on=D(2026, 11, 2))
    document = draft(case, inspector, Kind.INQUIRY_NOTICE)
    client.force_login(inspector)
    url = f"/cases/{other.pk}/documents/{document.pk}/{action}"
    response = client.post(url, {"issued_on": "2026-11-09", "method": "post", "served_on": "2026-11-09"})
    assert response.status_code == 404
    document.refresh_from_db()
    assert document.is_draft and CaseDocument.objects.count() == 1


@pytest.mark.parametrize("action", ["accept", "return"])
def test_another_units_liaison_cannot_decide_a_hand_over(client, liaison, other_liaison, today, action):
    handover = services.handover_submit(
        by=liaison,
        employer_name="柳州市某建筑公司",
        worker_count=4,
        amount=Decimal("26000"),
        period_start=D(2026, 8, 1),
        period_end=D(2026, 10, 31),
        summary="班组工资未发。",
    )
    for user in (liaison, other_liaison):
        client.force_login(user)
        response = client.post(f"/cases/handovers/{handover.pk}/{action}/", {"reason": "退回"})
        assert response.status_code in (403, 404)
    handover.refresh_from_db()
    assert handover.status == CaseHandover.Status.SUBMITTED and Case.objects.count() == 0
