"""Clues from the national platform (/cases/clues/): list, import, template, feedback sheet, each clue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liudong_wages import access, excel
from liudong_wages.paging import paginate
from liudong_wages.search import contains

from .. import document_forms as forms
from ..models import Clue
from ..services import clues as clue_services

VIEW = "cases.view_all_case"
CHANGE = "cases.add_case"


def _may_view(user) -> bool:
    return user.has_perm(VIEW)


def _may_change(user) -> bool:
    return user.has_perm(CHANGE) and user.has_perm(VIEW)


def _clue(request: HttpRequest, pk: int, *, change: bool = False) -> Clue:
    access.require(_may_view, request.user)
    clue = Clue.objects.select_related("case").filter(pk=pk).first()
    if clue is None:
        raise Http404(_("找不到该线索。"))
    if change:
        access.require(_may_change, request.user)
    return clue


@login_required
def clue_list(request: HttpRequest) -> HttpResponse:
    access.require(_may_view, request.user)
    form = forms.ClueFilterForm(request.GET or None)
    clues = Clue.objects.select_related("case")
    today = timezone.localdate()
    if form.is_valid():
        if form.cleaned_data["status"]:
            clues = clues.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["due"] == "overdue":  # as the dashboard counts them
            clues = clues.overdue(on=today)
        if q := form.cleaned_data["q"].strip():
            clues = clues.filter(contains("platform_number", q) | contains("employer_name", q))
    return render(
        request,
        "cases/clue_list.html",
        {
            "filter_form": form,
            "page_obj": paginate(request, clues.order_by("-imported_on", "-id")),
            "today": today,
            "may_change": _may_change(request.user),
        },
    )


@login_required
def clue_import(request: HttpRequest) -> HttpResponse:
    access.require(_may_change, request.user)
    form = forms.ClueImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            imported = clue_services.clues_import(upload=form.cleaned_data["file"], by=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("已导入 %(count)d 条线索。") % {"count": len(imported)})
            return redirect("cases:clues")
    return render(
        request,
        "cases/clue_import.html",
        {"form": form, "errors": errors, "columns": clue_services.clue_columns()},
        status=400 if errors or form.errors else 200,
    )


@login_required
def clue_template(request: HttpRequest) -> HttpResponse:
    access.require(_may_change, request.user)
    return excel.template_response(
        filename="欠薪线索导入模板.xlsx",
        columns=clue_services.clue_columns(),
        title=_("线索列表"),
        instructions=[
            _("列名与根治欠薪线索反映平台导出的表头一致；平台调整列名时，请在后台“线索导入列”中修改。")
        ],
    )


@login_required
def clue_feedback(request: HttpRequest) -> HttpResponse:
    """The answered clues in the platform's feedback columns (those still open have nothing to report)."""
    access.require(_may_view, request.user)
    clues = Clue.objects.exclude(status=Clue.Status.OPEN).select_related("case").order_by("answered_on", "id")
    return excel.xlsx_response(
        filename=f"线索反馈-{timezone.localdate():%Y%m%d}.xlsx",
        sheets=[
            excel.Sheet(
                clue_services.FEEDBACK_SHEET,
                clue_services.FEEDBACK_COLUMNS,
                clue_services.clue_feedback_rows(clues),
            )
        ],
    )


def _detail(request, clue, *, case_form=None, close_form=None, errors=(), status=200):
    return render(
        request,
        "cases/clue_detail.html",
        {
            "clue": clue,
            "today": timezone.localdate(),
            "may_change": _may_change(request.user),
            "case_form": case_form or forms.ClueToCaseForm(),
            "close_form": close_form or forms.ClueCloseForm(),
            "errors": errors,
        },
        status=status,
    )


@login_required
def clue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _clue(request, pk))


@login_required
@require_POST
def clue_to_case(request: HttpRequest, pk: int) -> HttpResponse:
    clue = _clue(request, pk, change=True)
    form = forms.ClueToCaseForm(request.POST)
    if form.is_valid():
        try:
            case = clue_services.clue_to_case(
                clue=clue, by=request.user, handler=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            return _detail(request, clue, case_form=form, errors=error.messages, status=400)
        messages.success(request, _("已由线索立案，劳动者欠薪明细已带入。"))
        return redirect(case)
    return _detail(request, clue, case_form=form, status=400)


@login_required
@require_POST
def clue_close(request: HttpRequest, pk: int) -> HttpResponse:
    clue = _clue(request, pk, change=True)
    form = forms.ClueCloseForm(request.POST)
    if form.is_valid():
        try:
            clue_services.clue_close(clue=clue, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            return _detail(request, clue, close_form=form, errors=error.messages, status=400)
        messages.success(request, _("线索已办结。"))
        return redirect(clue)
    return _detail(request, clue, close_form=form, status=400)
