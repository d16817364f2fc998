"""Two treasurers paying at the same moment, on two database connections: the fund's row lock makes one wait
for the other, so neither the balance nor an approval is ever exceeded."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from funds import selectors, services
from funds.models import AdvanceApplication, LedgerEntry

# serialized_rollback: the flush after each test must give back the units and roles the migrations seeded.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _pay_at_once(payments: list[dict]) -> list[object]:
    """Run each payment in its own thread (own connection), all released together by a barrier."""
    barrier = threading.Barrier(len(payments))
    results: list[object] = [None] * len(payments)

    def work(index: int, kwargs: dict) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = services.advance_pay(**kwargs)
        except Exception as error:  # collected and asserted on by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i, kwargs)) for i, kwargs in enumerate(payments)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _outcome(results) -> tuple[int, list[str]]:
    errors = [r for r in results if isinstance(r, Exception)]
    assert all(isinstance(e, ValidationError) for e in errors), errors
    return len(results) - len(errors), [e.messages[0] for e in errors]


def test_two_payments_at_once_cannot_overdraw_the_fund(funded, approved, treasurer):
    funded("10000.00")
    first = approved("8000.00")
    second = approved("8000.00")
    results = _pay_at_once(
        [
            {"application": first, "amount": "8000.00", "document_ref": "付A", "by": treasurer},
            {"application": second, "amount": "8000.00", "document_ref": "付B", "by": treasurer},
        ]
    )
    succeeded, errors = _outcome(results)
    assert succeeded == 1
    assert "周转金余额不足" in errors[0]
    assert selectors.balance() == Decimal("2000.00")
    assert LedgerEntry.objects.filter(kind=LedgerEntry.Kind.ADVANCE_PAYMENT).count() == 1


def test_two_payments_at_once_cannot_exceed_one_approval(funded, approved, treasurer):
    funded("50000.00")
    application = approved("10000.00")
    results = _pay_at_once(
        [
            {"application": application, "amount": "6000.00", "document_ref": f"付{i}", "by": treasurer}
            for i in range(2)
        ]
    )
    succeeded, errors = _outcome(results)
    assert succeeded == 1
    assert "支付金额超过批准金额" in errors[0]
    application.refresh_from_db()
    assert application.paid_amount == Decimal("6000.00")
    assert selectors.balance() == Decimal("44000.00")


def test_many_small_payments_at_once_stop_exactly_at_the_balance(funded, approved, treasurer):
    funded("5000.00")
    applications = [approved("1000.00") for _ in range(8)]
    results = _pay_at_once(
        [
            {"application": application, "amount": "1000.00", "document_ref": f"付{i}", "by": treasurer}
            for i, application in enumerate(applications)
        ]
    )
    succeeded, _errors = _outcome(results)
    assert succeeded == 5
    assert selectors.balance() == Decimal("0.00")
    assert AdvanceApplication.objects.filter(status=AdvanceApplication.Status.PAID).count() == 5
