"""Excel of the fund: the applications list and the statement, from Column definitions (liudong_wages.excel).
Renderers take rows, never a queryset: the functions here turn querysets into rows first."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from liudong_wages.excel import CHOICE, DATE, DECIMAL, Column, Sheet

from .models import AdvanceApplication, LedgerEntry
from .selectors import Statement


def _choices(choices) -> list[tuple[str, str]]:
    # openpyxl takes plain str only, not lazy translations.
    return [(value, str(label)) for value, label in choices]


def application_columns() -> list[Column]:
    return [
        Column("number", _("申请编号"), width=14),
        Column("case", _("案件编号"), width=16),
        Column("respondent", _("被投诉单位"), width=30),
        Column("status", _("状态"), CHOICE, choices=_choices(AdvanceApplication.Status.choices), width=14),
        Column(
            "ground", _("垫付情形"), CHOICE, choices=_choices(AdvanceApplication.Ground.choices), width=28
        ),
        Column("workers", _("人数"), width=8),
        Column("requested", _("申请金额"), DECIMAL),
        Column("approved", _("批准金额"), DECIMAL),
        Column("paid", _("已垫付"), DECIMAL),
        Column("recovered", _("已追回"), DECIMAL),
        Column("written_off", _("已核销"), DECIMAL),
        Column("outstanding", _("待收回"), DECIMAL),
        Column("created", _("创建日期"), DATE, width=12),
    ]


def application_rows(queryset) -> Iterator[dict]:
    from django.db.models import Count
    from django.utils import timezone

    for app in queryset.annotate(worker_count=Count("lines__worker_name", distinct=True)).iterator(
        chunk_size=500
    ):
        yield {
            "number": app.number,
            "case": app.case.number,
            "respondent": app.case.respondent,
            "status": app.status,
            "ground": app.ground,
            "workers": app.worker_count,
            "requested": app.total_requested,
            "approved": app.approved_amount,
            "paid": app.paid_amount,
            "recovered": app.recovered_amount,
            "written_off": app.written_off_amount,
            "outstanding": app.outstanding,
            "created": timezone.localdate(app.created_at),
        }


def statement_columns() -> list[Column]:
    return [
        Column("date", _("日期"), DATE, width=12),
        Column("kind", _("类型"), CHOICE, choices=_choices(LedgerEntry.Kind.choices), width=10),
        Column("document_ref", _("凭证或文件号"), width=24),
        Column("application", _("垫付申请"), width=14),
        Column("note", _("摘要"), width=36),
        Column("inflow", _("收入"), DECIMAL),
        Column("outflow", _("支出"), DECIMAL),
        Column("balance", _("余额"), DECIMAL),
    ]


def summary_columns() -> list[Column]:
    return [Column("item", _("项目"), width=30), Column("amount", _("金额"), DECIMAL)]


def statement_sheets(result: Statement) -> list[Sheet]:
    rows: list[dict[str, Any]] = [
        {"date": result.start, "note": _("期初余额"), "balance": result.opening},
        *(
            {
                "date": row.entry.entry_date,
                "kind": row.entry.kind,
                "document_ref": row.entry.document_ref,
                "application": row.entry.application.number if row.entry.application else "",
                "note": row.entry.note,
                "inflow": row.inflow or None,
                "outflow": row.outflow or None,
                "balance": row.balance,
            }
            for row in result.rows
        ),
        {
            "date": result.end,
            "note": _("本期合计 / 期末余额"),
            "inflow": result.inflow,
            "outflow": result.outflow,
            "balance": result.closing,
        },
    ]
    kinds = LedgerEntry.Kind
    summary = [
        {"item": _("期初余额"), "amount": result.opening},
        {"item": _("本期财政拨入"), "amount": result.totals[kinds.APPROPRIATION]},
        {"item": _("本期垫付支出"), "amount": result.totals[kinds.ADVANCE_PAYMENT]},
        {"item": _("本期追回"), "amount": result.totals[kinds.RECOVERY]},
        {"item": _("期末余额"), "amount": result.closing},
        {"item": _("期初待收回垫付款"), "amount": result.opening_advances},
        {"item": _("本期核销"), "amount": result.totals[kinds.WRITE_OFF]},
        {"item": _("期末待收回垫付款"), "amount": result.closing_advances},
    ]
    return [
        Sheet(_("收支明细"), statement_columns(), rows),
        Sheet(_("汇总"), summary_columns(), summary),
    ]
