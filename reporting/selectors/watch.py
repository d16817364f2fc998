"""What the office watches beyond its own cases, as the dashboard and the bulletin show it: wage-payment
monitoring (issue 17, DESIGN.md section 11), the national platform's clues and the running special campaign
(issue 18, section 12).

Each figure is read through the selector of the page it links to, so that the two agree: the monitoring
list's `alert_counts` and `quarter_figures`, the clue list's `overdue`, the campaign page's rows
(`cases.services.campaigns`). The open warnings and the clues join the one row of counters (`counters.py`);
a running campaign costs its row and one statement of its figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from cases.models import Campaign, Clue
from enterprises import selectors as enterprise_selectors
from enterprises.models import WageAlert

from ..periods import Period, PeriodKind
from .cards import Figure, list_url

if TYPE_CHECKING:
    from .figures import PeriodFigures

MONITORING = "monitoring"
CLUES = "clues"


def running_campaign(today: dt.date) -> Campaign | None:
    """The special campaign running on `today` (the latest to start when two overlap), or None."""
    return (
        Campaign.objects.filter(starts_on__lte=today, ends_on__gte=today)
        .order_by("-starts_on", "-id")
        .first()
    )


def monitoring_quarters(windows: list[Period]) -> list[enterprise_selectors.QuarterFigures]:
    """The monitoring list's figures for each window when they are quarters (the bulletin's), else none."""
    if any(window.kind != PeriodKind.QUARTER for window in windows):
        return []
    return [enterprise_selectors.quarter_figures(w.start.year, w.quarter_number) for w in windows]


# --- the dashboard's cards ----------------------------------------------------------------------------------


def monitoring_cards(figures: PeriodFigures) -> list[Figure]:
    """Projects with open warnings, the red and the yellow ones, the workers and wages unpaid: today's state,
    each linked to the monitoring list filtered to the warnings it counts (whose counts line shows it)."""
    m = figures.monitoring
    underpaid = list_url("enterprises:monitoring", reason=WageAlert.Reason.UNDERPAID)
    return [
        Figure(
            "monitoring_projects",
            _("有未解除预警的在建项目"),
            m["projects"],
            _("个"),
            list_url("enterprises:monitoring"),
            group=MONITORING,
            note=_("预警共 %(n)d 条") % {"n": m["total"]},
        ),
        Figure(
            "alerts_red",
            _("红色预警"),
            m["red"],
            _("条"),
            list_url("enterprises:monitoring", level=WageAlert.Level.RED),
            list_count=m["red"],
            alert=m["red"] > 0,
            group=MONITORING,
        ),
        Figure(
            "alerts_yellow",
            _("黄色预警"),
            m["yellow"],
            _("条"),
            list_url("enterprises:monitoring", level=WageAlert.Level.YELLOW),
            list_count=m["yellow"],
            group=MONITORING,
        ),
        Figure(
            "workers_unpaid",
            _("未足额发放工资的劳动者"),
            m["workers_unpaid"],
            _("人"),
            underpaid,
            group=MONITORING,
        ),
        Figure(
            "amount_unpaid",
            _("未足额发放的工资"),
            m["amount_unpaid"],
            _("元"),
            underpaid,
            group=MONITORING,
        ),
    ]


def clue_cards(figures: PeriodFigures) -> list[Figure]:
    """The platform's clues of the period, apart from the complaints: received (against the period before),
    turned into cases, closed with a reason, answered by their deadline; and those overdue today."""
    c = figures.counters
    clues = list_url("cases:clues")
    return [
        Figure(
            "clues_received",
            _("本期收到平台线索"),
            c["clues_received_0"],
            _("条"),
            clues,
            previous=c["clues_received_1"],
            previous_label=_("上期"),
            group=CLUES,
        ),
        Figure(
            "clues_to_case",
            _("本期线索转立案件"),
            c["clues_to_case_0"],
            _("条"),
            list_url("cases:clues", status=Clue.Status.CASE),
            group=CLUES,
        ),
        Figure(
            "clues_closed",
            _("本期线索说明理由办结"),
            c["clues_closed_0"],
            _("条"),
            list_url("cases:clues", status=Clue.Status.CLOSED),
            group=CLUES,
        ),
        Figure(
            "clues_on_time",
            _("本期按期反馈的线索"),
            c["clues_on_time_0"],
            _("条"),
            clues,
            group=CLUES,
            note=_("逾期反馈 %(n)d 条") % {"n": c["clues_late_0"]},
        ),
        Figure(
            "clues_overdue",
            _("逾期未反馈的线索"),
            c["clues_overdue"],
            _("条"),
            list_url("cases:clues", due="overdue"),
            list_count=c["clues_overdue"],
            alert=c["clues_overdue"] > 0,
            group=CLUES,
        ),
    ]


# --- the running campaign -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignPanel:
    campaign: Campaign
    day: int  # the campaign's day today, counting its first as 1
    days: int
    inspections: int
    cases: int
    closed: int
    workers: int
    owed: Decimal
    paid: Decimal

    @property
    def url(self) -> str:
        return self.campaign.get_absolute_url()


def campaign_panel(figures: PeriodFigures) -> CampaignPanel | None:
    """The running campaign with what its summary page totals (from the row of counters), or None."""
    campaign = figures.campaign
    if campaign is None:
        return None
    c = figures.counters
    return CampaignPanel(
        campaign=campaign,
        day=(figures.today - campaign.starts_on).days + 1,
        days=(campaign.ends_on - campaign.starts_on).days + 1,
        inspections=c["campaign_inspections"],
        cases=c["campaign_cases"],
        closed=c["campaign_closed"],
        workers=c["campaign_workers"],
        owed=c["campaign_owed"],
        paid=c["campaign_paid"],
    )
