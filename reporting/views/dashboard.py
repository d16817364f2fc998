"""The director's dashboard at /dashboard/ (DESIGN.md section 7): the figures of a period with their trend,
each linked to the list that explains it, the charts the bulletin also prints, and the "Today" panel; the
whole page as PDF and its tables as Excel. For the director, the office and the leaders."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from enterprises.models import Project
from enterprises.selectors import projects_most_at_risk
from liudong_wages import access, excel
from liudong_wages.pdf import html_to_pdf, pdf_response

from .. import exports
from ..bulletin.charts import period_charts
from ..bulletin.pdf import ISSUER
from ..bulletin.tables import bulletin_tables
from ..forms.dashboard import PeriodForm
from ..selectors.dashboard import card_groups, dashboard_figures, today_feed
from ..selectors.figures import period_figures
from ..selectors.watch import campaign_panel

DASHBOARD_TABLES = ("cases_counts", "cases_money", "industries", "interviews", "fund", "reporting")


def _require(user) -> None:
    access.require(lambda u: u.has_perm("reporting.view_dashboard"), user)


def _context(request: HttpRequest, *, tables: bool = False) -> dict:
    """What the page, its PDF and its Excel show; `tables` adds the figures of the Excel's tables."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    period = form.period_for(today)
    figures = period_figures(period, today=today, tables=tables)
    if not request.GET:
        form = PeriodForm(
            initial={"period": period.kind, "year": period.start.year, "quarter": period.quarter_number}
        )
    cards = dashboard_figures(figures)
    return {
        "form": form,
        "period": period,
        "figures": figures,
        "cards": cards,
        "card_groups": card_groups(cards),
        "campaign": campaign_panel(figures),
        "charts": period_charts(figures),
        "feed": today_feed(today=today, figures=figures),
        "projects": projects_most_at_risk(Project.objects.all(), limit=8),
        "missing_units": [
            (row, cell) for row, cell in figures.reporting_this_month if cell.state in ("missing", "late")
        ],
        "today": today,
        "query": request.GET.urlencode(),
        # A warning when next year's holidays are only estimated (deadlines near the year's end cross into it).
        "estimated_years": [s for s in figures.estimated_years if s.year > today.year],
    }


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    _require(request.user)
    return render(request, "reporting/dashboard.html", _context(request))


@login_required
@require_GET
def dashboard_pdf(request: HttpRequest) -> HttpResponse:
    _require(request.user)
    context = _context(request) | {"issuer": ISSUER}
    pdf = html_to_pdf(render_to_string("pdf/dashboard.html", context, request=request))
    return pdf_response(pdf, _("主任驾驶舱-%(period)s.pdf") % {"period": context["period"].label})


@login_required
@require_GET
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    _require(request.user)
    context = _context(request, tables=True)
    tables = [t for t in bulletin_tables(context["figures"]) if t.key in DASHBOARD_TABLES]
    sheets = [excel.Sheet(_("主要指标"), exports.card_columns(), exports.card_rows(context["cards"]))]
    sheets += [excel.Sheet(f"{i + 2}.{t.title}"[:31], t.columns, t.rows) for i, t in enumerate(tables)]
    return excel.xlsx_response(
        filename=_("主任驾驶舱-%(period)s.xlsx") % {"period": context["period"].label}, sheets=sheets
    )
