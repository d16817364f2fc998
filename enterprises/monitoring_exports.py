"""The Excel export of the monitoring list (/enterprises/monitoring/export.xlsx, issue 17): the open warnings
with the list's filters, streamed (liudong_wages.excel_stream) so that every warning of the district fits.
Text cells that a spreadsheet would read as a formula (a project named "=HYPERLINK(…)") are written as text
by the core's writer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from liudong_wages.excel import CHOICE, DATE, DECIMAL, INT, Column

from .models import Enterprise, WageAlert

ALERT_EXPORT = [
    Column("level", _("颜色"), CHOICE, choices=WageAlert.Level.choices, width=8),
    Column("reason", _("预警原因"), CHOICE, choices=WageAlert.Reason.choices, width=28),
    Column("month", _("所属月份"), width=10),
    Column("project", _("项目名称"), width=30),
    Column("contractor", _("施工总承包单位"), width=30),
    Column("developer", _("建设单位"), width=30),
    Column("industry", _("行业"), CHOICE, choices=Enterprise.Industry.choices, width=10),
    Column("opened_on", _("预警日期"), DATE, width=12),
    Column("escalated_on", _("升为红色日期"), DATE, width=12),
    Column("due_on", _("应办日期"), DATE, width=12),
    Column("days_open", _("已持续天数"), INT, width=10),
    Column("workers_unpaid", _("涉及人数"), INT, width=10),
    Column("amount_unpaid", _("涉及金额（元）"), DECIMAL, width=14),
    Column("red_reason", _("红色原因"), width=30),
    Column("case_number", _("转立案件"), width=18),
]


def alert_rows(alerts: Iterable[WageAlert], *, today) -> Iterator[dict[str, Any]]:
    for alert in alerts:
        project = alert.project
        yield {
            "level": alert.level,
            "reason": alert.reason,
            "month": f"{alert.month:%Y-%m}",
            "project": project.name,
            "contractor": project.general_contractor.name,
            "developer": project.construction_unit.name,
            "industry": project.general_contractor.industry,
            "opened_on": alert.opened_on,
            "escalated_on": alert.escalated_on,
            "due_on": alert.due_on,
            "days_open": (today - alert.opened_on).days,
            "workers_unpaid": alert.workers_unpaid,
            "amount_unpaid": alert.amount_unpaid,
            "red_reason": alert.red_reason,
            "case_number": alert.case_number,
        }
