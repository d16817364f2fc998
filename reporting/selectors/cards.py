"""A card of the dashboard (`Figure`) and the link to the list that explains it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.http import urlencode

from liudong_wages.reversing import reverse


@dataclass
class Figure:
    """One card of the dashboard: its value, the value it is compared with, and the list that explains it.

    `list_count` is the number of rows the linked list shows with the link's filters (None when the list
    explains the figure without counting it row for row, such as a sum of money or the reporting board).
    """

    key: str
    label: str
    value: Any
    unit: str
    url: str
    previous: Any = None
    previous_label: str = ""
    list_count: int | None = None
    alert: bool = False
    group: str = ""  # the page's section: "" the office's cases and work, "monitoring", "clues"
    note: str = ""  # a line under the value (the yellow warnings beside the red ones)

    @property
    def change(self) -> Any:
        if self.previous is None or self.value is None:
            return None
        return self.value - self.previous

    @property
    def is_money(self) -> bool:
        return isinstance(self.value, Decimal)

    @staticmethod
    def _show(value: Any) -> str:
        if isinstance(value, Decimal):
            return f"{value:,.2f}"
        return "—" if value is None else f"{value:,}"

    @property
    def display(self) -> str:
        """The value as every page and export prints it: 70,000.00 for money, 1,234 for counts."""
        return self._show(self.value)

    @property
    def previous_display(self) -> str:
        return self._show(self.previous)


def list_url(name: str, **params: Any) -> str:
    base = reverse(name)
    return f"{base}?{urlencode(params)}" if params else base
