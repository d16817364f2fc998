"""The dashboard's cards (one `Figure` each, with the list that explains it) and its "Today" panel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet, Value
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case, Interview, JointHandling, Petition, PoliceWarning
from enterprises.models import DishonestListing, Project
from funds.models import AdvanceApplication
from liudong_wages.reversing import reverse

from ..models import Report
from . import watch
from .board import CellState
from .cards import Figure, list_url
from .figures import PeriodFigures

TODAY_FEED_DAYS = 7  # police warnings and petitions of the last week show in the "Today" panel
TODAY_FEED_LIMIT = 30


def dashboard_figures(figures: PeriodFigures) -> list[Figure]:
    """The dashboard's cards, in the page's order: cases, interviews, the fund, the office's own work, then
    wage-payment monitoring and the platform's clues (each its own section of the page, `Figure.group`)."""
    return [
        *_case_cards(figures.counters),
        *_interview_cards(figures.counters),
        *_fund_cards(figures.counters),
        *_office_cards(figures),
        *watch.monitoring_cards(figures),
        *watch.clue_cards(figures),
    ]


CARD_GROUPS = [
    ("", ""),
    (watch.MONITORING, gettext_lazy("工资支付监控")),
    (watch.CLUES, gettext_lazy("欠薪线索（全国根治欠薪线索反映平台）")),
]


def card_groups(cards: list[Figure]) -> list[tuple[str, str, list[Figure]]]:
    """The cards by section of the page, as (key, heading, cards): the first section has no heading."""
    return [
        (key, str(title), [card for card in cards if card.group == key])
        for key, title in CARD_GROUPS
        if any(card.group == key for card in cards)
    ]


AT_START = gettext_lazy("期初")
LAST_YEAR = gettext_lazy("去年同期")


def _case_cards(c: dict[str, Any]) -> list[Figure]:
    return [
        Figure(
            "cases_open",
            _("在办欠薪案件"),
            c["cases_open"],
            _("件"),
            list_url("cases:list", status="open"),
            previous=c["cases_open_at_start"],
            previous_label=str(AT_START),
            list_count=c["cases_open"],
        ),
        Figure(
            "workers_affected",
            _("在办案件涉及劳动者"),
            c["cases_open_workers"],
            _("人"),
            list_url("cases:list", status="open"),
            previous=c["cases_open_workers_at_start"],
            previous_label=str(AT_START),
        ),
        Figure(
            "owed_outstanding",
            _("在办案件尚欠工资"),
            c["cases_open_outstanding"],
            _("元"),
            list_url("cases:list", status="open"),
        ),
        Figure(
            "recovered_ytd",
            _("本年已结案件追回工资"),
            c["cases_recovered_ytd"],
            _("元"),
            list_url("cases:list", status=Case.Status.CLOSED),
            previous=c["cases_recovered_ytd_last_year"],
            previous_label=str(LAST_YEAR),
        ),
        Figure(
            "cases_overdue",
            _("超过法定期限的案件"),
            c["cases_overdue"],
            _("件"),
            list_url("cases:list", deadline="overdue"),
            list_count=c["cases_overdue"],
            alert=c["cases_overdue"] > 0,
        ),
        Figure(
            "cases_near",
            _("临近法定期限的案件"),
            c["cases_near"],
            _("件"),
            list_url("cases:list", deadline="near"),
            list_count=c["cases_near"],
        ),
        Figure(
            "cases_major",
            _("在办重大案件"),
            c["cases_major_open"],
            _("件"),
            list_url("cases:list", status="open", risk="major"),
            list_count=c["cases_major_open"],
        ),
        Figure(
            "cases_mass",
            _("在办有群体性事件风险的案件"),
            c["cases_mass_open"],
            _("件"),
            list_url("cases:list", status="open", risk="mass_incident"),
            list_count=c["cases_mass_open"],
            alert=c["cases_mass_open"] > 0,
        ),
    ]


def _interview_cards(c: dict[str, Any]) -> list[Figure]:
    return [
        Figure(
            "interviews_awaiting",
            _("约谈后待报送整改的企业"),
            c["interviews_awaiting"],
            _("家"),
            list_url("cases:interviews", status=Interview.Status.HELD),
            list_count=c["interviews_awaiting"],
        ),
        Figure(
            "interviews_overdue",
            _("整改报告逾期"),
            c["interviews_overdue"],
            _("家"),
            list_url("cases:interviews", due="overdue"),
            list_count=c["interviews_overdue"],
            alert=c["interviews_overdue"] > 0,
        ),
    ]


def _fund_cards(c: dict[str, Any]) -> list[Figure]:
    return [
        Figure(
            "fund_balance",
            _("周转金余额"),
            c["fund_balance_today"],
            _("元"),
            reverse("funds:overview"),
            previous=c["fund_balance_1"],
            previous_label=str(AT_START),
        ),
        Figure(
            "advances_outstanding",
            _("待收回垫付款"),
            c["fund_outstanding_today"],
            _("元"),
            list_url("funds:list", outstanding="1"),
            previous=c["fund_outstanding_1"],
            previous_label=str(AT_START),
        ),
        Figure(
            "advances_outstanding_count",
            _("待收回垫付申请"),
            c["advances_outstanding_count"],
            _("笔"),
            list_url("funds:list", outstanding="1"),
            list_count=c["advances_outstanding_count"],
        ),
    ]


