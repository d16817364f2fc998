"""The workers' claims of a case: entered one by one or imported from Excel; the case's totals follow."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Field, ProtectedError, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.identity import child_labour_notify
from liudong_wages.formats import money
from liudong_wages.locks import lock_row
from liudong_wages.models import User
from liudong_wages.money import ZERO

from ..models import Case, CaseEvent, WorkerClaim
from ..rules import police_threshold_reached

CENT = Decimal("0.01")


@dataclass(frozen=True)
class ClaimData:
    name: str
    amount_owed: Decimal
    id_number: str = ""
    phone: str = ""
    amount_paid: Decimal = ZERO
    note: str = ""


def add_claims(case: Case, claims: Sequence[ClaimData], *, by: User | None) -> list[WorkerClaim]:
    """Create the case's worker claims, refusing an identity number entered twice (on the case or in `claims`)."""
    seen = set(case.claims.exclude(id_number="").values_list("id_number", flat=True))
    created = []
    for data in claims:
        claim = WorkerClaim(
            case=case,
            name=data.name.strip(),
            id_number=(data.id_number or "").strip().upper(),
            phone=(data.phone or "").strip(),
            amount_owed=data.amount_owed,
            amount_paid=data.amount_paid or ZERO,
            note=data.note,
            created_by=by,
        )
        if claim.id_number and claim.id_number in seen:
            raise ValidationError(_("身份证号 %(id)s 在本案中重复。") % {"id": claim.id_number})
        seen.add(claim.id_number)
        claim._history_user = by
        claim.full_clean(exclude=["case"], validate_constraints=False)
        check_amounts(claim)
        created.append(claim)
    for claim in created:
        claim.save()
    return created


def check_amounts(claim: WorkerClaim) -> None:
    """A claim owes more than nothing and has been paid between nothing and what it owes."""
    if claim.amount_owed <= 0:
        raise ValidationError(_("%(name)s 的欠薪金额必须大于零。") % {"name": claim.name})
    if claim.amount_paid < 0 or claim.amount_paid > claim.amount_owed:
        raise ValidationError(_("%(name)s 的已支付金额应在 0 到欠薪金额之间。") % {"name": claim.name})


def refresh_totals(case: Case, by: User | None) -> None:
    """Recount the case's totals from its claims, and whether they reach the police-referral thresholds."""
    figures = case.claims.aggregate(count=Count("id"), owed=Sum("amount_owed"), paid=Sum("amount_paid"))
    case.worker_count = figures["count"]
    case.total_owed = figures["owed"] or ZERO
    case.total_paid = figures["paid"] or ZERO
    case.police_threshold_reached = police_threshold_reached(
        outstanding=[owed - paid for owed, paid in case.claims.values_list("amount_owed", "amount_paid")],
        period_start=case.period_start,
        period_end=case.period_end,
    )
    case._history_user = by
    case.save(
        update_fields=["worker_count", "total_owed", "total_paid", "police_threshold_reached", "updated_at"]
    )


def _require_editable(case: Case) -> None:
    """A finished case's claims are read-only: its figures are what it was closed (and reported) with."""
    if case.status == Case.Status.VOIDED:
        raise ValidationError(_("案件已作废，不能修改欠薪明细。"))
    if not case.is_open:
        raise ValidationError(_("案件已办结，不能修改欠薪明细。"))


def _log(case: Case, by: User | None, note: str) -> None:
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.CLAIMS_CHANGED,
        by=by,
        on=timezone.localdate(),
        note=note,
        data={"workers": case.worker_count, "owed": str(case.total_owed), "paid": str(case.total_paid)},
    )


@transaction.atomic
def worker_claims_add(
    *, case: Case, by: User, claims: Iterable[ClaimData], note: str = ""
) -> list[WorkerClaim]:
    """Add workers to a case (from the form or an Excel import): all of them or, on any error, none."""
    lock_row(case)
    _require_editable(case)
    claims = list(claims)
    if not claims:
        raise ValidationError(_("没有要添加的劳动者。"))
    created = add_claims(case, claims, by=by)
    refresh_totals(case, by)
    _log(case, by, note or _("新增 %(n)d 名劳动者") % {"n": len(created)})
    _flag_child_labour(case, created)
    return created


def _flag_child_labour(case: Case, claims: Iterable[WorkerClaim]) -> None:
    """A worker under 16 on the first day of the arrears period is suspected child labour (禁止使用童工规定):
    the office is told once per case and worker, however often the claim is saved."""
    for claim in claims:
        child_labour_notify(
            number=claim.id_number,
            worked_on=case.period_start,
            who=claim.name,
            where=_("案件 %(number)s") % {"number": case.number},
            url=case.get_absolute_url(),
            key=f"child-labour:case:{case.pk}:{claim.id_number}",
        )


