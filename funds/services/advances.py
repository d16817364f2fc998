# Over 400 lines: one workflow, an advance from draft to write-off, whose steps share the lock and checks.
"""The life of an advance: draft → submitted → approved / rejected → paid → recovery ordered → closed,
or written off (DESIGN.md section 4, "The emergency revolving fund")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.models import Case
from liudong_wages import notifications
from liudong_wages.formats import money
from liudong_wages.models import Attachment, User
from liudong_wages.money import ZERO
from liudong_wages.numbering import next_number
from liudong_wages.roles import Role
from liudong_wages.services import attachment_add

from .. import selectors
from ..models import AdvanceApplication, AdvanceEvent, AdvanceLine, AdvancePayment, LedgerEntry
from .ledger import (
    check_cash,
    clean_amount,
    clean_entry_date,
    entry_add,
    event_add,
    lock_fund,
    moment,
    refresh_application,
    required_text,
)

Status = AdvanceApplication.Status
Ground = AdvanceApplication.Ground
EventKind = AdvanceEvent.Kind
APPROVAL_DOCUMENT = "government_approval"


# --- helpers -------------------------------------------------------------------------------------------


def _locked(application: AdvanceApplication) -> AdvanceApplication:
    """The application re-read under a row lock (after the fund's lock), so its state is current."""
    return (
        AdvanceApplication.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=application.pk)
    )


def _require_status(application: AdvanceApplication, allowed: Iterable[str], message: str) -> None:
    if application.status not in tuple(allowed):
        raise ValidationError(
            message + _("（当前状态：%(status)s）") % {"status": application.get_status_display()},
            code="status",
        )


def _users_with_role(role: Role):
    return User.objects.filter(groups__name=role, is_active=True)


def _notify(*, application: AdvanceApplication, recipients, event: AdvanceEvent) -> None:
    notifications.notify(
        recipients=recipients,
        kind=f"fund_{event.kind}",
        template="fund_event",
        context={"application": application, "event": event, "case": application.case},
        url=application.get_absolute_url(),
        key=f"fund-event:{event.pk}",
    )


def _applicants(application: AdvanceApplication) -> list[User]:
    return [u for u in (application.created_by, application.submitted_by) if u is not None]


def _clean_lines(case: Case, lines: Iterable[Mapping[str, Any]]) -> list[AdvanceLine]:
    cleaned = []
    cap = selectors.cap_per_worker()
    per_worker: dict[str, Decimal] = {}
    for index, line in enumerate(lines, start=1):
        name = (line.get("worker_name") or "").strip()
        if not name:
            raise ValidationError(_("第 %(n)d 行：请填写劳动者姓名。") % {"n": index}, code="line")
        try:
            amount = clean_amount(line.get("amount"), label=_("垫付金额"))
        except ValidationError as error:
            raise ValidationError(
                _("第 %(n)d 行（%(name)s）：%(error)s")
                % {"n": index, "name": name, "error": error.messages[0]},
                code="line",
            ) from None
        purpose = line.get("purpose") or AdvanceLine.Purpose.WAGES
        if purpose not in AdvanceLine.Purpose.values:
            raise ValidationError(_("第 %(n)d 行：用途无效。") % {"n": index}, code="line")
        claim = line.get("claim")
        if claim is not None and claim.case_id != case.pk:
            raise ValidationError(_("第 %(n)d 行：该欠薪明细不属于本案件。") % {"n": index}, code="line")
        worker_key = (line.get("id_number") or "").strip() or name
        per_worker[worker_key] = per_worker.get(worker_key, ZERO) + amount
        if cap is not None and per_worker[worker_key] > cap:
            raise ValidationError(
                _("%(name)s 的垫付合计 %(amount)s 元超过每人上限 %(cap)s 元。")
                % {"name": name, "amount": money(per_worker[worker_key]), "cap": money(cap)},
                code="cap_per_worker",
            )
        cleaned.append(
            AdvanceLine(
                claim=claim,
                worker_name=name,
                id_number=(line.get("id_number") or "").strip(),
                purpose=purpose,
                amount=amount,
            )
        )
    return cleaned


