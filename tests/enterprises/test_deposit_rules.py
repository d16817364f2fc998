"""The wage deposit rules of 人社部发〔2021〕65号 at their edges (DESIGN.md section 4)."""

import datetime as dt
from decimal import Decimal

import pytest

from enterprises import rules

# The working-day calendar reads the office's own holiday table.
pytestmark = pytest.mark.django_db


def status(**overrides):
    values = {
        "contract_value": Decimal("5000000.00"),
        "contractor_had_arrears": False,
        "rate": None,
        "approved_on": dt.date(2026, 9, 25),
        "amount_paid": None,
        "paid_on": None,
        "checked_on": None,
        "returned_on": None,
        "today": dt.date(2026, 9, 28),
    }
    return rules.deposit_status(**{**values, **overrides})


def test_a_contract_of_exactly_three_million_is_not_exempt():
    assert not rules.deposit_is_exempt(Decimal("3000000.00"), contractor_had_arrears=False)
    assert rules.deposit_required_amount(Decimal("3000000.00")) == Decimal("60000.00")


def test_a_contract_one_cent_under_three_million_is_exempt():
    assert rules.deposit_is_exempt(Decimal("2999999.99"), contractor_had_arrears=False)
    assert status(contract_value=Decimal("2999999.99")).required_amount == Decimal("0.00")


def test_no_exemption_when_the_contractor_had_arrears_in_the_past_year():
    assert not rules.deposit_is_exempt(Decimal("1000000.00"), contractor_had_arrears=True)


def test_the_required_amount_uses_the_projects_rate_rounded_to_the_cent():
    assert rules.deposit_required_amount(Decimal("3333333.33"), Decimal("0.01")) == Decimal("33333.33")
    assert rules.deposit_required_amount(Decimal("1000000.50"), Decimal("0.005")) == Decimal("5000.00")


@pytest.mark.parametrize(
    ("rate", "allowed"),
    [("0.005", True), ("0.0049", False), ("0.03", True), ("0.0301", False), ("0.02", True)],
)
def test_a_lowered_rate_may_not_go_below_half_a_percent(rate, allowed):
    assert rules.deposit_rate_is_allowed(Decimal(rate)) is allowed


def test_the_deposit_is_due_on_the_20th_working_day_counting_the_national_day_holiday():
    # Approved on Friday 25 September 2026; 1–7 October are holidays and Saturday 10 October is worked.
    assert rules.deposit_due_date(dt.date(2026, 9, 25)) == dt.date(2026, 10, 29)


def test_unpaid_on_the_20th_working_day_is_not_yet_overdue_but_the_day_after_is():
    assert not status(today=dt.date(2026, 10, 29)).overdue
    assert status(today=dt.date(2026, 10, 30)).overdue
    assert status(today=dt.date(2026, 10, 30)).missing


def test_an_exempt_project_is_never_overdue():
    assert not status(contract_value=Decimal("100000.00"), today=dt.date(2027, 6, 1)).overdue


def test_a_paid_deposit_is_checked_every_six_months():
    paid = {"amount_paid": Decimal("100000.00"), "paid_on": dt.date(2026, 8, 31)}
    assert status(**paid, today=dt.date(2027, 2, 27)).next_check_on == dt.date(2027, 2, 28)
    assert not status(**paid, today=dt.date(2027, 2, 27)).check_due
    assert status(**paid, today=dt.date(2027, 2, 28)).check_due
    checked = status(**paid, checked_on=dt.date(2027, 3, 1), today=dt.date(2027, 3, 2))
    assert checked.next_check_on == dt.date(2027, 9, 1)
    assert not checked.check_due


def test_a_short_payment_is_flagged():
    assert status(amount_paid=Decimal("99999.99"), paid_on=dt.date(2026, 10, 1)).short_paid
    assert not status(amount_paid=Decimal("100000.00"), paid_on=dt.date(2026, 10, 1)).short_paid


def test_a_returned_deposit_needs_no_check():
    returned = status(
        amount_paid=Decimal("100000.00"),
        paid_on=dt.date(2026, 1, 5),
        returned_on=dt.date(2026, 9, 1),
        today=dt.date(2026, 12, 1),
    )
    assert not returned.check_due
    assert returned.next_check_on is None
