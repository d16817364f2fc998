"""Money the employer pays under a repayment agreement, and which workers each payment pays.

A payment is paid into the workers' claims in the same transaction, so that the per-worker table, the
instalments and the case's totals tell one story. The officer either enters the amount each worker got, or
leaves it to the default: the payment spread over the workers still owed, in proportion to what each is owed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import ROUND_DOWN, Decimal, InvalidOperation, localcontext

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages.formats import money
from liudong_wages.models import User
from liudong_wages.money import ZERO

from ..models import Case, CaseEvent, Instalment, WorkerClaim
from .claims import check_amounts, refresh_totals
from .common import check_date, record_event

CENT = Decimal("0.01")
# How many workers the timeline line names before it says "and N more".
NAMED_IN_TIMELINE = 10


def spread_in_proportion(amount: Decimal, outstanding: Sequence[Decimal]) -> list[Decimal]:
    """`amount` split over the amounts `outstanding`, in proportion to them, in whole cents that add up to
    exactly `amount`, none above its own outstanding amount.

    Each share is rounded down to the cent; the cents left over go to the last one, or, when that one is owed
    less than they come to, to the ones before it (the rounding never pays anyone more than they are owed).
    """
    total = sum(outstanding, ZERO)
    if amount < 0 or amount > total or amount != amount.quantize(CENT):
        raise ValueError(f"cannot spread {amount} over {total}")
    if amount == 0:
        return [ZERO for _owed in outstanding]
    # Enough digits that the rounding of the division never crosses a cent (amounts have at most 14 digits).
    with localcontext() as context:
        context.prec = 50
        shares = [(amount * owed / total).quantize(CENT, rounding=ROUND_DOWN) for owed in outstanding]
    left = amount - sum(shares, ZERO)
    for index in reversed(range(len(shares))):
        if left == 0:
            break
        extra = min(outstanding[index] - shares[index], left)
        shares[index] += extra
        left -= extra
    if left != 0 or sum(shares, ZERO) != amount:
        raise ValueError(f"cannot spread {amount} over {total}")
    return shares


def _cents(value: Decimal) -> bool:
    try:
        return value == value.quantize(CENT)
    except InvalidOperation:
        return False


def _manual_shares(
    claims: Sequence[WorkerClaim], allocations: Mapping[int, Decimal | None], amount: Decimal
) -> dict[int, Decimal]:
    by_pk = {claim.pk: claim for claim in claims}
    shares: dict[int, Decimal] = {}
    for pk, value in allocations.items():
        if value is None or value == 0:
            continue
        claim = by_pk.get(pk)
        if claim is None:
            raise ValidationError(_("所选劳动者不属于本案，请刷新页面后重试。"))
        if value < 0 or not _cents(value):
            raise ValidationError(
                _("%(name)s 的分配金额应为不小于零、最多两位小数的金额。") % {"name": claim.name}
            )
        if value > claim.outstanding:
            raise ValidationError(
                _("%(name)s 本次分配 %(share)s 元，超过其未付欠薪 %(unpaid)s 元。")
                % {"name": claim.name, "share": money(value), "unpaid": money(claim.outstanding)}
            )
        shares[pk] = value.quantize(CENT)
    given = sum(shares.values(), ZERO)
    if given != amount:
        raise ValidationError(
            _("逐人分配的金额合计 %(sum)s 元，与本次还款金额 %(amount)s 元不一致。")
            % {"sum": money(given), "amount": money(amount)}
        )
    return shares


def _timeline_note(claims: Sequence[WorkerClaim], shares: Mapping[int, Decimal], *, manual: bool) -> str:
    paid = [(claim.name, shares[claim.pk]) for claim in claims if shares.get(claim.pk)]
    named = "、".join(
        _("%(name)s %(amount)s 元") % {"name": name, "amount": money(share)}
        for name, share in paid[:NAMED_IN_TIMELINE]
    )
    if len(paid) > NAMED_IN_TIMELINE:
        named += _("等 %(n)d 人") % {"n": len(paid)}
    if manual:
        return _("逐人分配：%(workers)s") % {"workers": named}
    return _("按各人未付金额比例分配：%(workers)s") % {"workers": named}


def _check_payment(case: Case, amount: Decimal, paid_on: dt.date) -> tuple[Decimal, list[WorkerClaim]]:
    """The payment's amount in cents and the case's claims, or ValidationError in Chinese."""
    if not case.is_open:
        raise ValidationError(_("案件已办结或作废，不能再登记还款。"))
    if amount <= 0:
        raise ValidationError(_("还款金额必须大于零。"))
    if not _cents(amount):
        raise ValidationError(_("还款金额最多保留两位小数。"))
    check_date(case, paid_on, _("还款"))
    claims = list(case.claims.order_by("id"))
    if not claims:
        raise ValidationError(_("本案尚未登记劳动者欠薪明细，请先登记明细，再登记还款。"))
    unpaid = sum((claim.outstanding for claim in claims), ZERO)
    amount = amount.quantize(CENT)
    if amount > unpaid:
        raise ValidationError(
            _(
                "本次还款 %(amount)s 元超过劳动者尚未支付的欠薪合计 %(unpaid)s 元，不能登记。"
                "请核对金额；如欠薪金额有误，请先更正劳动者欠薪明细。"
            )
            % {"amount": money(amount), "unpaid": money(unpaid)}
        )
    return amount, claims


def _pay_claims(
    case: Case,
    claims: list[WorkerClaim],
    amount: Decimal,
    allocations: Mapping[int, Decimal | None] | None,
    *,
    by: User,
    reason: str,
) -> tuple[dict[int, Decimal], bool, str]:
    """Pay `amount` into the claims (as allocated, or in proportion) and the case's totals.
    Returns the shares by claim id, whether they were entered by hand, and the timeline's line about them."""
    allocations = allocations or {}
    manual = any(value for value in allocations.values())
    if manual:
        shares = _manual_shares(claims, allocations, amount)
    else:
        owed = [claim for claim in claims if claim.outstanding > 0]
        shares = dict(
            zip(
                [claim.pk for claim in owed],
                spread_in_proportion(amount, [claim.outstanding for claim in owed]),
                strict=True,
            )
        )
    what = _timeline_note(claims, shares, manual=manual)
    for claim in claims:
        share = shares.get(claim.pk)
        if not share:
            continue
        claim.amount_paid += share
        check_amounts(claim)
        claim._history_user = by
        claim._change_reason = reason % {"amount": money(share)}
        claim.save(update_fields=["amount_paid", "updated_at"])
    refresh_totals(case, by)
    return shares, manual, what


