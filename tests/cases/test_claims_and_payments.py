"""Correcting one worker's claim, and instalment payments paid into the workers' claims."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from cases import services
from cases.models import Case, CaseEvent, WorkerClaim
from cases.services import ClaimData, spread_in_proportion
from liudong_wages.models import PersonalDataAccess

from ..factories import AdvanceApplicationFactory, CaseFactory, WorkerClaimFactory

D = dt.date
M = Decimal
ID_A = "450204199003071236"


@pytest.fixture
def case(db, inspector, enterprise, frozen):
    """A case under investigation with two workers: 覃大力 owed 4,800.00, 黄二 owed 3,000.00 of which 500.00
    was paid before the case."""
    frozen(D(2026, 11, 2))
    case = services.case_receive(
        by=inspector,
        source=Case.Source.COMPLAINT,
        enterprise=enterprise,
        summary="2 名钢筋工工资未发。",
        period_start=D(2026, 6, 1),
        period_end=D(2026, 8, 31),
        received_on=D(2026, 11, 2),
        claims=[
            ClaimData(name="覃大力", amount_owed=M("4800.00"), id_number=ID_A, phone="13977200001"),
            ClaimData(name="黄二", amount_owed=M("3000.00"), amount_paid=M("500.00")),
        ],
    )
    services.case_file(case=case, by=inspector)
    services.case_start_investigation(case=case, by=inspector)
    return case


@pytest.fixture
def instalment(case, inspector):
    agreement = services.case_record_agreement(
        case=case,
        by=inspector,
        signed_on=D(2026, 11, 2),
        instalments=[(D(2026, 11, 30), M("3650.00")), (D(2026, 12, 30), M("3650.00"))],
    )
    return agreement.instalments.first()


def claims_of(case):
    return {claim.name: claim for claim in case.claims.all()}


def assert_totals_follow_the_claims(case):
    case.refresh_from_db()
    claims = list(case.claims.all())
    assert case.worker_count == len(claims)
    assert case.total_owed == sum((c.amount_owed for c in claims), M(0))
    assert case.total_paid == sum((c.amount_paid for c in claims), M(0))


# Spreading a payment ------------------------------------------------------------------------------------


def test_a_payment_is_spread_in_proportion_with_the_cents_left_over_to_the_last_worker():
    assert spread_in_proportion(M("100.00"), [M("1000.00")] * 3) == [M("33.33"), M("33.33"), M("33.34")]
    assert spread_in_proportion(M("0.01"), [M("5.00"), M("5.00")]) == [M("0.00"), M("0.01")]
    assert spread_in_proportion(M("10.00"), [M("4.00"), M("6.00")]) == [M("4.00"), M("6.00")]


def test_the_cents_left_over_never_push_a_worker_above_what_is_owed():
    # Rounded down the first three get 0.99 each; the last is owed a cent, so the other cents go back up.
    shares = spread_in_proportion(M("3.00"), [M("1.00"), M("1.00"), M("1.00"), M("0.01")])
    assert sum(shares) == M("3.00")
    assert all(share <= owed for share, owed in zip(shares, [M("1"), M("1"), M("1"), M("0.01")], strict=True))


CENTS = st.integers(1, 10**9).map(lambda n: M(n) / 100)


@hsettings(max_examples=200, deadline=None, database=None)
@given(owed=st.lists(CENTS, min_size=1, max_size=12), part=st.fractions(0, 1))
def test_any_spread_adds_up_to_the_cent_and_pays_nobody_more_than_owed(owed, part):
    total = sum(owed, M(0))
    amount = (total * M(part.numerator) / M(part.denominator)).quantize(M("0.01"), rounding="ROUND_DOWN")
    shares = spread_in_proportion(amount, owed)
    assert sum(shares) == amount
    assert all(M(0) <= share <= debt for share, debt in zip(shares, owed, strict=True))
    assert all(share == share.quantize(M("0.01")) for share in shares)


# Recording a payment ------------------------------------------------------------------------------------


def test_an_instalment_payment_is_paid_into_both_claims_in_proportion(case, instalment, inspector):
    services.instalment_record_payment(instalment=instalment, by=inspector, amount=M("1000.00"))
    claims = claims_of(case)
    # Unpaid 4,800.00 and 2,500.00: 1,000 x 4800/7300 = 657.534… → 657.53, the last takes the other 342.47.
    assert claims["覃大力"].amount_paid == M("657.53")
    assert claims["黄二"].amount_paid == M("500.00") + M("342.47")
    assert_totals_follow_the_claims(case)
    assert case.total_paid == M("1500.00")
    instalment.refresh_from_db()
    assert instalment.paid_amount == M("1000.00") and instalment.paid_on == D(2026, 11, 2)
    event = case.events.get(kind=CaseEvent.Kind.INSTALMENT_PAID)
    assert event.data["allocation"] == "proportional"
    assert event.data["workers"] == [
        [claims["覃大力"].pk, "657.53"],
        [claims["黄二"].pk, "342.47"],
    ]
    assert "覃大力 657.53 元" in event.note and "黄二 342.47 元" in event.note
    assert claims["覃大力"].history.first().history_user == inspector


def test_a_payment_larger_than_what_is_unpaid_is_refused_and_changes_nothing(case, instalment, inspector):
    events = case.events.count()
    with pytest.raises(ValidationError, match=re.escape("超过劳动者尚未支付的欠薪合计 7,300.00 元")):
        services.instalment_record_payment(instalment=instalment, by=inspector, amount=M("7300.01"))
    assert [c.amount_paid for c in case.claims.order_by("id")] == [M("0.00"), M("500.00")]
    instalment.refresh_from_db()
    assert instalment.paid_amount == 0
    assert case.events.count() == events


def test_paying_all_that_is_unpaid_pays_every_worker_in_full_and_the_case_closes_as_paid(
    case, instalment, inspector
):
    services.instalment_record_payment(instalment=instalment, by=inspector, amount=M("7300.00"))
    assert all(claim.outstanding == 0 for claim in case.claims.all())
    assert_totals_follow_the_claims(case)
    services.case_close(case=case, by=inspector, closure=Case.Closure.PAID)
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED


def test_the_officer_may_say_what_each_worker_got(case, instalment, inspector):
    claims = claims_of(case)
    services.instalment_record_payment(
        instalment=instalment,
        by=inspector,
        amount=M("1000.00"),
        allocations={claims["覃大力"].pk: M("1000"), claims["黄二"].pk: None},
        note="银行代发凭证 20261102-7",
    )
    claims = claims_of(case)
    assert claims["覃大力"].amount_paid == M("1000.00") and claims["黄二"].amount_paid == M("500.00")
    assert_totals_follow_the_claims(case)
    event = case.events.get(kind=CaseEvent.Kind.INSTALMENT_PAID)
    assert event.data["allocation"] == "manual" and "银行代发凭证" in event.note


def test_split_amounts_must_add_up_and_stay_within_what_each_worker_is_owed(case, instalment, inspector):
    claims = claims_of(case)
    a, b = claims["覃大力"].pk, claims["黄二"].pk
    with pytest.raises(ValidationError, match=re.escape("合计 900.00 元，与本次还款金额 1,000.00 元不一致")):
        services.instalment_record_payment(
            instalment=instalment, by=inspector, amount=M("1000.00"), allocations={a: M("400"), b: M("500")}
        )
    with pytest.raises(
        ValidationError, match=re.escape("黄二 本次分配 2,500.01 元，超过其未付欠薪 2,500.00 元")
    ):
        services.instalment_record_payment(
            instalment=instalment,
            by=inspector,
            amount=M("2600.01"),
            allocations={a: M("100"), b: M("2500.01")},
        )
    stranger = WorkerClaimFactory()
    with pytest.raises(ValidationError, match="不属于本案"):
        services.instalment_record_payment(
            instalment=instalment, by=inspector, amount=M("1.00"), allocations={stranger.pk: M("1.00")}
        )
    assert case.total_paid == M("500.00")
    assert not case.events.filter(kind=CaseEvent.Kind.INSTALMENT_PAID).exists()


def test_a_finished_case_takes_no_payment(case, instalment, inspector):
    services.case_close(case=case, by=inspector, closure=Case.Closure.NOT_ESTABLISHED)
    with pytest.raises(ValidationError, match="已办结或作废"):
        services.instalment_record_payment(instalment=instalment, by=inspector, amount=M("1.00"))


def test_a_payment_needs_a_date_within_the_case_and_workers_to_pay(case, instalment, inspector):
    with pytest.raises(ValidationError, match="不能早于受理登记日期"):
        services.instalment_record_payment(
            instalment=instalment, by=inspector, amount=M("1.00"), paid_on=D(2026, 11, 1)
        )
    for claim in case.claims.all():
        services.worker_claim_update(
            claim=claim, by=inspector, name=claim.name, amount_owed=claim.amount_owed, amount_paid=M("0")
        )
    for claim in case.claims.all():
        services.worker_claim_remove(claim=claim, by=inspector, reason="误录")
    with pytest.raises(ValidationError, match="尚未登记劳动者欠薪明细"):
        services.instalment_record_payment(instalment=instalment, by=inspector, amount=M("1.00"))


# Correcting and removing one claim ------------------------------------------------------------------


def test_correcting_a_claim_moves_the_totals_and_says_what_changed_without_the_id_number(case, inspector):
    claim = claims_of(case)["覃大力"]
    services.worker_claim_update(
        claim=claim,
        by=inspector,
        name="覃大力",
        id_number="450204199003071244",
        phone=claim.phone,
        amount_owed=M("5000"),
        amount_paid=M("0"),
        reason="核对工资表后更正",
    )
    assert_totals_follow_the_claims(case)
    assert case.total_owed == M("8000.00")
    event = case.events.filter(kind=CaseEvent.Kind.CLAIMS_CHANGED).latest("id")
    assert "欠薪金额：4800.00 → 5000.00" in event.note
    assert "身份证号已更改" in event.note and "原因：核对工资表后更正" in event.note
    assert ID_A not in event.note and "450204199003071244" not in event.note
    claim.refresh_from_db()
    assert claim.history.first().history_user == inspector


def test_a_correction_may_not_duplicate_an_id_number_of_the_case(case, inspector):
    claim = claims_of(case)["黄二"]
    with pytest.raises(ValidationError, match="重复"):
        services.worker_claim_update(
            claim=claim,
            by=inspector,
            name="黄二",
            id_number=ID_A,
            amount_owed=M("3000"),
            amount_paid=M("500"),
        )


def test_a_finished_cases_claims_are_read_only(case, inspector):
    claim = claims_of(case)["覃大力"]
    services.case_close(case=case, by=inspector, closure=Case.Closure.NOT_ESTABLISHED)
    with pytest.raises(ValidationError, match="已办结"):
        services.worker_claim_update(
            claim=claim, by=inspector, name="覃大力", amount_owed=M("1"), amount_paid=M("0")
        )
    with pytest.raises(ValidationError, match="已办结"):
        services.worker_claim_remove(claim=claim, by=inspector, reason="误录")
    with pytest.raises(ValidationError, match="已办结"):
        services.worker_claims_add(case=case, by=inspector, claims=[ClaimData(name="甲", amount_owed=M("1"))])


def test_a_worker_with_money_recorded_as_paid_is_not_removed(case, inspector):
    claims = claims_of(case)
    with pytest.raises(ValidationError, match=re.escape("已登记支付 500.00 元，不能删除")):
        services.worker_claim_remove(claim=claims["黄二"], by=inspector, reason="误录")
    services.worker_claim_remove(claim=claims["覃大力"], by=inspector, reason="重复登记")
    assert_totals_follow_the_claims(case)
    assert case.worker_count == 1 and case.total_owed == M("3000.00")
    assert "删除 覃大力 的欠薪明细：重复登记" in case.events.latest("id").note


def test_a_worker_on_a_fund_application_is_not_removed(case, inspector):
    claim = claims_of(case)["覃大力"]
    application = AdvanceApplicationFactory(case=case)
    application.lines.filter(pk=application.lines.first().pk).update(claim=claim)
    with pytest.raises(ValidationError, match="垫付申请"):
        services.worker_claim_remove(claim=claim, by=inspector, reason="误录")
    assert WorkerClaim.objects.filter(pk=claim.pk).exists()


# The pages --------------------------------------------------------------------------------------------


def test_the_case_page_links_each_claim_to_its_edit_page_for_the_office_only(client, case, inspector, leader):
    claim = claims_of(case)["覃大力"]
    url = f"/cases/{case.pk}/claims/{claim.pk}/"
    client.force_login(inspector)
    assert url in client.get(f"/cases/{case.pk}/").text
    client.force_login(leader)
    assert url not in client.get(f"/cases/{case.pk}/").text
    assert client.get(url).status_code == 403


def test_the_edit_page_masks_personal_data_and_keeps_it_when_sent_back_masked(client, case, inspector):
    claim = claims_of(case)["覃大力"]
    url = f"/cases/{case.pk}/claims/{claim.pk}/"
    client.force_login(inspector)
    page = client.get(url).text
    assert "4502**********1236" in page and ID_A not in page and "13977200001" not in page
    assert not PersonalDataAccess.objects.exists()
    response = client.post(
        url,
        {
            "name": "覃大力",
            "id_number": "4502**********1236",
            "phone": "139****0001",
            "amount_owed": "4800.00",
            "amount_paid": "1200.00",
            "reason": "工人确认已领 1200 元",
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.id_number, claim.phone, claim.amount_paid) == (ID_A, "13977200001", M("1200.00"))
    case.refresh_from_db()
    assert case.total_paid == M("1700.00")


def test_the_full_view_of_the_edit_page_is_logged(client, case, inspector):
    claim = claims_of(case)["覃大力"]
    client.force_login(inspector)
    page = client.get(f"/cases/{case.pk}/claims/{claim.pk}/?full=1").text
    assert ID_A in page
    assert PersonalDataAccess.objects.get().user == inspector


def test_a_wrong_id_number_is_a_form_error_and_nothing_is_saved(client, case, inspector):
    claim = claims_of(case)["覃大力"]
    client.force_login(inspector)
    response = client.post(
        f"/cases/{case.pk}/claims/{claim.pk}/",
        {
            "name": "覃大力",
            "id_number": "450204199003071237",
            "amount_owed": "1",
            "amount_paid": "0",
            "reason": "x",
        },
    )
    assert response.status_code == 200 and "身份证号无效" in response.text
    claim.refresh_from_db()
    assert claim.amount_owed == M("4800.00")


def test_a_closed_cases_claim_page_says_it_is_read_only(client, case, inspector):
    claim = claims_of(case)["覃大力"]
    services.case_close(case=case, by=inspector, closure=Case.Closure.NOT_ESTABLISHED)
    client.force_login(inspector)
    response = client.get(f"/cases/{case.pk}/claims/{claim.pk}/")
    assert response.status_code == 403 and "只能查看" in response.text
    assert f"/cases/{case.pk}/claims/{claim.pk}/" not in client.get(f"/cases/{case.pk}/").text


def test_removing_a_claim_through_its_page(client, case, inspector):
    claims = claims_of(case)
    client.force_login(inspector)
    response = client.post(f"/cases/{case.pk}/claims/{claims['黄二'].pk}/remove/", {"reason": "误录"})
    assert response.status_code == 302 and response["Location"].endswith(f"/claims/{claims['黄二'].pk}/")
    assert case.claims.count() == 2
    response = client.post(f"/cases/{case.pk}/claims/{claims['覃大力'].pk}/remove/", {"reason": "重复"})
    assert response.status_code == 302
    assert list(case.claims.values_list("name", flat=True)) == ["黄二"]


def test_recording_a_payment_through_the_page(client, case, instalment, inspector):
    url = f"/cases/{case.pk}/instalments/{instalment.pk}/pay/"
    client.force_login(inspector)
    assert url in client.get(f"/cases/{case.pk}/").text
    page = client.get(url)
    assert page.status_code == 200 and "4502**********1236" in page.text and ID_A not in page.text
    too_much = client.post(url, {"paid_on": "2026-11-02", "amount": "8000"})
    assert too_much.status_code == 200
    assert "本次还款 8,000.00 元超过劳动者尚未支付的欠薪合计 7,300.00 元" in too_much.text
    claims = claims_of(case)
    split = client.post(
        url,
        {
            "paid_on": "2026-11-02",
            "amount": "3650",
            "worker_" + str(claims["覃大力"].pk): "2400",
            "worker_" + str(claims["黄二"].pk): "1250",
        },
    )
    assert split.status_code == 302
    claims = claims_of(case)
    assert claims["覃大力"].amount_paid == M("2400.00") and claims["黄二"].amount_paid == M("1750.00")
    assert_totals_follow_the_claims(case)


def test_split_amounts_that_do_not_add_up_are_a_form_error(client, case, instalment, inspector):
    claims = claims_of(case)
    client.force_login(inspector)
    response = client.post(
        f"/cases/{case.pk}/instalments/{instalment.pk}/pay/",
        {"paid_on": "2026-11-02", "amount": "100", f"worker_{claims['覃大力'].pk}": "99.99"},
    )
    assert response.status_code == 200 and "不一致" in response.text
    case.refresh_from_db()
    assert case.total_paid == M("500.00")


def test_another_cases_instalment_is_not_found(client, case, instalment, inspector):
    other = CaseFactory()
    client.force_login(inspector)
    assert client.get(f"/cases/{other.pk}/instalments/{instalment.pk}/pay/").status_code == 404


def test_a_payment_sent_twice_is_recorded_once_and_a_deliberate_second_one_is_recorded(
    client, case, instalment, inspector
):
    url = f"/cases/{case.pk}/instalments/{instalment.pk}/pay/"
    client.force_login(inspector)
    page = client.get(url)
    paid_before = page.context["form"]["paid_before"].value()
    assert f'name="paid_before" value="{paid_before}"' in page.text
    payment = {"paid_on": "2026-11-02", "amount": "1000", "paid_before": paid_before}
    assert client.post(url, payment).status_code == 302
    again = client.post(url, payment)  # a double click, or the back button and 提交 again
    assert again.status_code == 200 and "请核对是否重复提交" in again.text
    case.refresh_from_db()
    assert case.total_paid == M("1500.00")
    # The page now carries what is paid now: sending it once more is a second payment, on purpose.
    assert client.post(url, again.context["form"].data).status_code == 302
    case.refresh_from_db()
    assert case.total_paid == M("2500.00")
    assert_totals_follow_the_claims(case)


def test_wages_the_employer_paid_without_an_agreement_go_to_the_workers(client, case, inspector):
    url = f"/cases/{case.pk}/payments/new/"
    client.force_login(inspector)
    assert url in client.get(f"/cases/{case.pk}/").text
    page = client.get(url)
    assert page.status_code == 200 and "登记企业支付" in page.text
    payment = {
        "paid_on": "2026-11-02",
        "amount": "730",
        "paid_before": page.context["form"]["paid_before"].value(),
    }
    assert client.post(url, payment).status_code == 302
    case.refresh_from_db()
    assert case.total_paid == M("1230.00")
    event = case.events.get(kind=CaseEvent.Kind.EMPLOYER_PAID)
    assert event.data["amount"] == "730.00" and event.data["allocation"] == "proportional"
    assert_totals_follow_the_claims(case)
    # Sent again (the back button): refused, nothing paid twice.
    again = client.post(url, payment)
    assert again.status_code == 200 and "请核对是否重复提交" in again.text
    case.refresh_from_db()
    assert case.total_paid == M("1230.00")


def test_paying_everything_lets_the_case_close_as_paid_in_full(client, case, inspector):
    client.force_login(inspector)
    unpaid = case.total_outstanding
    response = client.post(
        f"/cases/{case.pk}/payments/new/", {"paid_on": "2026-11-02", "amount": str(unpaid)}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.total_outstanding == 0
    assert all(claim.outstanding == 0 for claim in case.claims.all())
    assert "record-payment" not in client.get(f"/cases/{case.pk}/").text
