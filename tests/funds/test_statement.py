"""The statement adds up: opening balance + the period's entries = closing balance, for any entries and any
period; and the Excel and PDF versions show the same figures."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from funds import selectors, services
from funds.models import LedgerEntry

TODAY = dt.date(2026, 11, 20)
DAY0 = dt.date(2026, 1, 1)
Kind = LedgerEntry.Kind


@pytest.fixture(autouse=True)
def _today(frozen):
    frozen(TODAY)


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50000.00"), places=2)
days = st.integers(min_value=1, max_value=(TODAY - DAY0).days)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("appropriate"), days, amounts),
        st.tuples(st.just("pay"), days, amounts),
        st.tuples(st.just("recover"), days, amounts),
        st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=50), st.just(None)),
    ),
    max_size=25,
)


class _Rollback(Exception):
    pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations, start=days, length=st.integers(min_value=0, max_value=330))
def test_opening_plus_the_periods_entries_is_the_closing_balance(
    ops, start, length, funded, approved, treasurer, office_staff
):
    try:
        with transaction.atomic():
            # Payments go to one big approval; recoveries come back on a second advance, paid and ordered
            # back on the first day.
            funded("200000.00", on=DAY0)
            paying = _approved_before(approved("1000000.00"))
            recovering = _approved_before(approved("50000.00"))
            services.advance_pay(
                application=recovering, amount="50000.00", paid_on=DAY0, document_ref="付0", by=treasurer
            )
            services.advance_order_recovery(
                application=recovering, order_number="责0", ordered_on=DAY0, due_on=DAY0, by=office_staff
            )
            _apply(ops, paying=paying, recovering=recovering, by=treasurer)
            first = DAY0 + dt.timedelta(days=start)
            last = min(first + dt.timedelta(days=length), TODAY)
            result = selectors.statement(start=first, end=last)
            period = LedgerEntry.objects.between(first, last)
            assert result.opening + sum((e.cash_effect for e in period), Decimal("0")) == result.closing
            assert result.adds_up
            assert result.closing == selectors.balance(on=last)
            assert (result.rows[-1].balance if result.rows else result.opening) == result.closing
            totals = result.totals
            assert (
                result.opening
                + totals[Kind.APPROPRIATION]
                - totals[Kind.ADVANCE_PAYMENT]
                + totals[Kind.RECOVERY]
                == result.closing
            )
            assert (
                result.opening_advances
                + totals[Kind.ADVANCE_PAYMENT]
                - totals[Kind.RECOVERY]
                - totals[Kind.WRITE_OFF]
                == result.closing_advances
            )
            # The balance is never below zero on any day.
            assert selectors.lowest_balance_from(DAY0) >= 0
            # The month sums the balances read are the entries' sums, summed afresh.
            assert selectors.month_totals_kept() == selectors.month_totals_from_entries()
            # And a balance read through them is the plain sum of the entries up to that day.
            assert selectors.balance(on=last) == sum(
                (e.cash_effect for e in LedgerEntry.objects.up_to(last)), Decimal("0")
            )
            raise _Rollback
    except _Rollback:
        pass


def test_month_sums_rebuilt_from_the_entries_are_the_sums_the_services_kept(funded, approved, treasurer):
    funded("30000.00", on=dt.date(2026, 3, 5))
    entry = funded("1000.00", on=dt.date(2026, 4, 1))
    services.advance_pay(
        application=_approved_before(approved("8000.00")),
        amount="8000.00",
        paid_on=dt.date(2026, 4, 30),
        document_ref="付1",
        by=treasurer,
    )
    services.ledger_reverse(entry=entry, reason="重复登记", by=treasurer, entry_date=dt.date(2026, 5, 2))
    kept = selectors.month_totals_kept()
    # The reversal counts in May, its own month, against the appropriation it reverses.
    assert kept[(dt.date(2026, 5, 1), Kind.APPROPRIATION)]["amount"] == Decimal("-1000.00")
    assert kept[(dt.date(2026, 4, 1), Kind.ADVANCE_PAYMENT)]["cash_effect"] == Decimal("-8000.00")

    assert services.rebuild_month_sums() == len(kept)
    assert selectors.month_totals_kept() == kept
    assert selectors.balance(on=dt.date(2026, 4, 30)) == Decimal("23000.00")
    assert selectors.balance() == Decimal("22000.00")


def _approved_before(application):
    application.decided_at = application.decided_at.replace(year=2025)
    application.save(update_fields=["decided_at"])
    return application


def _apply(ops, *, paying, recovering, by) -> None:
    for op, arg, amount in ops:
        try:
            if op == "appropriate":
                services.ledger_appropriate(
                    amount=amount, entry_date=DAY0 + dt.timedelta(days=arg), document_ref="拨", by=by
                )
            elif op == "pay":
                services.advance_pay(
                    application=paying,
                    amount=amount,
                    paid_on=DAY0 + dt.timedelta(days=arg),
                    document_ref=f"付{LedgerEntry.objects.count()}",  # one voucher, one payment
                    by=by,
                )
            elif op == "recover":
                services.advance_record_recovery(
                    application=recovering,
                    amount=amount,
                    received_on=DAY0 + dt.timedelta(days=arg),
                    document_ref="收",
                    by=by,
                )
            elif op == "reverse":
                entries = list(LedgerEntry.objects.exclude(kind=Kind.REVERSAL).filter(reversals=None))
                if entries:
                    services.ledger_reverse(entry=entries[arg % len(entries)], reason="更正", by=by)
        except ValidationError:
            pass  # a refused step must leave everything as it was: the identity below still holds


def test_a_statement_of_a_period(funded, approved, treasurer, office_staff):
    funded("10000.00", on=dt.date(2026, 9, 1))
    funded("5000.00", on=dt.date(2026, 10, 10))
    application = approved("3000.00")
    services.advance_pay(application=application, amount="3000.00", document_ref="付1", by=treasurer)
    services.advance_order_recovery(
        application=application, order_number="责1", due_on=TODAY, by=office_staff
    )
    services.advance_record_recovery(
        application=application, amount="1000.00", document_ref="收1", by=treasurer
    )
    result = selectors.statement(start=dt.date(2026, 10, 1), end=TODAY)
    assert result.opening == Decimal("10000.00")
    assert [row.balance for row in result.rows] == [
        Decimal("15000.00"),
        Decimal("12000.00"),
        Decimal("13000.00"),
    ]
    assert result.closing == Decimal("13000.00")
    assert (result.opening_advances, result.closing_advances) == (Decimal("0.00"), Decimal("2000.00"))
    assert result.totals[Kind.ADVANCE_PAYMENT] == Decimal("3000.00")


def test_the_statement_downloads_as_excel_and_pdf(client, director, funded, approved, treasurer):
    funded("10000.00", on=dt.date(2026, 9, 1))
    application = approved("3000.00")
    services.advance_pay(application=application, amount="3000.00", document_ref="柳东财付1号", by=treasurer)
    client.force_login(director)
    query = "?start=2026-09-01&end=2026-11-20"

    response = client.get("/funds/statement.xlsx" + query)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook["收支明细"].iter_rows(values_only=True))
    assert rows[1][4] == "期初余额"
    assert rows[2][1] == "财政拨入" and rows[2][5] == 10000
    assert rows[3][2] == "柳东财付1号" and rows[3][6] == 3000 and rows[3][7] == 7000
    assert rows[-1][7] == 7000

    response = client.get("/funds/statement.pdf" + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "收支明细" in text
    assert "7,000.00" in text
