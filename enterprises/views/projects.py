from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liudong_wages import access
from liudong_wages.compiled import CompiledGet
from liudong_wages.excel import Sheet, xlsx_response
from liudong_wages.forms import add_service_errors

from .. import selectors, services, tables
from ..exports import PROJECT_EXPORT, project_rows
from ..filters import ProjectFilter
from ..forms.registry import (
    DepositCheckForm,
    DepositNoticeForm,
    DepositPaymentForm,
    DepositReturnForm,
    ProjectForm,
    ReasonForm,
    SubcontractorForm,
)
from ..models import Project, SiteInspection, Subcontractor, WageAlert
from .common import export_name, filtered, list_context
from .monitoring import project_monitoring


def _projects(request: HttpRequest):
    queryset = access.visible_to(request.user, Project).select_related(
        "construction_unit", "general_contractor"
    )
    return filtered(request, ProjectFilter, queryset)


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.view_project"), request.user)
    filterset, rows = _projects(request)
    context = list_context(
        request,
        filterset,
        selectors.project_list_rows(rows),
        may_add=request.user.has_perm("enterprises.add_project"),
    )
    labels = selectors.project_row_labels()
    context["table"] = tables.PROJECTS.bind(
        selectors.project_row(values, labels=labels) for values in context["rows"]
    )
    return render(request, "enterprises/project_list.html", context)


@login_required
def project_export(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.view_project"), request.user)
    _filterset, rows = _projects(request)
    rows = rows.prefetch_related(
        Prefetch("subcontractors", Subcontractor.objects.select_related("enterprise"))
    )
    sheet = Sheet(_("工程项目"), PROJECT_EXPORT, project_rows(rows))
    return xlsx_response(filename=export_name(_("工程项目")), sheets=[sheet])


def case_create_url(**query) -> str:
    """The `cases` app's page that opens a case from a project or an inspection, once it offers one."""
    try:
        url = reverse("cases:create")
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(query)}"


# The project page's project with its parties, and a flag for each of the page's lists that most projects do not
# have (site inspections, wage warnings): the page reads a list only when its flag says it has rows. One
# statement compiled once per process (liudong_wages.compiled), which took longer to build than to run.
_page_project = CompiledGet(
    lambda: Project.objects.select_related("construction_unit", "general_contractor").annotate(
        has_inspections=Exists(SiteInspection.objects.filter(project=OuterRef("pk"))),
        has_alerts=Exists(WageAlert.objects.filter(project=OuterRef("pk"))),
    )
)


def _project_for_page(request: HttpRequest, pk: int, action: str = "view") -> Project:
    return access.get_compiled(request.user, _page_project, pk, action)


def _project_page(request: HttpRequest, project: Project, *, sub_form: SubcontractorForm | None = None):
    """The project page; `sub_form` is a subcontractor form sent with errors, shown again with what was typed.
    Its queries do not grow with the registry, the roster or the cases (tests/enterprises/test_subcontractors.py)."""
    today = timezone.localdate()
    may_change = access.may(request.user, project, "change")
    context = {
        "project": project,
        "subcontractors": selectors.project_subcontractors(project),
        "deposit": selectors.project_deposit_status(project, today=today),
        "events": selectors.project_events(project),
        "inspections": list(project.inspections.select_related("enterprise")[:50])
        if project.has_inspections  # type: ignore[attr-defined]  # _project_for_page's flag
        else [],
        "cases": selectors.project_cases(project),
        "may_change": may_change,
        "may_inspect": request.user.has_perm("enterprises.add_siteinspection"),
        "case_url": case_create_url(project=project.pk, enterprise=project.general_contractor_id)
        if may_change
        else "",
        "sub_form": (sub_form or SubcontractorForm()) if may_change else None,
        # Wage-payment monitoring (issue 17): roster, sheets, transfers, warnings, the 12-month strip.
        **project_monitoring(request, project),
    }
    return render(request, "enterprises/project_detail.html", context)


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _project_page(request, _project_for_page(request, pk))


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.add_project"), request.user)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("项目已登记。"))
            return redirect(project)
    return render(
        request,
        "enterprises/form.html",
        {"form": form, "title": _("登记工程项目"), "cancel": "enterprises:project_list"},
    )


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.get_for_user(request.user, Project, "change", pk=pk)
    if project.status == Project.Status.VOIDED:
        raise PermissionDenied(_("已作废的项目不能修改。"))
    # A fresh copy for the form (it writes the posted values onto its instance); its parties read with it.
    instance = Project.objects.select_related("construction_unit", "general_contractor").get(pk=pk)
    form = ProjectForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("项目信息已保存。"))
            return redirect(project)
    return render(
        request, "enterprises/form.html", {"form": form, "title": _("修改项目信息"), "object": project}
    )


@login_required
def project_void(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.get_for_user(request.user, Project, "change", pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_void(project=project, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("项目已作废。"))
            return redirect(project)
    return render(
        request,
        "enterprises/form.html",
        {"form": form, "title": _("作废项目：%s") % project, "object": project},
    )


DEPOSIT_STEPS = {
    "pay": (DepositPaymentForm, services.deposit_record_payment, _("登记工资保证金缴存")),
    "check": (DepositCheckForm, services.deposit_record_check, _("登记工资保证金核查")),
    "notice": (DepositNoticeForm, services.deposit_start_return_notice, _("开始返还前公示")),
    "return": (DepositReturnForm, services.deposit_record_return, _("登记工资保证金返还")),
}


@login_required
def project_deposit(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in DEPOSIT_STEPS:
        raise Http404
    project = access.get_for_user(request.user, Project, "change", pk=pk)
    form_class, service, title = DEPOSIT_STEPS[step]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect(project)
    return render(
        request, "enterprises/form.html", {"form": form, "title": f"{title}：{project}", "object": project}
    )


@login_required
@require_POST
def subcontractor_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for_page(request, pk, "change")
    form = SubcontractorForm(request.POST)
    if form.is_valid():
        try:
            services.subcontractor_add(project=project, by=request.user, **form.subcontractor_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已增加分包单位。"))
            return redirect(project)
    # The page again with the form's errors and what was typed (a redirect would lose both).
    return _project_page(request, project, sub_form=form)


@login_required
@require_POST
def subcontractor_remove(request: HttpRequest, pk: int, sub_pk: int) -> HttpResponse:
    project = access.get_for_user(request.user, Project, "change", pk=pk)
    subcontractor = project.subcontractors.filter(pk=sub_pk).first()
    if subcontractor is None:
        raise Http404
    services.subcontractor_remove(subcontractor=subcontractor, by=request.user)
    messages.success(request, _("已移除分包单位。"))
    return redirect(project)
