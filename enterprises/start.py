"""The enterprises app's panel on the start page (issue 8): the restriction measures a liaison's unit still
has to record against listed dishonest employers."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

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
