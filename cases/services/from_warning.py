"""A case opened from a red wage-payment warning (DESIGN.md section 11): the project's general contractor
as the employer, the project, and as claims the workers the warnings found unpaid with their amounts.

The warning lives in `enterprises`, to the left: this service reads it and writes the case's number back on
it (a plain reference, since enterprises may not import cases). A warning carries one case: a second
request, or two people at once, get the case already opened."""

from __future__ import annotations

import calendar
from collections import OrderedDict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from enterprises.models import WageAlert
from liudong_wages.models import User
from liudong_wages.money import ZERO

from ..models import Case
from .case import case_receive
from .claims import ClaimData


def _claims(alerts: list[WageAlert]) -> list[ClaimData]:
    """One claim per worker over the project's open warnings that list unpaid amounts, months summed."""
    workers: OrderedDict[str, dict] = OrderedDict()
    for alert in alerts:
        for entry in (alert.details or {}).get("workers", []):
            unpaid = Decimal(str(entry.get("unpaid") or "0"))
            if unpaid <= 0:
                continue
            key = entry.get("id_number") or f"{entry.get('name')}#{entry.get('worker')}"
            claim = workers.setdefault(
                key,
                {
                    "name": entry.get("name", ""),
                    "id_number": entry.get("id_number", ""),
                    "owed": ZERO,
                    "months": [],
                },
            )
            claim["owed"] += unpaid
            claim["months"].append(alert.month)
    return [
        ClaimData(
            name=data["name"],
            id_number=data["id_number"],
            amount_owed=data["owed"],
            note=_("工资支付预警：%(months)s 未足额发放")
            % {"months": "、".join(date_format(m, "YEAR_MONTH_FORMAT") for m in sorted(set(data["months"])))},
        )
        for data in workers.values()
    ]


@transaction.atomic
def case_from_warning(*, alert: WageAlert, by: User, handler: User | None = None, summary: str = "") -> Case:
    """Open a case from a red warning. Returns the case already opened from it when there is one."""
    alert = (
        WageAlert.objects.select_for_update().select_related("project__general_contractor").get(pk=alert.pk)
    )
    if alert.case_ref:
        existing = Case.objects.filter(pk=alert.case_ref).first()
        if existing is not None:
            return existing
    if alert.closed_on is not None:
        raise ValidationError(
            _("该预警已于 %(date)s 解除，不能据此立案。") % {"date": date_format(alert.closed_on)}
        )
    if alert.level != WageAlert.Level.RED:
        raise ValidationError(_("只有红色预警可以直接转为欠薪案件。"))
    project = alert.project
    related = list(
        WageAlert.objects.open()
        .select_for_update()
        .filter(project=project, case_ref__isnull=True)
        .order_by("month", "pk")
    )
    if alert not in related:
        related.append(alert)
    months = sorted({a.month for a in related})
    last = months[-1]
    period_end = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    today = timezone.localdate()
    reasons = "；".join(
        f"{a.get_reason_display()}（{date_format(a.month, 'YEAR_MONTH_FORMAT')}）" for a in related
    )
    case = case_receive(
        by=by,
        source=Case.Source.INSPECTION,
        summary=(summary or "").strip()
        or _("工资支付监控红色预警转立案：%(project)s。%(reasons)s。")
        % {"project": project.name, "reasons": reasons},
        period_start=months[0],
        period_end=min(period_end, today),
        received_on=today,
        enterprise=project.general_contractor,
        project=project,
        handler=handler,
        claims=_claims(related),
        note=_("由工资支付预警转立"),
    )
    now = timezone.now()
    for item in related:
        item.case_ref, item.case_number, item.updated_at = case.pk, case.number, now
    WageAlert.objects.bulk_update(related, ["case_ref", "case_number", "updated_at"])
    WageAlert.history.bulk_history_create(related, default_user=by, default_date=now, update=True)
    return case
