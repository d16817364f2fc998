"""Pages of member-unit reports: the list and its export, one report (start, form, read-only view, review,
reopening, uploads) and the Excel templates. Over 400 lines: one page family, whose views share the report's
access and form helpers; the board is in `board.py`."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liudong_wages import access, excel, params, steps
from liudong_wages.models import Attachment, MemberUnit
from liudong_wages.paging import paginate

from .. import definitions, exports, services, tables
from ..definitions import ReportDefinition
from ..filters import ReportFilter
from ..forms.reports import (
    REOPEN_REASON_MAX,
    AttachmentForm,
    ReopenForm,
    ReturnForm,
    UploadItemsForm,
    body_from_forms,
    forms_for,
)
from ..models import Report
from ..selectors.board import report_rows, reports_for_list
from .common import show_errors

MAX_EXTRA_ROWS = 20


def _definition(code: str) -> ReportDefinition:
    try:
        definition = definitions.get(code)
    except LookupError:
        raise Http404 from None
    if not definition.is_periodic:
        raise Http404
    return definition


def _period(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise Http404 from None


def _may_start(user, definition: ReportDefinition) -> bool:
    return (
        user.has_perm("reporting.add_report")
        and user.unit is not None
        and user.unit.code == definition.unit_code
    )


# The list ------------------------------------------------------------------------------------------------


def _filtered_reports(request: HttpRequest) -> ReportFilter:
    return ReportFilter(request.GET, queryset=reports_for_list(access.visible_to(request.user, Report)))


REPORT_LIST_FIELDS = ("report_type", "period", "status", "first_submitted_at", "unit__short_name")


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("reporting.view_report"), request.user)
    report_filter = _filtered_reports(request)
    # The columns report_rows shows, not each report's figures (its JSON) and its unit's every column.
    page = paginate(request, report_filter.qs.only(*REPORT_LIST_FIELDS))
    today = timezone.localdate()
    # What the liaison's unit owes now: last month's report of each of its types.
    to_fill = []
    if request.user.unit is not None and request.user.has_perm("reporting.add_report"):
        for definition in definitions.for_unit(request.user.unit.code):
            if definition.is_periodic:
                period = definition.previous_period(definition.period_start(today))
                to_fill.append(
                    {"definition": definition, "period": period, "deadline": definition.deadline(period)}
                )
    return render(
        request,
        "reporting/report_list.html",
        {
            "form": report_filter.form,
            "page_obj": page,
            "reports": page.object_list,
            "table": tables.REPORTS.bind(report_rows(page.object_list)),
            "to_fill": to_fill,
        },
    )


@login_required
@require_GET
def report_export(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("reporting.view_report"), request.user)
    reports = _filtered_reports(request).qs

    filename = f"成员单位报表_{timezone.localdate():%Y%m%d}.xlsx"
    sheet = excel.Sheet(_("成员单位报表"), exports.report_columns(), exports.report_rows(reports))
    return excel.xlsx_response(filename=filename, sheets=[sheet])


# One report ----------------------------------------------------------------------------------------------


@login_required
def report_start(request: HttpRequest, report_type: str, period: str) -> HttpResponse:
    """The unit's report of that type and period: its page if it exists, else an empty form to start it."""
    definition = _definition(report_type)
    period_date = _period(period)
    existing = (
        access.visible_to(request.user, Report).filter(report_type=report_type, period=period_date).first()
    )
    if existing is not None:
        if access.may(request.user, existing, "change") and existing.is_editable_status:
            return redirect("reporting:edit", existing.pk)
        return redirect(existing)
    if not _may_start(request.user, definition):
        raise Http404(_("找不到该记录，或您无权查看。"))
    if request.method == "POST":
        try:
            report = services.report_start(
                unit=request.user.unit, report_type=report_type, period=period_date, by=request.user
            )
        except ValidationError as error:
            show_errors(request, error)
            return redirect("reporting:list")
        return report_edit(request, report.pk)
    try:
        services.period_check(definition=definition, period=period_date, today=timezone.localdate())
    except ValidationError as error:
        show_errors(request, error)
        return redirect("reporting:list")
    header_form, formset = forms_for(definition, definition.empty_body(), extra=3)
    return render(
        request,
        "reporting/report_form.html",
        {
            "definition": definition,
            "period": period_date,
            "period_label": definition.period_label(period_date),
            "deadline": definition.deadline(period_date),
            "header_form": header_form,
            "formset": formset,
            "report": None,
        },
    )


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_for_user(request.user, Report.objects.select_related("unit"), "change", pk=pk)
    if not report.is_editable_status:
        return redirect(report)
    definition = report.definition
    if request.method == "POST":
        header_form, formset = forms_for(definition, report.body, request.POST)
        if header_form.is_valid() and formset.is_valid():
            body = body_from_forms(header_form, formset)
            try:
                report = services.report_save(report=report, body=body, by=request.user)
                if "submit" in request.POST:
                    services.report_submit(report=report, by=request.user)
                    messages.success(request, _("已报送，等待领导小组办公室审核。"))
                    return redirect(report)
            except ValidationError as error:
                show_errors(request, error)
                if "submit" not in request.POST:
                    return _render_form(request, report, header_form, formset)
                return redirect("reporting:edit", report.pk)
            if "add_row" in request.POST:
                rows = params.integer(request.GET, "extra", min_value=0, max_value=MAX_EXTRA_ROWS, default=1)
                extra = min(rows + 1, MAX_EXTRA_ROWS)
                return redirect(f"{request.path}?extra={extra}")
            messages.success(request, _("草稿已保存。"))
            return redirect("reporting:edit", report.pk)
        return _render_form(request, report, header_form, formset)
    default = 1 if report.body.get("items") else 3
    extra = params.integer(request.GET, "extra", min_value=0, max_value=MAX_EXTRA_ROWS, default=default)
    header_form, formset = forms_for(definition, report.body, extra=extra)
    return _render_form(request, report, header_form, formset)