def _office_cards(figures: PeriodFigures) -> list[Figure]:
    c = figures.counters
    month = figures.this_month_period
    board_url = list_url("reporting:board", start=f"{month:%Y-%m}", end=f"{month:%Y-%m}")
    return [
        Figure(
            "reports_missing",
            _("本月应报未报"),
            figures.reports_missing_this_month,
            _("份"),
            board_url,
            alert=figures.reports_missing_this_month > 0,
        ),
        Figure(
            "reports_late",
            _("本月逾期报送"),
            figures.reports_late_this_month,
            _("份"),
            board_url,
        ),
        Figure(
            "supervision_overdue",
            _("督办事项逾期"),
            c["supervision_overdue"],
            _("项"),
            list_url("reporting:tasks", overdue="on"),
            list_count=c["supervision_overdue"],
            alert=c["supervision_overdue"] > 0,
        ),
        Figure(
            "listings_in_force",
            _("失信名单在列企业"),
            c["listings_in_force"],
            _("家"),
            list_url("enterprises:listing_list", status=DishonestListing.Status.LISTED),
            list_count=c["listings_in_force"],
        ),
        Figure(
            "projects_red",
            _("红色风险项目"),
            c["projects_red"],
            _("个"),
            list_url("enterprises:project_list", risk=Project.Risk.RED),
            list_count=c["projects_red"],
            alert=c["projects_red"] > 0,
        ),
    ]


# --- the "Today" panel ------------------------------------------------------------------------------------


@dataclass
class FeedItem:
    kind: str
    label: str
    on: dt.date
    url: str
    overdue: bool = False

    @property
    def kind_label(self) -> str:
        return str(FEED_KINDS.get(self.kind, self.kind))


FEED_KINDS = {
    "advance": gettext_lazy("待审批垫付"),
    "joint": gettext_lazy("待批准联合处置"),
    "review": gettext_lazy("待审核报表"),
    "case_deadline": gettext_lazy("案件今日到期"),
    "rectification": gettext_lazy("整改报告今日到期"),
    "warning": gettext_lazy("公安预警"),
    "petition": gettext_lazy("欠薪上访"),
    "report_overdue": gettext_lazy("报表逾期未报"),
}

_FEED_URLS = {
    "advance": "funds:detail",
    "joint": "cases:joint",
    "review": "reporting:detail",
    "case_deadline": "cases:detail",
    "rectification": "cases:interview",
    "warning": "cases:warning",
    "petition": "cases:petition",
}


def _feed_part(queryset: QuerySet, kind: str, label: Any, on: Any) -> QuerySet:
    return (
        queryset.order_by()
        .annotate(
            feed_kind=Value(kind),
            feed_ref=F("pk"),
            feed_label=label,
            feed_on=on,
        )
        .values("feed_kind", "feed_ref", "feed_label", "feed_on")
    )


def today_feed(*, today: dt.date, figures: PeriodFigures | None = None) -> list[FeedItem]:
    """What waits for the office today, newest first: approvals, deadlines of today, police warnings and
    petitions of the last week (one UNION query), and the reports overdue from the figures' board."""
    since = today - dt.timedelta(days=TODAY_FEED_DAYS)
    parts = [
        _feed_part(
            AdvanceApplication.objects.filter(status=AdvanceApplication.Status.SUBMITTED),
            "advance",
            F("number"),
            TruncDate("submitted_at"),
        ),
        _feed_part(
            JointHandling.objects.filter(status=JointHandling.Status.REQUESTED),
            "joint",
            F("case__number"),
            TruncDate("created_at"),
        ),
        _feed_part(
            Report.objects.filter(status=Report.Status.SUBMITTED),
            "review",
            F("unit__short_name"),
            TruncDate("submitted_at"),
        ),
        _feed_part(Case.objects.open().filter(deadline=today), "case_deadline", F("number"), F("deadline")),
        _feed_part(
            Interview.objects.filter(status=Interview.Status.HELD, rectification_due=today),
            "rectification",
            F("enterprise__name"),
            F("rectification_due"),
        ),
        _feed_part(
            PoliceWarning.objects.filter(reported_on__gte=since),
            "warning",
            F("employer_name"),
            F("reported_on"),
        ),
        _feed_part(
            Petition.objects.filter(received_on__gte=since), "petition", F("employer_name"), F("received_on")
        ),
    ]
    union = parts[0].union(*parts[1:], all=True).order_by("-feed_on", "feed_kind")[:TODAY_FEED_LIMIT]
    items = [
        FeedItem(
            kind=row["feed_kind"],
            label=str(row["feed_label"] or ""),
            on=row["feed_on"] or today,
            url=reverse(_FEED_URLS[row["feed_kind"]], args=[row["feed_ref"]]),
        )
        for row in union
    ]
    if figures is not None:
        for row, cell in figures.reporting_this_month:
            if cell.state != CellState.MISSING:
                continue
            items.append(
                FeedItem(
                    kind="report_overdue",
                    label=f"{row.unit.short_name} {row.definition.title} {cell.period:%Y-%m}",
                    on=cell.deadline or today,
                    url=list_url("reporting:board", start=f"{cell.period:%Y-%m}", end=f"{cell.period:%Y-%m}"),
                    overdue=True,
                )
            )
    items.sort(key=lambda item: item.on, reverse=True)
    return items
