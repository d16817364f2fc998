"""Referral to police (涉嫌拒不支付劳动报酬罪): the suggestion at the thresholds, and what the police see."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases import services
from cases.models import Case, CaseEvent, PoliceReferral
from cases.rules import police_threshold_reached
from cases.services import ClaimData
from liudong_wages.models import Notification

D = dt.date
Q1 = {"period_start": D(2026, 1, 1), "period_end": D(2026, 3, 31)}  # three months of wages


def outstanding(*amounts):
    return [Decimal(a) for a in amounts]


def test_one_worker_owed_5000_for_three_months_reaches_the_threshold():
    assert police_threshold_reached(outstanding=outstanding("5000.00"), **Q1)


def test_one_yuan_below_the_single_worker_threshold_does_not():
    assert not police_threshold_reached(outstanding=outstanding("4999.00"), **Q1)


def test_5000_for_two_months_does_not():
    assert not police_threshold_reached(
        outstanding=outstanding("5000.00"), period_start=D(2026, 1, 1), period_end=D(2026, 2, 28)
    )


def test_ten_workers_owed_30000_together_reach_the_threshold():
    assert police_threshold_reached(
        outstanding=outstanding(*["3000.00"] * 10), period_start=D(2026, 3, 1), period_end=D(2026, 3, 31)
    )


def test_ten_workers_one_yuan_below_30000_do_not():
    amounts = ["3000.00"] * 9 + ["2999.00"]
    assert not police_threshold_reached(
        outstanding=outstanding(*amounts), period_start=D(2026, 3, 1), period_end=D(2026, 3, 31)
    )


def test_nine_workers_with_more_than_30000_do_not():
    assert not police_threshold_reached(
        outstanding=outstanding(*["4000.00"] * 9), period_start=D(2026, 3, 1), period_end=D(2026, 3, 31)
    )


def test_paid_wages_do_not_count():
    assert not police_threshold_reached(outstanding=outstanding("0.00", "4999.99"), **Q1)


@pytest.fixture
def case(db, inspector, enterprise):
    case = services.case_receive(
        by=inspector,
        source=Case.Source.COMPLAINT,
        enterprise=enterprise,
        summary="拒不支付",
        claims=[ClaimData(name="覃大力", amount_owed=Decimal("4999.00"))],
        **Q1,
    )
    services.case_file(case=case, by=inspector)
    return case


def test_the_case_flag_follows_the_claims_at_the_threshold(case, inspector):
    case.refresh_from_db()
    assert not case.police_threshold_reached
    claim = case.claims.get()
    services.worker_claim_update(
        claim=claim, by=inspector, name=claim.name, amount_owed=Decimal("5000.00"), amount_paid=Decimal("0")
    )
    case.refresh_from_db()
    assert case.police_threshold_reached


def test_a_referral_carries_its_evidence_and_tells_the_police(case, inspector, police):
    with pytest.raises(ValidationError, match="证据"):
        services.case_refer_police(case=case, by=inspector, evidence=" ")
    referral = services.case_refer_police(
        case=case, by=inspector, evidence="1. 责令支付通知书及送达回证；2. 工资表；3. 询问笔录"
    )
    assert referral.status == PoliceReferral.Status.REFERRED
    assert case.events.filter(kind=CaseEvent.Kind.POLICE_REFERRED).exists()
    assert Notification.objects.filter(recipient=police, kind="case_police_referral").count() == 1
    with pytest.raises(ValidationError, match="已移送"):
        services.case_refer_police(case=case, by=inspector, evidence="again")


def test_the_police_record_acceptance_case_number_and_feedback(case, inspector, police):
    referral = services.case_refer_police(case=case, by=inspector, evidence="工资表")
    with pytest.raises(ValidationError, match="案件编号"):
        services.police_referral_decide(referral=referral, by=police, accepted=True)
    services.police_referral_decide(
        referral=referral, by=police, accepted=True, police_case_number="柳东公刑〔2026〕77号"
    )
    services.police_referral_feedback(referral=referral, by=police, feedback="已对法定代表人采取强制措施。")
    referral.refresh_from_db()
    assert referral.status == PoliceReferral.Status.ACCEPTED
    assert referral.police_case_number == "柳东公刑〔2026〕77号"
    assert "强制措施" in referral.feedback
    assert {"police_accepted", "police_feedback"} <= set(case.events.values_list("kind", flat=True))


def test_a_case_is_closed_as_referred_to_police_only_after_a_referral(case, inspector):
    with pytest.raises(ValidationError, match="尚未移送"):
        services.case_close(case=case, by=inspector, closure=Case.Closure.POLICE)
    services.case_refer_police(case=case, by=inspector, evidence="工资表")
    services.case_close(case=case, by=inspector, closure=Case.Closure.POLICE)
    assert case.status == Case.Status.CLOSED


def test_an_unfiled_case_cannot_be_referred(db, inspector, enterprise):
    case = services.case_receive(
        by=inspector, source=Case.Source.COMPLAINT, enterprise=enterprise, summary="x", **Q1
    )
    with pytest.raises(ValidationError, match="不能移送公安"):
        services.case_refer_police(case=case, by=inspector, evidence="工资表")