def _render_form(request, report: Report, header_form, formset) -> HttpResponse:
    definition = report.definition
    return render(
        request,
        "reporting/report_form.html",
        {
            "definition": definition,
            "report": report,
            "period": report.period,
            "period_label": report.period_label,
            "deadline": report.deadline,
            "locked": report.is_locked(),
            "header_form": header_form,
            "formset": formset,
            "upload_form": UploadItemsForm(),
            "attachment_form": AttachmentForm(),
        },
    )


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_for_user(request.user, Report.objects.select_related("unit", "reviewed_by"), pk=pk)
    definition = report.definition
    events = list(report.events.select_related("by"))
    attachments = list(
        Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(Report), object_id=str(report.pk)
        )
    )
    projects = {}
    if definition.project_mapping is not None:
        projects = {link.item_index + 1: link.project for link in report.projects.select_related("project")}
    item_rows = [
        {"number": number, "values": values, "project": projects.get(number)}
        for number, values in enumerate(definition.item_rows(report.body), start=1)
    ]
    return render(
        request,
        "reporting/report_detail.html",
        {
            "report": report,
            "item_rows": item_rows,
            "may_make_projects": definition.project_mapping is not None
            and report.first_submitted_at is not None
            and access.may(request.user, report, "review")
            and request.user.has_perm("enterprises.add_project"),
            "definition": definition,
            "header_rows": definition.header_rows(report.body),
            "events": events,
            "attachments": attachments,
            "may_change": access.may(request.user, report, "change") and report.is_editable_status,
            "may_submit": access.may(request.user, report, "submit") and report.is_editable_status,
            "may_review": access.may(request.user, report, "review")
            and report.status == Report.Status.SUBMITTED,
            "may_reopen": access.may(request.user, report, "reopen")
            and report.is_locked()
            and report.is_editable_status,
            "return_form": ReturnForm(),
            "reopen_form": ReopenForm(),
            "locked": report.is_locked(),
        },
    )


