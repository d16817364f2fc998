"""A public report accepted into a case, the worker's view of it at /report/track/, the intake limits on the
start page and in reminders, and member units' hand-overs."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.formats import date_format

from cases import services
from cases.models import Case, CaseHandover
from liudong_wages.models import Attachment, Notification
from liudong_wages.services import attachment_add

from ..factories import WorkerClaimFactory

D = dt.date
REPORT = {
    "reporter_name": "覃大力",
    "reporter_id_number": "450204199003071236",
    "reporter_phone": "13977200001",
    "employer_name": "柳州某劳务公司",
    "project_name": "柳东新区某小区 3 号楼",
    "amount_owed": Decimal("12000"),
    "period_start": D(2026, 7, 1),
    "period_end": D(2026, 9, 30),
    "worker_count": 12,
    "description": "完工后老板一直拖着不发。",
}


@pytest.fixture
def report(db, frozen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    frozen(D(2026, 11, 2))
    report = services.public_report_submit(**REPORT)
    pdf = SimpleUploadedFile("工资条.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    attachment_add(owner=report, file=pdf, by=None, category="public_report")
    return report


def test_an_accepted_report_makes_a_case_with_the_reporters_claim_and_evidence(
    report, inspector, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    services.public_report_accept(report=report, by=inspector)
    report.refresh_from_db()
    case = report.case
    (claim,) = case.claims.all()
    assert claim.name == "覃大力" and claim.id_number == "450204199003071236"
    assert claim.amount_owed == Decimal("12000.00") and "12 人" in claim.note
    assert case.total_owed == Decimal("12000.00") and case.worker_count == 1
    assert (case.period_start, case.period_end) == (D(2026, 7, 1), D(2026, 9, 30))
    assert case.mass_incident_risk  # 12 workers reported: many workers (MANY_WORKERS = 10)
    evidence = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk)
    )
    assert [a.original_name for a in evidence] == ["工资条.pdf"]


def test_the_tracking_page_follows_filing_an_order_and_a_payment(client, report, inspector, frozen):
    services.public_report_accept(report=report, by=inspector)
    report.refresh_from_db()
    case = report.case
    # Another worker of the same case: never shown to this reporter.
    WorkerClaimFactory(case=case, name="韦秘密", amount_owed=Decimal("7777.00"))
    url = f"/report/track/?code={report.tracking_code}"
    page = client.get(url).text
    assert "受理" in page and "未到此步" in page and "韦秘密" not in page

    frozen(D(2026, 11, 4))
    services.case_file(case=case, by=inspector)
    services.case_start_investigation(case=case, by=inspector)
    services.case_issue_order(
        case=case, by=inspector, order_number="柳东人社监令〔2026〕3号", pay_by=D(2026, 11, 20)
    )
    page = client.get(url).text
    # The step's day in the list's short form, the order's deadline written out in its sentence.
    assert "2026-11-04" in page and f"限 {date_format(D(2026, 11, 20))} 前支付" in page

    frozen(D(2026, 11, 10))
    case.refresh_from_db()
    mine = case.claims.get(name="覃大力")
    services.case_record_payment(
        case=case, by=inspector, amount=Decimal("5000.00"), allocations={mine.pk: Decimal("5000.00")}
    )
    page = client.get(url).text
    assert "已向您支付 5,000.00 元（您反映的欠薪 12,000.00 元）" in page
    assert "韦秘密" not in page and "7777" not in page


def test_a_wrong_code_shows_nothing(client, report):
    page = client.get("/report/track/?code=ZZZZZZZZZZ").text
    assert "查询码不存在" in page and "柳州某劳务公司" not in page


def test_a_late_report_shows_on_the_start_page_and_is_reminded_once(client, report, office_staff, frozen):
    client.force_login(office_staff)
    page = client.get("/").text
    assert 'id="start-intake-waiting"' in page and "柳州某劳务公司" in page
    frozen(D(2026, 11, 4))  # the 1-working-day limit (3 November) has passed
    assert services.intake_reminders_send() >= 1
    assert services.intake_reminders_send() == 0
    assert Notification.objects.filter(recipient=office_staff, kind="case_public_report_late").count() == 1
    frozen(D(2026, 11, 6))  # now the 3-working-day limit (5 November) too
    services.intake_reminders_send()
    assert Notification.objects.filter(recipient=office_staff, kind="case_public_report_late").count() == 2


@pytest.fixture
def handover(liaison, frozen):
    frozen(D(2026, 11, 2))
    return services.handover_submit(
        by=liaison,
        employer_name="柳州市某建筑公司",
        worker_count=4,
        amount=Decimal("26000"),
        period_start=D(2026, 8, 1),
        period_end=D(2026, 10, 31),
        summary="项目停工，班组 4 人工资未发。",
        contact_name="黄班长",
        contact_phone="13977200009",
    )


def test_a_units_hand_over_accepted_into_a_case(client, handover, liaison, inspector):
    client.force_login(inspector)
    response = client.post(f"/cases/handovers/{handover.pk}/accept/", {})
    handover.refresh_from_db()
    assert response.status_code == 302 and handover.status == CaseHandover.Status.ACCEPTED
    case = handover.case
    assert case.source == Case.Source.OTHER_UNIT and case.claims.get().name == "黄班长"
    client.force_login(liaison)
    page = client.get(f"/cases/handovers/{handover.pk}/").text
    assert "已受理立案" in page and case.number in page
    assert Notification.objects.filter(recipient=liaison, kind="case_handover_outcome").exists()


def test_a_units_hand_over_returned_with_a_reason(client, handover, liaison, inspector):
    client.force_login(inspector)
    assert client.post(f"/cases/handovers/{handover.pk}/return/", {"reason": " "}).status_code == 400
    response = client.post(
        f"/cases/handovers/{handover.pk}/return/", {"reason": "属劳动争议，请引导申请仲裁。"}
    )
    assert response.status_code == 302
    # Sent twice: refused, nothing changes.
    again = client.post(f"/cases/handovers/{handover.pk}/return/", {"reason": "再次退回"})
    assert again.status_code == 400
    handover.refresh_from_db()
    assert handover.return_reason == "属劳动争议，请引导申请仲裁。"
    client.force_login(liaison)
    assert "属劳动争议" in client.get("/cases/handovers/").text


def test_another_units_hand_over_is_not_found(client, handover, other_liaison):
    client.force_login(other_liaison)
    assert client.get(f"/cases/handovers/{handover.pk}/").status_code == 404
    assert "柳州市某建筑公司" not in client.get("/cases/handovers/").text


@pytest.mark.parametrize("count", [2, 15])
def test_the_hand_over_list_runs_a_fixed_number_of_queries(
    client, liaison, office_staff, frozen, count, django_assert_max_num_queries
):
    frozen(D(2026, 11, 2))
    for n in range(count):
        services.handover_submit(
            by=liaison,
            employer_name=f"柳州市某建筑公司{n}",
            worker_count=2,
            amount=Decimal("5000"),
            period_start=D(2026, 8, 1),
            period_end=D(2026, 10, 31),
            summary="工资未发。",
        )
    for user in (liaison, office_staff):
        client.force_login(user)
        # Session and user, the capped count and the page with units and cases, navigation helpers.
        with django_assert_max_num_queries(12):
            response = client.get("/cases/handovers/")
        assert response.status_code == 200 and "柳州市某建筑公司1" in response.text
