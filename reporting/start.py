"""The reporting app's panels on the start page (issue 8): a liaison's own unit's reports due and returned,
and the summary the director and the leaders see, with the way to the dashboard."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _

from liudong_wages.reversing import reverse
from liudong_wages.roles import Role
from liudong_wages.startpage import PANEL_ROWS, Item, Panel

from . import definitions
from .models import Report


def unit_reports(user) -> Panel | None:
    """What the liaison's unit owes now (last period's report of each type it files) and what came back."""
    if not user.has_role(Role.LIAISON) or user.unit_id is None:
        return None
    due = [
        (definition, definition.previous_period(definition.period_start(timezone.localdate())))
        for definition in definitions.for_unit(user.unit.code)
        if definition.is_periodic
    ]
    if not due:
        return None
    today = timezone.localdate()
    wanted = Q(status=Report.Status.RETURNED)
    for definition, period in due:
        wanted |= Q(report_type=definition.code, period=period)
    # One query: this period's reports of the unit, and any sent back.
    reports = list(
        Report.objects.filter(unit_id=user.unit_id).filter(wanted).order_by("-period")[: PANEL_ROWS * 2]
    )
    by_key = {(report.report_type, report.period): report for report in reports}

    items = []
    for definition, period in due:
        report = by_key.get((definition.code, period))
        if report is not None and report.status != Report.Status.DRAFT:
            continue
        deadline = definition.deadline(period)
        if today > deadline:
            badge, tone = _("已逾期"), "danger"
        else:
            badge, tone = (_("草稿") if report else _("待报送")), "warning"
        items.append(
            Item(
                label=f"{definition.title} · {definition.period_label(period)}",
                url=reverse("reporting:start", args=[definition.code, f"{period:%Y-%m}"]),
                date=deadline,
                badge=badge,
                tone=tone,
            )
        )
    for report in reports:
        if report.status == Report.Status.RETURNED:
            items.append(
                Item(
                    label=f"{report.definition.title} · {report.period_label}",
                    url=reverse("reporting:detail", args=[report.pk]),
                    date=timezone.localdate(report.reviewed_at) if report.reviewed_at else None,
                    badge=_("已退回"),
                    tone="danger",
                )
            )
    return Panel(
        key="unit-reports",
        title=_("本单位信息报送"),
        items=items[:PANEL_ROWS],
        link=reverse("reporting:list"),
        empty=_("本期报表均已报送，没有被退回的报表。"),
    )


def director_summary(user) -> Panel | None:
    """The state of the work at a glance, for the director and the leaders; the dashboard has the rest."""
    if not user.has_role(Role.DIRECTOR, Role.LEADER):
        return None
    from cases.models import Case

    today = timezone.localdate()
    # One query for the cases, one for the reports of the period now due.
    cases = Case.objects.open().aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(deadline__lt=today)),
        major=Count("pk", filter=Q(is_major=True)),
    )
    monthly = [d for d in definitions.periodic() if d.cadence == definitions.Cadence.MONTHLY]
    items = [
        Item(_("在办案件"), reverse("cases:list") + "?status=open", badge=str(cases["open"]), tone="primary"),
        Item(
            _("超过法定期限的案件"),
            reverse("cases:list") + "?deadline=overdue",
            badge=str(cases["overdue"]),
            tone="danger" if cases["overdue"] else "success",
        ),
        Item(
            _("在办重大案件"),
            reverse("cases:list") + "?status=open&risk=major",
            badge=str(cases["major"]),
            tone="warning",
        ),
    ]
    if monthly:
        period = monthly[0].previous_period(monthly[0].period_start(today))
        submitted = (
            Report.objects.submitted()
            .filter(period=period, report_type__in=[d.code for d in monthly])
            .count()
        )
        missing = len(monthly) - submitted
        items.append(
            Item(
                _("%(period)s 月报未报送") % {"period": monthly[0].period_label(period)},
                reverse("reporting:board"),
                date=monthly[0].deadline(period),
                badge=str(missing),
                tone="danger" if missing and today > monthly[0].deadline(period) else "secondary",
            )
        )
    try:
        link = reverse("dashboard:index")
    except NoReverseMatch:  # the dashboard is not there (yet): the summary stands alone
        link = ""
    return Panel(key="summary", title=_("工作概况"), items=items, link=link, link_label=_("进入驾驶舱"))