@login_required
@require_POST
def report_item_project(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    """Turn a listed project into an `enterprises.Project` (the office, in one step)."""
    from enterprises.models import Enterprise

    from ..services import report_item_to_project

    report = access.get_for_user(request.user, Report, "review", pk=pk)
    access.require(lambda u: u.has_perm("enterprises.add_project"), request.user)
    chosen = {}
    for role in ("construction_unit", "general_contractor"):
        code = request.POST.get(role, "").strip().upper()
        if code:
            # isalnum(): a NUL byte or other junk would fail the query (PostgreSQL refuses NUL in text).
            chosen[role] = Enterprise.objects.filter(credit_code=code).first() if code.isalnum() else None
            if chosen[role] is None:
                messages.error(request, _("找不到统一社会信用代码为 %(code)s 的企业。") % {"code": code})
                return redirect(report)
    try:
        project = report_item_to_project(report=report, item_index=index - 1, by=request.user, **chosen)
    except ValidationError as error:
        show_errors(request, error)
        return redirect(report)
    messages.success(request, _("已生成项目“%(name)s”。") % {"name": project.name})
    return redirect(project)


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_for_user(request.user, Report, "submit", pk=pk)
    try:
        services.report_submit(report=report, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("reporting:edit", report.pk)
    messages.success(request, _("已报送，等待领导小组办公室审核。"))
    return redirect(report)


@login_required
@require_POST
def report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """The office accepts a submitted report (a button)."""
    report = access.get_for_user(request.user, Report, "review", pk=pk)
    try:
        services.report_accept(report=report, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("已审核通过。"))
    return redirect(report)


@login_required
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    """The office returns a submitted report to its unit, with the reason."""
    report = access.get_for_user(request.user, Report.objects.select_related("unit"), "review", pk=pk)
    return steps.run_step(
        request,
        form=ReturnForm(request.POST or None),
        service=lambda data: services.report_return(report=report, by=request.user, **data),
        title=_("退回：%(report)s") % {"report": report},
        back=report,
        done=_("已退回该单位修改。"),
    )


def _reopen_target(user, definition: ReportDefinition, period: dt.date) -> Report:
    """The report of the unit's period, or the one reopening would create, checked per object: 404 when the
    user may not see that unit's reports (whether the row exists or not), 403 when they may not reopen."""
    unit = MemberUnit.objects.filter(code=definition.unit_code).first()
    if unit is None:
        raise Http404
    existing = (
        Report.objects.filter(unit=unit, report_type=definition.code, period=period)
        .values_list("pk", flat=True)
        .first()
    )
    if existing is not None:
        return access.get_for_user(user, Report.objects.select_related("unit"), "reopen", pk=existing)
    candidate = Report(unit=unit, report_type=definition.code, period=period)
    if not access.may(user, candidate, "view"):
        raise Http404(_("找不到该记录，或您无权查看。"))
    if not access.may(user, candidate, "reopen"):
        raise PermissionDenied(_("您无权执行此操作。"))
    return candidate


@login_required
@require_POST
def report_reopen(request: HttpRequest, report_type: str, period: str) -> HttpResponse:
    """Reopen one unit's locked period, from a cell of the board or from the report's page."""
    definition = _definition(report_type)
    period_date = _period(period)
    target = _reopen_target(request.user, definition, period_date)
    back = redirect(target) if target.pk else redirect("reporting:board")
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("重新开放时必须说明理由（不超过 %(max)d 字）。") % {"max": REOPEN_REASON_MAX}
        )
        return back
    try:
        report = services.report_reopen(
            unit=target.unit,
            report_type=definition.code,
            period=period_date,
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        show_errors(request, error)
        return back
    messages.success(request, _("已为%(unit)s重新开放该期间。") % {"unit": target.unit.name})
    return redirect(report)


@login_required
@require_POST
def report_upload(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_for_user(request.user, Report, "change", pk=pk)
    form = UploadItemsForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的 Excel 文件。"))
        return redirect("reporting:edit", report.pk)
    try:
        report = services.report_import_items(
            report=report, upload=form.cleaned_data["file"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, _("导入失败，未保存任何数据。请改正以下问题后重新上传："))
        show_errors(request, error)
        return redirect("reporting:edit", report.pk)
    messages.success(request, _("已导入 %(count)d 行明细。") % {"count": len(report.body.get("items") or [])})
    return redirect("reporting:edit", report.pk)


@login_required
@require_POST
def report_attach(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_for_user(request.user, Report, "change", pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.report_attach(
                report=report,
                file=form.cleaned_data["file"],
                by=request.user,
                description=form.cleaned_data["description"],
            )
            messages.success(request, _("附件已上传。"))
        except ValidationError as error:
            show_errors(request, error)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(report)


@login_required
@require_GET
def template_download(request: HttpRequest, report_type: str) -> HttpResponse:
    access.require(lambda u: u.has_perm("reporting.view_report"), request.user)
    definition = _definition(report_type)
    return excel.template_response(
        filename=f"{definition.title}_模板.xlsx",
        columns=definition.excel_columns(),
        title=str(definition.title),
        instructions=[
            str(definition.content),
            _("本表填写%(items)s；表头数据请在网页上填写。") % {"items": definition.items_label},
        ],
    )
