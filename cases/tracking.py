"""What a worker sees of their report at /report/track/ (issue 18): the case's steps and dates, the amount
paid to them, the office's reply. Nothing of other workers: the claim shown is the reporter's own, found by
the ID number they reported with; other claims, names and amounts are never read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from liudong_wages.formats import money

from .models import CaseEvent, PublicReport

Kind = CaseEvent.Kind


def _written_day(iso: str) -> str:
    """A day kept in an event's data (ISO) as the worker reads it in a sentence: 2026年12月6日."""
    try:
        return date_format(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


STEPS = [
    ("accepted", _("受理")),
    ("filed", _("立案")),
    ("investigating", _("调查")),
    ("ordered", _("责令支付")),
    ("paid", _("已支付")),
    ("closed", _("结案")),
]


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    on: dt.date | None
    done: bool
    detail: str = ""


def report_progress(report: PublicReport) -> list[Step]:
    """The steps of the report's case; at most two queries (the case's step events, the reporter's claim)."""
    if report.status != PublicReport.Status.ACCEPTED or report.case_id is None:
        return []
    case = report.case
    first: dict[str, CaseEvent] = {}
    kinds = [Kind.FILED, Kind.INVESTIGATION_STARTED, Kind.ORDER_ISSUED, Kind.CLOSED, Kind.VOIDED]
    for event in case.events.filter(kind__in=kinds).only("kind", "on", "data").order_by("on", "at", "id"):
        first.setdefault(event.kind, event)
    claim = (
        case.claims.filter(id_number=report.reporter_id_number).only("amount_owed", "amount_paid").first()
        if report.reporter_id_number
        else None
    )
    paid = claim.amount_paid if claim else Decimal("0.00")
    accepted_on = timezone.localtime(report.decided_at).date() if report.decided_at else None
    order = first.get(Kind.ORDER_ISSUED)
    closed = first.get(Kind.CLOSED)
    steps = [
        Step("accepted", str(STEPS[0][1]), accepted_on, True),
        Step("filed", str(STEPS[1][1]), getattr(first.get(Kind.FILED), "on", None), Kind.FILED in first),
        Step(
            "investigating",
            str(STEPS[2][1]),
            getattr(first.get(Kind.INVESTIGATION_STARTED), "on", None),
            Kind.INVESTIGATION_STARTED in first,
        ),
        Step(
            "ordered",
            str(STEPS[3][1]),
            order.on if order else None,
            order is not None,
            str(_("限 %(day)s 前支付") % {"day": _written_day(order.data.get("pay_by", ""))})
            if order
            else "",
        ),
        Step(
            "paid",
            str(STEPS[4][1]),
            None,
            paid > 0,
            str(
                _("已向您支付 %(paid)s 元（您反映的欠薪 %(owed)s 元）")
                % {"paid": money(paid), "owed": money(claim.amount_owed)}
            )
            if claim and paid > 0
            else "",
        ),
        Step("closed", str(STEPS[5][1]), closed.on if closed else None, closed is not None),
    ]
    return steps
