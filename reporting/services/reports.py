"""Services of member-unit reports: each state change in one function, with its event row (STYLE.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages import excel
from liudong_wages.models import Attachment, MemberUnit, User
from liudong_wages.services import attachment_add

from .. import definitions
from ..definitions import ReportDefinition
from ..models import Report, ReportEvent

Status = Report.Status


def _event(report: Report, kind: str, by: User | None, note: str = "") -> ReportEvent:
    return ReportEvent.objects.create(report=report, kind=kind, by=by, note=note, at=timezone.now())


def _locked_row(report: Report) -> Report:
    """The report re-read under a row lock, so two people acting at once see each other's change."""
    return Report.objects.select_for_update().select_related("unit").get(pk=report.pk)


def _check_editable(report: Report, *, today: dt.date) -> None:
    if not report.is_editable_status:
        raise ValidationError(
            _("报表状态为“%(status)s”，不能修改。") % {"status": report.get_status_display()}
        )
    if report.is_locked(today):
        raise ValidationError(
            _("该期间已于 %(date)s 锁定，如需补报请联系领导小组办公室重新开放。")
            % {"date": date_format(report.lock_date)}
        )


def period_check(*, definition: ReportDefinition, period: dt.date, today: dt.date) -> None:
    """A report may be written for a period that has begun, never for a future one."""
    if not definition.is_periodic:
        raise ValidationError(_("“%(title)s”随时报送，在案件模块中登记。") % {"title": definition.title})
    if period != definition.period_start(period):
        raise ValidationError(_("报送期间无效。"))
    if period > definition.period_start(today):
        raise ValidationError(_("不能填报尚未开始的期间。"))


def report_start(
    *, unit: MemberUnit, report_type: str, period: dt.date, by: User, today: dt.date | None = None
) -> Report:
    """The unit's report of that type and period, creating an empty draft the first time."""
    today = today or timezone.localdate()
    definition = definitions.get(report_type)
    if definition.unit_code != unit.code:
        raise ValidationError(_("该报表不属于本单位。"))
    period_check(definition=definition, period=period, today=today)
    existing = Report.objects.filter(unit=unit, report_type=report_type, period=period).first()
    if existing is not None:
        return existing
    if today > definition.lock_date(period):
        raise ValidationError(
            _("该期间已于 %(date)s 锁定，如需补报请联系领导小组办公室重新开放。")
            % {"date": date_format(definition.lock_date(period))}
        )
    try:
        with transaction.atomic():
            report = Report(
                unit=unit, report_type=report_type, period=period, body=definition.empty_body(), created_by=by
            )
            report.full_clean(validate_constraints=False)
            report.save()
            _event(report, ReportEvent.Kind.CREATED, by)
    except IntegrityError:  # a colleague created it at the same moment
        return Report.objects.get(unit=unit, report_type=report_type, period=period)
    return report


@transaction.atomic
def report_save(
    *,
    report: Report,
    body: Mapping[str, Any],
    by: User,
    today: dt.date | None = None,
    event: str = ReportEvent.Kind.SAVED,
    note: str = "",
) -> Report:
    """Save the draft's content. Types are checked now; required cells only when it is submitted."""
    today = today or timezone.localdate()
    report = _locked_row(report)
    _check_editable(report, today=today)
    report.body = report.definition.clean_body(body, for_submit=False)
    report.save(update_fields=["body", "updated_at"])
    _event(report, event, by, note)
    return report


@transaction.atomic
def report_import_items(
    *, report: Report, upload: UploadedFile, by: User, today: dt.date | None = None
) -> Report:
    """Replace the line items with the rows of an uploaded Excel file filled from the template.

    Every row is checked; if any row is bad nothing is saved and each bad row is listed with its reasons.
    """
    definition = report.definition
    result = excel.read_workbook(upload, definition.excel_columns(), sheet_title=str(definition.title))
    if not result.ok:
        raise ValidationError(excel.row_errors_as_text(result.errors))
    items = [{key: value for key, value in row.items() if key != "_row"} for row in result.rows]
    body = {"header": dict(report.body.get("header") or {}), "items": items}
    note = _("导入 %(count)d 行") % {"count": len(items)}
    return report_save(
        report=report, body=body, by=by, today=today, event=ReportEvent.Kind.IMPORTED, note=note
    )


