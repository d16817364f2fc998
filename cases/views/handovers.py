"""Member units' hand-overs (/cases/handovers/): the unit hands a matter over and sees the outcome; the office
accepts it into a case or returns it with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liudong_wages import access
from liudong_wages.paging import paginate

from .. import document_forms as forms
from .. import services
from ..models import CaseHandover


def may_submit(user) -> bool:
    """A member unit's people; the office and the leaders (who see every case) decide instead."""
    return user.unit_id is not None and not user.is_office and not user.has_perm("cases.view_all_case")


@login_required
def handover_list(request: HttpRequest) -> HttpResponse:
    items = access.list_for(request.user, CaseHandover.objects.select_related("unit", "case"))
    return render(
        request,
        "cases/handover_list.html",
        {"page_obj": paginate(request, items), "may_submit": may_submit(request.user)},
    )


@login_required
def handover_create(request: HttpRequest) -> HttpResponse:
    access.require(may_submit, request.user)
    form = forms.HandoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            handover = services.handover_submit(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已移交办公室，处理结果将在此显示并通知您。"))
            return redirect(handover)
    return render(
        request,
        "step_form.html",
        {"form": form, "title": _("向办公室移交欠薪问题"), "submit_label": _("提交")},
        status=400 if form.errors else 200,
    )


def _handover(request, pk, action="view") -> CaseHandover:
    return access.get_for_user(
        request.user, CaseHandover.objects.select_related("unit", "case"), action, pk=pk
    )


def _detail(request, handover, *, accept_form=None, return_form=None, errors=(), status=200):
    return render(
        request,
        "cases/handover_detail.html",
        {
            "handover": handover,
            "may_decide": access.may(request.user, handover, "decide"),
            "accept_form": accept_form or forms.HandoverAcceptForm(),
            "return_form": return_form or forms.HandoverReturnForm(),
            "errors": errors,
        },
        status=status,
    )


@login_required
def handover_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _handover(request, pk))


@login_required
@require_POST
def handover_accept(request: HttpRequest, pk: int) -> HttpResponse:
    handover = _handover(request, pk, "decide")
    form = forms.HandoverAcceptForm(request.POST)
    if not form.is_valid():
        return _detail(request, handover, accept_form=form, status=400)
    try:
        case = services.handover_accept(
            handover=handover,
            by=request.user,
            enterprise=form.cleaned_data["enterprise"],
            handler=request.user,
        )
    except ValidationError as error:
        return _detail(request, handover, accept_form=form, errors=error.messages, status=400)
    messages.success(request, _("已受理立案。"))
    return redirect(case)


@login_required
@require_POST
def handover_return(request: HttpRequest, pk: int) -> HttpResponse:
    handover = _handover(request, pk, "decide")
    form = forms.HandoverReturnForm(request.POST)
    if not form.is_valid():
        return _detail(request, handover, return_form=form, status=400)
    try:
        services.handover_return(handover=handover, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        return _detail(request, handover, return_form=form, errors=error.messages, status=400)
    messages.success(request, _("已退回移交单位。"))
    return redirect(handover)
