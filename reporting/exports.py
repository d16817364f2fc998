"""Excel of the reporting app: the report list, the reporting board, the year's assessment and the dashboard's
cards, from Column definitions (liudong_wages.excel). Renderers take rows, never a queryset: the functions
here turn what the selectors return into rows first. The bulletin's tables bring their own columns
(`reporting.bulletin.tables`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from liudong_wages.excel import BOOL, DATE, INT, Column

from .models import Report
from .selectors.assessment import Assessment
from .selectors.board import Board


def rate(value: float | None) -> str:
    """A share as the office writes it (87%), or a dash when there is nothing to divide."""
    return "—" if value is None else f"{value:.0%}"


def report_columns() -> list[Column]:
    return [
        Column("unit", _("单位"), width=24),
        Column("title", _("报表"), width=30),
        Column("period", _("期间"), width=14),
        Column("status", _("状态"), width=10),
        Column("deadline", _("截止日期"), DATE, width=12),
        Column("first_submitted_at", _("首次报送时间"), DATE, width=18),
        Column("on_time", _("按时"), BOOL, width=8),
        Column("items", _("明细行数"), INT, width=10),
    ]


def report_rows(reports: QuerySet[Report]) -> Iterator[dict[str, Any]]:
    for report in reports.iterator(chunk_size=500):
        yield {
            "unit": report.unit.name,
            "title": str(report.definition.title),
            "period": report.period_label,
            "status": report.get_status_display(),
            "deadline": report.deadline,
            "first_submitted_at": report.first_submitted_at,
            "on_time": report.on_time,
            "items": len(report.body.get("items") or []),
        }


def board_columns(months: Iterable[dt.date]) -> list[Column]:
    return [
        Column("unit", _("单位"), width=24),
        Column("title", _("报表"), width=28),
        *[Column(f"m{i}", f"{month:%Y-%m}", width=10) for i, month in enumerate(months)],
        Column("completeness", _("报送率"), width=10),
        Column("timeliness", _("及时率"), width=10),
    ]


def board_rows(data: Board) -> list[dict[str, Any]]:
    return [
        {
            "unit": row.unit.name,
            "title": str(row.definition.title),
            **{f"m{i}": cell.label for i, cell in enumerate(row.cells)},
            "completeness": rate(row.completeness),
            "timeliness": rate(row.timeliness),
        }
        for row in data.rows
    ]


def assessment_columns() -> list[Column]:
    return [
        Column("unit", _("单位"), width=26),
        Column("reports_on_time", _("按时报送"), INT, width=10),
        Column("reports_late", _("逾期报送"), INT, width=10),
        Column("reports_missing", _("未报"), INT, width=8),
        Column("reports_returned", _("退回待重报"), INT, width=12),
        Column("timeliness", _("及时率"), width=10),
        Column("tasks_total", _("督办事项"), INT, width=10),
        Column("tasks_on_time", _("按时办结"), INT, width=10),
        Column("tasks_late", _("逾期办结"), INT, width=10),
        Column("tasks_overdue", _("逾期未办结"), INT, width=12),
        Column("measures_recorded", _("已记录惩戒措施"), INT, width=16),
        Column("measures_pending", _("当前待记录惩戒措施"), INT, width=16),
    ]


def assessment_rows(data: Assessment) -> list[dict[str, Any]]:
    """The rows of the page's table, the Excel export and the PDF, in column order."""
    return [
        {
            "unit": row.unit.name,
            "reports_on_time": row.reports_on_time,
            "reports_late": row.reports_late,
            "reports_missing": row.reports_missing,
            "reports_returned": row.reports_returned,
            "timeliness": rate(row.timeliness),
            "tasks_total": row.tasks_total,
            "tasks_on_time": row.tasks_on_time,
            "tasks_late": row.tasks_late,
            "tasks_overdue": row.tasks_overdue,
            "measures_recorded": row.measures_recorded,
            "measures_pending": row.measures_pending,
        }
        for row in data.rows
    ]


def card_columns() -> list[Column]:
    """The dashboard's cards as the first sheet of its export."""
    return [
        Column("label", _("指标"), width=30),
        Column("value", _("数值"), width=16),
        Column("unit", _("单位"), width=8),
        Column("previous_label", _("比较"), width=12),
        Column("previous", _("比较值"), width=16),
    ]


def card_rows(cards: Iterable[Any]) -> list[dict[str, Any]]:
    return [
        {
            "label": card.label,
            "value": card.value,
            "unit": card.unit,
            "previous_label": card.previous_label,
            "previous": card.previous,
        }
        for card in cards
    ]