def _percent(share: Decimal) -> str:
    text = f"{share * 100:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _check_case_cap(case: Case, total: Decimal) -> None:
    share = selectors.cap_share_of_arrears()
    if share is None:
        return
    limit = (case.total_outstanding * share).quantize(Decimal("0.01"))
    if total > limit:
        raise ValidationError(
            _("垫付总额 %(total)s 元超过本案欠薪余额的 %(share)s%%（%(limit)s 元）。")
            % {"total": money(total), "share": _percent(share), "limit": money(limit)},
            code="cap_share",
        )


def _check_ground(ground: str, government_approval_ref: str) -> None:
    if ground not in Ground.values:
        raise ValidationError(_("请选择垫付情形。"), code="ground")
    if ground == Ground.SPECIAL and not government_approval_ref.strip():
        raise ValidationError(_("特殊情况须填写同级人民政府的批准文号。"), code="approval_ref")


def _save_lines(application: AdvanceApplication, lines: list[AdvanceLine]) -> None:
    application.lines.all().delete()
    for line in lines:
        line.application = application
        line.full_clean()
    AdvanceLine.objects.bulk_create(lines)
    application.total_requested = sum((line.amount for line in lines), ZERO)


def approval_documents(application: AdvanceApplication):
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(AdvanceApplication),
        object_id=str(application.pk),
        category=APPROVAL_DOCUMENT,
    )


# --- the workflow ----------------------------------------------------------------------------------------


@transaction.atomic
def advance_create(
    *,
    case: Case,
    ground: str,
    ground_detail: str,
    lines: Iterable[Mapping[str, Any]] = (),
    employer_absconded: bool = False,
    government_approval_ref: str = "",
    by: User,
    on: dt.date | None = None,
) -> AdvanceApplication:
    """A draft application for the workers of `case` (the HR bureau); `on` dates it on an earlier day."""
    if case.status == Case.Status.VOIDED:
        raise ValidationError(_("已作废的案件不能申请垫付。"), code="case_voided")
    _check_ground(ground, government_approval_ref)
    cleaned = _clean_lines(case, lines)
    at = moment(on)
    lock_fund()  # serialises the numbering
    application = AdvanceApplication(
        number=next_number(AdvanceApplication, prefix=f"YJ{timezone.localdate(at).year}-"),
        case=case,
        ground=ground,
        ground_detail=ground_detail.strip(),
        employer_absconded=employer_absconded,
        government_approval_ref=government_approval_ref.strip(),
        created_by=by,
    )
    application.full_clean()
    application.save()
    _save_lines(application, cleaned)
    application.save(update_fields=["total_requested", "updated_at"])
    event_add(
        application=application, kind=EventKind.CREATED, by=by, amount=application.total_requested, at=at
    )
    return application


@transaction.atomic
def advance_update(
    *,
    application: AdvanceApplication,
    ground: str,
    ground_detail: str,
    lines: Iterable[Mapping[str, Any]],
    employer_absconded: bool = False,
    government_approval_ref: str = "",
    by: User,
) -> AdvanceApplication:
    """Change a draft: its ground and its lines (all lines are replaced)."""
    application = _locked(application)
    _require_status(application, [Status.DRAFT], _("只有草稿可以修改。"))
    _check_ground(ground, government_approval_ref)
    cleaned = _clean_lines(application.case, lines)
    application.ground = ground
    application.ground_detail = ground_detail.strip()
    application.employer_absconded = employer_absconded
    application.government_approval_ref = government_approval_ref.strip()
    application.full_clean(exclude=["case"])
    _save_lines(application, cleaned)
    application.save()
    event_add(application=application, kind=EventKind.CHANGED, by=by, amount=application.total_requested)
    return application


def advance_document_add(
    *, application: AdvanceApplication, file: UploadedFile, by: User, description: str = ""
) -> Attachment:
    """Attach the same-level government's approval document (required for the special ground)."""
    with transaction.atomic():
        attachment = attachment_add(
            owner=application, file=file, by=by, category=APPROVAL_DOCUMENT, description=description
        )
        event_add(
            application=application, kind=EventKind.DOCUMENT_ADDED, by=by, note=attachment.original_name
        )
    return attachment


