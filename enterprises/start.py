"""The enterprises app's panel on the start page (issue 8): the restriction measures a liaison's unit still
has to record against listed dishonest employers."""

from __future__ import annotations

from django.utils.translation import gettext as _

from liudong_wages.reversing import reverse
from liudong_wages.roles import Role
from liudong_wages.startpage import PANEL_ROWS, Item, Panel

from . import selectors
from .models import RESTRICTION_UNIT_CODES, RestrictionMeasure


def unit_measures(user) -> Panel | None:
    if (
        not user.has_role(Role.LIAISON)
        or user.unit_id is None
        or user.unit.code not in RESTRICTION_UNIT_CODES
    ):
        return None
    # One query: the unit's pending measures with their listing and enterprise.
    measures = list(
        selectors.pending_measures(RestrictionMeasure.objects.filter(unit_id=user.unit_id)).order_by(
            "listing__decided_on", "pk"
        )[:PANEL_ROWS]
    )
    return Panel(
        key="unit-measures",
        title=_("本单位待落实的失信惩戒措施"),
        items=[
            Item(
                label=measure.listing.enterprise.name,
                url=reverse("enterprises:measure_edit", args=[measure.pk]),
                date=measure.listing.decided_on,
                badge=_("待落实"),
                tone="warning",
            )
            for measure in measures
        ],
        link=reverse("enterprises:measures_pending"),
        empty=_("没有待落实的惩戒措施。"),
    )


def wage_alerts(user) -> Panel | None:
    """Open wage-payment warnings (issue 17), red first: for the inspectors and the construction bureau's
    liaison, who follow the sites."""
    from .models import WageAlert
    from .policies import CONSTRUCTION_UNIT_CODE, may_monitor

    is_site_liaison = (
        user.has_role(Role.LIAISON) and user.unit_id is not None and user.unit.code == CONSTRUCTION_UNIT_CODE
    )
    if not (user.has_role(Role.INSPECTOR) or is_site_liaison) or not may_monitor(user):
        return None
    # One query: the first open warnings with their project (the open-warnings index, by colour).
    alerts = list(
        WageAlert.objects.open().select_related("project").order_by("level", "opened_on", "pk")[:PANEL_ROWS]
    )
    return Panel(
        key="wage-alerts",
        title=_("工资支付预警"),
        items=[
            Item(
                label=f"{alert.project.name}：{alert.get_reason_display()}（{alert.month:%Y-%m}）",
                url=reverse("enterprises:project_detail", args=[alert.project_id]) + "#monitoring",
                date=alert.opened_on,
                badge=alert.get_level_display(),
                tone="danger" if alert.level == WageAlert.Level.RED else "warning",
            )
            for alert in alerts
        ],
        link=reverse("enterprises:monitoring"),
        empty=_("没有未解除的工资支付预警。"),
    )
