"""Each step of a case, and the steps the law or the workflow forbids."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases import services
from cases.models import Case, CaseEvent
from cases.services import ClaimData

D = dt.date
S = Case.Status


@pytest.fixture
def case(db, inspector, enterprise, frozen):
    frozen(D(2026, 11, 2))
    return services.case_receive(
        by=inspector,
        source=Case.Source.COMPLAINT,
        enterprise=enterprise,
        summary="12 名钢筋工 2026 年 1 至 3 月工资未发。",
        period_start=D(2026, 1, 1),
        period_end=D(2026, 3, 31),
        received_on=D(2026, 11, 2),
        claims=[ClaimData(name="覃大力", amount_owed=Decimal("4800.00"), id_number="450204199003071236")],
    )


def kinds(case):
    return list(case.events.values_list("kind", flat=True))


def test_receiving_a_case_numbers_it_logs_it_and_sets_the_filing_deadline(case, enterprise):
    case.refresh_from_db()
    assert case.status == S.RECEIVED
    assert case.number == "LD2026-0001"
    assert case.industry == enterprise.industry
    assert kinds(case) == [CaseEvent.Kind.RECEIVED]
    # Monday 2 November + 5 working days.
    assert case.deadline == D(2026, 11, 9)
    assert case.deadline_kind == Case.DeadlineKind.FILING
    assert case.worker_count == 1 and case.total_owed == Decimal("4800.00")


def test_the_whole_way_to_a_paid_case(case, inspector, frozen):
    frozen(D(2026, 11, 5))
    services.case_file(case=case, by=inspector, on=D(2026, 11, 3))
    assert case.status == S.FILED and case.deadline_kind == Case.DeadlineKind.INVESTIGATION
    services.case_start_investigation(case=case, by=inspector, on=D(2026, 11, 4))
    services.case_issue_order(
        case=case,
        by=inspector,
        order_number="柳东人社监令〔2026〕8号",
        pay_by=D(2026, 11, 20),
        on=D(2026, 11, 5),
    )
    assert case.status == S.ORDER_ISSUED
    frozen(D(2026, 11, 10))
    agreement = services.case_record_agreement(
        case=case,
        by=inspector,
        signed_on=D(2026, 11, 10),
        instalments=[(D(2026, 11, 30), Decimal("2400.00")), (D(2026, 12, 30), Decimal("2400.00"))],
    )
    assert case.status == S.AGREEMENT and agreement.instalments.count() == 2
    first = agreement.instalments.first()
    services.instalment_record_payment(instalment=first, by=inspector, amount=Decimal("2400.00"))
    claim = case.claims.get()
    services.worker_claim_update(
        claim=claim,
        by=inspector,
        name=claim.name,
        amount_owed=claim.amount_owed,
        amount_paid=Decimal("4800.00"),
        id_number=claim.id_number,
    )
    services.case_close(case=case, by=inspector, closure=Case.Closure.PAID)
    case.refresh_from_db()
    assert case.status == S.CLOSED and case.closed_on == D(2026, 11, 10)
    assert case.deadline is None
    assert kinds(case)[:5] == ["received", "filed", "investigation_started", "order_issued", "agreement"]
    assert kinds(case)[-1] == "closed"
    assert case.history.count() > 1


def test_an_unfiled_case_cannot_be_closed(case, inspector):
    with pytest.raises(ValidationError, match="尚未立案"):
        services.case_close(case=case, by=inspector, closure=Case.Closure.NOT_ESTABLISHED)
    case.refresh_from_db()
    assert case.status == S.RECEIVED
    assert kinds(case) == ["received"]


def test_a_case_with_unpaid_wages_cannot_be_closed_as_paid(case, inspector):
    services.case_file(case=case, by=inspector)
    with pytest.raises(ValidationError, match="未登记支付"):
        services.case_close(case=case, by=inspector, closure=Case.Closure.PAID)


def test_not_filing_needs_a_reason_and_ends_the_case(case, inspector):
    with pytest.raises(ValidationError, match="理由"):
        services.case_decline(case=case, by=inspector, reason=" ")
    services.case_decline(case=case, by=inspector, reason="不属于劳动保障监察管辖范围，已告知申请仲裁。")
    case.refresh_from_db()
    assert case.status == S.NOT_FILED and case.deadline is None
    with pytest.raises(ValidationError):
        services.case_file(case=case, by=inspector)


def test_the_investigation_is_extended_once_only(case, inspector):
    services.case_file(case=case, by=inspector, on=D(2026, 11, 2))
    services.case_extend(
        case=case,
        by=inspector,
        approved_by="张莉",
        approval_reference="延期审批表 2026-31",
        reason="涉及多个分包单位",
    )
    event = case.events.get(kind=CaseEvent.Kind.EXTENDED)
    assert event.data["approved_by"] == "张莉"
    with pytest.raises(ValidationError, match="只能延长一次"):
        services.case_extend(
            case=case, by=inspector, approved_by="张莉", approval_reference="", reason="再延"
        )
    assert case.events.filter(kind=CaseEvent.Kind.EXTENDED).count() == 1


def test_an_extension_needs_an_approval(case, inspector):
    services.case_file(case=case, by=inspector)
    with pytest.raises(ValidationError, match="批准人"):
        services.case_extend(case=case, by=inspector, approved_by="", approval_reference="", reason="复杂")


def test_steps_out_of_order_are_refused_in_chinese(case, inspector):
    with pytest.raises(ValidationError, match="只有已立案的案件才能开始调查"):
        services.case_start_investigation(case=case, by=inspector)
    with pytest.raises(ValidationError, match="只有调查中的案件"):
        services.case_issue_order(case=case, by=inspector, order_number="X", pay_by=D(2026, 12, 1))
    with pytest.raises(ValidationError, match="不能登记还款协议"):
        services.case_record_agreement(
            case=case, by=inspector, signed_on=D(2026, 11, 2), instalments=[(D(2026, 12, 1), Decimal("1"))]
        )


def test_a_step_cannot_be_dated_in_the_future_or_before_receipt(case, inspector):
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.case_file(case=case, by=inspector, on=D(2026, 11, 3))
    with pytest.raises(ValidationError, match="不能早于受理登记日期"):
        services.case_file(case=case, by=inspector, on=D(2026, 10, 30))


def test_a_wrong_case_is_voided_never_deleted(case, inspector):
    with pytest.raises(ValidationError, match="理由"):
        services.case_void(case=case, by=inspector, reason="")
    services.case_void(case=case, by=inspector, reason="重复登记，与 LD2026-0000 为同一投诉")
    case.refresh_from_db()
    assert case.status == S.VOIDED and case.deadline is None
    assert Case.objects.filter(pk=case.pk).exists()
    assert kinds(case)[-1] == "voided"
    with pytest.raises(ValidationError, match="已作废"):
        services.case_void(case=case, by=inspector, reason="再次")
    with pytest.raises(ValidationError, match="已作废"):
        services.worker_claims_add(
            case=case, by=inspector, claims=[ClaimData(name="甲", amount_owed=Decimal("1"))]
        )


def test_legal_aid_can_be_recorded_at_any_step(case, inspector):
    services.case_refer_legal_aid(case=case, by=inspector, organisation="柳州市法律援助中心")
    case.refresh_from_db()
    assert case.legal_aid_referred_on == D(2026, 11, 2)
    assert case.status == S.RECEIVED
    assert case.events.get(kind=CaseEvent.Kind.LEGAL_AID).data["organisation"] == "柳州市法律援助中心"


def test_claims_change_the_totals_and_duplicate_id_numbers_are_refused(case, inspector):
    services.worker_claims_add(
        case=case,
        by=inspector,
        claims=[ClaimData(name="黄二", amount_owed=Decimal("3000.00"), amount_paid=Decimal("500.00"))],
    )
    case.refresh_from_db()
    assert (case.worker_count, case.total_owed, case.total_paid) == (2, Decimal("7800.00"), Decimal("500.00"))
    with pytest.raises(ValidationError, match="重复"):
        services.worker_claims_add(
            case=case,
            by=inspector,
            claims=[ClaimData(name="冒名", amount_owed=Decimal("1.00"), id_number="450204199003071236")],
        )
    case.refresh_from_db()
    assert case.worker_count == 2


def test_a_claim_paid_beyond_what_is_owed_is_refused(case, inspector):
    with pytest.raises(ValidationError, match="已支付金额"):
        services.worker_claims_add(
            case=case,
            by=inspector,
            claims=[ClaimData(name="甲", amount_owed=Decimal("10"), amount_paid=Decimal("11"))],
        )


def test_a_period_beyond_two_years_is_flagged(db, inspector, enterprise, frozen):
    frozen(D(2026, 11, 2))
    old = services.case_receive(
        by=inspector,
        source=Case.Source.COMPLAINT,
        enterprise=enterprise,
        summary="2024 年的欠薪",
        period_start=D(2024, 10, 1),
        period_end=D(2024, 12, 31),
    )
    recent = services.case_receive(
        by=inspector,
        source=Case.Source.COMPLAINT,
        enterprise=enterprise,
        summary="2024 年底的欠薪",
        period_start=D(2024, 11, 2),
        period_end=D(2024, 12, 31),
    )
    assert old.limitation_warning
    assert not recent.limitation_warning
