"""Rules of thumb the office applies to a case's figures, with the law they come from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings


def months_of_period(start: dt.date, end: dt.date) -> int:
    """Whole months of wages in a period, both ends included: 2026-01-01 to 2026-03-31 is three months,
    2026-01-15 to 2026-03-14 two, 2026-01-01 to 2026-03-30 two (a month not yet complete does not count)."""
    if end < start:
        return 0
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + (after.month - start.month)
    if after.day < start.day:
        months -= 1
    return max(months, 0)


def police_threshold_reached(
    *, outstanding: Iterable[Decimal], period_start: dt.date, period_end: dt.date
) -> bool:
    """Whether the arrears reach "数额较大" of 法释〔2013〕3号 art. 3 (figures in settings.LIUDONG).

    One worker owed at least POLICE_THRESHOLD_SINGLE_WORKER for at least POLICE_THRESHOLD_SINGLE_WORKER_MONTHS
    months of wages, or at least POLICE_THRESHOLD_WORKERS workers owed at least POLICE_THRESHOLD_TOTAL together.
    Amounts are what is still unpaid.
    """
    limits = settings.LIUDONG
    owed = [amount for amount in outstanding if amount > 0]
    months = months_of_period(period_start, period_end)
    if months >= limits["POLICE_THRESHOLD_SINGLE_WORKER_MONTHS"] and any(
        amount >= limits["POLICE_THRESHOLD_SINGLE_WORKER"] for amount in owed
    ):
        return True
    return (
        len(owed) >= limits["POLICE_THRESHOLD_WORKERS"]
        and sum(owed, Decimal(0)) >= limits["POLICE_THRESHOLD_TOTAL"]
    )
