"""The fund's panels on the start page (issue 8): what waits for the management committee's approval, and
what waits for the finance bureau's payment."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from liudong_wages.reversing import reverse
from liudong_wages.roles import Role
from liudong_wages.startpage import PANEL_ROWS, Item, Panel

from .models import AdvanceApplication


def _waiting(*, status: str, key: str, title: str, badge: str, amount_field: str, empty: str) -> Panel:
    # One query: the oldest waiting applications with their case's enterprise.
    applications = list(
        AdvanceApplication.objects.filter(status=status)
        .select_related("case__enterprise")
        .order_by("submitted_at", "pk")[:PANEL_ROWS]
    )
    return Panel(
        key=key,
        title=title,
        items=[
            Item(
                label=f"{application.number} {application.case.respondent} ¥{getattr(application, amount_field)}",
                url=reverse("funds:detail", args=[application.pk]),
                date=timezone.localdate(application.submitted_at) if application.submitted_at else None,
                badge=badge,
                tone="warning",
            )
            for application in applications
        ],
        link=reverse("funds:list") + f"?status={status}",
        empty=empty,
    )


def to_approve(user) -> Panel | None:
    if not user.has_role(Role.APPROVER):
        return None
    return _waiting(
        status=AdvanceApplication.Status.SUBMITTED,
        key="to-approve",
        title=_("待审批的垫付申请"),
        badge=_("待审批"),
        amount_field="total_requested",
        empty=_("没有待审批的垫付申请。"),
    )


def to_pay(user) -> Panel | None:
    if not user.has_role(Role.TREASURER):
        return None
    return _waiting(
        status=AdvanceApplication.Status.APPROVED,
        key="to-pay",
        title=_("已批准待支付的垫付申请"),
        badge=_("待支付"),
        amount_field="approved_amount",
        empty=_("没有待支付的垫付申请。"),
    )
