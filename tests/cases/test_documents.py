"""Case documents (文书): drafts, issue and numbering, corrections, service and the periods it starts."""

import datetime as dt
import io
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from pypdf import PdfReader

from cases import services
from cases.models import Case, CaseDocument, CaseEvent, DocumentPeriod
from liudong_wages.models import Notification

from ..factories import CaseFactory, WorkerClaimFactory

D = dt.date
Kind = CaseDocument.Kind


def pdf_text(content: bytes) -> str:
    # Lines broken by the layout are joined: a phrase may wrap at any character.
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return text.replace("\n", "")


@pytest.fixture
def case(db, enterprise, inspector, frozen):
    frozen(D(2026, 9, 1))
    case = CaseFactory(enterprise=enterprise, received_on=D(2026, 9, 1), handler=inspector)
    WorkerClaimFactory(case=case, name="覃小军", amount_owed=Decimal("6800.00"))
    WorkerClaimFactory(case=case, name="黄春梅", amount_owed=Decimal("5250.50"))
    services.case_file(case=case, by=inspector, on=D(2026, 9, 1))
    services.case_start_investigation(case=case, by=inspector, on=D(2026, 9, 1))
    return case


def issued(case, by, kind, on, **fields):
    document = services.document_create(case=case, by=by, kind=kind, **fields)
    return services.document_issue(document=document, by=by, on=on)


