"""Wage-payment monitoring pages (issue 17, DESIGN.md section 11): every open warning of the district with its
filters and export, the project page's monitoring section (roster count, sheets, transfers, warnings and a
12-month strip), and the site's rights notice board as a one-page PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liudong_wages import access
from liudong_wages.excel import Sheet
from liudong_wages.excel_stream import xlsx_streaming_response
from liudong_wages.formats import money
from liudong_wages.pdf import pdf_response, render_pdf

from .. import selectors, tables
from ..exports import ALERT_EXPORT, alert_rows
from ..filters import WageAlertFilter, state_filter
from ..models import DepositUse, LabourCostTransfer, Payroll, Project, ProjectWorker, Subcontractor, WageAlert
from ..policies import may_monitor
from .common import export_name, filtered, list_context

# Where a worker complains (条例 art. 34: the board names the labour inspection's address).
OFFICE_ADDRESS = gettext_lazy("柳东新区人力资源和社会保障局劳动保障监察大队（柳东新区治欠办）")


def _alerts(request: HttpRequest):
    # A liaison of a unit other than the construction bureau is refused the list rather than shown it empty.
    access.require(may_monitor, request.user)
    visible = access.visible_to(request.user, WageAlert)
    state = request.GET.get("state")
    if state_filter(state) == state_filter(None):
        queryset = selectors.open_alerts(visible)
    else:
        # Closed warnings too (the bulletin's quarter checked on the list): the rows open_alerts reads.
        queryset = visible.filter(state_filter(state)).select_related("project__general_contractor")
    return filtered(request, WageAlertFilter, queryset)


ALERT_LIST_FIELDS = (
    *("level", "reason", "red_reason", "month", "opened_on", "closed_on", "workers_unpaid", "amount_unpaid"),
    *("case_number", "inspection_id", "project_id", "project__name", "project__general_contractor__name"),
)


@login_required
def monitoring_list(request: HttpRequest) -> HttpResponse:
    # Queries: session and user, permissions and unit (cached on the user), the filtered warnings' counts (one
    # aggregate), the page of warnings with their project and contractors (one row more than a page), and a
    # capped COUNT only when there is a next page.
    filterset, rows = _alerts(request)
    today = timezone.localdate()
    # The counts line sums open warnings (alert_counts); a list of closed ones shows its rows' count only.
    shows_open = state_filter(request.GET.get("state")) == state_filter(None)
    counts = selectors.alert_counts(rows.order_by()) if shows_open else None
    # The columns the table shows (tables.ALERTS), not every column of the warning, its project and its
    # contractor: a third of the page's time went into building those instances (issue 21).
    shown = rows.only(*ALERT_LIST_FIELDS)
    context = list_context(request, filterset, shown, today=today, counts=counts)
    for alert in context["rows"]:
        alert.days_open = (today - alert.opened_on).days
    context["table"] = tables.ALERTS.bind(context["rows"])
    return render(request, "enterprises/monitoring_list.html", context)


@login_required
def monitoring_export(request: HttpRequest) -> HttpResponse:
    _filterset, rows = _alerts(request)
    sheet = Sheet(
        _("工资支付预警"),
        ALERT_EXPORT,
        alert_rows(
            rows.select_related("project__construction_unit").iterator(chunk_size=2000),
            today=timezone.localdate(),
        ),
    )
    return xlsx_streaming_response(filename=export_name(_("工资支付预警")), sheets=[sheet])


@login_required
def notice_board(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.get_for_user(
        request.user, Project.objects.select_related("construction_unit", "general_contractor"), pk=pk
    )
    context = {
        "project": project,
        "subcontractors": Subcontractor.objects.filter(project=project).select_related("enterprise"),
        "payday": project.payday or settings.LIUDONG["WAGE_PAYDAY"],
        "office_address": OFFICE_ADDRESS,
        # DESIGN.md section 7 keeps the public report at /report/.
        "report_url": request.build_absolute_uri("/report/"),
        "today": timezone.localdate(),
    }
    return pdf_response(
        render_pdf("pdf/notice_board.html", context),
        _("维权信息告示牌-%(name)s.pdf") % {"name": project.name},
    )


# --- the 12-month strip -------------------------------------------------------------------------------------

STRIP_WIDTH, STRIP_HEIGHT, BAR_GAP, LABEL_HEIGHT = 600, 90, 6, 14


@dataclass(frozen=True)
class StripBar:
    """One month of the strip, with the geometry of its two rects (payable behind, paid in front)."""

    label: str
    payable: Decimal
    paid: Decimal
    has_sheet: bool
    x: int
    width: int
    payable_y: int
    payable_height: int
    paid_y: int
    paid_height: int
    label_x: int


def strip_bars(months) -> list[StripBar]:
    """The bars of a project's 12-month strip from (month, payable, paid, has_sheet) rows, oldest first:
    plain numbers for an SVG the server draws (the page's CSP allows no inline style or script)."""
    months = list(months)
    if not months:
        return []
    top = max(
        (max(payable, paid) for _month, payable, paid, _has in months), default=Decimal("0")
    ) or Decimal(1)
    slot = STRIP_WIDTH // len(months)
    width = slot - BAR_GAP
    chart = STRIP_HEIGHT - LABEL_HEIGHT
    bars = []
    for index, (month, payable, paid, has_sheet) in enumerate(months):
        payable_height = int(chart * payable / top) if payable else 0
        paid_height = int(chart * min(paid, payable or paid) / top) if paid else 0
        x = index * slot
        bars.append(
            StripBar(
                label=f"{month:%y.%m}" if month.month == 1 or index == 0 else f"{month.month}",
                payable=payable,
                paid=paid,
                has_sheet=has_sheet,
                x=x,
                width=width,
                payable_y=chart - payable_height,
                payable_height=payable_height,
                paid_y=chart - paid_height,
                paid_height=paid_height,
                label_x=x + width // 2,
            )
        )
    return bars


def strip_svg(bars: list[StripBar]) -> SafeString:
    """The strip as SVG, written here rather than by the template engine: twelve months of two rects, a
    title and a label each were an eighth of the project page's time (issue 21). Every text is escaped."""
    no_sheet_y = STRIP_HEIGHT - LABEL_HEIGHT - 4  # a 4-pixel grey bar on the chart's base line
    label_y = STRIP_HEIGHT - 2
    parts = [
        format_html(
            '<svg viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">',
            STRIP_WIDTH,
            STRIP_HEIGHT,
            _("近 12 个月应发与实发"),
        )
    ]
    no_sheet = _("无工资支付表")
    for bar in bars:
        if bar.has_sheet:
            title = _("应发 %(payable)s 元，实发 %(paid)s 元") % {
                "payable": money(bar.payable),
                "paid": money(bar.paid),
            }
            rects = format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#e35d6a"></rect>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#198754"></rect>',
                bar.x,
                bar.payable_y,
                bar.width,
                bar.payable_height,
                bar.x,
                bar.paid_y,
                bar.width,
                bar.paid_height,
            )
        else:
            title = no_sheet
            rects = format_html(
                '<rect x="{}" y="{}" width="{}" height="4" fill="#adb5bd"></rect>',
                bar.x,
                no_sheet_y,
                bar.width,
            )
        parts.append(
            format_html(
                "<g><title>{}：{}</title>{}"
                '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#495057">{}</text></g>',
                bar.label,
                title,
                rects,
                bar.label_x,
                label_y,
                bar.label,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


# --- the project page's monitoring section ------------------------------------------------------------------


def project_monitoring(request: HttpRequest, project: Project) -> dict:
    """The project page's monitoring section: roster count, the last sheets and transfers, the warnings, the
    12-month strip and the deposit's uses; a role that may not see the roster (a liaison of another unit)
    gets the warnings only. At most six queries whatever the size of the roster or the number of sheets."""
    user = request.user
    today = timezone.localdate()
    may_roster = access.may(user, ProjectWorker(project=project), "view")
    may_payroll = access.may(user, Payroll(project=project), "view")
    may_transfers = access.may(user, LabourCostTransfer(project=project), "view")
    # Most projects never had a warning: the page's project comes with a flag (projects._project_for_page).
    alerts = (
        list(
            WageAlert.objects.filter(project=project)
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=today - dt.timedelta(days=90)))
            .order_by(F("closed_on").desc(nulls_first=True), "level", "-month", "-pk")[:20]
        )
        if getattr(project, "has_alerts", True)
        else []
    )
    open_alerts = [alert for alert in alerts if alert.closed_on is None]
    context = {
        "monitoring": True,
        "today": today,
        "alerts": alerts,
        "open_alerts": open_alerts,
        "red_alerts": [
            alert for alert in open_alerts if alert.level == WageAlert.Level.RED and not alert.case_ref
        ],
        "may_roster": may_roster,
        "may_payroll": may_payroll,
        "may_transfers": may_transfers,
        "may_open_case": user.has_perm("cases.add_case"),
        "payday": project.payday or settings.LIUDONG["WAGE_PAYDAY"],
    }
    if may_roster:
        context["roster"] = selectors.roster_counts(project)
    if may_payroll:
        sheets = selectors.recent_sheets(project, today=today)
        context["strip"] = strip_svg(strip_bars(selectors.month_strip(sheets, today=today)))
        context["sheets"] = sheets[: selectors.PROJECT_PAGE_ROWS]
    if may_transfers:
        context["transfers"] = selectors.recent_transfers(project)
    for alert in context["red_alerts"]:
        alert.case_url = case_from_alert_url(alert) if context["may_open_case"] else ""
    # A deposit never lodged was never used: no query for most projects.
    if project.deposit_paid_on is not None and access.may(user, DepositUse(project=project), "view"):
        uses = selectors.recent_deposit_uses(project)
        may_top_up = access.may(user, DepositUse(project=project), "change")
        for use in uses:
            use.top_up_url = (
                reverse("enterprises:deposit_top_up", args=[project.pk, use.pk])
                if may_top_up and use.topped_up_on is None
                else ""
            )
        context["deposit_uses"] = uses
        context["may_use_deposit"] = (
            access.may(user, DepositUse(project=project), "add")
            and project.deposit_returned_on is None
            and project.status != Project.Status.VOIDED
        )
    return context


def case_from_alert_url(alert: WageAlert) -> str:
    """The `cases` app's action that opens a case from a red warning (cases is to the right of this app: the
    page links to its URL, it never imports it); empty while that app offers none."""
    try:
        return reverse("cases:from_wage_alert", args=[alert.pk])
    except NoReverseMatch:
        return ""
