"""The ledger's own services: appropriations, reversals, and the checks every movement of money shares."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages.formats import money
from liudong_wages.models import User
from liudong_wages.money import ZERO

from .. import selectors
from ..models import AdvanceApplication, AdvanceEvent, AdvancePayment, Fund, LedgerEntry, LedgerMonth

Kind = LedgerEntry.Kind
Status = AdvanceApplication.Status
MAX_AMOUNT = Decimal("999999999999.99")

# (cash_effect, advances_effect) of an entry of each kind, as a multiple of its (positive) amount.
EFFECTS: dict[str, tuple[int, int]] = {
    Kind.APPROPRIATION: (1, 0),
    Kind.ADVANCE_PAYMENT: (-1, 1),
    Kind.RECOVERY: (1, -1),
    Kind.WRITE_OFF: (0, -1),
}


def lock_fund() -> Fund:
    """Lock the fund's row until the end of the current transaction (callers are inside `atomic`)."""
    Fund.objects.get_or_create(pk=1)
    return Fund.objects.select_for_update().get(pk=1)


def clean_amount(value: Any, *, label: str | None = None) -> Decimal:
    """A positive amount of yuan with at most two decimals, or ValidationError in Chinese."""
    label = label or _("金额")
    if value is None or value == "" or isinstance(value, bool):
        raise ValidationError(_("请填写%(label)s。") % {"label": label}, code="required")
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValidationError(_("%(label)s应为数字。") % {"label": label}, code="invalid") from None
    if not amount.is_finite():
        raise ValidationError(_("%(label)s应为数字。") % {"label": label}, code="invalid")
    if amount < 0:
        raise ValidationError(_("%(label)s不能为负数。") % {"label": label}, code="negative")
    if amount == 0:
        raise ValidationError(_("%(label)s不能为零。") % {"label": label}, code="zero")
    # Size first: quantize() raises InvalidOperation for a number like 1E+100 (more digits than it keeps).
    if amount > MAX_AMOUNT:
        raise ValidationError(_("%(label)s过大。") % {"label": label}, code="too_large")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(_("%(label)s最多保留两位小数（到分）。") % {"label": label}, code="decimals")
    return amount.quantize(Decimal("0.01"))


def clean_entry_date(value: dt.date | None, *, not_before: dt.date | None = None) -> dt.date:
    today = timezone.localdate()
    day = value or today
    if day > today:
        raise ValidationError(_("记账日期不能晚于今天。"), code="future")
    if not_before and day < not_before:
        raise ValidationError(
            _("日期不能早于 %(date)s。") % {"date": date_format(not_before)}, code="too_early"
        )
    return day


def check_cash(amount: Decimal, on: dt.date) -> None:
    """Refuse an outflow of `amount` dated `on` that would take the balance below zero on any day."""
    available = selectors.lowest_balance_from(on)
    if amount > available:
        raise ValidationError(
            _("周转金余额不足：%(date)s 起可用余额为 %(available)s 元，本次需 %(amount)s 元。")
            % {"date": date_format(on), "available": money(available), "amount": money(amount)},
            code="insufficient_balance",
        )


def _save_entry(entry: LedgerEntry, *, base_kind: str) -> None:
    """Save a new entry and add it to its month's sums (`LedgerMonth`), in one savepoint: the two change
    together or not at all. The caller holds the fund's lock, so no one else adds to the month meanwhile."""
    sign = -1 if entry.kind == Kind.REVERSAL else 1
    with transaction.atomic():
        entry.save()
        month = entry.entry_date.replace(day=1)
        row, _created = LedgerMonth.objects.get_or_create(month=month, kind=base_kind)
        LedgerMonth.objects.filter(pk=row.pk).update(
            amount=F("amount") + sign * entry.amount,
            cash_effect=F("cash_effect") + entry.cash_effect,
            advances_effect=F("advances_effect") + entry.advances_effect,
            entries=F("entries") + 1,
        )


def rebuild_month_sums() -> int:
    """Write `LedgerMonth` afresh from the entries (after a bulk load that bypassed the services, or to
    repair). Returns the number of month rows."""
    with transaction.atomic():
        lock_fund()
        totals = selectors.month_totals_from_entries()
        LedgerMonth.objects.all().delete()
        LedgerMonth.objects.bulk_create(
            LedgerMonth(month=month, kind=kind, **sums) for (month, kind), sums in totals.items()
        )
    return len(totals)


def entry_add(
    *,
    kind: str,
    amount: Decimal,
    entry_date: dt.date,
    document_ref: str,
    by: User,
    note: str = "",
    application: AdvanceApplication | None = None,
    payment: AdvancePayment | None = None,
) -> LedgerEntry:
    """Write one entry (not a reversal) with its effects. The caller holds the fund's lock."""
    cash, advances = EFFECTS[kind]
    entry = LedgerEntry(
        kind=kind,
        amount=amount,
        cash_effect=amount * cash,
        advances_effect=amount * advances,
        entry_date=entry_date,
        document_ref=document_ref.strip(),
        note=note.strip(),
        application=application,
        payment=payment,
        recorded_by=by,
    )
    entry.full_clean()
    _save_entry(entry, base_kind=kind)
    return entry


def required_text(value: str, message: str) -> str:
    """`value` stripped, or `message` as the error when nothing is left (a document number, a reason)."""
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code="required")
    return value


