"""Issue 16, finding 6: one fund payment form posted twice paid twice (the same voucher number twice). The
page carries what the application had been paid, so a replay pays nothing; a voucher pays once, also in the
database; each refusal is a clear Chinese message on the page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from funds import selectors, services
from funds.models import AdvancePayment, LedgerEntry


@pytest.fixture(autouse=True)
def _today(frozen):
    frozen(dt.date(2026, 11, 20))


def _pay_page(client, application) -> dict:
    """The pay form as the page renders it, hidden fields included."""
    page = client.get(f"/funds/applications/{application.pk}/")
    form = page.context["action_forms"]["pay"]
    values = {name: form[name].value() for name in form.fields}
    return {name: "" if value is None else value for name, value in values.items()} | {
        "paid_on": "2026-11-20"
    }


def test_the_same_payment_form_posted_twice_pays_once(client, approved, treasurer, funded):
    funded("50000.00")
    application = approved("10000.00")
    client.force_login(treasurer)
    data = _pay_page(client, application) | {"amount": "4000.00", "document_ref": "柳东财付〔2026〕0031号"}
    assert data["paid_before"] == Decimal("0.00")
    first = client.post(f"/funds/applications/{application.pk}/pay/", data)
    assert first.status_code == 302
    again = client.post(f"/funds/applications/{application.pk}/pay/", data)
    assert again.status_code == 200
    assert "本次没有支付" in again.text
    application.refresh_from_db()
    assert application.paid_amount == Decimal("4000.00")
    assert AdvancePayment.objects.count() == 1
    assert LedgerEntry.objects.filter(kind=LedgerEntry.Kind.ADVANCE_PAYMENT).count() == 1
    assert selectors.balance() == Decimal("46000.00")


def test_sent_once_more_on_purpose_the_same_voucher_is_still_refused(client, approved, treasurer, funded):
    funded("50000.00")
    application = approved("10000.00")
    client.force_login(treasurer)
    data = _pay_page(client, application) | {"amount": "4000.00", "document_ref": "付1"}
    client.post(f"/funds/applications/{application.pk}/pay/", data)
    refused = client.post(f"/funds/applications/{application.pk}/pay/", data)
    # The page now carries what is paid; sending that page again is deliberate, but the voucher was used.
    deliberate = refused.context["action_forms"]["pay"].data.copy()
    assert deliberate["paid_before"] == "4000.00"
    response = client.post(f"/funds/applications/{application.pk}/pay/", deliberate)
    assert response.status_code == 200
    assert "同一凭证不能支付两次" in response.text
    assert AdvancePayment.objects.count() == 1
    deliberate["document_ref"] = "付2"
    assert client.post(f"/funds/applications/{application.pk}/pay/", deliberate).status_code == 302
    application.refresh_from_db()
    assert application.paid_amount == Decimal("8000.00")


def test_a_voucher_pays_one_application_only(approved, treasurer, funded):
    funded("50000.00")
    first, second = approved("3000.00"), approved("3000.00")
    services.advance_pay(application=first, amount="3000.00", document_ref="付1", by=treasurer)
    with pytest.raises(ValidationError, match="同一凭证不能支付两次"):
        services.advance_pay(application=second, amount="3000.00", document_ref=" 付1 ", by=treasurer)
    assert selectors.balance() == Decimal("47000.00")


def test_the_database_refuses_a_second_payment_on_one_voucher(approved, treasurer, funded):
    funded("50000.00")
    application = approved("6000.00")
    payment = services.advance_pay(
        application=application, amount="3000.00", document_ref="付1", by=treasurer
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        AdvancePayment.objects.create(
            application=application, amount=Decimal("1.00"), paid_on=payment.paid_on, document_ref="付1"
        )
