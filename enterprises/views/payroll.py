"""A project's monthly wage sheets (工资支付表, issue 17): the months with their totals, a sheet with its lines,
the import (the subcontractor's template or the bank's payroll file), and the steps of a sheet — submit,
check, mark paid, correct (a new version) — one URL per step, POST only, each calling one service.

A step sent twice (a double click, the back button) is recorded once: the form carries the status the
sheet had when the page was drawn, and a sheet that has moved on since answers with what happened instead of
an error."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liudong_wages import access, privacy
from liudong_wages.forms import add_service_errors
from liudong_wages.paging import paginate

from .. import services, tables
from ..forms.monitoring import CorrectionForm, PaidForm, PayrollImportForm
from ..imports.monitoring import payroll_check as payroll_file_check
from ..imports.monitoring import payroll_template_response
from ..models import Payroll, Project
from .common import refuse_import
from .roster import monitored_project


def _payroll(request: HttpRequest, pk: int, payroll_pk: int, action: str = "view") -> tuple[Project, Payroll]:
    project = monitored_project(request, pk, model=Payroll)
    payroll = (
        Payroll.objects.filter(project=project, pk=payroll_pk)
        .select_related("submitted_by", "checked_by")
        .first()
    )
    if payroll is None:
        raise Http404(_("找不到该记录，或您无权查看。"))
    payroll.project = project
    if action != "view" and not access.may(request.user, payroll, action):
        raise PermissionDenied(_("您无权执行此操作。"))
    return project, payroll


def _back(project: Project) -> dict:
    return {"back_url": reverse("enterprises:payroll_list", args=[project.pk]), "back_label": _("工资支付表")}


@login_required
def payroll_list(request: HttpRequest, pk: int) -> HttpResponse:
    project = monitored_project(request, pk, model=Payroll)
    show_all = request.GET.get("versions") == "all"
    sheets = Payroll.objects.filter(project=project)
    if not show_all:
        sheets = sheets.current()
    page = paginate(request, sheets.order_by("-month", "-version"), per_page=24)
    probe = Payroll(project=project)
    rows = list(page.object_list)
    return render(
        request,
        "enterprises/payroll_list.html",
        {
            "project": project,
            "page_obj": page,
            "rows": rows,
            "table": tables.PAYROLLS.bind(rows),
            "show_all": show_all,
            "may_import": access.may(request.user, probe, "add") and project.status == Project.Status.ACTIVE,
        },
    )


@login_required
def payroll_template(request: HttpRequest, pk: int) -> HttpResponse:
    return payroll_template_response(monitored_project(request, pk, model=Payroll))


@login_required
def payroll_detail(request: HttpRequest, pk: int, payroll_pk: int) -> HttpResponse:
    project, payroll = _payroll(request, pk, payroll_pk)
    lines = payroll.lines.select_related("worker").order_by("worker__team", "worker__name", "pk")
    page = paginate(request, lines, per_page=200)
    rows = list(page.object_list)
    may_see_full = privacy.may_see_personal_data(request.user)
    full = may_see_full and request.GET.get("full") == "1"
    if full and rows:
        privacy.log_access(
            user=request.user,
            action="view",
            what=_("%(sheet)s 工资支付明细") % {"sheet": payroll},
            object_ref=payroll.pk,
            rows=len(rows),
            request=request,
        )
    versions = list(
        Payroll.objects.filter(project=project, month=payroll.month)
        .exclude(pk=payroll.pk)
        .order_by("-version")
        .only("pk", "version", "status", "superseded_at", "correction_reason", "month", "project_id")
    )
    may = {
        step: access.may(request.user, payroll, step_action)
        for step, step_action in (
            ("submit", "change"),
            ("check", "check"),
            ("pay", "change"),
            ("correct", "change"),
        )
    }
    return render(
        request,
        "enterprises/payroll_detail.html",
        {
            "project": project,
            "payroll": payroll,
            "page_obj": page,
            "rows": rows,
            "full": full,
            "may_see_full": may_see_full,
            "versions": versions,
            "may": may,
            "paid_form": PaidForm(),
            "correction_form": CorrectionForm(),
            **_back(project),
        },
    )


@login_required
def payroll_import(request: HttpRequest, pk: int) -> HttpResponse:
    project = monitored_project(request, pk, model=Payroll, action="add")
    form = PayrollImportForm(request.POST or None, request.FILES or None)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = payroll_file_check(
                data["file"], project=project, month=data["month"], source=data["source"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if result.ok:
                try:
                    payroll = services.payroll_import(
                        project=project,
                        month=data["month"],
                        rows=result.rows,
                        by=request.user,
                        source=data["source"],
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request,
                        _("%(month)s 工资支付表已导入（%(count)d 人），请核对后报送。")
                        % {
                            "month": date_format(payroll.month, "YEAR_MONTH_FORMAT"),
                            "count": payroll.worker_count,
                        },
                    )
                    return redirect(payroll)
            else:
                row_errors = refuse_import(form, result.errors)
    return render(
        request,
        "enterprises/monitoring_import.html",
        {
            "form": form,
            "row_errors": row_errors,
            "project": project,
            "title": _("导入工资支付表"),
            "template_url": reverse("enterprises:payroll_template", args=[project.pk]),
            "notes": [
                _("也可直接上传银行代发工资明细（户名、账号、金额），按工资卡号与花名册对应。"),
                _("同一月份已有草稿的，重新导入会替换草稿；已报送的请在该表页面“更正”。"),
            ],
            **_back(project),
        },
    )


def _already(request: HttpRequest, payroll: Payroll) -> bool:
    """Whether this POST was drawn from an earlier state of the sheet (sent twice, or someone else acted)."""
    expected = request.POST.get("status")
    if expected and expected != payroll.status:
        messages.info(
            request,
            _("该工资支付表已是“%(status)s”状态，本次操作未重复执行。")
            % {"status": payroll.get_status_display()},
        )
        return True
    return False


def _step(request: HttpRequest, pk: int, payroll_pk: int, action: str, call, done: str) -> HttpResponse:
    _project, payroll = _payroll(request, pk, payroll_pk, action)
    if _already(request, payroll):
        return redirect(_current_version(payroll))
    try:
        call(payroll)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(payroll)


def _current_version(payroll: Payroll) -> Payroll:
    if payroll.status != Payroll.Status.SUPERSEDED:
        return payroll
    return (
        Payroll.objects.current().filter(project_id=payroll.project_id, month=payroll.month).first()
        or payroll
    )


@login_required
@require_POST
def payroll_submit(request: HttpRequest, pk: int, payroll_pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        payroll_pk,
        "change",
        lambda payroll: services.payroll_submit(payroll=payroll, by=request.user),
        _("工资支付表已报送。"),
    )


@login_required
@require_POST
def payroll_check(request: HttpRequest, pk: int, payroll_pk: int) -> HttpResponse:
    note = request.POST.get("note", "")[:200].replace("\x00", "")
    return _step(
        request,
        pk,
        payroll_pk,
        "check",
        lambda payroll: services.payroll_check(payroll=payroll, by=request.user, note=note),
        _("工资支付表已审核。"),
    )


@login_required
@require_POST
def payroll_pay(request: HttpRequest, pk: int, payroll_pk: int) -> HttpResponse:
    _project, payroll = _payroll(request, pk, payroll_pk, "change")
    if _already(request, payroll):
        return redirect(_current_version(payroll))
    form = PaidForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect(payroll)
    try:
        services.payroll_mark_paid(payroll=payroll, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("已登记工资发放。"))
    return redirect(payroll)


@login_required
@require_POST
def payroll_correct(request: HttpRequest, pk: int, payroll_pk: int) -> HttpResponse:
    project, payroll = _payroll(request, pk, payroll_pk, "change")
    if _already(request, payroll):
        return redirect(_current_version(payroll))
    form = CorrectionForm(request.POST, request.FILES)
    row_errors: list[str] = []
    if form.is_valid():
        try:
            result = payroll_file_check(
                form.cleaned_data["file"], project=project, month=payroll.month, source=payroll.source
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if result.ok:
                try:
                    new = services.payroll_correct(
                        payroll=payroll, rows=result.rows, by=request.user, reason=form.cleaned_data["reason"]
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request, _("已生成第 %(version)d 版工资支付表。") % {"version": new.version}
                    )
                    return redirect(new)
            else:
                row_errors = [str(error) for error in result.errors]
                form.add_error(
                    None,
                    _("共 %(bad)d 行有错误，未生成新版本。请改正后重新上传。") % {"bad": len(result.errors)},
                )
    return render(
        request,
        "enterprises/monitoring_import.html",
        {
            "form": form,
            "row_errors": row_errors,
            "project": project,
            "title": _("更正 %(sheet)s") % {"sheet": payroll},
            "template_url": reverse("enterprises:payroll_template", args=[project.pk]),
            "notes": [_("更正生成新版本，原版本保留备查。")],
            **_back(project),
        },
    )
