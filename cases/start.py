"""The cases app's panels on the start page (issue 8): an inspector's own open cases, nearest legal deadline
first, overdue ones marked; the referrals waiting for the police liaison's answer; and, for the stability
office liaison, its petitions and the open cases with a risk of a mass incident that it may see."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from liudong_wages import access, workdays
from liudong_wages.reversing import reverse
from liudong_wages.roles import Role
from liudong_wages.startpage import PANEL_ROWS, Item, Panel

from .models import Case, Petition, PoliceReferral


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


def police_referrals(user) -> Panel | None:
    """Referred cases still waiting for the police: a decision on acceptance (the oldest first, those past
    POLICE_REFERRAL_REVIEW_DAYS marked), then accepted ones with no feedback yet."""
    if not user.has_role(Role.POLICE):
        return None
    today = timezone.localdate()
    review_by = today - dt.timedelta(days=settings.LIUDONG["POLICE_REFERRAL_REVIEW_DAYS"])
    undecided = Q(police_referral__status=PoliceReferral.Status.REFERRED)
    # The policy keeps the police to referred cases; a voided case waits for nobody.
    waiting = (
        access.visible_to(user, Case)
        .filter(
            undecided
            | Q(police_referral__status=PoliceReferral.Status.ACCEPTED, police_referral__feedback_on=None)
        )
        .exclude(status=Case.Status.VOIDED)
    )
    # Two queries: the counts, and the referrals shown with their case's enterprise.
    counts = waiting.aggregate(
        total=Count("pk"), late=Count("pk", filter=undecided & Q(police_referral__referred_on__lt=review_by))
    )
    cases = list(
        waiting.select_related("police_referral", "enterprise").order_by(
            # Undecided referrals have no decision date: they come first, then by how long they have waited.
            F("police_referral__decided_on").asc(nulls_first=True),
            "police_referral__referred_on",
            "pk",
        )[:PANEL_ROWS]
    )
    items = []
    for case in cases:
        referral = case.police_referral
        if referral.status == PoliceReferral.Status.REFERRED:
            date = referral.referred_on
            if referral.referred_on < review_by:
                days = (today - referral.referred_on).days
                badge, tone = _("待受理，已等 %(days)d 天") % {"days": days}, "danger"
            else:
                badge, tone = _("待受理"), "warning"
        else:
            date, badge, tone = referral.decided_on, _("已受理，待反馈"), "info"
        items.append(
            Item(
                label=f"{case.number} {case.respondent}",
                url=case.get_absolute_url(),
                date=date,
                badge=badge,
                tone=tone,
            )
        )
    title = _("移送公安待答复的案件")
    if counts["late"]:
        title = _("移送公安待答复的案件（%(count)d 件超过 %(days)d 日未受理）") % {
            "count": counts["late"],
            "days": settings.LIUDONG["POLICE_REFERRAL_REVIEW_DAYS"],
        }
    return Panel(
        key="police-referrals",
        title=title,
        items=items,
        link=reverse("cases:list") + "?risk=referred",
        empty=_("没有待受理或待反馈的移送案件。"),
        total=counts["total"],
    )


def stability_watch(user) -> Panel | None:
    """Open cases at risk of a mass incident, then the latest petitions: each as far as the access policies
    let this user see (the stability office's own petitions; cases only for a role that may see them)."""
    if not user.has_role(Role.STABILITY):
        return None
    # At most two queries. A role that may see no case gets an empty queryset, which costs none. The cases
    # take at most half the rows, so that the petitions always show.
    cases = list(
        access.visible_to(user, Case)
        .open()
        .filter(mass_incident_risk=True)
        .select_related("enterprise")
        .order_by("-received_on", "-pk")[: PANEL_ROWS // 2]
    )
    petitions = list(
        access.visible_to(user, Petition).select_related("case").order_by("-received_on", "-pk")[:PANEL_ROWS]
    )
    items = [
        Item(
            label=f"{case.number} {case.respondent}",
            url=case.get_absolute_url(),
            date=case.received_on,
            badge=_("群体性事件风险"),
            tone="danger",
        )
        for case in cases
    ]
    many = settings.LIUDONG["MANY_WORKERS"]
    for petition in petitions:
        if petition.case_id:
            badge, tone = _("已转案件 %(number)s") % {"number": petition.case.number}, "success"
        elif petition.people_count >= many:
            badge, tone = _("多人上访，待处理"), "danger"
        else:
            badge, tone = _("待处理"), "warning"
        items.append(
            Item(
                label=_("%(employer)s（%(count)d 人）")
                % {"employer": petition.employer_name, "count": petition.people_count},
                url=petition.get_absolute_url(),
                date=petition.received_on,
                badge=badge,
                tone=tone,
            )
        )
    return Panel(
        key="stability-watch",
        title=_("欠薪上访与群体性事件风险"),
        items=items[:PANEL_ROWS],
        link=reverse("cases:petitions"),
        link_label=_("全部上访"),
        empty=_("暂无欠薪上访。"),
    )


def document_periods(user) -> Panel | None:
    """The periods that served documents started in the handler's cases (issue 18): a rectification period,
    the days for representations or a hearing request, the days to serve a penalty decision; passed ones
    first."""
    if not user.has_role(Role.INSPECTOR, Role.OFFICE):
        return None
    from .models import DocumentPeriod

    today = timezone.localdate()
    running = DocumentPeriod.objects.running().filter(case__handler=user)
    # Two queries: the counts, and the nearest periods with their document and case.
    counts = running.aggregate(total=Count("pk"), missed=Count("pk", filter=Q(due_on__lt=today)))
    if not counts["total"]:
        return None
    items = [
        Item(
            label=f"{period.case.number} {period.get_kind_display()}（{period.document.number}）",
            url=period.document.get_absolute_url(),
            date=period.due_on,
            badge=_("已届满") if period.due_on < today else _("期限内"),
            tone="danger" if period.due_on < today else "info",
        )
        for period in running.select_related("case", "document").order_by("due_on", "pk")[:PANEL_ROWS]
    ]
    title = _("文书期限")
    if counts["missed"]:
        title = _("文书期限（%(count)d 项已届满）") % {"count": counts["missed"]}
    return Panel(key="document-periods", title=title, items=items, total=counts["total"])


def intake_waiting(user) -> Panel | None:
    """Public reports waiting for a decision (1 working day) and an answer (3), and platform clues waiting
    for their answer (issue 18): the office's queue, the earliest limit first."""
    if not user.has_role(Role.OFFICE, Role.INSPECTOR, Role.DIRECTOR):
        return None
    from .models import Clue, PublicReport

    today = timezone.localdate()
    # Two queries: the waiting reports and the waiting clues, each capped to the panel's rows.
    reports = list(
        PublicReport.objects.filter(status=PublicReport.Status.SUBMITTED).order_by("accept_due", "pk")[
            :PANEL_ROWS
        ]
    )
    clues = list(Clue.objects.open().order_by("answer_due", "pk")[:PANEL_ROWS])
    if not reports and not clues:
        return None
    items = [
        Item(
            label=_("网上举报 %(employer)s") % {"employer": r.employer_name},
            url=r.get_absolute_url(),
            date=r.accept_due,
            badge=_("已超受理期限") if r.accept_due < today else _("待受理"),
            tone="danger" if r.accept_due < today else "warning",
        )
        for r in reports
    ] + [
        Item(
            label=_("平台线索 %(number)s %(employer)s")
            % {"number": c.platform_number, "employer": c.employer_name},
            url=c.get_absolute_url(),
            date=c.answer_due,
            badge=_("已超反馈期限") if c.answer_due < today else _("待反馈"),
            tone="danger" if c.answer_due < today else "info",
        )
        for c in clues
    ]
    items.sort(key=lambda item: item.date)
    return Panel(key="intake-waiting", title=_("待受理的举报和线索"), items=items[:PANEL_ROWS])
