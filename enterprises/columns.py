"""The Excel columns of the registry: one definition for each list's export, and for the import templates
and the check of uploaded rows (liudong_wages.excel). Row builders turn objects into plain rows, so the
workbook writer never sees a queryset (STYLE.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from liudong_wages.excel import BOOL, CHOICE, DATE, DECIMAL, INT, Column
from liudong_wages.privacy import mask_id_number, mask_phone

from .models import DishonestListing, Enterprise, Project, SiteInspection
from .validators import validate_credit_code, validate_id_number

ENTERPRISE_IMPORT = [
    Column("name", _("企业名称"), required=True, max_length=128, width=30),
    Column(
        "credit_code",
        _("统一社会信用代码"),
        required=True,
        width=22,
        validators=[validate_credit_code],
        help=_("18 位，大小写和空格不限"),
    ),
    Column("industry", _("行业"), CHOICE, required=True, choices=Enterprise.Industry.choices),
    Column("legal_rep_name", _("法定代表人"), max_length=32),
    Column("legal_rep_id_number", _("法定代表人身份证号"), width=22, validators=[validate_id_number]),
    Column("legal_rep_phone", _("法定代表人电话"), max_length=32),
    Column("address", _("地址"), max_length=200, width=30),
    Column("industrial_park", _("所在园区"), max_length=64),
    Column("headcount", _("职工人数"), INT, min_value=0),
    Column("migrant_worker_count", _("农民工人数"), INT, min_value=0),
    Column("has_trade_union", _("已建工会"), BOOL),
    Column("has_collective_contract", _("已签集体合同"), BOOL),
]

ENTERPRISE_EXPORT = [
    *ENTERPRISE_IMPORT,
    Column("status", _("状态"), CHOICE, choices=Enterprise.Status.choices),
    Column("star_rating", _("星级"), INT),
    Column("rated_on", _("评定日期"), DATE),
    Column("is_listed", _("在失信名单中"), BOOL),
]

PROJECT_IMPORT = [
    Column("name", _("项目名称"), required=True, max_length=200, width=30),
    Column("kind", _("工程类别"), CHOICE, required=True, choices=Project.Kind.choices),
    Column("location", _("建设地点"), max_length=200),
    Column("permit_number", _("施工许可证号"), max_length=64),
    Column(
        "construction_unit_code",
        _("建设单位统一社会信用代码"),
        required=True,
        width=22,
        validators=[validate_credit_code],
        help=_("须已在企业库中登记"),
    ),
    Column(
        "general_contractor_code",
        _("总包单位统一社会信用代码"),
        required=True,
        width=22,
        validators=[validate_credit_code],
        help=_("须已在企业库中登记"),
    ),
    Column("management_invested", _("管委会投资项目"), BOOL),
    Column("responsible_person", _("项目负责人"), max_length=64, help=_("管委会投资项目必填")),
    Column("approving_unit", _("审批单位"), max_length=64),
    Column("approved_on", _("审批（施工许可）日期"), DATE),
    Column("start_date", _("开工日期"), DATE),
    Column("planned_end_date", _("计划竣工日期"), DATE),
    Column("contract_value", _("合同金额（元）"), DECIMAL, required=True, min_value=0),
    Column("worker_count", _("用工人数"), INT, min_value=0),
    Column("wage_supervisor", _("劳资专管员"), max_length=32),
    Column("wage_account_number", _("农民工工资专用账户"), max_length=40, width=22),
    Column("wage_account_bank", _("开户银行"), max_length=64),
    Column("labour_filed", _("已用工备案"), BOOL),
    Column("real_name_management", _("已实行实名制管理"), BOOL),
    Column("notice_board", _("已设维权信息告示牌"), BOOL),
    Column("contractor_had_arrears", _("总包单位近一年有拖欠工资行为"), BOOL),
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


# One example row in each import template, so the user sees the expected forms.
ENTERPRISE_EXAMPLE = {
    "name": "柳州示例建筑劳务有限公司",
    "credit_code": "91450200MA5K12347H",
    "industry": Enterprise.Industry.CONSTRUCTION,
    "legal_rep_name": "韦建国",
    "legal_rep_id_number": "450204199003071236",
    "legal_rep_phone": "13877200001",
    "address": "柳州市柳东新区新柳大道 1 号",
    "industrial_park": "柳东新区汽车城",
    "headcount": 120,
    "migrant_worker_count": 80,
    "has_trade_union": True,
    "has_collective_contract": False,
}
PROJECT_EXAMPLE = {
    "name": "柳东新区示例安置房项目一标段",
    "kind": Project.Kind.BUILDING,
    "location": "柳东新区官塘大道",
    "construction_unit_code": "91450200MA5K12347H",
    "general_contractor_code": "91450200MA5K12347H",
    "management_invested": False,
    "approved_on": "2026-09-25",
    "start_date": "2026-10-08",
    "contract_value": "32000000.00",
    "worker_count": 150,
    "labour_filed": True,
    "real_name_management": True,
    "notice_board": True,
    "contractor_had_arrears": False,
}
