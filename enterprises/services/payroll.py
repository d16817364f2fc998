"""Monthly wage sheets (工资支付表, DESIGN.md section 11): imported as a draft from the subcontractor's sheet or
the bank's payroll file, submitted, checked by the office or the construction bureau's liaison, marked paid.
A sheet that was submitted is never edited: `payroll_correct` makes a new version and marks the old one
superseded, in one transaction, so exactly one version is in force for each project and month.

Lines are written in bulk (a sheet of 2,000 workers in a few statements) together with the sheet's totals,
which lists, the dashboard and the bulletin read instead of summing the lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages.locks import lock_row
from liudong_wages.models import User
from liudong_wages.money import ZERO

from ..models import Event, Payroll, PayrollLine, Project, ProjectWorker, month_start
from .events import event_write

# What a money column (14 digits, 2 decimals) holds: anything larger is a typing error, refused by row.
MAX_AMOUNT = Decimal("1000000000000")
S = Payroll.Status


def line_errors(
    *,
    worker: ProjectWorker,
    project: Project,
    month: dt.date,
    payable,
    paid,
    note: str,
    days_worked=None,
) -> list[str]:
    """DESIGN.md section 11's refusals that depend on the worker and the amounts (the import adds those that
    depend on how the file names the worker: not on the roster, an ID that does not match)."""
    errors = []
    if worker.project_id != project.pk:
        errors.append(_("%(name)s 不在本项目花名册中") % {"name": worker.name})
    if worker.left_on is not None and worker.left_on < month:
        errors.append(
            _("%(name)s 已于 %(date)s 退场，不应列入 %(month)s 的工资支付表")
            % {
                "name": worker.name,
                "date": date_format(worker.left_on),
                "month": date_format(month, "YEAR_MONTH_FORMAT"),
            }
        )
    if payable is not None and paid is not None and paid > payable and not (note or "").strip():
        errors.append(_("实发工资多于应发工资，须在备注中说明原因"))
    if any(amount is not None and not (ZERO <= amount < MAX_AMOUNT) for amount in (payable, paid)):
        errors.append(_("金额应在 0 至 %(max)s 元之间") % {"max": MAX_AMOUNT})
    if days_worked is not None and not (0 <= days_worked <= 31):
        errors.append(_("出勤天数应在 0 至 31 天之间"))
    return errors


def _lock(payroll: Payroll) -> Payroll:
    return lock_row(payroll)


def _build_lines(
    payroll: Payroll, rows: Sequence[Mapping[str, Any]]
) -> tuple[list[PayrollLine], dict[str, Any]]:
    lines = []
    seen: set[int] = set()
    errors = []
    for index, row in enumerate(rows, start=1):
        worker: ProjectWorker = row["worker"]
        label = row.get("_row", index)
        if worker.pk in seen:
            errors.append(_("第 %(row)s 行：%(name)s 在本表中重复") % {"row": label, "name": worker.name})
            continue
        seen.add(worker.pk)
        line = PayrollLine(
            payroll=payroll,
            worker=worker,
            days_worked=row.get("days_worked") or ZERO,
            payable=row["payable"],
            paid=row.get("paid") or ZERO,
            paid_on=row.get("paid_on"),
            bank_reference=(row.get("bank_reference") or "").strip(),
            outside_special_account=bool(row.get("outside_special_account")),
            note=(row.get("note") or "").strip(),
        )
        for message in line_errors(
            worker=worker,
            project=payroll.project,
            month=payroll.month,
            payable=line.payable,
            paid=line.paid,
            note=line.note,
            days_worked=line.days_worked,
        ):
            errors.append(_("第 %(row)s 行：%(reason)s") % {"row": label, "reason": message})
        lines.append(line)
    if errors:
        raise ValidationError(errors)
    if not lines:
        raise ValidationError(_("工资支付表没有任何人员。"))
    totals = {
        "worker_count": len(lines),
        "total_payable": sum((line.payable for line in lines), ZERO),
        "total_paid": sum((line.paid for line in lines), ZERO),
        "total_outside": sum((line.paid for line in lines if line.outside_special_account), ZERO),
        "unpaid_workers": sum(1 for line in lines if line.paid < line.payable),
    }
    return lines, totals


def _write_lines(payroll: Payroll, lines: list[PayrollLine], totals: Mapping[str, Any]) -> None:
    for name, value in totals.items():
        setattr(payroll, name, value)
    payroll.save(update_fields=[*totals, "updated_at"])
    PayrollLine.objects.bulk_create(lines, batch_size=1000)


@transaction.atomic
def payroll_import(
    *,
    project: Project,
    month: dt.date,
    rows: Sequence[Mapping[str, Any]],
    by: User | None,
    source: str = Payroll.Source.TEMPLATE,
    note: str = "",
) -> Payroll:
    """Create the month's sheet as a draft from checked rows, or replace the lines of the month's draft.
    A sheet already submitted is corrected with `payroll_correct` instead."""
    month = month_start(month)
    if month > month_start(timezone.localdate()):
        raise ValidationError(_("不能导入未来月份的工资支付表。"))
    if project.start_date and month < month_start(project.start_date):
        raise ValidationError(
            _("项目于 %(date)s 开工，不能导入 %(month)s 的工资支付表。")
            % {"date": date_format(project.start_date), "month": date_format(month, "YEAR_MONTH_FORMAT")}
        )
    current = Payroll.objects.select_for_update().current().filter(project=project, month=month).first()
    if current is not None and current.status != S.DRAFT:
        raise ValidationError(
            _("%(month)s 的工资支付表已%(status)s，不能再导入；如需修改请“更正”生成新版本。")
            % {"month": date_format(month, "YEAR_MONTH_FORMAT"), "status": current.get_status_display()}
        )
    if current is None:
        last = Payroll.objects.filter(project=project, month=month).order_by("-version").first()
        payroll = Payroll(
            project=project,
            month=month,
            version=(last.version + 1) if last else 1,
            source=source,
            note=note,
            created_by=by,
        )
        payroll._history_user = by
        payroll.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                payroll.save()
        except IntegrityError:
            # Two imports of the same month at the same moment: the other one won.
            raise ValidationError(_("该月工资支付表刚刚由他人导入，请刷新后重试。")) from None
    else:
        payroll = current
        payroll.lines.all().delete()
        payroll.source = source
        payroll.note = note or payroll.note
        payroll._history_user = by
        payroll.save(update_fields=["source", "note", "updated_at"])
    lines, totals = _build_lines(payroll, rows)
    _write_lines(payroll, lines, totals)
    event_write(
        kind=Event.Kind.PAYROLL_IMPORTED,
        project=project,
        by=by,
        summary=_("%(month)s 工资支付表（%(source)s）：%(count)d 人，应发 %(payable)s 元，实发 %(paid)s 元")
        % {
            "month": date_format(month, "YEAR_MONTH_FORMAT"),
            "source": payroll.get_source_display(),
            "count": totals["worker_count"],
            "payable": totals["total_payable"],
            "paid": totals["total_paid"],
        },
    )
    return payroll


@transaction.atomic
def payroll_submit(*, payroll: Payroll, by: User | None) -> Payroll:
    payroll = _lock(payroll)
    if payroll.status != S.DRAFT:
        raise ValidationError(
            _("工资支付表%(status)s，不能报送。") % {"status": payroll.get_status_display()}
        )
    if payroll.worker_count == 0:
        raise ValidationError(_("工资支付表没有任何人员，不能报送。"))
    payroll.status = S.SUBMITTED
    payroll.submitted_at = timezone.now()
    payroll.submitted_by = by if getattr(by, "pk", None) else None
    payroll._history_user = by
    payroll.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    event_write(
        kind=Event.Kind.PAYROLL_SUBMITTED,
        project=payroll.project,
        by=by,
        summary=_("报送 %(month)s 工资支付表") % {"month": date_format(payroll.month, "YEAR_MONTH_FORMAT")},
    )
    return payroll


@transaction.atomic
def payroll_check(*, payroll: Payroll, by: User, note: str = "") -> Payroll:
    """The office or the construction bureau's liaison checked the sheet (who may is the page's policy)."""
    payroll = _lock(payroll)
    if payroll.status != S.SUBMITTED:
        raise ValidationError(
            _("工资支付表%(status)s，不能审核。") % {"status": payroll.get_status_display()}
        )
    payroll.status = S.CHECKED
    payroll.checked_at = timezone.now()
    payroll.checked_by = by
    payroll._history_user = by
    payroll.save(update_fields=["status", "checked_at", "checked_by", "updated_at"])
    event_write(
        kind=Event.Kind.PAYROLL_CHECKED,
        project=payroll.project,
        by=by,
        summary=(
            _("审核 %(month)s 工资支付表") % {"month": date_format(payroll.month, "YEAR_MONTH_FORMAT")}
            + (f"：{note}" if note else "")
        ),
    )
    return payroll


@transaction.atomic
def payroll_mark_paid(*, payroll: Payroll, by: User, paid_on: dt.date) -> Payroll:
    payroll = _lock(payroll)
    if payroll.status != S.CHECKED:
        raise ValidationError(
            _("工资支付表%(status)s，审核后才能登记发放。") % {"status": payroll.get_status_display()}
        )
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("发放日期不能晚于今天。")})
    if paid_on < payroll.month:
        raise ValidationError({"paid_on": _("发放日期不能早于工资所属月份。")})
    payroll.status = S.PAID
    payroll.paid_on = paid_on
    payroll._history_user = by
    payroll.save(update_fields=["status", "paid_on", "updated_at"])
    event_write(
        kind=Event.Kind.PAYROLL_PAID,
        project=payroll.project,
        by=by,
        on=paid_on,
        summary=_("%(month)s 工资已发放：实发 %(paid)s 元")
        % {"month": date_format(payroll.month, "YEAR_MONTH_FORMAT"), "paid": payroll.total_paid},
    )
    return payroll


@transaction.atomic
def payroll_correct(
    *,
    payroll: Payroll,
    rows: Sequence[Mapping[str, Any]],
    by: User,
    reason: str,
    source: str | None = None,
) -> Payroll:
    """A new version of a submitted, checked or paid sheet, in force at once (submitted by `by`); the old
    version is kept, marked superseded, and never changes again."""
    payroll = _lock(payroll)
    if payroll.status == S.SUPERSEDED:
        raise ValidationError(_("该版本已被更正，请在最新版本上操作。"))
    if payroll.status == S.DRAFT:
        raise ValidationError(_("草稿可直接重新导入，无需更正。"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写更正原因。")})
    now = timezone.now()
    payroll.status = S.SUPERSEDED
    payroll.superseded_at = now
    payroll.correction_reason = reason.strip()
    payroll._history_user = by
    payroll.save(update_fields=["status", "superseded_at", "correction_reason", "updated_at"])
    new = Payroll(
        project=payroll.project,
        month=payroll.month,
        version=payroll.version + 1,
        status=S.SUBMITTED,
        source=source or payroll.source,
        submitted_at=now,
        submitted_by=by,
        note=reason.strip(),
        created_by=by,
    )
    new._history_user = by
    new.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            new.save()
    except IntegrityError:
        raise ValidationError(_("该表刚刚由他人更正，请刷新后重试。")) from None
    lines, totals = _build_lines(new, rows)
    _write_lines(new, lines, totals)
    event_write(
        kind=Event.Kind.PAYROLL_CORRECTED,
        project=payroll.project,
        by=by,
        summary=_("更正 %(month)s 工资支付表（第 %(version)d 版）：%(reason)s")
        % {
            "month": date_format(payroll.month, "YEAR_MONTH_FORMAT"),
            "version": new.version,
            "reason": reason.strip(),
        },
    )
    return new
