"""Interviews with their PDFs, petitions and police warnings, joint handling, and the reporting counts."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from cases import services
from cases.models import Case, Interview, JointHandling
from cases.selectors import adhoc_report_counts
from liudong_wages.models import MemberUnit, Notification

from ..factories import CaseFactory

D = dt.date


@pytest.fixture
def interview(db, inspector, enterprise):
    return services.interview_schedule(
        by=inspector,
        enterprise=enterprise,
        scheduled_at=timezone.now() + dt.timedelta(days=3),
        place="柳东新区人社局三楼会议室",
        matters="拖欠 12 名农民工工资 4.2 万元",
        materials="劳动合同、考勤记录、工资支付台账",
        main_interviewer=inspector,
    )


def pdf_text(response) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_notice_pdf_names_the_enterprise_in_chinese(client, inspector, interview):
    client.force_login(inspector)
    response = client.get(f"/cases/interviews/{interview.pk}/notice.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "柳州市宏达建筑劳务有限公司" in text
    assert "约谈通知书" in text and "韦建国" in text


def test_the_record_follows_the_source_and_prints(client, inspector, interview):
    services.interview_record(
        interview=interview,
        by=inspector,
        held_at=timezone.now(),
        rectification_due=timezone.localdate() + dt.timedelta(days=10),
        record_case_statement="通报：12 名工人投诉。",
        record_answers="承认拖欠。",
        record_materials="提交工资台账。",
        record_explanation="甲方未付进度款。",
        record_violations="未按时足额支付工资。",
        record_intended_penalty="逾期不付将处以罚款。",
        record_rectification="十日内付清。",
        record_responsibilities="法定代表人负责。",
    )
    interview.refresh_from_db()
    assert interview.status == Interview.Status.HELD
    client.force_login(inspector)
    text = pdf_text(client.get(f"/cases/interviews/{interview.pk}/record.pdf"))
    assert text.index("主谈人通报案情") < text.index("如实回答") < text.index("整改意见")


def test_a_refusal_leads_to_a_recorded_penalty(inspector, interview):
    with pytest.raises(ValidationError):
        services.interview_record_penalty(
            interview=interview, by=inspector, decision_number="X", decided_on=D(2026, 11, 1), content="罚款"
        )
    services.interview_record(
        interview=interview,
        by=inspector,
        held_at=timezone.now(),
        rectification_due=timezone.localdate(),
        record_violations="欠薪",
        record_rectification="付清",
    )
    services.interview_record_penalty(
        interview=interview,
        by=inspector,
        decision_number="柳东人社罚〔2026〕3号",
        decided_on=timezone.localdate(),
        content="罚款 2 万元",
    )
    interview.refresh_from_db()
    assert interview.status == Interview.Status.PENALISED


def test_the_interview_list_and_export(client, inspector, interview):
    client.force_login(inspector)
    assert interview.notice_number in client.get("/cases/interviews/").text
    assert client.get("/cases/interviews/export.xlsx").status_code == 200


def test_a_petition_reaches_the_office_at_once_and_links_to_a_new_case(
    client, stability, office_staff, inspector
):
    client.force_login(stability)
    response = client.post(
        "/cases/petitions/new/",
        {
            "received_on": timezone.localdate().isoformat(),
            "petitioner_name": "蓝某",
            "people_count": "15",
            "employer_name": "柳州某建筑公司",
            "summary": "15 名工人到新区管委会上访反映欠薪。",
        },
    )
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=office_staff, kind="case_petition").exists()
    from cases.models import Petition

    petition = Petition.objects.get()
    case = services.petition_link(
        petition=petition, by=inspector, period_start=D(2026, 6, 1), period_end=D(2026, 9, 30)
    )
    assert case.source == Case.Source.PETITION and case.mass_incident_risk
    petition.refresh_from_db()
    assert petition.case == case
    with pytest.raises(ValidationError, match="已关联"):
        services.petition_link(petition=petition, by=inspector, case=case)


def test_a_police_warning_links_to_an_existing_case(police, inspector, office_staff):
    case = CaseFactory()
    warning = services.police_warning_create(
        by=police,
        reported_on=timezone.localdate(),
        employer_name="柳州某建筑公司",
        summary="约 40 人计划聚集讨薪",
        people_count=40,
    )
    assert Notification.objects.filter(recipient=office_staff, kind="case_police_warning").exists()
    services.police_warning_link(warning=warning, by=inspector, case=case)
    assert case.events.filter(kind="linked").exists()


def test_adhoc_report_counts_per_unit_and_month(stability, police):
    for day in (D(2026, 9, 3), D(2026, 9, 20), D(2026, 10, 1)):
        services.petition_create(
            by=stability, received_on=day, petitioner_name="甲", employer_name="乙", summary="丙"
        )
    services.police_warning_create(by=police, reported_on=D(2026, 10, 5), employer_name="乙", summary="丙")
    assert adhoc_report_counts(D(2026, 9, 1), D(2026, 10, 31)) == {
        ("zzb", 2026, 9): 2,
        ("zzb", 2026, 10): 1,
        ("gaj", 2026, 10): 1,
    }


def test_joint_handling_from_approval_to_the_decision_sent_to_every_unit(
    inspector, leader, liaison, other_liaison
):
    case = CaseFactory(is_major=True)
    units = MemberUnit.objects.filter(code__in=["jsj", "gaj"])
    handling = services.joint_handling_request(
        case=case, by=inspector, reason="120 人欠薪，已有聚集苗头", units=units
    )
    with pytest.raises(ValidationError, match="组长"):
        services.joint_handling_approve(
            handling=handling, by=inspector, approve=True, meeting_at=timezone.now()
        )
    services.joint_handling_approve(
        handling=handling, by=leader, approve=True, meeting_at=timezone.now(), place="管委会 5 楼"
    )
    assert Notification.objects.filter(recipient=liaison, kind="case_joint_meeting").exists()
    services.joint_proposal_add(
        handling=handling, by=inspector, unit=units.get(code="jsj"), text="督促总包先行垫付"
    )
    item = services.joint_disagreement_add(
        handling=handling, by=inspector, subject="垫付主体", positions="建设局：总包；经发局：建设单位"
    )
    with pytest.raises(ValidationError, match="分歧"):
        services.joint_handling_decide(handling=handling, by=inspector, decision="x")
    services.joint_disagreement_escalate(disagreement=item, by=inspector, reason="协调未果")
    handling.refresh_from_db()
    assert handling.status == JointHandling.Status.ESCALATED
    services.joint_disagreement_resolve(
        disagreement=item, by=inspector, resolution="由建设单位先行支付", resolved_by="committee"
    )
    services.joint_handling_decide(handling=handling, by=inspector, decision="建设单位三日内支付工程款专户。")
    handling.refresh_from_db()
    assert handling.status == JointHandling.Status.DECIDED
    assert Notification.objects.filter(recipient=other_liaison, kind="case_joint_decision").exists()
