"""The cases app's panel on the start page (issue 8): an inspector's own open cases, nearest legal deadline
first, overdue ones marked."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from liudong_wages import workdays
from liudong_wages.roles import Role
from liudong_wages.startpage import PANEL_ROWS, Item, Panel

from .models import Case


def my_cases(user) -> Panel | None:
    if not user.has_role(Role.INSPECTOR, Role.OFFICE):
        return None
    today = timezone.localdate()
    horizon = workdays.add_working_days(today, settings.LIUDONG["CASE_DEADLINE_WARNING_WORKING_DAYS"])
    mine = Case.objects.open().filter(handler=user)
    # Two queries: the counts, and the cases with the nearest deadlines.
    counts = mine.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(deadline__lt=today)))
    cases = list(
        mine.select_related("enterprise").order_by(F("deadline").asc(nulls_last=True), "pk")[:PANEL_ROWS]
    )
    items = []
    for case in cases:
        if case.deadline is None:
            badge, tone = "", "secondary"
        elif case.deadline < today:
            badge, tone = _("已超期"), "danger"
        elif case.deadline <= horizon:
            badge, tone = _("即将到期"), "warning"
        else:
            badge, tone = _("期限内"), "success"
        items.append(
            Item(
                label=f"{case.number} {case.respondent}",
                url=case.get_absolute_url(),
                date=case.deadline,
                badge=badge,
                tone=tone,
            )
        )
    title = _("我承办的案件")
    if counts["overdue"]:
        title = _("我承办的案件（%(count)d 件已超期）") % {"count": counts["overdue"]}
    return Panel(
        key="my-cases",
        title=title,
        items=items,
        link=reverse("cases:list") + f"?status=open&handler={user.pk}",
        empty=_("没有在办案件。"),
        total=counts["total"],
    )
