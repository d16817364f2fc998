"""Clues from the national 根治欠薪线索反映平台: import the platform's Excel export, answer each clue by opening
a case or closing it with a reason, export the answers in the platform's feedback columns.

An import is all or nothing: a wrong sheet, a merged header, an unknown column, a bad row or a duplicate
platform number refuses the whole file with the reasons, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from liudong_wages import excel, workdays
from liudong_wages.models import User
from liudong_wages.uploads import check_archive

from ..models import Case, CaseEvent, Clue, ClueColumn
from .case import case_receive
from .claims import ClaimData

F = ClueColumn.Field

# How each field of a clue is read from its cell.
FIELD_KINDS: dict[str, dict[str, Any]] = {
    F.PLATFORM_NUMBER: {"kind": excel.TEXT, "max_length": 64},
    F.REPORTED_ON: {"kind": excel.DATE},
    F.REPORTER_NAME: {"kind": excel.TEXT, "max_length": 64},
    F.REPORTER_ID_NUMBER: {"kind": excel.TEXT, "max_length": 18},
    F.REPORTER_PHONE: {"kind": excel.TEXT, "max_length": 32},
    F.EMPLOYER_NAME: {"kind": excel.TEXT, "max_length": 200},
    F.PROJECT_NAME: {"kind": excel.TEXT, "max_length": 200},
    F.REGION: {"kind": excel.TEXT, "max_length": 64},
    F.AMOUNT: {"kind": excel.DECIMAL, "min_value": Decimal("0")},
    F.WORKER_COUNT: {"kind": excel.INT, "min_value": 1},
    F.PERIOD: {"kind": excel.TEXT, "max_length": 64},
    F.DESCRIPTION: {"kind": excel.TEXT},
}

# The platform's feedback sheet (反馈表): its columns, in its order.
FEEDBACK_COLUMNS = [
    excel.Column("platform_number", "线索编号", width=22),
    excel.Column("status", "办理状态", width=12),
    excel.Column("result", "办理结果", width=40),
    excel.Column("answered_on", "办结时间", excel.DATE),
    excel.Column("case_number", "立案编号", width=18),
    excel.Column("recovered", "追回金额（元）", excel.DECIMAL),
    excel.Column("workers", "涉及人数", excel.INT),
    excel.Column("office", "承办单位", width=30),
]
OFFICE = "柳东新区人力资源和社会保障局"
FEEDBACK_SHEET = "线索反馈"


def clue_columns() -> list[excel.Column]:
    """The import's columns, from the mapping the office keeps in the admin."""
    return [
        excel.Column(
            column.field,
            column.header,
            required=column.required,
            width=18,
            **FIELD_KINDS[column.field],
        )
        for column in ClueColumn.objects.all()
    ]


def clue_answer_due(imported_on: dt.date) -> dt.date:
    return workdays.add_working_days(imported_on, settings.LIUDONG["CLUE_ANSWER_WORKING_DAYS"])


def _header_text(value: Any) -> str:
    return str(value).strip().rstrip("*＊").strip() if value is not None else ""


def _check_layout(upload, columns: Sequence[excel.Column]) -> str:
    """The name of the sheet to read, or ValidationError with the reason the file's layout is refused."""
    upload.seek(0)
    if upload.read(4) != b"PK\x03\x04":
        raise ValidationError(_("文件不是有效的 Excel（.xlsx）文件，请上传平台导出的线索表。"))
    check_archive(upload)
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=False, data_only=True)
    except Exception:
        raise ValidationError(_("文件不是有效的 Excel（.xlsx）文件，请上传平台导出的线索表。")) from None
    try:
        number_header = next(str(c.header) for c in columns if c.key == F.PLATFORM_NUMBER)
        sheet = None
        for worksheet in workbook.worksheets:
            header = [_header_text(cell.value) for cell in next(worksheet.iter_rows(max_row=1), ())]
            if number_header in header:
                sheet = worksheet
                break
        if sheet is None:
            raise ValidationError(
                _(
                    "没有找到线索工作表：工作表“%(sheets)s”的第一行都没有“%(header)s”列。请上传平台导出的线索表。"
                )
                % {"sheets": "、".join(workbook.sheetnames), "header": number_header}
            )
        merged = [str(r) for r in sheet.merged_cells.ranges if r.min_row <= 1]
        if merged:
            raise ValidationError(
                _("表头有合并单元格（%(cells)s）：请取消合并，每列一个表头。") % {"cells": "、".join(merged)}
            )
        known = {str(c.header) for c in columns}
        header = [_header_text(cell.value) for cell in sheet[1]]
        unknown = [name for name in header if name and name not in known]
        if unknown:
            raise ValidationError(
                _("表头有无法识别的列：%(columns)s。如平台调整了列名，请在后台“线索导入列”中对应。")
                % {"columns": "、".join(unknown)}
            )
        seen = set()
        for name in header:
            if name and name in seen:
                raise ValidationError(_("表头“%(column)s”出现了两次。") % {"column": name})
            seen.add(name)
        return sheet.title
    finally:
        workbook.close()


