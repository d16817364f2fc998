"""The ledger: append-only, balances at any date, reversals, and amounts checked before anything is written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from funds import selectors, services
from funds.models import LedgerEntry

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _today(frozen):
    frozen(TODAY)


def test_an_appropriation_raises_the_balance_from_its_date(funded):
    funded("50000.00", on=dt.date(2026, 3, 1))
    funded("20000.00", on=dt.date(2026, 6, 1))
    assert selectors.balance(on=dt.date(2026, 2, 28)) == Decimal("0.00")
    assert selectors.balance(on=dt.date(2026, 3, 1)) == Decimal("50000.00")
    assert selectors.balance(on=dt.date(2026, 5, 31)) == Decimal("50000.00")
    assert selectors.balance() == Decimal("70000.00")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-100.00", "金额不能为负数"),
        ("0", "金额不能为零"),
        ("0.00", "金额不能为零"),
        ("100.005", "最多保留两位小数"),
        ("一百", "应为数字"),
        ("", "请填写"),
    ],
)
def test_a_bad_appropriation_amount_gives_a_chinese_error_and_writes_nothing(treasurer, amount, message):
    with pytest.raises(ValidationError) as error:
        services.ledger_appropriate(amount=amount, document_ref="柳东财预〔2026〕1号", by=treasurer)
    assert message in error.value.messages[0]
    assert not LedgerEntry.objects.exists()


def test_an_appropriation_needs_its_document_and_cannot_be_dated_in_the_future(treasurer):
    with pytest.raises(ValidationError, match="拨款文件号"):
        services.ledger_appropriate(amount="10.00", document_ref=" ", by=treasurer)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.ledger_appropriate(
            amount="10.00", document_ref="x", entry_date=TODAY + dt.timedelta(days=1), by=treasurer
        )
    assert not LedgerEntry.objects.exists()


def test_an_entry_cannot_be_changed_or_deleted_through_the_orm(funded):
    entry = funded("1000.00")
    entry.amount = Decimal("999999.00")
    with pytest.raises(ValidationError, match="不能修改"):
        entry.save()
    with pytest.raises(ValidationError, match="不能删除"):
        entry.delete()
    with pytest.raises(ValidationError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1.00"))
    with pytest.raises(ValidationError):
        LedgerEntry.objects.all().delete()
    assert LedgerEntry.objects.get(pk=entry.pk).amount == Decimal("1000.00")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE funds_ledgerentry SET amount = 1, cash_effect = 1 WHERE id = %s",
        "DELETE FROM funds_ledgerentry WHERE id = %s",
    ],
)
def test_the_database_itself_refuses_to_change_or_delete_an_entry(funded, sql):
    entry = funded("1000.00")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk])
    assert LedgerEntry.objects.get(pk=entry.pk).amount == Decimal("1000.00")


def test_the_database_refuses_an_entry_whose_effect_does_not_match_its_kind(treasurer):
    with pytest.raises(IntegrityError, match="funds_ledgerentry_effect_by_kind"), transaction.atomic():
        LedgerEntry.objects.create(
            kind=LedgerEntry.Kind.APPROPRIATION,
            amount=Decimal("10.00"),
            cash_effect=Decimal("-10.00"),
            advances_effect=Decimal("0.00"),
            entry_date=TODAY,
            document_ref="x",
            recorded_by=treasurer,
        )
    with pytest.raises(IntegrityError, match="funds_ledgerentry_amount_positive"), transaction.atomic():
        LedgerEntry.objects.create(
            kind=LedgerEntry.Kind.APPROPRIATION,
            amount=Decimal("0.00"),
            cash_effect=Decimal("0.00"),
            advances_effect=Decimal("0.00"),
            entry_date=TODAY,
            document_ref="x",
            recorded_by=treasurer,
        )


def test_a_reversal_corrects_an_appropriation_and_keeps_both_rows(funded, treasurer):
    entry = funded("1000.00", on=dt.date(2026, 11, 1))
    reversal = services.ledger_reverse(entry=entry, reason="金额录错", by=treasurer)
    assert reversal.reverses == entry
    assert reversal.cash_effect == Decimal("-1000.00")
    assert selectors.balance() == Decimal("0.00")
    assert selectors.balance(on=dt.date(2026, 11, 19)) == Decimal("1000.00")
    assert LedgerEntry.objects.count() == 2


def test_an_entry_is_reversed_at_most_once(funded, treasurer):
    entry = funded("1000.00")
    first = services.ledger_reverse(entry=entry, reason="录错", by=treasurer)
    with pytest.raises(ValidationError, match="已被冲销"):
        services.ledger_reverse(entry=entry, reason="再冲一次", by=treasurer)
    with pytest.raises(ValidationError, match="不能再冲销"):
        services.ledger_reverse(entry=first, reason="冲销的冲销", by=treasurer)
    # And the database refuses a second reversal even if a service were bypassed.
    with pytest.raises(IntegrityError, match="funds_ledgerentry_reversed_once"), transaction.atomic():
        LedgerEntry.objects.create(
            kind=LedgerEntry.Kind.REVERSAL,
            amount=entry.amount,
            cash_effect=-entry.cash_effect,
            advances_effect=Decimal("0.00"),
            entry_date=TODAY,
            document_ref="x",
            reverses=entry,
            recorded_by=treasurer,
        )
    assert selectors.balance() == Decimal("0.00")


def test_a_reversal_that_would_overdraw_the_fund_is_refused(funded, treasurer, approved):
    entry = funded("10000.00")
    application = approved("6000.00")
    services.advance_pay(application=application, amount="6000.00", document_ref="付1", by=treasurer)
    with pytest.raises(ValidationError, match="余额不足"):
        services.ledger_reverse(entry=entry, reason="录错", by=treasurer)
    assert selectors.balance() == Decimal("4000.00")


def test_a_backdated_outflow_cannot_make_an_earlier_day_negative(funded, treasurer, approved):
    """Paying 8,000 on 1 November when the fund held 5,000 then (10,000 came on the 10th) is refused,
    though the balance today would cover it: the statement of early November would go below zero."""
    funded("5000.00", on=dt.date(2026, 10, 1))
    funded("10000.00", on=dt.date(2026, 11, 10))
    application = approved("8000.00")
    application.decided_at = timezone.make_aware(dt.datetime(2026, 10, 1, 9))
    application.save(update_fields=["decided_at"])
    with pytest.raises(ValidationError, match="余额不足"):
        services.advance_pay(
            application=application,
            amount="8000.00",
            paid_on=dt.date(2026, 11, 1),
            document_ref="付1",
            by=treasurer,
        )
    services.advance_pay(
        application=application,
        amount="8000.00",
        paid_on=dt.date(2026, 11, 10),
        document_ref="付1",
        by=treasurer,
    )
    assert selectors.balance() == Decimal("7000.00")
