"""Money as every app stores and sums it: yuan to the fen, in a Decimal (STYLE.md, Models)."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from django.db.models import DecimalField


class MoneySize(TypedDict):
    max_digits: int
    decimal_places: int


# The size of every money column and form field: `models.DecimalField(_("金额"), **MONEY)`.
MONEY: MoneySize = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")
# The output field of a sum of money columns: two digits wider than a column, so that a sum over many rows
# still fits when the database hands it back.
MONEY_SUM: DecimalField = DecimalField(max_digits=16, decimal_places=2)