@transaction.atomic
def ledger_appropriate(
    *, amount: Any, entry_date: dt.date | None = None, document_ref: str, note: str = "", by: User
) -> LedgerEntry:
    """Record money appropriated to the fund by the finance bureau (财政拨入)."""
    amount = clean_amount(amount)
    entry_date = clean_entry_date(entry_date)
    document_ref = required_text(document_ref, _("请填写拨款文件号或凭证号。"))
    lock_fund()
    return entry_add(
        kind=Kind.APPROPRIATION,
        amount=amount,
        entry_date=entry_date,
        document_ref=document_ref,
        note=note,
        by=by,
    )


def refresh_application(application: AdvanceApplication) -> AdvanceApplication:
    """Recompute the application's paid, recovered and written-off amounts from the ledger and save them.

    The caller holds the fund's lock and has locked the application row."""

    def net(kind: str) -> Q:
        return Q(kind=kind) | Q(kind=Kind.REVERSAL, reverses__kind=kind)

    def signed(kind: str):
        return Sum("advances_effect", filter=net(kind))

    sums = LedgerEntry.objects.filter(application=application).aggregate(
        paid=signed(Kind.ADVANCE_PAYMENT),
        recovered=signed(Kind.RECOVERY),
        written_off=signed(Kind.WRITE_OFF),
    )
    application.paid_amount = sums["paid"] or ZERO
    application.recovered_amount = -(sums["recovered"] or ZERO)
    application.written_off_amount = -(sums["written_off"] or ZERO)
    application.save(update_fields=["paid_amount", "recovered_amount", "written_off_amount", "updated_at"])
    return application


def event_add(
    *,
    application: AdvanceApplication,
    kind: str,
    by: User,
    amount: Decimal | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> AdvanceEvent:
    return AdvanceEvent.objects.create(
        application=application, kind=kind, by=by, amount=amount, note=note, at=at or timezone.now()
    )


def moment(on: dt.date | None) -> dt.datetime:
    """Now, or office hours on the day `on` (a step recorded for an earlier day, as the demo year does)."""
    if on is None or on == timezone.localdate():
        return timezone.now()
    if on > timezone.localdate():
        raise ValidationError(_("日期不能晚于今天。"), code="future")
    return timezone.make_aware(dt.datetime.combine(on, dt.time(10, 0)))


@transaction.atomic
def ledger_reverse(
    *, entry: LedgerEntry, reason: str, by: User, entry_date: dt.date | None = None
) -> LedgerEntry:
    """Correct a mistaken entry by a reversing entry of the same amount and opposite effects.

    The original stays, so the history reads: the entry, then its reversal with the reason. A reversed
    payment goes back to the approval (it may be paid again); a reversed recovery or write-off reopens the
    money to recover.
    """
    reason = required_text(reason, _("请填写冲销原因。"))
    lock_fund()
    entry = LedgerEntry.objects.select_related("application").get(pk=entry.pk)
    if entry.kind == Kind.REVERSAL:
        raise ValidationError(_("冲销记录本身不能再冲销；如有错误，请重新登记正确的记录。"), code="reversal")
    if entry.reversals.exists():
        raise ValidationError(_("该记录已被冲销，不能重复冲销。"), code="already_reversed")
    entry_date = clean_entry_date(entry_date, not_before=entry.entry_date)
    application = None
    if entry.application_id:
        application = AdvanceApplication.objects.select_for_update().get(pk=entry.application_id)
        if entry.kind == Kind.ADVANCE_PAYMENT and application.outstanding < entry.amount:
            raise ValidationError(
                _("该笔垫付款已部分追回或核销，冲销后追回金额将超过支付金额；请先冲销相应的追回或核销记录。"),
                code="recovered",
            )
    if entry.cash_effect > 0:
        check_cash(entry.cash_effect, entry_date)
    reversal = LedgerEntry(
        kind=Kind.REVERSAL,
        amount=entry.amount,
        cash_effect=-entry.cash_effect,
        advances_effect=-entry.advances_effect,
        entry_date=entry_date,
        document_ref=entry.document_ref,
        note=reason,
        application=entry.application,
        payment=entry.payment,
        reverses=entry,
        recorded_by=by,
    )
    reversal.full_clean(validate_unique=False, validate_constraints=False)
    try:
        _save_entry(reversal, base_kind=entry.kind)
    except IntegrityError:  # the unique constraint: someone reversed it a moment ago
        raise ValidationError(_("该记录已被冲销，不能重复冲销。"), code="already_reversed") from None
    if application is not None:
        _after_reversal(application=application, entry=entry, reason=reason, by=by)
    return reversal


def _after_reversal(*, application: AdvanceApplication, entry: LedgerEntry, reason: str, by: User) -> None:
    refresh_application(application)
    if entry.kind == Kind.ADVANCE_PAYMENT and application.status == Status.PAID:
        application.status = Status.APPROVED
    elif entry.kind in (Kind.RECOVERY, Kind.WRITE_OFF) and application.status in (
        Status.CLOSED,
        Status.WRITTEN_OFF,
    ):
        application.status = Status.RECOVERY_ORDERED
        application.finished_on = None
    application.save(update_fields=["status", "finished_on", "updated_at"])
    event_add(
        application=application,
        kind=AdvanceEvent.Kind.REVERSED,
        by=by,
        amount=entry.amount,
        note=_("冲销 %(date)s %(kind)s（%(ref)s）：%(reason)s")
        % {
            "date": date_format(entry.entry_date),
            "kind": entry.get_kind_display(),
            "ref": entry.document_ref,
            "reason": reason,
        },
    )
