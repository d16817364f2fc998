"""Excel import of enterprises and projects: every row is checked (columns, then the model's own rules, then
duplicates within the file and against the registry), each bad row is reported in Chinese, and nothing is
saved unless every row is good."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from liudong_wages.excel import ImportResult, RowError, read_workbook
from liudong_wages.models import User

from . import services
from .columns import ENTERPRISE_IMPORT, PROJECT_IMPORT
from .models import Enterprise, Project
from .validators import normalize_code


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