@transaction.atomic
def advance_submit(
    *, application: AdvanceApplication, by: User, on: dt.date | None = None
) -> AdvanceApplication:
    """Submit a draft to the management committee (`on`: submitted on an earlier day)."""
    application = _locked(application)
    _require_status(application, [Status.DRAFT], _("只有草稿可以提交。"))
    if not application.lines.exists():
        raise ValidationError(_("请至少填写一名劳动者的垫付明细。"), code="no_lines")
    if application.ground == Ground.SPECIAL:
        if not application.government_approval_ref:
            raise ValidationError(_("特殊情况须填写同级人民政府的批准文号。"), code="approval_ref")
        if not approval_documents(application).exists():
            raise ValidationError(_("特殊情况须上传同级人民政府的批准文件。"), code="approval_document")
    if application.case.status == Case.Status.VOIDED:
        raise ValidationError(_("已作废的案件不能申请垫付。"), code="case_voided")
    _check_case_cap(application.case, application.total_requested)
    application.status = Status.SUBMITTED
    application.submitted_at = moment(on)
    application.submitted_by = by
    application.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    event = event_add(
        application=application,
        kind=EventKind.SUBMITTED,
        by=by,
        amount=application.total_requested,
        at=application.submitted_at,
    )
    _notify(application=application, recipients=_users_with_role(Role.APPROVER), event=event)
    return application


@transaction.atomic
def advance_approve(
    *,
    application: AdvanceApplication,
    by: User,
    amount: Any = None,
    reason: str = "",
    on: dt.date | None = None,
) -> AdvanceApplication:
    """The management committee approves the application, for all or part of the amount asked (`on`:
    decided on an earlier day, never before it was submitted)."""
    application = _locked(application)
    _require_status(application, [Status.SUBMITTED], _("只有已提交待审批的申请可以审批。"))
    if by.pk in (application.created_by_id, application.submitted_by_id):
        raise ValidationError(_("不能审批本人创建或提交的申请。"), code="own_application")
    amount = (
        application.total_requested if amount in (None, "") else clean_amount(amount, label=_("批准金额"))
    )
    if amount > application.total_requested:
        raise ValidationError(
            _("批准金额 %(amount)s 元不能超过申请金额 %(requested)s 元。")
            % {"amount": money(amount), "requested": money(application.total_requested)},
            code="over_requested",
        )
    _check_case_cap(application.case, amount)
    decided_at = moment(on)
    if application.submitted_at and decided_at < application.submitted_at:
        raise ValidationError(_("审批日期不能早于提交日期。"), code="before_submitted")
    application.status = Status.APPROVED
    application.approved_amount = amount
    application.decided_at = decided_at
    application.decided_by = by
    application.decision_reason = reason.strip()
    application.save()
    event = event_add(
        application=application, kind=EventKind.APPROVED, by=by, amount=amount, note=reason, at=decided_at
    )
    _notify(
        application=application,
        recipients=[*_users_with_role(Role.TREASURER), *_applicants(application)],
        event=event,
    )
    return application


@transaction.atomic
def advance_reject(*, application: AdvanceApplication, by: User, reason: str) -> AdvanceApplication:
    """The management committee rejects the application, with its reason."""
    reason = required_text(reason, _("请填写不予批准的理由。"))
    application = _locked(application)
    _require_status(application, [Status.SUBMITTED], _("只有已提交待审批的申请可以审批。"))
    if by.pk in (application.created_by_id, application.submitted_by_id):
        raise ValidationError(_("不能审批本人创建或提交的申请。"), code="own_application")
    application.status = Status.REJECTED
    application.decided_at = timezone.now()
    application.decided_by = by
    application.decision_reason = reason
    application.finished_on = timezone.localdate()
    application.save()
    event = event_add(application=application, kind=EventKind.REJECTED, by=by, note=reason)
    _notify(application=application, recipients=_applicants(application), event=event)
    return application


