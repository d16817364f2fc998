"""Interviews of legal representatives (约谈): list, notice, record, rectification, penalty, PDFs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from liudong_wages import access, excel
from liudong_wages.paging import paginate
from liudong_wages.pdf import pdf_response, render_pdf

from .. import exports, forms, services, tables
from ..filters import InterviewFilter
from ..models import Case, Interview
from ..selectors import (
    interview_list_queryset,
    interview_list_values,
    interview_row,
    interview_status_labels,
)


@login_required
def interview_list(request: HttpRequest) -> HttpResponse:
    items = access.list_for(request.user, interview_list_values())
    interview_filter = InterviewFilter(request.GET, queryset=items)
    page = paginate(request, interview_filter.qs)
    labels, today = interview_status_labels(), timezone.localdate()
    rows = [interview_row(values, labels=labels, today=today) for values in page.object_list]
    return render(
        request,
        "cases/interview_list.html",
        {
            "filter": interview_filter,
            "page_obj": page,
            "table": tables.INTERVIEWS.bind(rows),
            "may_add": request.user.has_perm("cases.add_interview"),
        },
    )


@login_required
def interview_export(request: HttpRequest) -> HttpResponse:
    items = InterviewFilter(request.GET, queryset=access.list_for(request.user, interview_list_queryset())).qs
    return excel.xlsx_response(
        filename=f"法人约谈-{timezone.localdate():%Y%m%d}.xlsx",
        sheets=[excel.Sheet(_("法人约谈"), exports.interview_columns(), exports.interview_rows(items))],
    )


@login_required
def interview_create(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("cases.add_interview"), request.user)
    initial = {}
    if request.GET.get("case"):
        case = access.get_for_user(request.user, Case, pk=request.GET["case"])
        initial = {"case": case, "enterprise": case.enterprise}
    form = forms.InterviewScheduleForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            interview = services.interview_schedule(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("约谈通知已生成。"))
            return redirect(interview)
    return render(
        request, "step_form.html", {"form": form, "title": _("约谈法定代表人"), "submit_label": _("提交")}
    )


def _interview(request, pk, action="view") -> Interview:
    return access.get_for_user(
        request.user,
        interview_list_queryset().select_related("enterprise").prefetch_related("team"),
        action,
        pk=pk,
    )


@login_required
def interview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _interview(request, pk)
    return render(
        request,
        "cases/interview_detail.html",
        {
            "interview": interview,
            "may_change": access.may(request.user, interview, "change"),
            "rectification_form": forms.RectificationForm(),
            "penalty_form": forms.PenaltyForm(),
        },
    )


@login_required
def interview_record(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _interview(request, pk, "change")
    form = forms.InterviewRecordForm(request.POST or None, instance=interview)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ["attendees", *Interview.RECORD_FIELDS]}
        try:
            services.interview_record(
                interview=Interview.objects.get(pk=pk),
                by=request.user,
                held_at=form.cleaned_data["held_at"],
                rectification_due=form.cleaned_data["rectification_due"],
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("约谈笔录已保存。"))
            return redirect("cases:interview", pk=pk)
    return render(
        request, "step_form.html", {"form": form, "title": _("约谈笔录"), "submit_label": _("提交")}
    )


@login_required
def interview_outcome(request: HttpRequest, pk: int, outcome: str) -> HttpResponse:
    interview = _interview(request, pk, "change")
    if outcome == "rectification":
        form = forms.RectificationForm(request.POST or None)
        service = services.interview_record_rectification
    else:
        form = forms.PenaltyForm(request.POST or None)
        service = services.interview_record_penalty
    if request.method == "POST" and form.is_valid():
        try:
            service(interview=interview, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已登记。"))
            return redirect(interview)
    return render(
        request, "step_form.html", {"form": form, "title": interview.notice_number, "submit_label": _("提交")}
    )


@login_required
def interview_notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _interview(request, pk)
    return pdf_response(
        render_pdf("pdf/interview_notice.html", {"interview": interview}),
        f"约谈通知书-{interview.enterprise.name}.pdf",
    )


@login_required
def interview_record_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    interview = _interview(request, pk)
    return pdf_response(
        render_pdf(
            "pdf/interview_record.html", {"interview": interview, "sections": interview.record_sections()}
        ),
        f"约谈笔录-{interview.enterprise.name}.pdf",
    )
