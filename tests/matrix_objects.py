"""One record of every kind a page shows, for the authorization matrix (tests/test_access_matrix.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from liudong_wages.models import MemberUnit
from liudong_wages.services import attachment_add

from .factories import (
    AdvanceApplicationFactory,
    CaseFactory,
    DishonestListingFactory,
    EnterpriseFactory,
    NotificationFactory,
    ProjectFactory,
    ReportFactory,
    SiteInspectionFactory,
    WorkerClaimFactory,
)


def make_objects(users: dict, unit: MemberUnit, other_unit: MemberUnit) -> dict:
    from cases.models import (
        Interview,
        JointDisagreement,
        JointHandling,
        Petition,
        PoliceWarning,
        PublicReport,
    )
    from enterprises.models import Assessment, RestrictionMeasure, Subcontractor
    from enterprises.services.inspections import assessment_create
    from funds.services.ledger import ledger_appropriate

    liaison, office = users["liaison"], users["office"]
    today = timezone.localdate()
    notification = NotificationFactory(recipient=liaison)
    enterprise = EnterpriseFactory()
    project = ProjectFactory(general_contractor=enterprise)
    listing = DishonestListingFactory(enterprise=enterprise)
    case = CaseFactory(enterprise=enterprise, project=project)
    application = AdvanceApplicationFactory(case=case, created_by=office)
    joint = JointHandling.objects.create(case=case, reason="涉及 60 名工人，有聚集风险", created_by=office)
    return {
        "unit": unit,
        "other_unit": other_unit,
        "notification": notification,
        "attachment": attachment_add(
            owner=notification, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), by=liaison
        ),
        "enterprise": enterprise,
        "project": project,
        "subcontractor": Subcontractor.objects.create(project=project, enterprise=EnterpriseFactory()),
        "inspection": SiteInspectionFactory(project=project),
        "assessment": assessment_create(
            enterprise=enterprise,
            by=office,
            assessor=office,
            assessed_on=today,
            items={key: (8, "台账齐全") for key in Assessment.Item.values},
        ),
        "listing": listing,
        # A restriction measure of 柳东建设局, the liaison's unit; another of 经发局.
        "measure": RestrictionMeasure.objects.create(listing=listing, unit=unit),
        "other_measure": RestrictionMeasure.objects.create(listing=listing, unit=other_unit),
        "case": case,
        "claim": WorkerClaimFactory(case=case),
        "interview": Interview.objects.create(
            enterprise=enterprise,
            case=case,
            notice_number="柳新治欠约〔2026〕1号",
            notice_date=today,
            legal_rep_name=enterprise.legal_rep_name,
            scheduled_at=timezone.now() + dt.timedelta(days=3),
            place="新区人社局三楼会议室",
            matters="拖欠工资",
            materials="劳动合同、工资支付台账",
            main_interviewer=users["inspector"],
            created_by=office,
        ),
        "joint": joint,
        "joint_disagreement": JointDisagreement.objects.create(
            handling=joint, subject="垫付比例", positions="人社局：先行垫付；财政局：先追偿"
        ),
        "public_report": PublicReport.objects.create(
            reporter_name="覃某",
            reporter_id_number="450204199003071236",
            reporter_phone="13877200003",
            employer_name=enterprise.name,
            amount_owed=Decimal("8000.00"),
            period_start=dt.date(2026, 8, 1),
            period_end=dt.date(2026, 9, 1),
            worker_count=3,
            accept_due=today,
            answer_due=today,
        ),
        "petition": Petition.objects.create(
            received_on=today,
            petitioner_name="韦某",
            employer_name=enterprise.name,
            summary="上访",
            created_by=users["stability"],
        ),
        "warning": PoliceWarning.objects.create(
            reported_on=today, employer_name=enterprise.name, summary="预警", created_by=users["police"]
        ),
        # A draft report of the liaison's own unit, of the current month: open to editing whatever the date.
        "report": ReportFactory(unit=unit, period=today.replace(day=1)),
        "application": application,
        "ledger_entry": ledger_appropriate(
            amount=Decimal("100000.00"), document_ref="柳东财〔2026〕1号", by=users["treasurer"]
        ),
        **meeting_objects(users, unit, other_unit),
        **bulletin_objects(users),
        **case_payment_objects(users),
    }


def case_payment_objects(users: dict) -> dict:
    """An instalment to pay of a case under a repayment agreement (one worker owed), and a worker's claim of a
    closed case, which is read-only."""
    from cases import services as case_services
    from cases.models import Case

    inspector = users["inspector"]
    today = timezone.localdate()
    paying = CaseFactory()
    case_services.case_file(case=paying, by=inspector)
    case_services.case_start_investigation(case=paying, by=inspector)
    case_services.worker_claims_add(
        case=paying,
        by=inspector,
        claims=[case_services.ClaimData(name="覃大力", amount_owed=Decimal("4800.00"))],
    )
    agreement = case_services.case_record_agreement(
        case=paying,
        by=inspector,
        signed_on=today,
        instalments=[(today + dt.timedelta(days=30), Decimal("2400.00"))],
    )
    closed = CaseFactory()
    closed_claim = WorkerClaimFactory(case=closed)
    case_services.case_file(case=closed, by=inspector)
    case_services.case_close(case=closed, by=inspector, closure=Case.Closure.NOT_ESTABLISHED)
    return {"instalment": agreement.instalments.get(), "closed_claim": closed_claim}


def bulletin_objects(users: dict) -> dict:
    """A draft bulletin (2026 Q2) and a published one (2026 Q3) with small stand-in files, so that the matrix
    does not pay for a real build."""
    from django.core.files.base import ContentFile

    from reporting.models import Bulletin

    from .factories import BulletinFactory

    published = BulletinFactory(year=2026, quarter=3)
    published.pdf_file.save("2026q3-r1.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    published.xlsx_file.save("2026q3-r1.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    published.status = Bulletin.Status.PUBLISHED
    published.build_status = Bulletin.BuildStatus.DONE
    published.built_at = published.published_at = timezone.now()
    published.issued_on = timezone.localdate()
    published.published_by = users["director"]
    published.save()
    return {"bulletin": BulletinFactory(year=2026, quarter=2), "published_bulletin": published}


def meeting_objects(users: dict, unit: MemberUnit, other_unit: MemberUnit) -> dict:
    """A meeting attended by the liaison's unit and 经发局, its minutes circulated for confirmation (each unit's
    confirmation row), and an open supervision task of each unit."""
    from reporting.models import MinutesConfirmation
    from reporting.services import meetings

    from .factories import MeetingFactory, SupervisionTaskFactory

    office = users["office"]
    meeting = MeetingFactory(units=[unit, other_unit])
    meetings.minutes_update(
        minutes=meeting.minutes,
        text="会议研究了春节前欠薪专项整治工作。",
        items=[meetings.ItemInput("排查在建项目农民工工资专用账户。", unit)],
        by=office,
    )
    meetings.minutes_circulate(minutes=meeting.minutes, by=office)
    confirmations = MinutesConfirmation.objects.filter(minutes=meeting.minutes)
    return {
        "meeting": meeting,
        "confirmation": confirmations.get(unit=unit),
        "other_confirmation": confirmations.get(unit=other_unit),
        "task": SupervisionTaskFactory(unit=unit),
        "other_task": SupervisionTaskFactory(unit=other_unit),
        "today": timezone.localdate(),
    }
