"""Excel import of enterprises and projects, with their templates' columns and example rows: every row is
checked (columns, then the model's own rules, then duplicates within the file and against the registry), each
bad row is reported in Chinese, and nothing is saved unless every row is good."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from liudong_wages.excel import (
    BOOL,
    CHOICE,
    DATE,
    DECIMAL,
    INT,
    Column,
    ImportResult,
    RowError,
    read_workbook,
)
from liudong_wages.models import User

from .. import services
from ..models import Enterprise, Project
from ..validators import normalize_code, validate_credit_code, validate_id_number

# The templates' columns: the header a user fills in and the check of each uploaded cell (liudong_wages.excel).
ENTERPRISE_IMPORT = [
    Column("name", _lazy("企业名称"), required=True, max_length=128, width=30),
    Column(
        "credit_code",
        _lazy("统一社会信用代码"),
        required=True,
        width=22,
        validators=[validate_credit_code],
        help=_lazy("18 位，大小写和空格不限"),
    ),
    Column("industry", _lazy("行业"), CHOICE, required=True, choices=Enterprise.Industry.choices),
    Column("legal_rep_name", _lazy("法定代表人"), max_length=32),
    Column("legal_rep_id_number", _lazy("法定代表人身份证号"), width=22, validators=[validate_id_number]),
    Column("legal_rep_phone", _lazy("法定代表人电话"), max_length=32),
    Column("address", _lazy("地址"), max_length=200, width=30),
    Column("industrial_park", _lazy("所在园区"), max_length=64),
    Column("headcount", _lazy("职工人数"), INT, min_value=0),
    Column("migrant_worker_count", _lazy("农民工人数"), INT, min_value=0),
    Column("has_trade_union", _lazy("已建工会"), BOOL),
    Column("has_collective_contract", _lazy("已签集体合同"), BOOL),
]

PROJECT_IMPORT = [
    Column("name", _lazy("项目名称"), required=True, max_length=200, width=30),
    Column("kind", _lazy("工程类别"), CHOICE, required=True, choices=Project.Kind.choices),
    Column("location", _lazy("建设地点"), max_length=200),
    Column("permit_number", _lazy("施工许可证号"), max_length=64),
    Column(
        "construction_unit_code",
        _lazy("建设单位统一社会信用代码"),
        required=True,
        width=22,
        validators=[validate_credit_code],
        help=_lazy("须已在企业库中登记"),
    ),
    Column(
        "general_contractor_code",
        _lazy("总包单位统一社会信用代码"),
        required=True,
        width=22,
        validators=[validate_credit_code],
        help=_lazy("须已在企业库中登记"),
    ),
    Column("management_invested", _lazy("管委会投资项目"), BOOL),
    Column("responsible_person", _lazy("项目负责人"), max_length=64, help=_lazy("管委会投资项目必填")),
    Column("approving_unit", _lazy("审批单位"), max_length=64),
    Column("approved_on", _lazy("审批（施工许可）日期"), DATE),
    Column("start_date", _lazy("开工日期"), DATE),
    Column("planned_end_date", _lazy("计划竣工日期"), DATE),
    Column("contract_value", _lazy("合同金额（元）"), DECIMAL, required=True, min_value=0),
    Column("worker_count", _lazy("用工人数"), INT, min_value=0),
    Column("wage_supervisor", _lazy("劳资专管员"), max_length=32),
    Column("wage_account_number", _lazy("农民工工资专用账户"), max_length=40, width=22),
    Column("wage_account_bank", _lazy("开户银行"), max_length=64),
    Column("labour_filed", _lazy("已用工备案"), BOOL),
    Column("real_name_management", _lazy("已实行实名制管理"), BOOL),
    Column("notice_board", _lazy("已设维权信息告示牌"), BOOL),
    Column("contractor_had_arrears", _lazy("总包单位近一年有拖欠工资行为"), BOOL),
]

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


def _model_errors(instance, exclude: list[str] = ()) -> list[str]:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        return [
            f"“{instance._meta.get_field(field).verbose_name}”{'；'.join(messages)}"
            if field in {f.name for f in instance._meta.fields}
            else "；".join(messages)
            for field, messages in error.message_dict.items()
        ]
    return []


def _finish(result: ImportResult, errors: dict[int, list[str]]) -> ImportResult:
    extra = [RowError(row, messages) for row, messages in errors.items() if messages]
    merged = {error.row: error for error in result.errors}
    for error in extra:
        if error.row in merged:
            merged[error.row].messages.extend(error.messages)
        else:
            merged[error.row] = error
    return ImportResult(
        rows=[row for row in result.rows if row["_row"] not in merged],
        errors=sorted(merged.values(), key=lambda error: error.row),
    )


def enterprises_check(upload) -> ImportResult:
    result = read_workbook(upload, ENTERPRISE_IMPORT, sheet_title=_("企业"))
    errors: dict[int, list[str]] = {}
    for row in result.rows:
        row["credit_code"] = normalize_code(row["credit_code"])
        row["legal_rep_id_number"] = normalize_code(row["legal_rep_id_number"])
        for key in ("headcount", "migrant_worker_count"):
            row[key] = row[key] or 0
        for key in ("has_trade_union", "has_collective_contract"):
            row[key] = bool(row[key])
    codes = [row["credit_code"] for row in result.rows]
    existing = set(Enterprise.objects.filter(credit_code__in=codes).values_list("credit_code", flat=True))
    first_row: dict[str, int] = {}
    for row in result.rows:
        messages = errors.setdefault(row["_row"], [])
        code = row["credit_code"]
        if code in existing:
            messages.append(_("统一社会信用代码 %(code)s 已在企业库中登记") % {"code": code})
        if code in first_row:
            messages.append(_("统一社会信用代码与第 %(row)d 行重复") % {"row": first_row[code]})
        first_row.setdefault(code, row["_row"])
        fields = {k: v for k, v in row.items() if k in services.registry.ENTERPRISE_FIELDS}
        messages.extend(
            _model_errors(Enterprise(**fields), exclude=["credit_code"] if code in existing else [])
        )
    return _finish(result, errors)


def projects_check(upload) -> ImportResult:
    result = read_workbook(upload, PROJECT_IMPORT, sheet_title=_("工程项目"))
    codes = set()
    for row in result.rows:
        row["construction_unit_code"] = normalize_code(row["construction_unit_code"])
        row["general_contractor_code"] = normalize_code(row["general_contractor_code"])
        codes.update([row["construction_unit_code"], row["general_contractor_code"]])
        for key in ("worker_count",):
            row[key] = row[key] or 0
        for key in (
            "management_invested",
            "labour_filed",
            "real_name_management",
            "notice_board",
            "contractor_had_arrears",
        ):
            row[key] = bool(row[key])
    enterprises = {e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=codes)}
    errors: dict[int, list[str]] = {}
    for row in result.rows:
        messages = errors.setdefault(row["_row"], [])
        for key, label in (("construction_unit", _("建设单位")), ("general_contractor", _("总包单位"))):
            code = row.pop(f"{key}_code")
            enterprise = enterprises.get(code)
            if enterprise is None:
                messages.append(
                    _("%(label)s（%(code)s）未在企业库中登记，请先导入企业") % {"label": label, "code": code}
                )
            row[key] = enterprise
        if messages:
            continue
        fields = {k: v for k, v in row.items() if k in services.registry.PROJECT_FIELDS}
        project = Project(**fields)
        messages.extend(_model_errors(project))
        if project.management_invested and not project.responsible_person:
            messages.append(_("管委会投资项目须填写项目负责人"))
    return _finish(result, errors)


@transaction.atomic
def enterprises_save(*, rows: list[dict[str, Any]], by: User) -> list[Enterprise]:
    return services.enterprises_import(rows=rows, by=by)


@transaction.atomic
def projects_save(*, rows: list[dict[str, Any]], by: User) -> list[Project]:
    return services.projects_import(rows=rows, by=by)
