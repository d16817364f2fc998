from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from liudong_wages import access, privacy
from liudong_wages.excel import Sheet, xlsx_response
from liudong_wages.forms import add_service_errors

from .. import selectors, services, tables
from ..exports import ENTERPRISE_EXPORT, INTERNET_PLUS_EXPORT, enterprise_rows
from ..filters import EnterpriseFilter
from ..forms.registry import AssessmentForm, EnterpriseForm, ReasonForm
from ..models import Assessment, DishonestListing, Enterprise, Project
from .common import export_name, filtered, list_context


def _enterprises(request: HttpRequest):
    queryset = selectors.with_listing_flag(access.visible_to(request.user, Enterprise))
    return filtered(request, EnterpriseFilter, queryset, parks=selectors.industrial_parks())


@login_required
def enterprise_list(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.view_enterprise"), request.user)
    filterset, rows = _enterprises(request)
    context = list_context(
        request,
        filterset,
        rows,
        may_add=request.user.has_perm("enterprises.add_enterprise"),
        show_personal=privacy.may_see_personal_data(request.user),
    )
    context["table"] = tables.ENTERPRISES.bind(context["rows"])
    return render(request, "enterprises/enterprise_list.html", context)


@login_required
def enterprise_export(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.view_enterprise"), request.user)
    _filterset, rows = _enterprises(request)
    full = privacy.may_see_personal_data(request.user)
    if full:
        privacy.log_access(
            user=request.user,
            action="export",
            what=_("企业名录（含法定代表人身份证号）"),
            rows=rows.count(),
            request=request,
        )
    sheet = Sheet(_("企业"), ENTERPRISE_EXPORT, enterprise_rows(rows.iterator(), full_personal_data=full))
    return xlsx_response(filename=export_name(_("企业名录")), sheets=[sheet])


@login_required
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = access.get_for_user(request.user, Enterprise, pk=pk)
    show_full = request.GET.get("full") == "1" and privacy.may_see_personal_data(request.user)
    if show_full:
        privacy.log_access(
            user=request.user,
            action="view",
            what=_("法定代表人身份证号：%s") % enterprise.name,
            object_ref=enterprise.pk,
            request=request,
        )
    projects = list(
        Project.objects.involving(enterprise)
        .select_related("construction_unit", "general_contractor")
        .order_by("-start_date", "-pk")
    )
    assessments = list(enterprise.assessments.select_related("assessor"))
    listings = list(enterprise.dishonest_listings.order_by("-created_at"))
    context = {
        "enterprise": enterprise,
        "projects": projects,
        "assessments": assessments,
        "listings": listings,
        "listed": any(listing.status == DishonestListing.Status.LISTED for listing in listings),
        "open_listing": next((listing for listing in listings if listing.is_open), None),
        "timeline": selectors.enterprise_timeline(enterprise),
        "show_full": show_full,
        "may_see_personal": privacy.may_see_personal_data(request.user),
        "may_change": access.may(request.user, enterprise, "change"),
        "may_assess": request.user.has_perm("enterprises.add_assessment"),
        "may_list": request.user.has_perm("enterprises.add_dishonestlisting"),
        "may_inspect": request.user.has_perm("enterprises.add_siteinspection"),
    }
    return render(request, "enterprises/enterprise_detail.html", context)


@login_required
def enterprise_create(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.add_enterprise"), request.user)
    form = EnterpriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = services.enterprise_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("企业已登记。"))
            return redirect(enterprise)
    return render(
        request, "enterprises/form.html", {"form": form, "title": _("登记企业"), "cancel": "enterprises:list"}
    )


@login_required
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = access.get_for_user(request.user, Enterprise, "change", pk=pk)
    form = EnterpriseForm(request.POST or None, instance=Enterprise.objects.get(pk=pk))
    if request.method == "GET" and enterprise.legal_rep_id_number:
        # The form shows the ID number in full: a full view like ?full=1 on the enterprise's page.
        privacy.log_access(
            user=request.user,
            action="view",
            what=_("法定代表人身份证号（修改企业信息）：%s") % enterprise.name,
            object_ref=enterprise.pk,
            request=request,
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.enterprise_update(enterprise=enterprise, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("企业信息已保存。"))
            return redirect(enterprise)
    return render(
        request, "enterprises/form.html", {"form": form, "title": _("修改企业信息"), "object": enterprise}
    )


@login_required
def enterprise_close(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = access.get_for_user(request.user, Enterprise, "change", pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enterprise_close(
                enterprise=enterprise, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("企业已关闭。"))
            return redirect(enterprise)
    return render(
        request,
        "enterprises/form.html",
        {"form": form, "title": _("关闭企业：%s") % enterprise, "object": enterprise},
    )


@login_required
def internet_plus(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.view_enterprise"), request.user)
    rows = selectors.internet_plus(access.visible_to(request.user, Enterprise))
    if request.path.endswith(".xlsx"):
        sheet = Sheet(
            _("互联网+"),
            INTERNET_PLUS_EXPORT,
            ({c.key: getattr(e, c.key) for c in INTERNET_PLUS_EXPORT} for e in rows),
        )
        return xlsx_response(filename=export_name(_("互联网+政务服务企业")), sheets=[sheet])
    return render(request, "enterprises/internet_plus.html", {"rows": list(rows)})


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access.get_for_user(
        request.user,
        Assessment.objects.select_related("enterprise", "assessor").prefetch_related(Prefetch("items")),
        pk=pk,
    )
    return render(request, "enterprises/assessment_detail.html", {"assessment": assessment})


@login_required
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = access.get_for_user(request.user, Enterprise, pk=pk)
    access.require(lambda u: u.has_perm("enterprises.add_assessment"), request.user)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(
                enterprise=enterprise,
                by=request.user,
                assessor=request.user,
                assessed_on=form.cleaned_data["assessed_on"],
                items=form.items(),
                remarks=form.cleaned_data["remarks"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("评定完成：总分 %(total)d，%(stars)d 星。")
                % {"total": assessment.total_score, "stars": assessment.star_rating},
            )
            return redirect(enterprise)
    return render(request, "enterprises/assessment_form.html", {"form": form, "enterprise": enterprise})
