"""The wage deposit used on a case and topped up again (工资保证金管理暂行办法, 人社部发〔2021〕65号; DESIGN.md
section 11). The case lives in the `cases` app, to the right of this one: it is recorded by its id and
number, never imported. Returning the deposit is refused while a warning or a case is open
(`deposit_return_blockers`, used by `registry.deposit_record_return`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages.locks import lock_row
from liudong_wages.models import User
from liudong_wages.money import ZERO

from .. import rules
from ..models import DepositUse, Event, Project, WageAlert
from ..selectors import open_case_count
from .events import event_write


def deposit_balance(project: Project) -> Decimal:
    """What is held now: the amount lodged less the uses not yet topped up."""
    used = sum((use.amount for use in project.deposit_uses.filter(topped_up_on__isnull=True)), ZERO)
    return (project.deposit_amount or ZERO) - used


def _workers(workers: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    cleaned = []
    for worker in workers:
        name = str(worker.get("name") or "").strip()
        try:
            amount = Decimal(str(worker.get("amount") or "0").replace(",", ""))
            exact = amount.is_finite() and amount == amount.quantize(Decimal("0.01"))
        except ArithmeticError:  # decimal.InvalidOperation: "一千", or more digits than Decimal keeps
            amount, exact = ZERO, False
        if not name or not exact or amount <= 0:
            raise ValidationError(_("请填写每位受偿人员的姓名和大于零的金额。"))
        cleaned.append(
            {
                "name": name,
                "id_number": str(worker.get("id_number") or "").strip().upper(),
                "amount": str(amount),
            }
        )
    return cleaned


@transaction.atomic
def deposit_use_record(
    *,
    project: Project,
    by: User,
    case_ref: int,
    case_number: str = "",
    amount: Decimal,
    used_on: dt.date,
    workers: Iterable[Mapping[str, Any]],
    document: str = "",
) -> DepositUse:
    """The office ordered the deposit used to pay wages on a case (65号 art. 11): the amount, the case and
    the workers paid. The contractor must top it up within DEPOSIT_TOP_UP_WORKING_DAYS working days (a
    setting to verify against Guangxi's rules); the daily job warns when it is not."""
    lock_row(project)
    if project.deposit_paid_on is None or not project.deposit_amount:
        raise ValidationError(_("该项目未缴存工资保证金，无法动用。"))
    if project.deposit_returned_on is not None:
        raise ValidationError(_("工资保证金已返还，无法动用。"))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("动用金额应大于零。")})
    if used_on > timezone.localdate():
        raise ValidationError({"used_on": _("动用日期不能晚于今天。")})
    balance = deposit_balance(project)
    if amount > balance:
        raise ValidationError({"amount": _("动用金额超过保证金余额 %(balance)s 元。") % {"balance": balance}})
    paid = _workers(workers)
    if not paid:
        raise ValidationError({"workers": _("请列出用保证金支付工资的人员。")})
    if sum((Decimal(w["amount"]) for w in paid), ZERO) != amount:
        raise ValidationError({"workers": _("各人员金额之和应等于动用金额。")})
    # Sent twice (the back button, or two tabs): the same use of the same case on the same day is the same
    # order, recorded once.
    if DepositUse.objects.filter(
        project=project, case_ref=case_ref, used_on=used_on, amount=amount, workers=paid
    ).exists():
        raise ValidationError(
            _("案件 %(case)s 于 %(date)s 动用 %(amount)s 元已登记，未重复保存。")
            % {"case": case_number or case_ref, "date": date_format(used_on), "amount": amount}
        )
    use = DepositUse(
        project=project,
        case_ref=case_ref,
        case_number=case_number,
        used_on=used_on,
        amount=amount,
        document=document,
        workers=paid,
        top_up_due_on=rules.deposit_top_up_due(used_on),
        created_by=by,
    )
    use._history_user = by
    use.full_clean()
    use.save()
    event_write(
        kind=Event.Kind.DEPOSIT_USED,
        project=project,
        by=by,
        on=used_on,
        document=document,
        summary=_("案件 %(case)s 动用工资保证金 %(amount)s 元，支付 %(count)d 人；%(due)s 前补足")
        % {
            "case": case_number or case_ref,
            "amount": amount,
            "count": len(paid),
            "due": date_format(use.top_up_due_on),
        },
    )
    return use


@transaction.atomic
def deposit_top_up_record(
    *, use: DepositUse, by: User, topped_up_on: dt.date, document: str = ""
) -> DepositUse:
    use = DepositUse.objects.select_for_update().get(pk=use.pk)
    if use.topped_up_on is not None:
        raise ValidationError(_("该笔动用已于 %(date)s 补足。") % {"date": date_format(use.topped_up_on)})
    if topped_up_on > timezone.localdate():
        raise ValidationError({"topped_up_on": _("补足日期不能晚于今天。")})
    if topped_up_on < use.used_on:
        raise ValidationError({"topped_up_on": _("补足日期不能早于动用日期。")})
    use.topped_up_on = topped_up_on
    use._history_user = by
    use.save(update_fields=["topped_up_on", "updated_at"])
    event_write(
        kind=Event.Kind.DEPOSIT_TOPPED_UP,
        project=use.project,
        by=by,
        on=topped_up_on,
        document=document,
        summary=_("补足工资保证金 %(amount)s 元") % {"amount": use.amount},
    )
    return use


def deposit_return_blockers(project: Project) -> list[str]:
    """Why the deposit may not be returned now (DESIGN.md section 11): open warnings, open cases, or a use
    not topped up. Empty when it may."""
    reasons = []
    alerts = WageAlert.objects.open().filter(project=project).count()
    if alerts:
        reasons.append(_("项目有 %(count)d 条未解除的工资支付预警") % {"count": alerts})
    cases = open_case_count(project)
    if cases:
        reasons.append(_("项目有 %(count)d 件未结欠薪案件") % {"count": cases})
    return reasons
