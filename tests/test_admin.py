"""The Django admin as the back office (issue 8): every page of every registered model opens for the
administrator, change lists do not grow their query count with their rows, nothing the domain keeps for
good can be deleted, and people who are not staff are sent to the admin's login."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .factories import (
    CaseFactory,
    EnterpriseFactory,
    ProjectFactory,
    ReportFactory,
    UserFactory,
    WorkerClaimFactory,
)
from .matrix_objects import make_objects

OUR_APPS = {"liudong_wages", "enterprises", "cases", "funds", "reporting"}

# The domain keeps these for good: records are voided or closed, never deleted.
NEVER_DELETED = [
    "liudong_wages.memberunit",
    "liudong_wages.user",
    "liudong_wages.personaldataaccess",
    "enterprises.enterprise",
    "enterprises.project",
    "enterprises.siteinspection",
    "enterprises.assessment",
    "enterprises.dishonestlisting",
    "enterprises.restrictionmeasure",
    "enterprises.event",
    "cases.case",
    "cases.workerclaim",
    "cases.caseevent",
    "cases.policereferral",
    "cases.interview",
    "cases.publicreport",
    "cases.petition",
    "cases.policewarning",
    "cases.jointhandling",
    "funds.ledgerentry",
    "funds.advanceapplication",
    "funds.advancepayment",
    "funds.advanceevent",
    "reporting.report",
    "reporting.reportevent",
    "reporting.bulletin",
    "reporting.bulletindownload",
    "reporting.meeting",
    "reporting.minutes",
    "reporting.minutesconfirmation",
    "reporting.meetingevent",
    "reporting.supervisiontask",
    "reporting.supervisionevent",
    "reporting.supervisionremindersent",
    "cases.rectificationremindersent",
]
# Event logs and other append-only rows: shown, never added or changed here.
READ_ONLY = [
    "enterprises.event",
    "cases.case",
    "cases.caseevent",
    "funds.ledgerentry",
    "funds.advanceevent",
    "funds.advancepayment",
    "reporting.report",
    "reporting.reportevent",
    "reporting.remindersent",
    "reporting.bulletindownload",
    "reporting.meeting",
    "reporting.minutes",
    "reporting.minutesconfirmation",
    "reporting.meetingevent",
    "reporting.supervisiontask",
    "reporting.supervisionevent",
    "reporting.supervisionremindersent",
    "cases.rectificationremindersent",
]


def registered() -> list[tuple[str, type]]:
    return sorted(
        (f"{model._meta.app_label}.{model._meta.model_name}", model)
        for model in admin.site._registry
        if model._meta.app_label in OUR_APPS
    )


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True, roles=[], unit=None)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def every_kind(users_by_role, unit, other_unit):
    """One row of every registered model, so that each change page has something to show."""
    from cases.models import (
        Instalment,
        JointDisagreement,
        JointProposal,
        PoliceReferral,
        RectificationReminderSent,
        RepaymentAgreement,
    )
    from funds.models import AdvanceEvent, AdvancePayment
    from liudong_wages import privacy
    from liudong_wages.models import HolidayYear
    from reporting.models import (
        BulletinDownload,
        ReminderSent,
        ReportEvent,
        ReportProject,
        SupervisionEvent,
        SupervisionReminderSent,
    )

    objects = make_objects(users_by_role, unit, other_unit)
    HolidayYear.objects.create(year=2031, source="国办发明电〔2030〕1号")
    privacy.log_access(user=users_by_role["office"], action="view", what="劳动者身份证号")
    today = timezone.localdate()
    case, report, application = objects["case"], objects["report"], objects["application"]
    agreement = RepaymentAgreement.objects.create(case=case, signed_on=today)
    Instalment.objects.create(agreement=agreement, due_on=today, amount=Decimal("1000.00"))
    PoliceReferral.objects.create(case=case, referred_on=today, evidence="工资表、考勤记录")
    JointProposal.objects.create(handling=objects["joint"], unit=unit, text="先行垫付")
    JointDisagreement.objects.create(handling=objects["joint"], subject="垫付比例", positions="各方意见")
    ReportEvent.objects.create(report=report, kind=ReportEvent.Kind.CREATED)
    ReminderSent.objects.create(
        unit=unit, report_type=report.report_type, period=report.period, kind="d5", deadline=today
    )
    ReportProject.objects.create(report=report, item_index=0, project=ProjectFactory())
    AdvanceEvent.objects.create(
        application=application, kind=AdvanceEvent.Kind.CREATED, by=users_by_role["office"]
    )
    AdvancePayment.objects.create(
        application=application, amount=Decimal("10.00"), paid_on=today, document_ref="凭证1"
    )
    BulletinDownload.objects.create(
        bulletin=objects["published_bulletin"],
        unit=unit,
        user=users_by_role["liaison"],
        revision=1,
        file_format="pdf",
        downloaded_at=timezone.now(),
    )
    SupervisionEvent.objects.create(task=objects["task"], kind=SupervisionEvent.Kind.CREATED)
    SupervisionReminderSent.objects.create(task=objects["task"], kind="before", due_on=objects["task"].due_on)
    RectificationReminderSent.objects.create(interview=objects["interview"], kind="overdue", due_on=today)
    # Issue 18: an issued case document (which makes its number sequence) and a platform clue.
    from cases import services as case_services
    from cases.models import Clue

    inspector = users_by_role["inspector"]
    draft = case_services.document_create(case=case, by=inspector, kind="inquiry_notice")
    case_services.document_issue(document=draft, by=inspector)
    Clue.objects.create(
        platform_number="XS20260001",
        reported_on=today,
        reporter_name="蓝志强",
        employer_name="柳东某公司",
        amount=Decimal("8600.00"),
        imported_on=today,
        answer_due=today,
    )
    # Issue 17: a monitored project with its roster, a wage sheet, a transfer, a warning and a deposit use.
    from enterprises.models import DepositUse, WageAlert

    from .enterprises.monitoring_data import add_sheet, add_transfer, monitored_project

    month = today.replace(day=1)
    project = monitored_project(start=month, workers=2)
    add_sheet(project, month)
    add_transfer(project, month)
    WageAlert.objects.create(
        project=project, reason=WageAlert.Reason.values[0], month=month, opened_on=today, due_on=today
    )
    DepositUse.objects.create(
        project=project,
        case_ref=case.pk,
        case_number=case.number,
        used_on=today,
        amount=Decimal("100.00"),
        top_up_due_on=today,
    )
    return objects


def test_every_page_of_every_registered_model_opens_for_the_administrator(admin_client, every_kind):
    missing = []
    for label, model in registered():
        model_admin = admin.site._registry[model]
        assert admin_client.get(admin_url(model, "changelist")).status_code == 200, label
        assert admin_client.get(admin_url(model, "changelist"), {"q": "柳东"}).status_code == 200, label

        add = admin_client.get(admin_url(model, "add"))
        assert add.status_code == (200 if model_admin.has_add_permission(add.wsgi_request) else 403), label

        obj = model._default_manager.first()
        if obj is None:
            missing.append(label)
            continue
        assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200, label
        if hasattr(model_admin, "history_view"):
            assert admin_client.get(admin_url(model, "history", obj.pk)).status_code == 200, label
    # Models registered by other parts of reporting may have no row here; ours all have one.
    assert not [label for label in missing if not label.startswith("reporting.")], missing


def test_what_the_domain_keeps_cannot_be_deleted_in_the_admin(admin_client, every_kind):
    models = dict(registered())
    for label in NEVER_DELETED:
        model = models[label]
        obj = model._default_manager.first()
        assert admin_client.get(admin_url(model, "delete", obj.pk)).status_code == 403, label
        assert admin_client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
        changelist = admin_client.get(admin_url(model, "changelist"))
        assert "delete_selected" not in changelist.content.decode(), label
        assert model._default_manager.filter(pk=obj.pk).exists(), label


def test_logs_and_workflow_records_are_read_only_in_the_admin(admin_client, every_kind):
    models = dict(registered())
    for label in READ_ONLY:
        model = models[label]
        obj = model._default_manager.first()
        assert admin_client.get(admin_url(model, "add")).status_code == 403, label
        page = admin_client.get(admin_url(model, "change", obj.pk))
        assert page.status_code == 200, label
        assert 'name="_save"' not in page.content.decode(), label


def test_history_cannot_be_reverted_from_the_admin(admin_client, db):
    enterprise = EnterpriseFactory(name="原名称有限公司")
    enterprise.name = "新名称有限公司"
    enterprise.save()
    old = enterprise.history.order_by("history_date").first()
    url = reverse("admin:enterprises_enterprise_simple_history", args=[enterprise.pk, old.history_id])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert admin_client.post(url, {"name": "原名称有限公司"}).status_code == 403
    enterprise.refresh_from_db()
    assert enterprise.name == "新名称有限公司"


def test_the_administrator_corrects_an_enterprise_in_the_admin(admin_client, db):
    enterprise = EnterpriseFactory(name="柳州错别字有限公司")
    page = admin_client.get(admin_url(type(enterprise), "change", enterprise.pk))
    # The legal representative's ID number is personal data: masked here, never in a form field.
    assert enterprise.legal_rep_id_number not in page.content.decode()
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {key: "" if value is None else value for key, value in data.items() if value is not False}
    data["name"] = "柳州正确名称有限公司"
    response = admin_client.post(admin_url(type(enterprise), "change", enterprise.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    enterprise.refresh_from_db()
    assert enterprise.name == "柳州正确名称有限公司"
    assert enterprise.history.count() == 2


def _admin_post_data(page) -> dict:
    """What the browser posts back from an admin change page: the form's values and each inline's management
    form."""
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {key: "" if value is None else value for key, value in data.items() if value is not False}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {management.add_prefix(name): management[name].value() for name in management.fields}
    return data


def test_a_published_bulletin_is_frozen_in_the_admin(admin_client, every_kind):
    published = every_kind["published_bulletin"]
    url = admin_url(type(published), "change", published.pk)
    page = admin_client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.post(url, {"summary": "改写已发布的简报"}).status_code == 403
    published.refresh_from_db()
    assert published.summary == "" and published.is_published


def test_a_draft_bulletins_texts_are_corrected_in_the_admin_through_the_service(admin_client, every_kind):
    draft = every_kind["bulletin"]
    url = admin_url(type(draft), "change", draft.pk)
    page = admin_client.get(url)
    # Only the office's two texts are fields; what the build and publishing write is shown, never typed.
    assert set(page.context["adminform"].form.fields) == {"summary", "next_quarter_work"}
    data = _admin_post_data(page) | {"summary": "本季度综述（更正）", "status": "published", "revision": "9"}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.summary == "本季度综述（更正）"
    assert (draft.status, draft.revision) == ("draft", 1)
    # Changed like on the bulletin page: marked, so that a bulletin built before cannot be published as is.
    assert draft.texts_changed_at is not None and not draft.build_is_current
    assert draft.history.latest().history_change_reason == "修改简报文字"
    assert admin_client.get(admin_url(type(draft), "add")).status_code == 403


def _make_enterprises(n: int) -> None:
    EnterpriseFactory.create_batch(n)


def _make_projects(n: int) -> None:
    ProjectFactory.create_batch(n)


def _make_cases(n: int) -> None:
    from cases.models import Case

    for case in CaseFactory.create_batch(n):
        Case.objects.filter(pk=case.pk).update(handler=UserFactory(roles=["inspector"], unit__code="rsj"))


def _make_claims(n: int) -> None:
    WorkerClaimFactory.create_batch(n, case=CaseFactory())


def _make_ledger(n: int) -> None:
    from funds.services.ledger import ledger_appropriate

    # Found by the treasurer, at the office's request.
    treasurer = UserFactory(roles=["treasurer"], unit__code="czj")
    for i in range(n):
        ledger_appropriate(amount=Decimal("1000.00"), document_ref=f"柳东财〔2026〕{i}号", by=treasurer)


def _make_reports(n: int) -> None:
    from liudong_wages.models import MemberUnit

    unit = MemberUnit.objects.get(code="jsj")
    start = _make_reports.next_period
    for i in range(n):
        period = dt.date(2000 + (start + i) // 12, (start + i) % 12 + 1, 1)
        ReportFactory(unit=unit, period=period)
    _make_reports.next_period = start + n


_make_reports.next_period = 12 * 20


def _make_meetings(n: int) -> None:
    from .factories import MeetingFactory

    MeetingFactory.create_batch(n)


def _make_tasks(n: int) -> None:
    from .factories import SupervisionTaskFactory

    SupervisionTaskFactory.create_batch(n)


def _make_bulletins(n: int) -> None:
    from .factories import BulletinFactory

    start = _make_bulletins.next_quarter
    for i in range(start, start + n):
        BulletinFactory(year=2000 + i // 4, quarter=i % 4 + 1)
    _make_bulletins.next_quarter = start + n


_make_bulletins.next_quarter = 0


@pytest.mark.parametrize(
    ("label", "make"),
    [
        ("enterprises.enterprise", _make_enterprises),
        ("enterprises.project", _make_projects),
        ("cases.case", _make_cases),
        ("cases.workerclaim", _make_claims),
        ("funds.ledgerentry", _make_ledger),
        ("reporting.report", _make_reports),
        ("reporting.meeting", _make_meetings),
        ("reporting.supervisiontask", _make_tasks),
        ("reporting.bulletin", _make_bulletins),
    ],
)
def test_a_big_change_list_costs_the_same_queries_at_5_and_50_rows(admin_client, label, make):
    model = dict(registered())[label]
    url = admin_url(model, "changelist")

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            response = admin_client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries)

    make(5)
    small = queries()
    make(45)
    assert model._default_manager.count() >= 50
    # Session, user, counts, the date hierarchy and filters and one query for the rows: never one per row.
    assert queries() <= small
    assert small <= 15


def test_a_user_who_is_not_staff_is_sent_to_the_admin_login(client, director):
    client.force_login(director)
    response = client.get("/admin/enterprises/enterprise/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_an_anonymous_visitor_is_sent_to_the_admin_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