@transaction.atomic
def advance_pay(
    *,
    application: AdvanceApplication,
    amount: Any,
    document_ref: str,
    paid_on: dt.date | None = None,
    note: str = "",
    paid_before: Decimal | None = None,
    by: User,
) -> AdvancePayment:
    """The finance bureau pays all or part of an approved advance out of the fund.

    Under the fund's lock: never more than the approval leaves unpaid, never more than the balance. A payment
    voucher pays once (also a database constraint). `paid_before`, when given, is what the application had
    been paid when the treasurer opened the page: if that has changed meanwhile, the payment is refused as
    probably sent twice (issue 16).
    """
    amount = clean_amount(amount, label=_("支付金额"))
    document_ref = required_text(document_ref, _("请填写支付凭证号。"))
    lock_fund()
    application = _locked(application)
    if paid_before is not None and application.paid_amount != paid_before:
        raise ValidationError(
            _(
                "打开本页后，该申请已登记了支付（现已支付 %(paid)s 元），本次没有支付。请核对是否重复提交；"
                "确需再支付一笔的，请再次提交。"
            )
            % {"paid": money(application.paid_amount)},
            code="stale",
        )
    earlier = AdvancePayment.objects.filter(document_ref=document_ref).select_related("application").first()
    if earlier is not None:
        raise ValidationError(
            _(
                "支付凭证号“%(ref)s”已用于 %(number)s 的一笔支付（%(day)s，%(amount)s 元），同一凭证不能支付两次。"
            )
            % {
                "ref": document_ref,
                "number": earlier.application.number,
                "day": date_format(earlier.paid_on),
                "amount": money(earlier.amount),
            },
            code="duplicate_voucher",
        )
    if application.status in (Status.DRAFT, Status.SUBMITTED):
        raise ValidationError(_("申请尚未经管委会批准，不能支付。"), code="not_approved")
    _require_status(application, AdvanceApplication.PAYABLE_STATUSES, _("该申请当前不能支付。"))
    paid_on = clean_entry_date(paid_on, not_before=timezone.localdate(application.decided_at))
    rest = application.unpaid_approved
    if amount > rest:
        raise ValidationError(
            _("支付金额超过批准金额：批准 %(approved)s 元，已支付 %(paid)s 元，本次最多可支付 %(rest)s 元。")
            % {
                "approved": money(application.approved_amount),
                "paid": money(application.paid_amount),
                "rest": money(rest),
            },
            code="over_approved",
        )
    check_cash(amount, paid_on)
    payment = AdvancePayment(
        application=application,
        amount=amount,
        paid_on=paid_on,
        document_ref=document_ref,
        note=note.strip(),
        created_by=by,
    )
    payment.full_clean()
    payment.save()
    entry_add(
        kind=LedgerEntry.Kind.ADVANCE_PAYMENT,
        amount=amount,
        entry_date=paid_on,
        document_ref=document_ref,
        note=_("%(number)s 垫付") % {"number": application.number},
        application=application,
        payment=payment,
        by=by,
    )
    refresh_application(application)
    if application.paid_amount == application.approved_amount:
        application.status = Status.PAID
        application.save(update_fields=["status", "updated_at"])
    event = event_add(application=application, kind=EventKind.PAID, by=by, amount=amount, note=document_ref)
    _notify(application=application, recipients=_applicants(application), event=event)
    return payment


@transaction.atomic
def advance_order_recovery(
    *,
    application: AdvanceApplication,
    order_number: str,
    due_on: dt.date,
    ordered_on: dt.date | None = None,
    by: User,
) -> AdvanceApplication:
    """The HR bureau orders the enterprise to repay what the fund advanced (a printable order)."""
    order_number = required_text(order_number, _("请填写责令偿还文书号。"))
    application = _locked(application)
    _require_status(application, [Status.APPROVED, Status.PAID], _("只有已垫付的申请可以责令偿还。"))
    if application.paid_amount <= 0:
        raise ValidationError(_("尚未支付任何垫付款，无需责令偿还。"), code="nothing_paid")
    ordered_on = ordered_on or timezone.localdate()
    if due_on < ordered_on:
        raise ValidationError(_("偿还期限不能早于责令日期。"), code="due_before_order")
    application.status = Status.RECOVERY_ORDERED
    application.recovery_order_number = order_number
    application.recovery_ordered_on = ordered_on
    application.recovery_due_on = due_on
    application.save()
    event = event_add(
        application=application,
        kind=EventKind.RECOVERY_ORDERED,
        by=by,
        amount=application.outstanding,
        note=_("%(number)s，限 %(due)s 前偿还") % {"number": order_number, "due": date_format(due_on)},
    )
    _notify(application=application, recipients=_users_with_role(Role.TREASURER), event=event)
    return application