@transaction.atomic
def report_submit(*, report: Report, by: User, now: dt.datetime | None = None) -> Report:
    """Send the report to the office. Its first submission decides whether it was on time."""
    now = now or timezone.now()
    report = _locked_row(report)
    _check_editable(report, today=timezone.localdate(now))
    report.body = report.definition.clean_body(report.body, for_submit=True)
    report.status = Status.SUBMITTED
    report.submitted_at = now
    if report.first_submitted_at is None:
        report.first_submitted_at = now
    report.reopened_at = None
    report.return_reason = ""
    report._history_user = by
    report.full_clean(validate_constraints=False)
    report.save()
    _event(report, ReportEvent.Kind.SUBMITTED, by)
    return report


def _check_reviewable(report: Report) -> None:
    if report.status != Status.SUBMITTED:
        raise ValidationError(_("只能审核已报送的报表。"))


@transaction.atomic
def report_accept(*, report: Report, by: User) -> Report:
    report = _locked_row(report)
    _check_reviewable(report)
    report.status = Status.ACCEPTED
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    report._history_user = by
    report.save()
    _event(report, ReportEvent.Kind.ACCEPTED, by)
    return report


@transaction.atomic
def report_return(*, report: Report, by: User, reason: str) -> Report:
    """Send the report back to its unit with a reason; the unit corrects it and submits again."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("退回时必须说明理由。"))
    report = _locked_row(report)
    _check_reviewable(report)
    report.status = Status.RETURNED
    report.return_reason = reason
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    report._history_user = by
    report.save()
    _event(report, ReportEvent.Kind.RETURNED, by, reason)
    return report


@transaction.atomic
def report_reopen(
    *,
    unit: MemberUnit,
    report_type: str,
    period: dt.date,
    by: User,
    reason: str,
    today: dt.date | None = None,
) -> Report:
    """Let one unit write and submit a locked period again (the office's decision, logged with its reason).

    A report already accepted is not reopened: reopening is for a unit that missed the period or must
    correct a returned report after the lock.
    """
    today = today or timezone.localdate()
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("重新开放时必须说明理由。"))
    definition = definitions.get(report_type)
    if definition.unit_code != unit.code:
        raise ValidationError(_("该报表不属于该单位。"))
    period_check(definition=definition, period=period, today=today)
    if today <= definition.lock_date(period):
        raise ValidationError(
            _("该期间到 %(date)s 才锁定，单位现在可以直接填报。")
            % {"date": date_format(definition.lock_date(period))}
        )
    report, created = Report.objects.select_for_update().get_or_create(
        unit=unit,
        report_type=report_type,
        period=period,
        defaults={"body": definition.empty_body(), "created_by": by},
    )
    if created:
        _event(report, ReportEvent.Kind.CREATED, by)
    if report.status in (Status.ACCEPTED, Status.SUBMITTED):
        raise ValidationError(_("该报表已报送，无需重新开放。"))
    if report.reopened_at is not None:
        raise ValidationError(_("该期间已重新开放，等待单位报送。"))
    report.reopened_at = timezone.now()
    report._history_user = by
    report.save(update_fields=["reopened_at", "updated_at"])
    _event(report, ReportEvent.Kind.REOPENED, by, reason)
    return report


@transaction.atomic
def report_attach(*, report: Report, file: UploadedFile, by: User, description: str = "") -> Attachment:
    report = _locked_row(report)
    _check_editable(report, today=timezone.localdate())
    attachment = attachment_add(owner=report, file=file, by=by, category="report", description=description)
    _event(report, ReportEvent.Kind.SAVED, by, _("添加附件：%(name)s") % {"name": attachment.original_name})
    return attachment
