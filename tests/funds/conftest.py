import datetime as dt
from decimal import Decimal

import pytest

from funds import services

from ..factories import AdvanceApplicationFactory


@pytest.fixture
def funded(treasurer):
    """Put money in the fund: funded("100000.00") records an appropriation dated today (or `on`)."""

    def fund(amount: str = "100000.00", on: dt.date | None = None):
        return services.ledger_appropriate(
            amount=Decimal(amount), entry_date=on, document_ref="柳东财预〔2026〕1号", by=treasurer
        )

    return fund


@pytest.fixture
def submitted(office_staff):
    """A submitted application of the given line amounts, created and submitted by the office."""

    def make(*amounts: str, **kwargs):
        lines = [Decimal(a) for a in amounts] if amounts else None
        application = AdvanceApplicationFactory(created_by=office_staff, lines=lines, **kwargs)
        return services.advance_submit(application=application, by=office_staff)

    return make


@pytest.fixture
def approved(submitted, approver):
    """An approved application: approved("6000.00") (the approval defaults to the amount asked)."""

    def make(*amounts: str, approve: str | None = None, **kwargs):
        application = submitted(*amounts, **kwargs)
        return services.advance_approve(application=application, by=approver, amount=approve)

    return make
