"""The fund's pages: who sees and does what, forms with bad input, exports, PDFs, and lists whose query
count does not grow with their rows."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfReader

from funds import selectors, services
from funds.models import AdvanceApplication, LedgerEntry
from liudong_wages.demo import seed_users

from ..factories import AdvanceApplicationFactory, CaseFactory, WorkerClaimFactory

Status = AdvanceApplication.Status
TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _today(frozen):
    frozen(TODAY)


@pytest.mark.parametrize(
    ("role", "overview", "applications", "ledger"),
    [
        ("director", 200, 200, 200),
        ("office", 200, 200, 200),
        ("inspector", 200, 200, 200),
        ("approver", 200, 200, 200),
        ("treasurer", 200, 200, 200),
        ("leader", 200, 200, 200),
        ("liaison", 403, 403, 403),
        ("police", 403, 403, 403),
        ("outsider", 403, 403, 403),
    ],
)
def test_each_role_reaches_its_pages(client, users_by_role, role, overview, applications, ledger):
    client.force_login(users_by_role[role])
    assert client.get("/funds/").status_code == overview
    assert client.get("/funds/applications/").status_code == applications
    assert client.get("/funds/ledger/").status_code == ledger
    assert client.get("/funds/statement/").status_code == overview


def test_the_overview_shows_the_figures(client, director, funded, approved, treasurer):
    funded("100000.00")
    application = approved("6000.00")
    services.advance_pay(application=application, amount="6000.00", document_ref="付1", by=treasurer)
    client.force_login(director)
    response = client.get("/funds/")
    assert response.context["figures"]["balance"] == Decimal("94000.00")
    assert response.context["figures"]["paid_this_year"] == Decimal("6000.00")
    assert response.context["figures"]["by_age"][0]["amount"] == Decimal("6000.00")
    assert "94,000.00" in response.text or "94000.00" in response.text


def test_drafts_are_hidden_from_those_who_only_approve_or_pay(
    client, office_staff, approver, treasurer, liaison
):
    draft = AdvanceApplicationFactory(created_by=office_staff)
    for user, status in [(approver, 404), (treasurer, 404), (liaison, 404), (office_staff, 200)]:
        client.force_login(user)
        assert client.get(f"/funds/applications/{draft.pk}/").status_code == status
    client.force_login(approver)
    assert draft.number not in client.get("/funds/applications/").text


def test_the_workflow_through_the_pages(client, office_staff, approver, treasurer, funded):
    funded("50000.00")
    case = CaseFactory()
    WorkerClaimFactory(case=case, name="韦工", amount_owed=Decimal("5000.00"))
    client.force_login(office_staff)
    form = client.get(f"/funds/applications/new/?case={case.pk}")
    assert form.status_code == 200
    assert form.context["formset"].initial[0]["worker_name"] == "韦工"
    response = client.post(
        "/funds/applications/new/",
        {
            "case": case.pk,
            "ground": "arrears_or_flight",
            "ground_detail": "企业负责人失联",
            "employer_absconded": "on",
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "0",
            "form-0-worker_name": "韦工",
            "form-0-purpose": "wages",
            "form-0-amount": "4000.00",
        },
    )
    application = AdvanceApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/funds/applications/{application.pk}/"
    assert client.post(f"/funds/applications/{application.pk}/submit/").status_code == 302

    client.force_login(approver)
    page = client.get(f"/funds/applications/{application.pk}/")
    assert {"approve", "reject"} <= page.context["allowed"]
    client.post(f"/funds/applications/{application.pk}/approve/", {"amount": "", "reason": "同意"})

    client.force_login(treasurer)
    response = client.post(
        f"/funds/applications/{application.pk}/pay/",
        {"amount": "4000.00", "document_ref": "付1", "paid_on": "2026-11-20"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.paid_amount) == (Status.PAID, Decimal("4000.00"))
    page = client.get(f"/funds/applications/{application.pk}/")
    assert "尚未移送公安" in page.text  # the owner absconded and no police referral exists yet
    assert [e.kind for e in page.context["events"]] == ["created", "submitted", "approved", "paid"]


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-1", "支付金额不能为负数"),
        ("0", "支付金额不能为零"),
        ("1.001", "支付金额最多保留两位小数"),
        ("999999", "支付金额超过批准金额"),
    ],
)
def test_a_bad_payment_shows_the_error_on_the_page_and_saves_nothing(
    client, approved, treasurer, funded, amount, message
):
    funded("50000.00")
    application = approved("3000.00")
    client.force_login(treasurer)
    response = client.post(
        f"/funds/applications/{application.pk}/pay/",
        {"amount": amount, "document_ref": "付1", "paid_on": "2026-11-20"},
    )
    assert response.status_code == 200
    assert message in response.text
    application.refresh_from_db()
    assert application.paid_amount == Decimal("0.00")
    assert not LedgerEntry.objects.filter(kind=LedgerEntry.Kind.ADVANCE_PAYMENT).exists()


def test_a_payment_over_the_balance_shows_the_error(client, approved, treasurer, funded):
    funded("1000.00")
    application = approved("3000.00")
    client.force_login(treasurer)
    response = client.post(
        f"/funds/applications/{application.pk}/pay/",
        {"amount": "3000.00", "document_ref": "付1", "paid_on": "2026-11-20"},
    )
    assert "周转金余额不足" in response.text
    assert selectors.balance() == Decimal("1000.00")


@pytest.mark.parametrize(
    ("role", "action"), [("office", "approve"), ("approver", "pay"), ("treasurer", "approve")]
)
def test_a_role_cannot_take_another_roles_step(client, users_by_role, submitted, role, action):
    application = submitted()
    client.force_login(users_by_role[role])
    response = client.post(
        f"/funds/applications/{application.pk}/{action}/", {"amount": "100.00", "reason": "x"}
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_the_approver_sees_no_approve_button_on_their_own_application(client, approver):
    application = AdvanceApplicationFactory(created_by=approver)
    services.advance_submit(application=application, by=approver)
    client.force_login(approver)
    page = client.get(f"/funds/applications/{application.pk}/")
    assert "approve" not in page.context["allowed"]
    response = client.post(f"/funds/applications/{application.pk}/approve/", {"amount": "", "reason": ""})
    assert "不能审批本人创建或提交的申请" in response.text


def test_an_outsider_gets_404_for_an_application(client, outsider, submitted):
    application = submitted()
    client.force_login(outsider)
    assert client.get(f"/funds/applications/{application.pk}/").status_code == 404
    assert client.post(f"/funds/applications/{application.pk}/approve/").status_code == 404


def test_the_treasurer_records_an_appropriation_and_a_reversal_through_the_pages(
    client, treasurer, office_staff
):
    client.force_login(treasurer)
    response = client.post(
        "/funds/ledger/appropriate/",
        {"amount": "1000.005", "entry_date": "2026-11-20", "document_ref": "柳东财预1号"},
    )
    assert "最多保留两位小数" in response.text
    assert not LedgerEntry.objects.exists()
    response = client.post(
        "/funds/ledger/appropriate/",
        {"amount": "1000.00", "entry_date": "2026-11-20", "document_ref": "柳东财预1号"},
    )
    assert response.status_code == 302
    entry = LedgerEntry.objects.get()
    response = client.post(f"/funds/ledger/{entry.pk}/reverse/", {"reason": "重复登记"})
    assert response.status_code == 302
    assert selectors.balance() == Decimal("0.00")
    client.force_login(office_staff)
    assert client.get("/funds/ledger/appropriate/").status_code == 403
    assert client.post(f"/funds/ledger/{entry.pk}/reverse/", {"reason": "x"}).status_code == 403


def _paid_advances(count: int, *, approved, treasurer) -> None:
    for _ in range(count):
        application = approved("1000.00")
        services.advance_pay(
            application=application, amount="1000.00", document_ref=f"付{application.pk}", by=treasurer
        )


@pytest.mark.parametrize("url", ["/funds/applications/", "/funds/ledger/", "/funds/", "/funds/statement/"])
def test_list_queries_do_not_grow_with_rows(
    client, director, funded, approved, treasurer, django_assert_max_num_queries, url
):
    funded("1000000.00")
    client.force_login(director)
    _paid_advances(2, approved=approved, treasurer=treasurer)
    # Session, user, permissions, navigation, unread count; then the page's own: a count and a page of rows
    # (lists), the balance and the sums by kind (overview, statement).
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    _paid_advances(12, approved=approved, treasurer=treasurer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_applications_export_follows_the_filters(client, director, submitted, approved):
    submitted("1000.00")
    approved("2000.00")
    client.force_login(director)
    response = client.get("/funds/applications/export.xlsx?status=approved")
    assert response.status_code == 200
    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    )
    assert rows[0][:4] == ("申请编号", "案件编号", "被投诉单位", "状态")
    assert len(rows) == 2
    assert rows[1][3] == "已批准待支付"
    assert rows[1][7] == 2000


def test_the_recovery_order_prints_as_a_pdf(client, office_staff, approved, treasurer, funded):
    funded()
    application = approved("3000.00")
    services.advance_pay(application=application, amount="3000.00", document_ref="付1", by=treasurer)
    services.advance_order_recovery(
        application=application,
        order_number="柳东人社责偿〔2026〕7号",
        due_on=dt.date(2026, 12, 31),
        by=office_staff,
    )
    client.force_login(office_staff)
    response = client.get(f"/funds/applications/{application.pk}/recovery-order.pdf")
    assert response.status_code == 200
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "责令偿还" in text
    assert "柳东人社责偿〔2026〕7号" in text
    assert "2026年12月31日" in text


def test_seed_demo_adds_the_fund_once(db):
    seed_users(password="demo-pass-123")
    config = apps.get_app_config("funds")
    out = io.StringIO()
    config.seed_demo(out)
    config.seed_demo(out)
    # The appropriation that opened the demo year and the top-up two months ago, each once.
    assert LedgerEntry.objects.filter(kind=LedgerEntry.Kind.APPROPRIATION).count() == 2


def test_a_draft_is_edited_and_its_lines_replaced(client, office_staff, approver):
    application = AdvanceApplicationFactory(created_by=office_staff)
    client.force_login(office_staff)
    page = client.get(f"/funds/applications/{application.pk}/edit/")
    assert len(page.context["formset"].initial) == 2
    data = {
        "ground": "special",
        "ground_detail": "经区政府同意",
        "government_approval_ref": "",
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-worker_name": "韦工",
        "form-0-purpose": "travel",
        "form-0-amount": "800.00",
    }
    response = client.post(f"/funds/applications/{application.pk}/edit/", data)
    assert "批准文号" in response.text  # the special ground needs the government's approval number
    response = client.post(
        f"/funds/applications/{application.pk}/edit/",
        {**data, "government_approval_ref": "柳东政函〔2026〕8号"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.total_requested == Decimal("800.00")
    assert [line.purpose for line in application.lines.all()] == ["travel"]
    # Without the approval document it cannot be submitted: the error shows as a message.
    response = client.post(f"/funds/applications/{application.pk}/submit/", follow=True)
    assert "上传同级人民政府的批准文件" in response.text
    response = client.post(
        f"/funds/applications/{application.pk}/attach/",
        {"file": SimpleUploadedFile("批准.pdf", b"%PDF-1.4\n%x\n"), "description": "区政府批复"},
    )
    assert response.status_code == 302
    assert client.post(f"/funds/applications/{application.pk}/submit/").status_code == 302
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    # A submitted application is no longer edited; the approver never edits one.
    assert client.get(f"/funds/applications/{application.pk}/edit/").status_code == 302
    client.force_login(approver)
    assert client.get(f"/funds/applications/{application.pk}/edit/").status_code == 403


def test_the_money_to_recover_is_bucketed_by_the_age_of_its_first_payment(funded, approved, treasurer):
    # The buckets are summed by the database (issue 21); each edge day lands where the age in days says:
    # at most 90, 180 and 365 days, then older. An application paid twice is as old as its first payment.
    from funds.models import AdvancePayment
    from funds.selectors import overview

    funded("100000.00")
    ages = {90: "100.00", 91: "200.00", 180: "400.00", 181: "800.00", 365: "1600.00", 366: "3200.00"}
    for age, amount in ages.items():
        application = approved(amount)
        services.advance_pay(application=application, amount=amount, document_ref=f"付{age}", by=treasurer)
        AdvancePayment.objects.filter(application=application).update(paid_on=TODAY - dt.timedelta(days=age))
    twice = approved("10.00")
    services.advance_pay(application=twice, amount="5.00", document_ref="付a", by=treasurer)
    services.advance_pay(application=twice, amount="5.00", document_ref="付b", by=treasurer)
    first = AdvancePayment.objects.filter(application=twice).order_by("pk").first()
    AdvancePayment.objects.filter(pk=first.pk).update(paid_on=TODAY - dt.timedelta(days=200))
    buckets = [(b["amount"], b["count"]) for b in overview(today=TODAY)["by_age"]]
    assert buckets == [
        (Decimal("100.00"), 1),
        (Decimal("600.00"), 2),
        (Decimal("2410.00"), 3),
        (Decimal("3200.00"), 1),
    ]