# Fields whose old and new values the timeline may show; the ID number and phone are personal data, so the
# timeline only says that they changed (the claim's history keeps the values for those allowed to see them).
_SHOWN_IN_TIMELINE = ("name", "amount_owed", "amount_paid", "note")
_PERSONAL = ("id_number", "phone")


def _changes(before: WorkerClaim, after: WorkerClaim) -> list[str]:
    changes = []
    for field in (*_SHOWN_IN_TIMELINE, *_PERSONAL):
        old, new = getattr(before, field), getattr(after, field)
        if old == new:
            continue
        # The names above are the model's own columns, never a relation.
        label = cast("Field", WorkerClaim._meta.get_field(field)).verbose_name
        if field in _PERSONAL:
            changes.append(_("%(field)s已更改") % {"field": label})
        else:
            changes.append(
                _("%(field)s：%(old)s → %(new)s")
                % {
                    "field": label,
                    "old": old if old != "" else _("（空）"),
                    "new": new if new != "" else _("（空）"),
                }
            )
    return changes


@transaction.atomic
def worker_claim_update(
    *,
    claim: WorkerClaim,
    by: User,
    name: str,
    amount_owed: Decimal,
    amount_paid: Decimal,
    id_number: str = "",
    phone: str = "",
    note: str = "",
    reason: str = "",
) -> WorkerClaim:
    """Correct one worker's claim (every field as given); the case's totals follow and the timeline says
    what changed and why. Only while the case is open."""
    case = Case.objects.select_for_update().get(pk=claim.case_id)
    _require_editable(case)
    # Read again under the case's lock: the page may have shown the claim before a payment changed it.
    before = WorkerClaim.objects.filter(pk=claim.pk, case=case).first()
    if before is None:
        raise ValidationError(_("该劳动者明细已不存在。"))
    claim = WorkerClaim.objects.get(pk=before.pk)
    claim.name = name.strip()
    claim.id_number = (id_number or "").strip().upper()
    claim.phone = (phone or "").strip()
    claim.amount_owed = amount_owed
    claim.amount_paid = amount_paid
    claim.note = (note or "").strip()
    if not claim.name:
        raise ValidationError(_("请填写姓名。"))
    if claim.id_number and case.claims.exclude(pk=claim.pk).filter(id_number=claim.id_number).exists():
        raise ValidationError(_("身份证号 %(id)s 在本案中重复。") % {"id": claim.id_number})
    check_amounts(claim)
    claim.full_clean(exclude=["case"], validate_constraints=False)
    claim.amount_owed = claim.amount_owed.quantize(CENT)
    claim.amount_paid = claim.amount_paid.quantize(CENT)
    changes = _changes(before, claim)
    if not changes:
        return claim
    claim._history_user = by
    claim._change_reason = reason.strip()[:100]
    claim.save()
    refresh_totals(case, by)
    text = _("修改 %(name)s 的欠薪明细：%(changes)s") % {"name": claim.name, "changes": "；".join(changes)}
    if reason.strip():
        text += "\n" + _("原因：%(reason)s") % {"reason": reason.strip()}
    _log(case, by, text)
    _flag_child_labour(case, [claim])
    return claim


@transaction.atomic
def worker_claim_remove(*, claim: WorkerClaim, by: User, reason: str) -> None:
    """Remove a worker entered by mistake, while the case is open and nothing is recorded as paid to them;
    the history and the event keep what was there."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("请填写删除理由。"))
    case = Case.objects.select_for_update().get(pk=claim.case_id)
    _require_editable(case)
    current = WorkerClaim.objects.filter(pk=claim.pk, case=case).first()
    if current is None:
        raise ValidationError(_("该劳动者明细已不存在。"))
    if current.amount_paid > 0:
        # Removing it would take money already recorded as paid (by an instalment, say) out of the case.
        raise ValidationError(
            _("%(name)s 已登记支付 %(paid)s 元，不能删除。如确属误录，请先把已支付金额更正为 0 并写明原因。")
            % {"name": current.name, "paid": money(current.amount_paid)}
        )
    current._history_user = by
    name = current.name
    try:
        current.delete()
    except ProtectedError:
        raise ValidationError(
            _("%(name)s 的明细已被其他记录（如垫付申请）引用，不能删除；如有错误请修改明细。")
            % {"name": name}
        ) from None
    refresh_totals(case, by)
    _log(case, by, _("删除 %(name)s 的欠薪明细：%(reason)s") % {"name": name, "reason": reason})
