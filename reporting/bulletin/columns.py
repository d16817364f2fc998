"""What every table of the bulletin is made of: a `Table` of rows under `liudong_wages.excel` columns, how
both files print a cell, and the comparison of a period with the period before and a year earlier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from liudong_wages import excel

from ..selectors.figures import PeriodFigures


@dataclass
class Table:
    key: str
    title: str
    columns: list[excel.Column]
    rows: list[list[Any]]
    note: str = ""

    def cells(self) -> list[list[tuple[str, bool]]]:
        """The rows as the PDF prints them: (text, is a number) for each cell."""
        numeric = [column.kind in (excel.INT, excel.DECIMAL) for column in self.columns]
        return [
            [
                (format_cell(column, value), num)
                for column, value, num in zip(self.columns, row, numeric, strict=True)
            ]
            for row in self.rows
        ]


def format_cell(column: excel.Column, value: Any) -> str:
    if value is None or value == "":
        return "—" if column.kind != excel.TEXT else ""
    if column.kind == excel.DECIMAL:
        return f"{Decimal(value):,.2f}"
    if column.kind == excel.INT:
        return f"{int(value):,}"
    if column.kind == excel.DATE:
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    return str(value)


def change_text(now: Any, before: Any) -> str:
    """A change in per cent, as both files print it ("+12.5%", "-3.0%"; "—" without a base)."""
    if before in (None, 0) or now is None:
        return "—"
    percent = (Decimal(now) - Decimal(before)) / Decimal(before) * 100
    return f"{percent:+.1f}%"


def rate_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def comparison_columns(figures: PeriodFigures) -> list[excel.Column]:
    return [
        excel.Column("item", _("项目"), width=26),
        excel.Column("current", figures.period.label, excel.DECIMAL, width=16),
        excel.Column("previous", figures.previous.label, excel.DECIMAL, width=16),
        excel.Column("vs_previous", _("环比"), width=10),
        excel.Column("year_ago", figures.year_ago.label, excel.DECIMAL, width=16),
        excel.Column("vs_year_ago", _("同比"), width=10),
    ]


def comparison_row(label: str, values: list[Any]) -> list[Any]:
    current, previous, year_ago = values
    return [
        label,
        current,
        previous,
        change_text(current, previous),
        year_ago,
        change_text(current, year_ago),
    ]


def int_comparison_columns(figures: PeriodFigures) -> list[excel.Column]:
    columns = comparison_columns(figures)
    for index in (1, 2, 4):
        columns[index] = excel.Column(columns[index].key, columns[index].header, excel.INT, width=14)
    return columns
