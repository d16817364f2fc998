"""Labour costs (人工费用) paid by the developer into the project's special account (条例 art. 29: on the
agreed cycle, at least monthly; DESIGN.md section 11): entered one by one or imported from the bank's
statement. A bank reference is recorded once per project, so importing the same statement twice adds
nothing the second time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages.locks import lock_row
from liudong_wages.models import User

from ..models import Event, LabourCostTransfer, Project, month_start
from .events import event_write


def _validate(transfer: LabourCostTransfer) -> None:
    errors = {}
    if transfer.amount is None or transfer.amount <= 0:
        errors["amount"] = _("拨付金额应大于零。")
    if transfer.transferred_on and transfer.transferred_on > timezone.localdate():
        errors["transferred_on"] = _("拨付日期不能晚于今天。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def transfer_record(
    *,
    project: Project,
    by: User | None,
    transferred_on: dt.date,
    amount: Decimal,
    period: dt.date | None = None,
    bank_reference: str = "",
    payer: str = "",
    note: str = "",
    source: str = LabourCostTransfer.Source.FORM,
) -> LabourCostTransfer:
    """One transfer; its period is the month it pays for (by default the month it was made)."""
    transfer = LabourCostTransfer(
        project=project,
        period=month_start(period or transferred_on),
        transferred_on=transferred_on,
        amount=amount,
        bank_reference=(bank_reference or "").strip(),
        payer=(payer or "").strip() or project.construction_unit.name,
        note=(note or "").strip(),
        source=source,
        created_by=by,
    )
    _validate(transfer)
    if not transfer.bank_reference:
        # Without a bank reference, the same transfer sent twice (two tabs, a form sent again after the
        # first answer was lost) is told apart from a second payment only by its reference: asked for it.
        lock_row(project)
        if LabourCostTransfer.objects.filter(
            project=project,
            period=transfer.period,
            transferred_on=transferred_on,
            amount=transfer.amount,
            bank_reference="",
        ).exists():
            raise ValidationError(
                {"bank_reference": _("同一天同一金额的拨付已登记；如确为另一笔，请填写银行流水号以示区别。")}
            )
    transfer._history_user = by
    transfer.full_clean()
    try:
        with transaction.atomic():
            transfer.save()
    except IntegrityError:  # the same reference sent twice at the same moment
        raise ValidationError({"bank_reference": _("该银行流水号已登记。")}) from None
    event_write(
        kind=Event.Kind.TRANSFER_RECORDED,
        project=project,
        by=by,
        on=transferred_on,
        summary=_("%(period)s 人工费用 %(amount)s 元")
        % {"period": date_format(transfer.period, "YEAR_MONTH_FORMAT"), "amount": transfer.amount},
    )
    return transfer


@dataclass(frozen=True)
class TransfersImported:
    created: int
    already_recorded: int
    total: Decimal


@transaction.atomic
def transfers_import(
    *, project: Project, rows: Sequence[Mapping[str, Any]], by: User | None
) -> TransfersImported:
    """Save the credits of a checked bank statement (imports.monitoring.statement_check). Rows whose bank
    reference is already recorded are skipped, so a statement imported twice, or two overlapping statements,
    add each transfer once."""
    references = [row["bank_reference"] for row in rows]
    known = set(
        LabourCostTransfer.objects.filter(project=project, bank_reference__in=references).values_list(
            "bank_reference", flat=True
        )
    )
    now = timezone.now()
    payer = project.construction_unit.name
    new = []
    for row in rows:
        if row["bank_reference"] in known:
            continue
        known.add(row["bank_reference"])
        transfer = LabourCostTransfer(
            project=project,
            period=month_start(row.get("period") or row["transferred_on"]),
            transferred_on=row["transferred_on"],
            amount=row["amount"],
            bank_reference=row["bank_reference"],
            payer=(row.get("payer") or "").strip() or payer,
            note=(row.get("note") or "").strip()[:200],
            source=LabourCostTransfer.Source.STATEMENT,
            created_by=by,
            created_at=now,
        )
        _validate(transfer)
        new.append(transfer)
    # ON CONFLICT DO NOTHING: a concurrent import of the same statement cannot add a reference twice.
    LabourCostTransfer.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    saved = list(
        LabourCostTransfer.objects.filter(
            project=project, bank_reference__in=[t.bank_reference for t in new], created_at=now
        )
    )
    if saved:
        LabourCostTransfer.history.bulk_history_create(saved, default_user=by, default_date=now)
        total = sum((t.amount for t in saved), Decimal("0.00"))
        event_write(
            kind=Event.Kind.TRANSFER_RECORDED,
            project=project,
            by=by,
            summary=_("导入银行流水：人工费用 %(count)d 笔，合计 %(total)s 元")
            % {"count": len(saved), "total": total},
        )
    else:
        total = Decimal("0.00")
    return TransfersImported(created=len(saved), already_recorded=len(rows) - len(saved), total=total)
