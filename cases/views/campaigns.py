"""Special campaigns (/cases/campaigns/): the list with a form for a new one, each campaign's summary table,
and the table as Excel and PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from liudong_wages import access, excel
from liudong_wages.paging import paginate
from liudong_wages.pdf import pdf_response, render_pdf

from .. import document_forms as forms
from .. import exports
from ..models import Campaign
from ..services import campaigns as campaign_services


def _may_view(user) -> bool:
    return user.has_perm("cases.view_all_case")


def _may_add(user) -> bool:
    return _may_view(user) and user.has_perm("cases.add_case")


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    access.require(_may_view, request.user)
    campaign = Campaign.objects.filter(pk=pk).first()
    if campaign is None:
        raise Http404(_("找不到该专项行动。"))
    return campaign


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    access.require(_may_view, request.user)
    form = forms.CampaignForm(request.POST or None)
    if request.method == "POST":
        access.require(_may_add, request.user)
        if form.is_valid():
            try:
                campaign = campaign_services.campaign_create(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("专项行动已建立。"))
                return redirect(campaign)
    today = timezone.localdate()
    return render(
        request,
        "cases/campaign_list.html",
        {
            "page_obj": paginate(request, Campaign.objects.order_by("-starts_on", "-id")),
            "form": form,
            "today": today,
            "may_add": _may_add(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    return render(
        request,
        "cases/campaign_detail.html",
        {
            "campaign": campaign,
            "scope": campaign_services.campaign_scope_text(campaign),
            "rows": campaign_services.campaign_summary(campaign),
        },
    )


@login_required
def campaign_summary_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    return excel.xlsx_response(
        filename=f"{campaign.name}-汇总表.xlsx",
        sheets=[
            excel.Sheet(
                _("专项行动汇总"),
                exports.campaign_summary_columns(),
                campaign_services.campaign_summary(campaign),
            )
        ],
    )


@login_required
def campaign_summary_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    content = render_pdf(
        "pdf/campaign_summary.html",
        {
            "campaign": campaign,
            "scope": campaign_services.campaign_scope_text(campaign),
            "rows": campaign_services.campaign_summary(campaign),
            "today": timezone.localdate(),
        },
    )
    return pdf_response(content, f"{campaign.name}-汇总表.pdf")
