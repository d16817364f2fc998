"""Excel in for wage-payment monitoring (DESIGN.md section 11): the real-name roster, the monthly wage sheet
(the subcontractor's template or the bank's payroll file) and the bank statement of the special account.

Each `*_check` reads the whole upload with openpyxl in read-only mode (liudong_wages.excel.read_workbook),
checks every row against the columns, the model's rules and the roster, and returns an ImportResult whose
errors name each bad row in Chinese (“第 12 行：身份证号校验位不正确”). Callers save nothing unless `ok`;
the save goes through the services (bulk writes). The roster is read once per check, so a 2,000-line sheet
costs a handful of queries, not one per line.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from openpyxl.utils import get_column_letter

from liudong_wages.downloads import content_disposition
from liudong_wages.excel import (
    BOOL,
    DATE,
    DECIMAL,
    XLSX_CONTENT_TYPE,
    Column,
    ImportResult,
    RowError,
    read_workbook,
    template_workbook,
)

from ..models import Payroll, Project, ProjectWorker, month_start
from ..services.payroll import line_errors
from ..services.roster import WORKER_FIELDS, employer_lookup, project_employer_ids, worker_errors
from ..validators import normalize_code, validate_id_number

ROSTER_COLUMNS = [
    Column("name", _lazy("姓名"), required=True, max_length=32, width=12),
    Column(
        "id_number",
        _lazy("身份证号"),
        required=True,
        width=22,
        validators=[validate_id_number],
        help=_lazy("居民身份证或港澳台居民居住证、外国人永久居留身份证号码；请以文本格式填写"),
    ),
    Column("phone", _lazy("手机号码"), max_length=32, width=14),
    Column("bank_card", _lazy("工资卡号"), max_length=32, width=22, help=_lazy("本人银行卡，以文本格式填写")),
    Column("bank_name", _lazy("开户银行"), max_length=64, width=18),
    Column(
        "employer",
        _lazy("用工单位"),
        required=True,
        max_length=128,
        width=28,
        help=_lazy("本项目总包单位或分包单位的名称或统一社会信用代码"),
    ),
    Column("team", _lazy("班组"), max_length=64),
    Column("trade", _lazy("工种"), max_length=32),
    Column("contract_signed", _lazy("已签劳动合同"), BOOL),
    Column("contract_signed_on", _lazy("合同签订日期"), DATE),
    Column("started_on", _lazy("进场日期"), DATE),
    Column("left_on", _lazy("退场日期"), DATE),
]

PAYROLL_COLUMNS = [
    Column("name", _lazy("姓名"), required=True, max_length=32, width=12),
    Column(
        "id_number", _lazy("身份证号"), required=True, width=22, help=_lazy("与花名册一致，以文本格式填写")
    ),
    Column("days_worked", _lazy("出勤天数"), DECIMAL, min_value=0),
    Column("payable", _lazy("应发工资"), DECIMAL, required=True, min_value=0),
    Column("paid", _lazy("实发工资"), DECIMAL, required=True, min_value=0),
    Column("paid_on", _lazy("发放日期"), DATE),
    Column("bank_reference", _lazy("银行流水号"), max_length=64, width=20),
    Column(
        "outside_special_account",
        _lazy("未经专用账户发放"),
        BOOL,
        help=_lazy("现金或其他账户发放的填“是”"),
    ),
    Column("note", _lazy("备注"), max_length=200, width=24, help=_lazy("实发多于应发的须说明原因")),
]

# The bank's payroll file (代发工资明细) as the district's banks export it: paid amounts per card.
BANK_PAYROLL_COLUMNS = [
    Column("name", _lazy("户名"), required=True, max_length=32, width=12),
    Column("bank_card", _lazy("账号"), required=True, max_length=32, width=22),
    Column("id_number", _lazy("证件号码"), width=22),
    Column("paid", _lazy("金额"), DECIMAL, required=True, min_value=0),
    Column("payable", _lazy("应发金额"), DECIMAL, min_value=0, help=_lazy("留空视为与代发金额相同")),
    Column("paid_on", _lazy("交易日期"), DATE),
    Column("bank_reference", _lazy("交易流水号"), max_length=64, width=20),
    Column("note", _lazy("摘要"), max_length=200, width=24),
]

# The special account's statement (账户交易明细): credits are the labour costs paid in.
STATEMENT_COLUMNS = [
    Column("transferred_on", _lazy("交易日期"), DATE, required=True),
    Column("amount", _lazy("收入金额"), DECIMAL, min_value=0, help=_lazy("支出行（无收入金额）不导入")),
    Column("bank_reference", _lazy("交易流水号"), required=True, max_length=64, width=22),
    Column("payer", _lazy("对方户名"), max_length=128, width=28),
    Column("note", _lazy("摘要"), max_length=200, width=24),
    Column("period", _lazy("所属月份"), help=_lazy("如 2026-10；留空按交易日期所在月份")),
]

TEXT_KEYS = {"id_number", "bank_card", "bank_reference"}


# --- templates ----------------------------------------------------------------------------------------------


def _response(filename: str, columns, title: str, instructions, examples) -> FileResponse:
    workbook = template_workbook(columns=columns, title=title, instructions=instructions, examples=examples)
    worksheet = workbook.worksheets[0]
    # Long numbers typed into a number cell lose their last digits (Excel keeps 15): text format.
    for index, column in enumerate(columns, start=1):
        if column.key in TEXT_KEYS:
            worksheet.column_dimensions[get_column_letter(index)].number_format = "@"
    spool = tempfile.SpooledTemporaryFile(max_size=2 * 1024 * 1024)  # noqa: SIM115 (the response closes it)
    workbook.save(spool)
    spool.seek(0)
    response = FileResponse(spool, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def roster_template_response(project: Project) -> FileResponse:
    return _response(
        _("实名制花名册模板.xlsx"),
        ROSTER_COLUMNS,
        _("花名册"),
        [
            _("用工单位填写本项目总包单位或分包单位的名称或统一社会信用代码：%(names)s")
            % {"names": "、".join(sorted({e.name for e in employer_lookup(project).values()}))},
            _("再次导入时按身份证号更新已有人员，不会重复登记；退场人员填写退场日期，不要删除。"),
        ],
        [],
    )


def payroll_template_response(project: Project) -> FileResponse:
    return _response(
        _("工资支付表模板.xlsx"),
        PAYROLL_COLUMNS,
        _("工资支付表"),
        [
            _("每人一行，人员须已在本项目花名册中，身份证号与花名册一致。"),
            _("实发多于应发的，须在备注中说明；当月前已退场的人员不应列入。"),
        ],
        [],
    )


def statement_template_response(project: Project) -> FileResponse:
    return _response(
        _("专用账户流水模板.xlsx"),
        STATEMENT_COLUMNS,
        _("账户流水"),
        [_("只导入收入（人工费用拨付）行；同一交易流水号只登记一次。")],
        [],
    )


# --- checks -------------------------------------------------------------------------------------------------


def _finish(result: ImportResult, errors: dict[int, list[str]]) -> ImportResult:
    merged = {error.row: error for error in result.errors}
    for row, messages in errors.items():
        if not messages:
            continue
        if row in merged:
            merged[row].messages.extend(messages)
        else:
            merged[row] = RowError(row, list(messages))
    return ImportResult(
        rows=[row for row in result.rows if row["_row"] not in merged],
        errors=sorted(merged.values(), key=lambda error: error.row),
    )


def _model_errors(instance, exclude: list[str]) -> list[str]:
    try:
        # Constraints are checked by the rules above and by the database; validating them here would cost a
        # query per row.
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        names = {f.name for f in instance._meta.fields}
        return [
            f"“{instance._meta.get_field(field).verbose_name}”{'；'.join(messages)}"
            if field in names
            else "；".join(messages)
            for field, messages in error.message_dict.items()
        ]
    return []


def roster_check(upload, *, project: Project, today: dt.date | None = None) -> ImportResult:
    today = today or timezone.localdate()
    result = read_workbook(upload, ROSTER_COLUMNS, sheet_title=_("花名册"))
    employers = employer_lookup(project)
    employer_ids = project_employer_ids(project)
    first_row: dict[str, int] = {}
    errors: dict[int, list[str]] = {}
    for row in result.rows:
        messages = errors.setdefault(row["_row"], [])
        row["id_number"] = normalize_code(row["id_number"])
        row["bank_card"] = normalize_code(row["bank_card"])
        row["contract_signed"] = bool(row["contract_signed"]) or row["contract_signed_on"] is not None
        key = row["id_number"]
        if key in first_row:
            messages.append(_("身份证号与第 %(row)d 行重复") % {"row": first_row[key]})
        first_row.setdefault(key, row["_row"])
        employer = employers.get(normalize_code(row["employer"])) or employers.get(row["employer"].strip())
        if employer is None:
            messages.append(_("用工单位“%(name)s”不是本项目的总包单位或分包单位") % {"name": row["employer"]})
            continue
        row["employer"] = employer
        worker = ProjectWorker(project=project, **{k: v for k, v in row.items() if k in WORKER_FIELDS})
        for field_messages in worker_errors(worker, employer_ids=employer_ids, today=today).values():
            messages.extend(field_messages)
        messages.extend(_model_errors(worker, exclude=["project", "employer", "id_number"]))
    return _finish(result, errors)


def payroll_check(
    upload, *, project: Project, month: dt.date, source: str = Payroll.Source.TEMPLATE
) -> ImportResult:
    """Check a wage sheet for `month` against the roster. Refused (DESIGN.md section 11): a worker not on
    the roster, an ID number or name that does not match it, paid above payable without a note, a worker
    who had left before the month, the same worker twice."""
    month = month_start(month)
    bank = source == Payroll.Source.BANK
    result = read_workbook(
        upload,
        BANK_PAYROLL_COLUMNS if bank else PAYROLL_COLUMNS,
        sheet_title=None if bank else _("工资支付表"),
    )
    roster = list(ProjectWorker.objects.filter(project=project))
    by_id = {worker.id_number: worker for worker in roster}
    by_card = {worker.bank_card: worker for worker in roster if worker.bank_card}
    seen: dict[int, int] = {}
    errors: dict[int, list[str]] = {}
    for row in result.rows:
        messages = errors.setdefault(row["_row"], [])
        name = row["name"].strip()
        id_number = normalize_code(row.get("id_number"))
        worker = None
        if bank:
            card = normalize_code(row["bank_card"])
            worker = by_card.get(card)
            if worker is None and id_number:
                worker = by_id.get(id_number)
                if worker is not None:
                    messages.append(_("账号与花名册中 %(name)s 登记的工资卡号不一致") % {"name": worker.name})
            elif worker is not None and id_number and worker.id_number != id_number:
                messages.append(
                    _("证件号码与花名册中该账号持有人（%(name)s）的身份证号不一致") % {"name": worker.name}
                )
            if row.get("payable") is None:
                row["payable"] = row["paid"]
        else:
            worker = by_id.get(id_number)
        if worker is None:
            messages.append(_("%(name)s 不在本项目花名册中，请先登记花名册") % {"name": name})
            continue
        if worker.name != name:
            messages.append(
                _("姓名“%(name)s”与花名册中该身份证号的人员“%(roster)s”不一致（身份证号不符）")
                % {"name": name, "roster": worker.name}
            )
        if worker.pk in seen:
            messages.append(_("%(name)s 与第 %(row)d 行重复") % {"name": worker.name, "row": seen[worker.pk]})
        seen.setdefault(worker.pk, row["_row"])
        messages.extend(
            line_errors(
                worker=worker,
                project=project,
                month=month,
                payable=row["payable"],
                paid=row["paid"],
                note=row.get("note") or "",
                days_worked=row.get("days_worked"),
            )
        )
        row["worker"] = worker
        row.setdefault("outside_special_account", False)
    return _finish(result, errors)


_PERIOD = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")


def statement_check(upload, *, today: dt.date | None = None) -> ImportResult:
    """Check a statement of the special account; debit rows (no income amount) are left out."""
    today = today or timezone.localdate()
    result = read_workbook(upload, STATEMENT_COLUMNS, sheet_title=_("账户流水"))
    errors: dict[int, list[str]] = {}
    first_row: dict[str, int] = {}
    credits: list[dict[str, Any]] = []
    for row in result.rows:
        messages = errors.setdefault(row["_row"], [])
        if row["amount"] is None or row["amount"] == 0:
            continue  # a debit: wages paid out of the account
        reference = row["bank_reference"].strip()
        row["bank_reference"] = reference
        if reference in first_row:
            messages.append(_("交易流水号与第 %(row)d 行重复") % {"row": first_row[reference]})
        first_row.setdefault(reference, row["_row"])
        if row["transferred_on"] > today:
            messages.append(_("交易日期不能晚于今天"))
        period = (row.get("period") or "").strip()
        if period:
            match = _PERIOD.match(period)
            try:
                row["period"] = dt.date(int(match.group(1)), int(match.group(2)), 1) if match else None
            except ValueError:
                row["period"] = None
            if row["period"] is None:
                messages.append(_("“所属月份”应写作 2026-10"))
        else:
            row["period"] = None
        credits.append(row)
    checked = _finish(ImportResult(rows=credits, errors=result.errors), errors)
    if not checked.rows and not checked.errors:
        raise ValidationError(_("流水中没有收入记录（人工费用拨付）。"))
    return checked
