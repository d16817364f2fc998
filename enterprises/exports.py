"""The app's Excel exports: one column definition (liudong_wages.excel.Column, translated headers) for each
list's export (enterprises, "Internet+", projects, site inspections, the dishonest list, the monitoring list's
open warnings) and the row builders that turn objects into plain rows, so the workbook writer never sees a
queryset (STYLE.md). The import templates' columns are with their checks in `imports`. Text cells that a
spreadsheet would read as a formula (a project named "=HYPERLINK(…)") are written as text by the core's
writer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from liudong_wages.excel import BOOL, CHOICE, DATE, DECIMAL, INT, Column
from liudong_wages.privacy import mask_id_number, mask_phone

from .imports.registry import ENTERPRISE_IMPORT
from .models import DishonestListing, Enterprise, Project, SiteInspection, WageAlert

ENTERPRISE_EXPORT = [
    *ENTERPRISE_IMPORT,
    Column("status", _("状态"), CHOICE, choices=Enterprise.Status.choices),
    Column("star_rating", _("星级"), INT),
    Column("rated_on", _("评定日期"), DATE),
    Column("is_listed", _("在失信名单中"), BOOL),
]

PROJECT_EXPORT = [
    Column("name", _("项目名称"), width=30),
    Column("kind", _("工程类别"), CHOICE, choices=Project.Kind.choices),
    Column("status", _("状态"), CHOICE, choices=Project.Status.choices),
    Column("location", _("建设地点")),
    Column("construction_unit", _("建设单位"), width=28),
    Column("general_contractor", _("施工总承包单位"), width=28),
    Column("general_contractor_code", _("总包单位统一社会信用代码"), width=22),
    Column("subcontractors", _("分包单位"), width=30),
    Column("management_invested", _("管委会投资项目"), BOOL),
    Column("responsible_person", _("项目负责人")),
    Column("start_date", _("开工日期"), DATE),
    Column("planned_end_date", _("计划竣工日期"), DATE),
    Column("contract_value", _("合同金额（元）"), DECIMAL),
    Column("worker_count", _("用工人数"), INT),
    Column("has_wage_account", _("已开设工资专用账户"), BOOL),
    Column("labour_filed", _("已用工备案"), BOOL),
    Column("real_name_management", _("已实行实名制管理"), BOOL),
    Column("notice_board", _("已设维权信息告示牌"), BOOL),
    Column("deposit_amount", _("已缴保证金（元）"), DECIMAL),
    Column("deposit_paid_on", _("缴存日期"), DATE),
    Column("risk", _("风险等级"), CHOICE, choices=Project.Risk.choices),
    Column("risk_reasons", _("风险原因"), width=50),
]

INSPECTION_EXPORT = [
    Column("inspected_on", _("巡视日期"), DATE),
    Column("project", _("项目"), width=30),
    Column("enterprise", _("被检查单位"), width=28),
    Column("inspectors", _("巡视人员")),
    *[
        Column(name, str(label), CHOICE, choices=SiteInspection.Check.choices)
        for name, label in SiteInspection.CHECKLIST
    ],
    Column("findings", _("发现问题"), width=40),
    Column("follow_up_due", _("整改期限"), DATE),
    Column("finding_status", _("整改状态"), CHOICE, choices=SiteInspection.FindingStatus.choices),
    Column("resolved_on", _("整改完成日期"), DATE),
]

LISTING_EXPORT = [
    Column("enterprise", _("用人单位"), width=30),
    Column("credit_code", _("统一社会信用代码"), width=22),
    Column("responsible_persons", _("责任人员"), width=24),
    Column("grounds", _("列入事由"), CHOICE, choices=DishonestListing.Grounds.choices, width=30),
    Column("amount_owed", _("拖欠金额（元）"), DECIMAL),
    Column("workers_affected", _("涉及人数"), INT),
    Column("status", _("状态"), CHOICE, choices=DishonestListing.Status.choices),
    Column("notice_number", _("告知书文号")),
    Column("notified_on", _("告知日期"), DATE),
    Column("decision_number", _("列入决定书文号")),
    Column("decided_on", _("列入日期"), DATE),
    Column("listed_until", _("列入期限至"), DATE),
    Column("removed_on", _("移出日期"), DATE),
    Column("pending_units", _("未记录惩戒措施的单位"), width=30),
]

INTERNET_PLUS_EXPORT = [
    Column("name", _("企业名称"), width=30),
    Column("credit_code", _("统一社会信用代码"), width=22),
    Column("industry", _("行业"), CHOICE, choices=Enterprise.Industry.choices),
    Column("industrial_park", _("所在园区")),
    Column("star_rating", _("星级"), INT),
    Column("rated_on", _("评定日期"), DATE),
    Column("headcount", _("职工人数"), INT),
]


def enterprise_rows(
    enterprises: Iterable[Enterprise], *, full_personal_data: bool
) -> Iterable[dict[str, Any]]:
    for enterprise in enterprises:
        row = {column.key: getattr(enterprise, column.key, None) for column in ENTERPRISE_EXPORT}
        if not full_personal_data:
            row["legal_rep_id_number"] = mask_id_number(enterprise.legal_rep_id_number)
            row["legal_rep_phone"] = mask_phone(enterprise.legal_rep_phone)
        yield row


def project_rows(projects: Iterable[Project]) -> Iterable[dict[str, Any]]:
    for project in projects:
        row = {column.key: getattr(project, column.key, None) for column in PROJECT_EXPORT}
        row["construction_unit"] = project.construction_unit.name
        row["general_contractor"] = project.general_contractor.name
        row["general_contractor_code"] = project.general_contractor.credit_code
        row["subcontractors"] = "；".join(str(sub) for sub in project.subcontractors.all())
        row["has_wage_account"] = project.has_wage_account
        row["risk_reasons"] = "；".join(reason["reason"] for reason in project.risk_reasons)
        yield row


def inspection_rows(inspections: Iterable[SiteInspection]) -> Iterable[dict[str, Any]]:
    for inspection in inspections:
        row = {column.key: getattr(inspection, column.key, None) for column in INSPECTION_EXPORT}
        row["project"] = inspection.project.name if inspection.project else ""
        row["enterprise"] = inspection.enterprise.name
        row["inspectors"] = "、".join(str(user) for user in inspection.inspectors.all())
        yield row


def listing_rows(listings: Iterable[DishonestListing]) -> Iterable[dict[str, Any]]:
    for listing in listings:
        row = {column.key: getattr(listing, column.key, None) for column in LISTING_EXPORT}
        row["enterprise"] = listing.enterprise.name
        row["credit_code"] = listing.enterprise.credit_code
        row["pending_units"] = "、".join(
            measure.unit.short_name for measure in listing.measures.all() if measure.status == "pending"
        )
        yield row


# The monitoring list (/enterprises/monitoring/export.xlsx, issue 17): the open warnings with the list's
# filters, streamed (liudong_wages.excel_stream) so that every warning of the district fits.
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
