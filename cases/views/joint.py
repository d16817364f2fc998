"""Joint handling of a major case: request, the leader's approval, proposals, disagreements, the decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from liudong_wages import access

from .. import forms, services
from ..models import Case, JointDisagreement, JointHandling


@login_required
def joint_request(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_for_user(request.user, Case, "change", pk=pk)
    form = forms.JointRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            handling = services.joint_handling_request(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已提请组长批示。"))
            return redirect(handling)
    return render(request, "cases/simple_form.html", {"form": form, "title": _("提请重大事件联合处置")})


ACTIONS = {
    "approve": (forms.JointApproveForm, services.joint_handling_approve, "approve"),
    "proposal": (forms.JointProposalForm, services.joint_proposal_add, "change"),
    "disagreement": (forms.JointDisagreementForm, services.joint_disagreement_add, "change"),
    "decide": (forms.JointDecisionForm, services.joint_handling_decide, "change"),
}


@login_required
def joint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    handling = access.get_for_user(
        request.user,
        JointHandling.objects.select_related("case", "approved_by").prefetch_related("units"),
        pk=pk,
    )
    action = request.POST.get("action")
    bound = {}
    if request.method == "POST":
        if action in ACTIONS:
            form_class, service, permission = ACTIONS[action]
            access.get_for_user(request.user, JointHandling, permission, pk=pk)
            form = form_class(request.POST)
            bound[action] = form
            if form.is_valid():
                try:
                    service(handling=handling, by=request.user, **form.cleaned_data)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    return redirect(handling)
        elif action in ("resolve", "escalate"):
            access.get_for_user(request.user, JointHandling, "change", pk=pk)
            disagreement = request.POST.get("disagreement", "")
            item = (  # a pk that is not a number would fail the query instead of saying 404
                JointDisagreement.objects.filter(handling=handling, pk=disagreement).first()
                if disagreement.isdecimal()
                else None
            )
            if item is None:
                raise Http404
            try:
                if action == "escalate":
                    services.joint_disagreement_escalate(
                        # PostgreSQL refuses NUL bytes in text; a form field would have refused them.
                        disagreement=item,
                        by=request.user,
                        reason=request.POST.get("reason", "").replace("\x00", ""),
                    )
                else:
                    form = forms.JointResolveForm(request.POST)
                    if not form.is_valid():
                        raise ValidationError(_("请填写协调方和协调结果。"))
                    services.joint_disagreement_resolve(
                        disagreement=item, by=request.user, **form.cleaned_data
                    )
            except ValidationError as error:
                messages.error(request, "；".join(error.messages))
            return redirect(handling)
    context = {
        "handling": handling,
        "proposals": handling.proposals.select_related("unit"),
        "disagreements": handling.disagreements.all(),
        "may_approve": access.may(request.user, handling, "approve"),
        "may_change": access.may(request.user, handling, "change"),
        "resolve_form": forms.JointResolveForm(),
    }
    for name, (form_class, _service, _perm) in ACTIONS.items():
        context[f"{name}_form"] = bound.get(name) or form_class()
    return render(request, "cases/joint_detail.html", context)