@transaction.atomic
def clues_import(*, upload, by: User, on: dt.date | None = None) -> list[Clue]:
    """Import every row of the platform's export, or none: the reasons come back as a ValidationError whose
    messages name the rows."""
    on = on or timezone.localdate()
    columns = clue_columns()
    sheet = _check_layout(upload, columns)
    result = excel.read_workbook(upload, columns, sheet_title=sheet)
    errors = excel.row_errors_as_text(result.errors)
    numbers = [row["platform_number"] for row in result.rows]
    existing = set(Clue.objects.filter(platform_number__in=numbers).values_list("platform_number", flat=True))
    seen: dict[str, int] = {}
    for row in result.rows:
        number = row["platform_number"]
        if number in existing:
            errors.append(
                _("第 %(row)d 行：线索编号 %(number)s 已导入过，不能重复导入。")
                % {"row": row["_row"], "number": number}
            )
        elif number in seen:
            errors.append(
                _("第 %(row)d 行：线索编号 %(number)s 与第 %(first)d 行重复。")
                % {"row": row["_row"], "number": number, "first": seen[number]}
            )
        seen.setdefault(number, row["_row"])
        if row.get("reported_on") and row["reported_on"] > on:
            errors.append(_("第 %(row)d 行：反映日期晚于今天。") % {"row": row["_row"]})
    if errors:
        raise ValidationError(errors)
    due = clue_answer_due(on)
    clues = []
    for row in result.rows:
        clue = Clue(
            **{k: v for k, v in row.items() if not k.startswith("_") and v is not None},
            imported_on=on,
            answer_due=due,
            created_by=by,
        )
        clue._history_user = by
        try:
            clue.full_clean()
        except ValidationError as error:
            errors.append(
                _("第 %(row)d 行：%(reasons)s") % {"row": row["_row"], "reasons": "；".join(error.messages)}
            )
            continue
        clues.append(clue)
    if errors:
        raise ValidationError(errors)
    for clue in clues:
        clue.save()
    return clues


def _lock(clue: Clue) -> Clue:
    clue = Clue.objects.select_for_update(of=("self",)).get(pk=clue.pk)
    if clue.status != Clue.Status.OPEN:
        raise ValidationError(_("该线索已办理（%(status)s）。") % {"status": clue.get_status_display()})
    return clue


@transaction.atomic
def clue_to_case(
    *,
    clue: Clue,
    by: User,
    period_start: dt.date,
    period_end: dt.date,
    enterprise=None,
    handler: User | None = None,
    on: dt.date | None = None,
) -> Case:
    """Open a case from a clue: the reporter is the first worker claim with the amount the clue names."""
    on = on or timezone.localdate()
    clue = _lock(clue)
    claims = []
    if clue.amount > 0:
        claims.append(
            ClaimData(
                name=clue.reporter_name,
                id_number=clue.reporter_id_number,
                phone=clue.reporter_phone,
                amount_owed=clue.amount,
                note=_("平台线索 %(number)s，反映 %(count)d 人")
                % {"number": clue.platform_number, "count": clue.worker_count},
            )
        )
    case = case_receive(
        by=by,
        source=Case.Source.PLATFORM_CLUE,
        received_on=on,
        enterprise=enterprise,
        respondent_name="" if enterprise else clue.employer_name,
        summary=clue.description
        or _("平台线索：%(employer)s 拖欠 %(count)d 人工资")
        % {"employer": clue.employer_name, "count": clue.worker_count},
        period_start=period_start,
        period_end=period_end,
        handler=handler,
        complainant_name=clue.reporter_name,
        complainant_phone=clue.reporter_phone,
        mass_incident_risk=clue.worker_count >= settings.LIUDONG["MANY_WORKERS"],
        claims=claims,
        note=_("根治欠薪线索反映平台线索 %(number)s") % {"number": clue.platform_number},
    )
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.LINKED,
        by=by,
        on=on,
        note=_("平台线索 %(number)s") % {"number": clue.platform_number},
        data={"what": "clue", "id": clue.pk},
    )
    clue.status = Clue.Status.CASE
    clue.case = case
    clue.answered_on = on
    clue.answer = _("已受理立案调查，案件编号 %(number)s。") % {"number": case.number}
    clue._history_user = by
    clue.full_clean()
    clue.save()
    return case


@transaction.atomic
def clue_close(*, clue: Clue, by: User, reason: str, on: dt.date | None = None) -> Clue:
    """Close a clue without a case (paid on the spot, not wage arrears, another district's), with the reason
    the platform is told."""
    on = on or timezone.localdate()
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("请填写办结理由，该理由将反馈至平台。")})
    if on > timezone.localdate():
        raise ValidationError(_("办结日期不能晚于今天。"))
    clue = _lock(clue)
    if on < clue.imported_on:
        raise ValidationError(_("办结日期不能早于导入日期。"))
    clue.status = Clue.Status.CLOSED
    clue.answer = reason
    clue.answered_on = on
    clue._history_user = by
    clue.full_clean()
    clue.save()
    return clue


def clue_feedback_rows(clues) -> list[dict[str, Any]]:
    """The feedback sheet's rows for answered clues (those still open are not reported yet)."""
    rows = []
    for clue in clues:
        case = clue.case
        rows.append(
            {
                "platform_number": clue.platform_number,
                "status": str(Clue.Status(clue.status).label),
                "result": clue.answer,
                "answered_on": clue.answered_on,
                "case_number": case.number if case else "",
                "recovered": case.total_paid if case else Decimal("0.00"),
                "workers": case.worker_count if case else clue.worker_count,
                "office": OFFICE,
            }
        )
    return rows