@transaction.atomic
def advance_record_recovery(
    *,
    application: AdvanceApplication,
    amount: Any,
    document_ref: str,
    received_on: dt.date | None = None,
    note: str = "",
    by: User,
) -> LedgerEntry:
    """Money repaid by the enterprise (or recovered otherwise) comes back into the fund."""
    amount = clean_amount(amount, label=_("追回金额"))
    document_ref = required_text(document_ref, _("请填写收款凭证号。"))
    lock_fund()
    application = _locked(application)
    _require_status(application, [Status.RECOVERY_ORDERED], _("请先责令企业偿还，再登记追回款。"))
    received_on = clean_entry_date(received_on, not_before=application.recovery_ordered_on)
    if amount > application.outstanding:
        raise ValidationError(
            _("追回金额 %(amount)s 元超过待收回金额 %(rest)s 元。")
            % {"amount": money(amount), "rest": money(application.outstanding)},
            code="over_outstanding",
        )
    entry = entry_add(
        kind=LedgerEntry.Kind.RECOVERY,
        amount=amount,
        entry_date=received_on,
        document_ref=document_ref,
        note=note or _("%(number)s 追回") % {"number": application.number},
        application=application,
        by=by,
    )
    refresh_application(application)
    event = event_add(
        application=application, kind=EventKind.RECOVERED, by=by, amount=amount, note=document_ref
    )
    recipients = _applicants(application)
    if application.outstanding == 0:
        application.status = Status.CLOSED
        application.finished_on = received_on
        application.save(update_fields=["status", "finished_on", "updated_at"])
        event = event_add(application=application, kind=EventKind.CLOSED, by=by)
    _notify(application=application, recipients=recipients, event=event)
    return entry


def write_off_allowed_from(case: Case) -> dt.date | None:
    """The first day the rest of an advance for `case` may be written off (None while the case is open)."""
    if case.status != Case.Status.CLOSED or case.closed_on is None:
        return None
    return case.closed_on + dt.timedelta(days=settings.LIUDONG["FUND_WRITE_OFF_WAIT_DAYS"])


@transaction.atomic
def advance_write_off(
    *, application: AdvanceApplication, document_ref: str, reason: str, by: User
) -> LedgerEntry:
    """Write off what cannot be recovered, with the management committee's approval, no earlier than
    FUND_WRITE_OFF_WAIT_DAYS after the case was closed."""
    document_ref = required_text(document_ref, _("请填写管委会批准核销的文件号。"))
    reason = required_text(reason, _("请填写无法追回的原因。"))
    lock_fund()
    application = _locked(application)
    _require_status(application, [Status.RECOVERY_ORDERED], _("只有已责令偿还、尚未结清的申请可以核销。"))
    if application.outstanding <= 0:
        raise ValidationError(_("没有待收回的金额，无需核销。"), code="nothing_outstanding")
    allowed_from = write_off_allowed_from(application.case)
    closed_on = application.case.closed_on
    today = timezone.localdate()
    if allowed_from is None or closed_on is None:
        raise ValidationError(_("案件尚未结案，不能核销。"), code="case_open")
    if today < allowed_from:
        raise ValidationError(
            _("案件于 %(closed)s 结案，须满 %(days)d 天后（%(from)s 起）方可核销。")
            % {
                "closed": date_format(closed_on),
                "days": settings.LIUDONG["FUND_WRITE_OFF_WAIT_DAYS"],
                "from": date_format(allowed_from),
            },
            code="too_early",
        )
    amount = application.outstanding
    entry = entry_add(
        kind=LedgerEntry.Kind.WRITE_OFF,
        amount=amount,
        entry_date=today,
        document_ref=document_ref,
        note=reason,
        application=application,
        by=by,
    )
    refresh_application(application)
    application.status = Status.WRITTEN_OFF
    application.finished_on = today
    application.save(update_fields=["status", "finished_on", "updated_at"])
    event = event_add(application=application, kind=EventKind.WRITTEN_OFF, by=by, amount=amount, note=reason)
    _notify(
        application=application,
        recipients=[*_applicants(application), *_users_with_role(Role.TREASURER)],
        event=event,
    )
    return entry