def test_a_rectification_order_pdf_names_the_enterprise_the_law_and_each_workers_amount(
    client, case, inspector, frozen
):
    frozen(D(2026, 9, 10))
    order = issued(case, inspector, Kind.RECTIFICATION_ORDER, D(2026, 9, 10), period_days=10)
    assert order.number == "柳东人社监令〔2026〕1号"
    client.force_login(inspector)
    response = client.get(f"/cases/{case.pk}/documents/{order.pk}.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "限期整改指令书" in text and "柳东人社监令〔2026〕1号" in text
    assert "柳州市宏达建筑劳务有限公司" in text
    assert "劳动保障监察条例" in text and "第二十六条" in text
    assert "覃小军" in text and "6,800.00" in text
    assert "黄春梅" in text and "5,250.50" in text


def test_an_issued_document_is_frozen_and_a_correction_is_a_new_version(case, inspector, frozen):
    frozen(D(2026, 9, 10))
    order = issued(case, inspector, Kind.RECTIFICATION_ORDER, D(2026, 9, 10))
    first_pdf = bytes(order.pdf)
    with pytest.raises(ValidationError, match="已签发"):
        services.document_update(document=order, by=inspector, facts="改写")
    with pytest.raises(ValidationError, match="不能删除"):
        services.document_delete(document=order, by=inspector)
    with pytest.raises(ValidationError, match="不能重复签发"):
        services.document_issue(document=order, by=inspector)
    correction = services.document_correct(document=order, by=inspector)
    services.document_update(document=correction, by=inspector, facts="更正后的事实")
    services.document_issue(document=correction, by=inspector, on=D(2026, 9, 10))
    order.refresh_from_db()
    correction.refresh_from_db()
    assert order.status == CaseDocument.Status.SUPERSEDED and bytes(order.pdf) == first_pdf
    assert correction.version == 2 and correction.previous == order
    assert correction.number == "柳东人社监令〔2026〕2号"
    assert "更正后的事实" in pdf_text(bytes(correction.pdf))


def test_a_draft_can_be_edited_and_deleted(case, inspector):
    draft = services.document_create(case=case, by=inspector, kind=Kind.INQUIRY_NOTICE)
    services.document_update(document=draft, by=inspector, appointment="2026年9月3日上午9时")
    draft.refresh_from_db()
    assert draft.appointment == "2026年9月3日上午9时" and draft.number == ""
    services.document_delete(document=draft, by=inspector)
    assert not CaseDocument.objects.filter(pk=draft.pk).exists()


def test_numbering_runs_per_kind_and_starts_again_in_a_new_year(case, inspector, frozen):
    frozen(D(2026, 12, 31))
    last_2026 = issued(case, inspector, Kind.INQUIRY_NOTICE, D(2026, 12, 30))
    other_kind = issued(case, inspector, Kind.FILING_APPROVAL, D(2026, 12, 31))
    frozen(D(2027, 1, 4))
    first_2027 = issued(case, inspector, Kind.INQUIRY_NOTICE, D(2027, 1, 4))
    second_2027 = issued(case, inspector, Kind.INQUIRY_NOTICE, D(2027, 1, 4))
    assert last_2026.number == "柳东人社监询〔2026〕1号"
    assert other_kind.number == "柳东人社监立〔2026〕1号"
    assert first_2027.number == "柳东人社监询〔2027〕1号"
    assert second_2027.number == "柳东人社监询〔2027〕2号"
    # A draft written in December and issued in January takes the new year's number.
    draft = services.document_create(case=case, by=inspector, kind=Kind.INQUIRY_NOTICE)
    assert services.document_issue(document=draft, by=inspector).number == "柳东人社监询〔2027〕3号"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_documents_issued_at_the_same_moment_get_two_numbers(enterprise, inspector):
    case = CaseFactory(enterprise=enterprise, handler=inspector)
    drafts = [
        services.document_create(case=case, by=inspector, kind=Kind.INQUIRY_NOTICE, addressee=name)
        for name in ("韦建国", "黄志明")
    ]
    barrier = threading.Barrier(2)
    errors = []

    def issue(draft):
        try:
            barrier.wait(timeout=10)
            services.document_issue(document=draft, by=inspector)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(CaseDocument.objects.filter(case=case).values_list("sequence", flat=True))
    assert numbers == [1, 2]


def test_a_penalty_notice_served_on_the_friday_before_national_day(case, inspector, frozen):
    # 2026: 25 September is a Friday (and the Mid-Autumn Festival); National Day runs from 1 to 7 October.
    frozen(D(2026, 10, 12))
    notice = issued(case, inspector, Kind.PENALTY_NOTICE, D(2026, 9, 25), penalty_amount=Decimal("5000"))
    services.document_serve(
        document=notice, by=inspector, method="in_person", served_on=D(2026, 9, 25), served_to="韦建国"
    )
    periods = {p.kind: p for p in DocumentPeriod.objects.filter(document=notice)}
    # Three working days for representations: 28, 29 and 30 September.
    assert periods["representation"].due_on == D(2026, 9, 30)
    # Five working days for a hearing (行政处罚法 arts. 64 and 85): 28–30 September, 8 and 9 October.
    assert periods["hearing"].due_on == D(2026, 10, 9)
    assert all(p.working_days for p in periods.values())


def test_a_rectification_period_ending_in_the_holiday_ends_on_the_next_working_day(case, inspector, frozen):
    frozen(D(2026, 10, 12))
    order = issued(case, inspector, Kind.RECTIFICATION_ORDER, D(2026, 9, 25), period_days=7)
    services.document_serve(
        document=order, by=inspector, method="left", served_on=D(2026, 9, 25), served_to="公司前台"
    )
    period = DocumentPeriod.objects.get(document=order)
    # 7 calendar days end on 2 October, a holiday: the period ends on 8 October (民法典 art. 203).
    assert period.due_on == D(2026, 10, 8) and not period.working_days
    case.refresh_from_db()
    assert case.status == Case.Status.ORDER_ISSUED and case.order_number == order.number
    assert case.order_pay_by == D(2026, 10, 8)
    receipt = CaseDocument.objects.get(served_document=order)
    assert receipt.kind == Kind.SERVICE_RECEIPT and receipt.number == "柳东人社监送〔2026〕1号"
    text = pdf_text(bytes(receipt.pdf))
    assert "送达回证" in text and order.number in text and "留置送达" in text
    assert case.events.filter(kind=CaseEvent.Kind.DOCUMENT_SERVED).count() == 1


@pytest.mark.parametrize(
    ("served_on", "message"),
    [(D(2026, 9, 9), "不能早于签发日期"), (D(2026, 9, 11), "不能晚于今天")],
    ids=["before-issue", "future"],
)
def test_a_service_date_before_the_issue_or_in_the_future_is_refused(
    case, inspector, frozen, served_on, message
):
    frozen(D(2026, 9, 10))
    order = issued(case, inspector, Kind.RECTIFICATION_ORDER, D(2026, 9, 10))
    with pytest.raises(ValidationError, match=message):
        services.document_serve(
            document=order, by=inspector, method="post", served_on=served_on, served_to="韦建国"
        )
    order.refresh_from_db()
    assert order.served_on is None and not DocumentPeriod.objects.exists()


def test_a_document_is_served_once(case, inspector, frozen):
    frozen(D(2026, 9, 10))
    order = issued(case, inspector, Kind.RECTIFICATION_ORDER, D(2026, 9, 10))
    services.document_serve(document=order, by=inspector, method="post", served_on=D(2026, 9, 10))
    with pytest.raises(ValidationError, match="不能重复登记"):
        services.document_serve(document=order, by=inspector, method="post", served_on=D(2026, 9, 10))
    assert CaseDocument.objects.filter(kind=Kind.SERVICE_RECEIPT).count() == 1


def test_a_missed_period_notifies_the_handler_once(case, inspector, frozen):
    frozen(D(2026, 9, 10))
    order = issued(case, inspector, Kind.RECTIFICATION_ORDER, D(2026, 9, 10), period_days=5)
    services.document_serve(document=order, by=inspector, method="post", served_on=D(2026, 9, 10))
    assert services.document_periods_notify_missed(on=D(2026, 9, 15)) == 0
    frozen(D(2026, 9, 16))
    assert services.document_periods_notify_missed() == 1
    assert services.document_periods_notify_missed() == 0
    assert Notification.objects.filter(recipient=inspector, kind="case_document_period").count() == 1


def test_a_penalty_decision_must_be_served_within_seven_working_days(case, inspector, frozen):
    frozen(D(2026, 9, 10))
    decision = issued(case, inspector, Kind.PENALTY_DECISION, D(2026, 9, 10), penalty_amount=Decimal("8000"))
    period = DocumentPeriod.objects.get(document=decision, kind="service")
    # 11, 14–18 and Sunday 20 September, a working day in 2026 (调休 for National Day).
    assert period.due_on == D(2026, 9, 20)
    services.document_serve(document=decision, by=inspector, method="post", served_on=D(2026, 9, 10))
    period.refresh_from_db()
    assert period.met_on == D(2026, 9, 10)


def test_the_documents_page_makes_issues_and_serves_a_document(client, case, inspector, frozen):
    frozen(D(2026, 9, 10))
    client.force_login(inspector)
    response = client.post(
        f"/cases/{case.pk}/documents/", {"kind": "rectification_order", "period_days": "10"}
    )
    document = CaseDocument.objects.get(case=case)
    assert response.status_code == 302 and document.is_draft
    response = client.post(
        f"/cases/{case.pk}/documents/{document.pk}/", {"facts": "拖欠两名工人工资。", "period_days": "12"}
    )
    assert response.status_code == 302
    client.post(f"/cases/{case.pk}/documents/{document.pk}/issue/", {"issued_on": "2026-09-10"})
    document.refresh_from_db()
    assert document.number == "柳东人社监令〔2026〕1号" and document.period_days == 12
    # The same form posted twice: the second is refused with the reason, nothing changes.
    response = client.post(f"/cases/{case.pk}/documents/{document.pk}/issue/", {"issued_on": "2026-09-10"})
    assert response.status_code == 400 and "不能重复签发" in response.content.decode()
    response = client.post(
        f"/cases/{case.pk}/documents/{document.pk}/serve/",
        {"method": "in_person", "served_on": "2026-09-11", "served_to": "韦建国"},
    )
    assert response.status_code == 400 and "不能晚于今天" in response.content.decode()
    response = client.post(
        f"/cases/{case.pk}/documents/{document.pk}/serve/",
        {"method": "in_person", "served_on": "2026-09-10", "served_to": "韦建国"},
    )
    assert response.status_code == 302
    page = client.get(f"/cases/{case.pk}/documents/").content.decode()
    assert "送达回证" in page and "限期整改期限" in page
    response = client.post(f"/cases/{case.pk}/documents/{document.pk}/delete/")
    assert response.status_code == 400 and "不能删除" in response.content.decode()
    assert CaseDocument.objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize(
    "data",
    [{"kind": "service_receipt"}, {"kind": "nonsense"}, {"kind": "rectification_order", "period_days": "-3"}],
    ids=["receipt", "unknown-kind", "negative-days"],
)
def test_a_bad_draft_is_refused_in_chinese(client, case, inspector, data):
    client.force_login(inspector)
    response = client.post(f"/cases/{case.pk}/documents/", data)
    assert response.status_code == 400
    assert not CaseDocument.objects.exists()


def test_another_cases_document_is_not_found(client, case, inspector, enterprise):
    other = CaseFactory(enterprise=enterprise)
    document = services.document_create(case=other, by=inspector, kind=Kind.INQUIRY_NOTICE)
    client.force_login(inspector)
    assert client.get(f"/cases/{case.pk}/documents/{document.pk}.pdf").status_code == 404
    assert client.post(f"/cases/{case.pk}/documents/{document.pk}/issue/").status_code == 404


@pytest.mark.parametrize("count", [2, 12])
def test_the_documents_page_runs_a_fixed_number_of_queries(
    client, case, inspector, frozen, count, django_assert_max_num_queries
):
    frozen(D(2026, 9, 10))
    for _ in range(count):
        order = issued(case, inspector, Kind.RECTIFICATION_ORDER, D(2026, 9, 10))
        services.document_serve(document=order, by=inspector, method="post", served_on=D(2026, 9, 10))
    client.force_login(inspector)
    # Session and user, the case, the documents, the periods, the navigation and start-page helpers.
    with django_assert_max_num_queries(14):
        response = client.get(f"/cases/{case.pk}/documents/")
    assert response.status_code == 200


def test_a_running_period_shows_on_the_case_page_and_the_handlers_start_page(client, case, inspector, frozen):
    frozen(D(2026, 9, 10))
    order = issued(case, inspector, Kind.RECTIFICATION_ORDER, D(2026, 9, 10), period_days=3)
    services.document_serve(document=order, by=inspector, method="post", served_on=D(2026, 9, 10))
    frozen(D(2026, 9, 15))
    client.force_login(inspector)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "限期整改期限" in page and "2026年9月10日送达起算，2026年9月14日届满" in page and "已届满" in page
    start = client.get("/").content.decode()
    assert 'id="start-document-periods"' in start and order.number in start


@pytest.fixture
def listing(db, enterprise, frozen):
    from ..factories import DishonestListingFactory

    frozen(D(2026, 11, 20))
    return DishonestListingFactory(
        enterprise=enterprise,
        responsible_persons="韦建国 450204197001011234",
        status="listed",
        notice_number="柳东治欠告〔2026〕3号",
        notified_on=D(2026, 10, 20),
        objection_deadline=D(2026, 10, 27),
        decision_number="柳东人社失信列〔2026〕1号",
        decided_on=D(2026, 11, 2),
        listed_until=D(2029, 11, 1),
    )


def test_a_listing_decision_is_a_numbered_document_of_the_same_kind(client, listing, inspector):
    client.force_login(inspector)
    response = client.post(f"/cases/dishonest/{listing.pk}/documents/", {"kind": "listing_decision"})
    document = CaseDocument.objects.get(listing=listing)
    assert response.status_code == 302 and document.number == "柳东人社失信列〔2026〕1号"
    text = pdf_text(client.get(f"/cases/dishonest/documents/{document.pk}.pdf").content)
    assert "列入失信联合惩戒对象名单决定书" in text and "柳州市宏达建筑劳务有限公司" in text
    assert "人力资源社会保障部令第45号" in text
    # Issued once: the same form posted again is refused.
    again = client.post(f"/cases/dishonest/{listing.pk}/documents/", {"kind": "listing_decision"})
    assert again.status_code == 400 and "已签发" in again.text


def test_a_proposed_listing_gets_no_decision(client, enterprise, inspector):
    from ..factories import DishonestListingFactory

    proposed = DishonestListingFactory(enterprise=enterprise)
    client.force_login(inspector)
    response = client.post(f"/cases/dishonest/{proposed.pk}/documents/", {"kind": "listing_decision"})
    assert response.status_code == 400 and not CaseDocument.objects.exists()


def test_the_public_list_names_the_enterprise_and_term_and_no_person(client, listing, director):
    import io as _io

    from openpyxl import load_workbook

    client.force_login(director)
    response = client.get("/cases/dishonest/public.xlsx")
    sheet = load_workbook(_io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["单位名称", "统一社会信用代码", "列入事由", "列入决定文号", "列入日期", "列入期限至"]
    assert rows[1][0] == "柳州市宏达建筑劳务有限公司" and rows[1][1] == listing.enterprise.credit_code
    flat = " ".join(str(v) for r in rows for v in r)
    assert "韦建国" not in flat and "450204197001011234" not in flat
