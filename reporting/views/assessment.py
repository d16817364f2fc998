"""The yearly assessment of member units (督查考核): the page, its PDF and its Excel."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from liudong_wages import access, excel
from liudong_wages.pdf import pdf_response, render_pdf

from .. import exports
from ..selectors import assessment

FIRST_YEAR = 2017  # the implementation plan dates from 2017-10-17


def _assessment(request: HttpRequest, year: int | None) -> assessment.Assessment:
    access.require(
        lambda u: u.has_perm("reporting.view_report") and u.has_perm("liudong_wages.view_all_units"),
        request.user,
    )
    today = timezone.localdate()
    if year is None:
        try:
            year = int(request.GET.get("year") or today.year)
        except ValueError:
            year = today.year
    if not FIRST_YEAR <= year <= today.year:
        raise Http404(_("没有该年度的考核数据。"))
    return assessment.assessment(year=year, today=today)


@login_required
@require_GET
def assessment_page(request: HttpRequest) -> HttpResponse:
    data = _assessment(request, None)
    return render(
        request,
        "reporting/assessment.html",
        {"data": data, "years": list(range(data.today.year, FIRST_YEAR - 1, -1))},
    )


@login_required
@require_GET
def assessment_pdf(request: HttpRequest, year: int) -> HttpResponse:
    data = _assessment(request, year)
    content = render_pdf(
        "pdf/assessment.html",
        {
            "data": data,
            "rows": exports.assessment_rows(data),
            "columns": exports.assessment_columns(),
        },
    )
    return pdf_response(content, f"{year}年度成员单位督查考核.pdf")


@login_required
@require_GET
def assessment_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    data = _assessment(request, year)
    return excel.xlsx_response(
        filename=f"{year}年度成员单位督查考核.xlsx",
        sheets=[
            excel.Sheet(
                _("%(year)d年度考核") % {"year": year},
                exports.assessment_columns(),
                exports.assessment_rows(data),
            )
        ],
    )
