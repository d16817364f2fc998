from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liudong_wages import access, params
from liudong_wages.excel import Sheet, xlsx_response
from liudong_wages.forms import add_service_errors
from liudong_wages.models import Attachment
from liudong_wages.services import attachment_add
from liudong_wages.uploads import IMAGES

from .. import selectors, services
from ..exports import INSPECTION_EXPORT, inspection_rows
from ..filters import InspectionFilter
from ..forms.registry import InspectionForm, PhotoForm, ResolveForm
from ..models import Project, SiteInspection
from .common import export_name, filtered, list_context
from .projects import case_create_url


def _inspections(request: HttpRequest):
    queryset = access.visible_to(request.user, SiteInspection).select_related("project", "enterprise")
    return filtered(request, InspectionFilter, queryset)


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.view_siteinspection"), request.user)
    filterset, rows = _inspections(request)
    context = list_context(
        request, filterset, rows, may_add=request.user.has_perm("enterprises.add_siteinspection")
    )
    return render(request, "enterprises/inspection_list.html", context)


@login_required
def inspection_export(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.view_siteinspection"), request.user)
    _filterset, rows = _inspections(request)
    sheet = Sheet(_("工地巡视"), INSPECTION_EXPORT, inspection_rows(rows.prefetch_related("inspectors")))
    return xlsx_response(filename=export_name(_("工地巡视")), sheets=[sheet])


@login_required
def inspection_create(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.add_siteinspection"), request.user)
    initial = {"inspectors": [request.user.pk]}
    project_id = params.pk(request.GET, "project")
    if project_id is not None:
        initial["project"] = access.visible_to(request.user, Project).filter(pk=project_id).first()
    form = InspectionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                inspection = services.inspection_create(
                    by=request.user,
                    project=data["project"],
                    enterprise=data["enterprise"],
                    inspected_on=data["inspected_on"],
                    inspectors=data["inspectors"],
                    checks=form.checks(),
                    findings=data["findings"],
                    follow_up_due=data["follow_up_due"],
                )
                if data.get("photos"):
                    attachment_add(
                        owner=inspection, file=data["photos"], by=request.user, kinds=IMAGES, category="photo"
                    )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("巡视记录已保存。"))
            return redirect(inspection)
    return render(
        request,
        "enterprises/form.html",
        {
            "form": form,
            "title": _("登记工地巡视"),
            "cancel": "enterprises:inspection_list",
            "multipart": True,
        },
    )


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = access.get_for_user(
        request.user,
        SiteInspection.objects.select_related("project", "enterprise").prefetch_related("inspectors"),
        pk=pk,
    )
    may_change = access.may(request.user, inspection, "change")
    photos = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(SiteInspection), object_id=str(inspection.pk)
    )
    is_open = inspection.finding_status == SiteInspection.FindingStatus.OPEN
    context = {
        "inspection": inspection,
        "photos": list(photos),
        "may_change": may_change,
        "resolve_form": ResolveForm() if may_change and is_open else None,
        "photo_form": PhotoForm() if may_change else None,
        "case_url": case_create_url(
            source="inspection",
            inspection=inspection.pk,
            enterprise=inspection.enterprise_id,
            project=inspection.project_id or "",
        )
        if may_change and is_open
        else "",
        "cases": [(str(case), selectors.url_of(case)) for case in inspection.cases.all()]
        if selectors.has_reverse(SiteInspection, selectors.CASES)
        else [],
    }
    return render(request, "enterprises/inspection_detail.html", context)


@login_required
@require_POST
def inspection_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = access.get_for_user(request.user, SiteInspection, "change", pk=pk)
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.inspection_resolve(inspection=inspection, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, _("已登记整改完成。"))
    else:
        messages.error(request, _("请填写整改完成日期和整改情况。"))
    return redirect(inspection)


@login_required
@require_POST
def inspection_photo(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = access.get_for_user(request.user, SiteInspection, "change", pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        attachment_add(
            owner=inspection,
            file=form.cleaned_data["photo"],
            by=request.user,
            kinds=IMAGES,
            category="photo",
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("照片已上传。"))
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect(inspection)
