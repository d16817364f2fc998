"""Every allowed and forbidden step of an advance, from draft to closed or written off."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.formats import date_format

from cases.models import Case
from funds import selectors, services
from funds.models import AdvanceApplication, AdvanceEvent, AdvanceLine, LedgerEntry
from liudong_wages.models import Notification

from ..factories import AdvanceApplicationFactory, CaseFactory, WorkerClaimFactory

Status = AdvanceApplication.Status
TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _today(frozen):
    frozen(TODAY)


def _events(application) -> list[str]:
    return list(application.events.values_list("kind", flat=True))


def _close_case(case: Case, on: dt.date) -> None:
    # Closing a case is the cases app's business; the fund only reads its status and date.
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED, closed_on=on, closure="paid")


def test_the_whole_life_of_an_advance(office_staff, approver, treasurer, funded):
    funded("100000.00")
    case = CaseFactory()
    WorkerClaimFactory(case=case, name="韦工", amount_owed=Decimal("8000.00"))
    WorkerClaimFactory(case=case, name="覃工", amount_owed=Decimal("4000.00"))
    application = services.advance_create(
        case=case,
        ground=AdvanceApplication.Ground.INCIDENT,
        ground_detail="工人聚集讨薪",
        lines=selectors.lines_from_claims(case),
        by=office_staff,
    )
    assert application.status == Status.DRAFT
    assert application.total_requested == Decimal("12000.00")
    assert application.number.startswith("YJ2026-")
    assert [line.claim.name for line in application.lines.all()] == ["韦工", "覃工"]

    services.advance_submit(application=application, by=office_staff)
    # The committee is told at once.
    assert Notification.objects.filter(recipient=approver, kind="fund_submitted").exists()

    services.advance_approve(application=application, by=approver, amount="10000.00", reason="同意")
    application.refresh_from_db()
    assert (application.status, application.approved_amount) == (Status.APPROVED, Decimal("10000.00"))
    assert Notification.objects.filter(recipient=treasurer, kind="fund_approved").exists()

    services.advance_pay(application=application, amount="6000.00", document_ref="付001", by=treasurer)
    application.refresh_from_db()
    assert (application.status, application.paid_amount) == (Status.APPROVED, Decimal("6000.00"))
    services.advance_pay(application=application, amount="4000.00", document_ref="付002", by=treasurer)
    application.refresh_from_db()
    assert (application.status, application.paid_amount) == (Status.PAID, Decimal("10000.00"))
    assert selectors.balance() == Decimal("90000.00")
    assert selectors.outstanding_advances() == Decimal("10000.00")

    services.advance_order_recovery(
        application=application,
        order_number="柳东人社责偿〔2026〕3号",
        due_on=dt.date(2026, 12, 20),
        by=office_staff,
    )
    services.advance_record_recovery(
        application=application, amount="7000.00", document_ref="收01", by=treasurer
    )
    application.refresh_from_db()
    assert (application.status, application.outstanding) == (Status.RECOVERY_ORDERED, Decimal("3000.00"))
    services.advance_record_recovery(
        application=application, amount="3000.00", document_ref="收02", by=treasurer
    )
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    assert application.finished_on == TODAY
    assert selectors.balance() == Decimal("100000.00")
    assert selectors.outstanding_advances() == Decimal("0.00")
    assert _events(application) == [
        "created",
        "submitted",
        "approved",
        "paid",
        "paid",
        "recovery_ordered",
        "recovered",
        "recovered",
        "closed",
    ]
    assert Notification.objects.filter(recipient=office_staff, kind="fund_closed").exists()


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_nothing_is_paid_before_the_committee_approves(status, office_staff, treasurer, funded):
    funded()
    application = AdvanceApplicationFactory(created_by=office_staff)
    if status == "submitted":
        services.advance_submit(application=application, by=office_staff)
    with pytest.raises(ValidationError, match="尚未经管委会批准"):
        services.advance_pay(application=application, amount="100.00", document_ref="付1", by=treasurer)
    assert not LedgerEntry.objects.filter(kind=LedgerEntry.Kind.ADVANCE_PAYMENT).exists()


def test_a_rejected_application_is_never_paid(submitted, approver, treasurer, funded):
    funded()
    application = submitted()
    with pytest.raises(ValidationError, match="理由"):
        services.advance_reject(application=application, by=approver, reason="  ")
    services.advance_reject(application=application, by=approver, reason="不符合垫付情形")
    application.refresh_from_db()
    assert (application.status, application.decision_reason) == (Status.REJECTED, "不符合垫付情形")
    with pytest.raises(ValidationError, match="不能支付"):
        services.advance_pay(application=application, amount="100.00", document_ref="付1", by=treasurer)
    with pytest.raises(ValidationError, match="只有已提交待审批"):
        services.advance_approve(application=application, by=approver)


def test_paying_over_the_approval_is_refused_and_changes_nothing(approved, treasurer, funded):
    funded()
    application = approved("3000.00", "3000.00", approve="5000.00")
    services.advance_pay(application=application, amount="4000.00", document_ref="付1", by=treasurer)
    with pytest.raises(ValidationError, match=r"本次最多可支付 1,000\.00 元"):
        services.advance_pay(application=application, amount="1000.01", document_ref="付2", by=treasurer)
    application.refresh_from_db()
    assert application.paid_amount == Decimal("4000.00")
    assert application.payments.count() == 1
    assert selectors.balance() == Decimal("96000.00")


def test_paying_over_the_balance_is_refused_and_changes_nothing(approved, treasurer, funded):
    funded("2000.00")
    application = approved("3000.00")
    with pytest.raises(ValidationError, match="周转金余额不足"):
        services.advance_pay(application=application, amount="3000.00", document_ref="付1", by=treasurer)
    application.refresh_from_db()
    assert application.paid_amount == Decimal("0.00")
    assert not application.payments.exists()
    assert selectors.balance() == Decimal("2000.00")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5.00", "支付金额不能为负数"),
        ("0", "支付金额不能为零"),
        ("10.123", "支付金额最多保留两位小数"),
        ("abc", "支付金额应为数字"),
    ],
)
def test_bad_payment_amounts_give_clear_errors_and_change_nothing(
    approved, treasurer, funded, amount, message
):
    funded()
    application = approved("3000.00")
    with pytest.raises(ValidationError) as error:
        services.advance_pay(application=application, amount=amount, document_ref="付1", by=treasurer)
    assert message in error.value.messages[0]
    application.refresh_from_db()
    assert application.paid_amount == Decimal("0.00")
    assert LedgerEntry.objects.count() == 1  # the appropriation only
    assert _events(application) == ["submitted", "approved"]


@pytest.mark.parametrize("step", ["created", "submitted"])
def test_an_approver_cannot_approve_an_application_they_created_or_submitted(step, approver, office_staff):
    application = AdvanceApplicationFactory(created_by=approver if step == "created" else office_staff)
    services.advance_submit(application=application, by=approver if step == "submitted" else office_staff)
    with pytest.raises(ValidationError, match="不能审批本人创建或提交的申请"):
        services.advance_approve(application=application, by=approver)
    with pytest.raises(ValidationError, match="不能审批本人创建或提交的申请"):
        services.advance_reject(application=application, by=approver, reason="x")
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_the_approval_cannot_exceed_the_amount_asked(submitted, approver):
    application = submitted("3000.00")
    with pytest.raises(ValidationError, match="不能超过申请金额"):
        services.advance_approve(application=application, by=approver, amount="3000.01")


def test_a_draft_without_lines_cannot_be_submitted(office_staff):
    application = AdvanceApplicationFactory(created_by=office_staff, lines=[])
    with pytest.raises(ValidationError, match="至少填写一名"):
        services.advance_submit(application=application, by=office_staff)


def test_a_special_case_needs_the_governments_approval_document(office_staff):
    application = AdvanceApplicationFactory(
        created_by=office_staff, ground="special", government_approval_ref="柳东政函〔2026〕8号"
    )
    with pytest.raises(ValidationError, match="上传同级人民政府的批准文件"):
        services.advance_submit(application=application, by=office_staff)
    services.advance_document_add(
        application=application,
        file=SimpleUploadedFile("批准.pdf", b"%PDF-1.4\n%fake\n"),
        by=office_staff,
    )
    services.advance_submit(application=application, by=office_staff)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_a_special_case_without_an_approval_number_is_refused(office_staff):
    with pytest.raises(ValidationError, match="批准文号"):
        services.advance_create(
            case=CaseFactory(),
            ground=AdvanceApplication.Ground.SPECIAL,
            ground_detail="特殊情况",
            lines=[{"worker_name": "韦工", "amount": "100.00"}],
            by=office_staff,
        )
    assert not AdvanceApplication.objects.exists()


def test_bad_line_amounts_are_named_by_row(office_staff):
    with pytest.raises(ValidationError, match="第 2 行（覃工）：垫付金额不能为负数"):
        services.advance_create(
            case=CaseFactory(),
            ground=AdvanceApplication.Ground.INCIDENT,
            ground_detail="x",
            lines=[{"worker_name": "韦工", "amount": "100.00"}, {"worker_name": "覃工", "amount": "-1"}],
            by=office_staff,
        )
    assert not AdvanceLine.objects.exists()


def test_the_caps_apply_when_set(settings, office_staff, approver):
    settings.LIUDONG = {
        **settings.LIUDONG,
        "FUND_CAP_PER_WORKER": "2000.00",
        "FUND_CAP_SHARE_OF_ARREARS": "0.5",
    }
    case = CaseFactory()
    with pytest.raises(ValidationError, match=r"超过每人上限 2,000\.00 元"):
        services.advance_create(
            case=case,
            ground=AdvanceApplication.Ground.INCIDENT,
            ground_detail="x",
            lines=[
                {"worker_name": "韦工", "purpose": "wages", "amount": "1500.00"},
                {"worker_name": "韦工", "purpose": "travel", "amount": "600.00"},
            ],
            by=office_staff,
        )
    Case.objects.filter(pk=case.pk).update(total_owed=Decimal("3000.00"))
    application = services.advance_create(
        case=case,
        ground=AdvanceApplication.Ground.INCIDENT,
        ground_detail="x",
        lines=[{"worker_name": "韦工", "amount": "1600.00"}],
        by=office_staff,
    )
    with pytest.raises(ValidationError, match="超过本案欠薪余额的 50%"):
        services.advance_submit(application=application, by=office_staff)


def test_recovery_is_recorded_only_after_it_was_ordered_and_never_beyond_what_is_owed(
    approved, treasurer, office_staff, funded
):
    funded()
    application = approved("5000.00")
    with pytest.raises(ValidationError, match="尚未支付任何垫付款"):
        services.advance_order_recovery(
            application=application, order_number="责1", due_on=TODAY, by=office_staff
        )
    services.advance_pay(application=application, amount="5000.00", document_ref="付1", by=treasurer)
    with pytest.raises(ValidationError, match="请先责令企业偿还"):
        services.advance_record_recovery(
            application=application, amount="100.00", document_ref="收1", by=treasurer
        )
    services.advance_order_recovery(
        application=application, order_number="责1", due_on=TODAY, by=office_staff
    )
    with pytest.raises(ValidationError, match=r"超过待收回金额 5,000\.00 元"):
        services.advance_record_recovery(
            application=application, amount="5000.01", document_ref="收1", by=treasurer
        )
    with pytest.raises(ValidationError, match="不能支付"):
        services.advance_pay(application=application, amount="1.00", document_ref="付2", by=treasurer)


@pytest.fixture
def unrecovered(approved, treasurer, office_staff, funded):
    """An advance of 5,000 paid, ordered back, 1,000 recovered; its case closed on 2026-11-20."""
    funded()
    application = approved("5000.00")
    services.advance_pay(application=application, amount="5000.00", document_ref="付1", by=treasurer)
    services.advance_order_recovery(
        application=application, order_number="责1", due_on=TODAY, by=office_staff
    )
    services.advance_record_recovery(
        application=application, amount="1000.00", document_ref="收1", by=treasurer
    )
    _close_case(application.case, TODAY)
    return application


def test_writing_off_the_day_before_the_waiting_period_ends_is_refused(unrecovered, approver, frozen):
    frozen(dt.date(2027, 11, 19))  # 364 days after the case was closed
    with pytest.raises(
        ValidationError, match=f"须满 365 天后（{date_format(dt.date(2027, 11, 20))} 起）方可核销"
    ):
        services.advance_write_off(
            application=unrecovered, document_ref="管委会纪要〔2027〕9号", reason="企业注销", by=approver
        )
    unrecovered.refresh_from_db()
    assert unrecovered.status == Status.RECOVERY_ORDERED
    assert not LedgerEntry.objects.filter(kind=LedgerEntry.Kind.WRITE_OFF).exists()


def test_writing_off_on_the_day_the_waiting_period_ends_is_allowed(unrecovered, approver, frozen):
    frozen(dt.date(2027, 11, 20))
    entry = services.advance_write_off(
        application=unrecovered,
        document_ref="管委会纪要〔2027〕9号",
        reason="企业注销，无财产可供执行",
        by=approver,
    )
    unrecovered.refresh_from_db()
    assert entry.amount == Decimal("4000.00")
    assert (unrecovered.status, unrecovered.written_off_amount, unrecovered.outstanding) == (
        Status.WRITTEN_OFF,
        Decimal("4000.00"),
        Decimal("0.00"),
    )
    # A write-off takes the debt off the books; the cash it never brought back stays spent.
    assert selectors.balance() == Decimal("96000.00")
    assert selectors.outstanding_advances() == Decimal("0.00")


def test_the_waiting_period_is_a_setting(unrecovered, approver, frozen, settings):
    settings.LIUDONG = {**settings.LIUDONG, "FUND_WRITE_OFF_WAIT_DAYS": 30}
    frozen(dt.date(2026, 12, 20))
    services.advance_write_off(application=unrecovered, document_ref="纪要", reason="无法追回", by=approver)


def test_no_write_off_while_the_case_is_open(approved, treasurer, office_staff, approver, funded):
    funded()
    application = approved("5000.00")
    services.advance_pay(application=application, amount="5000.00", document_ref="付1", by=treasurer)
    services.advance_order_recovery(
        application=application, order_number="责1", due_on=TODAY, by=office_staff
    )
    with pytest.raises(ValidationError, match="案件尚未结案"):
        services.advance_write_off(application=application, document_ref="纪要", reason="x", by=approver)


def test_a_reversed_payment_goes_back_to_the_approval_and_the_history_stays_readable(
    approved, treasurer, funded
):
    funded("10000.00")
    application = approved("5000.00")
    payment = services.advance_pay(
        application=application, amount="5000.00", document_ref="付1", by=treasurer
    )
    application.refresh_from_db()
    assert application.status == Status.PAID
    entry = payment.ledger_entries.get()
    services.ledger_reverse(entry=entry, reason="收款账号错误，银行退回", by=treasurer)
    application.refresh_from_db()
    assert (application.status, application.paid_amount) == (Status.APPROVED, Decimal("0.00"))
    assert selectors.balance() == Decimal("10000.00")
    assert AdvanceEvent.objects.filter(
        application=application, kind="reversed", note__contains="银行退回"
    ).exists()
    # It may be paid again, correctly this time.
    services.advance_pay(application=application, amount="5000.00", document_ref="付2", by=treasurer)
    application.refresh_from_db()
    assert application.status == Status.PAID
    assert list(LedgerEntry.objects.values_list("kind", flat=True)) == [
        "appropriation",
        "advance_payment",
        "reversal",
        "advance_payment",
    ]


def test_a_payment_already_partly_recovered_cannot_be_reversed(unrecovered, treasurer):
    entry = LedgerEntry.objects.get(kind=LedgerEntry.Kind.ADVANCE_PAYMENT)
    with pytest.raises(ValidationError, match="请先冲销相应的追回或核销记录"):
        services.ledger_reverse(entry=entry, reason="x", by=treasurer)


def test_a_reversed_recovery_reopens_a_closed_advance(approved, treasurer, office_staff, funded):
    funded()
    application = approved("5000.00")
    services.advance_pay(application=application, amount="5000.00", document_ref="付1", by=treasurer)
    services.advance_order_recovery(
        application=application, order_number="责1", due_on=TODAY, by=office_staff
    )
    recovery = services.advance_record_recovery(
        application=application, amount="5000.00", document_ref="收1", by=treasurer
    )
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    services.ledger_reverse(entry=recovery, reason="退票", by=treasurer)
    application.refresh_from_db()
    assert (application.status, application.outstanding) == (Status.RECOVERY_ORDERED, Decimal("5000.00"))