def _stale(message: str, paid_now: Decimal) -> ValidationError:
    """Paid since the page was opened: the same form sent twice, probably. The page shows the form again
    with what is paid now, so that sending it once more records the payment, deliberately."""
    return ValidationError(message % {"paid": money(paid_now)}, code="stale")


@transaction.atomic
def instalment_record_payment(
    *,
    instalment: Instalment,
    by: User,
    amount: Decimal,
    paid_on: dt.date | None = None,
    allocations: Mapping[int, Decimal | None] | None = None,
    note: str = "",
    paid_before: Decimal | None = None,
) -> Instalment:
    """Record a payment towards an instalment and pay it into the workers' claims.

    `allocations` (claim id → amount) says what each worker got and must add up to `amount`; without it the
    payment is spread over the workers still owed, in proportion (`spread_in_proportion`). A payment above
    what the workers are still owed is refused: the claims would have to be corrected first. `paid_before`,
    when given, is what the instalment had been paid when the officer opened the page: if that has changed
    meanwhile, the payment is refused as probably sent twice.
    """
    paid_on = paid_on or timezone.localdate()
    case_id = Instalment.objects.filter(pk=instalment.pk).values_list("agreement__case_id", flat=True).first()
    if case_id is None:
        raise ValidationError(_("该期还款已不存在。"))
    # The case first, as every claim service locks it: two payments, or a payment and a correction of a
    # claim, cannot both read the same unpaid amounts.
    case = Case.objects.select_for_update().get(pk=case_id)
    instalment = Instalment.objects.select_for_update().select_related("agreement").get(pk=instalment.pk)
    if paid_before is not None and instalment.paid_amount != paid_before:
        raise _stale(
            _(
                "打开本页后，这一期已登记了还款（现已付 %(paid)s 元），本次没有登记。请核对是否重复提交；"
                "确需再登记一笔的，请再次提交。"
            ),
            instalment.paid_amount,
        )
    amount, claims = _check_payment(case, amount, paid_on)
    if paid_on < instalment.agreement.signed_on:
        raise ValidationError(_("还款日期不能早于协议签订日期。"))
    shares, manual, what = _pay_claims(
        case, claims, amount, allocations, by=by, reason=_("分期还款到账 %(amount)s 元")
    )
    instalment.paid_amount += amount
    instalment.paid_on = paid_on
    instalment._history_user = by
    instalment.full_clean()
    instalment.save()
    first_line = _("本次 %(amount)s 元，属 %(due)s 到期的一期。") % {
        "amount": money(amount),
        "due": date_format(instalment.due_on),
    }
    record_event(
        case,
        CaseEvent.Kind.INSTALMENT_PAID,
        by=by,
        on=paid_on,
        note="\n".join(part for part in (first_line, what, note.strip()) if part),
        instalment=instalment.pk,
        amount=str(amount),
        allocation="manual" if manual else "proportional",
        workers=[[pk, str(share)] for pk, share in shares.items() if share],
    )
    return instalment


@transaction.atomic
def case_record_payment(
    *,
    case: Case,
    by: User,
    amount: Decimal,
    paid_on: dt.date | None = None,
    allocations: Mapping[int, Decimal | None] | None = None,
    note: str = "",
    paid_before: Decimal | None = None,
) -> Case:
    """Record wages the employer paid the workers outside any repayment agreement (after an order to pay,
    say), and pay them into the workers' claims, as `instalment_record_payment` does for an instalment.
    `paid_before` is what the case's workers had been paid when the page was opened."""
    paid_on = paid_on or timezone.localdate()
    case = Case.objects.select_for_update().get(pk=case.pk)
    if paid_before is not None and case.total_paid != paid_before:
        raise _stale(
            _(
                "打开本页后，本案已登记了支付（劳动者现已获付 %(paid)s 元），本次没有登记。请核对是否重复提交；"
                "确需再登记一笔的，请再次提交。"
            ),
            case.total_paid,
        )
    amount, claims = _check_payment(case, amount, paid_on)
    shares, manual, what = _pay_claims(
        case, claims, amount, allocations, by=by, reason=_("企业支付工资 %(amount)s 元")
    )
    record_event(
        case,
        CaseEvent.Kind.EMPLOYER_PAID,
        by=by,
        on=paid_on,
        note="\n".join(
            part
            for part in (_("企业支付 %(amount)s 元。") % {"amount": money(amount)}, what, note.strip())
            if part
        ),
        amount=str(amount),
        allocation="manual" if manual else "proportional",
        workers=[[pk, str(share)] for pk, share in shares.items() if share],
    )
    return case
