"""Joint handling of a major case: request, the leader's approval, proposals, disagreements, the decision.

Each step has its own URL (STYLE.md, "one URL per action"): `joint/<pk>/<step>/` for the handling's steps and
`joint/<pk>/disagreements/<item>/<step>/` for a disagreement's. A POST runs the step's one service and goes
back to the handling's page; a GET, or a POST the form or the service refuses, shows the step's form alone
with what was typed and why it was refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from liudong_wages import access, steps

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
    return render(
        request,
        "step_form.html",
        {"form": form, "title": _("提请重大事件联合处置"), "submit_label": _("提交")},
    )


@dataclass(frozen=True)
class Step:
    label: str
    form: type[django_forms.Form]
    service: Any  # called with the handling (or the disagreement), `by` and the form's cleaned data
    permission: str  # the access action on the handling


STEPS = {
    "approve": Step(
        gettext_lazy("组长批示"), forms.JointApproveForm, services.joint_handling_approve, "approve"
    ),
    "proposal": Step(
        gettext_lazy("登记单位意见"), forms.JointProposalForm, services.joint_proposal_add, "change"
    ),
    "disagreement": Step(
        gettext_lazy("登记分歧"), forms.JointDisagreementForm, services.joint_disagreement_add, "change"
    ),
    "decide": Step(
        gettext_lazy("形成处置方案并通报各成员单位"),
        forms.JointDecisionForm,
        services.joint_handling_decide,
        "change",
    ),
}
DISAGREEMENT_STEPS = {
    "resolve": Step(
        gettext_lazy("协调解决"), forms.JointResolveForm, services.joint_disagreement_resolve, "change"
    ),
    "escalate": Step(
        gettext_lazy("上报管委会"), forms.JointEscalateForm, services.joint_disagreement_escalate, "change"
    ),
}


def _handling(request: HttpRequest, pk: int, permission: str | None = None) -> JointHandling:
    queryset = JointHandling.objects.select_related("case", "approved_by").prefetch_related("units")
    if permission is None:
        return access.get_for_user(request.user, queryset, pk=pk)
    return access.get_for_user(request.user, queryset, permission, pk=pk)


@login_required
@require_safe
def joint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    handling = _handling(request, pk)
    context: dict[str, Any] = {
        "handling": handling,
        "proposals": handling.proposals.select_related("unit"),
        "disagreements": handling.disagreements.all(),
        "may_approve": access.may(request.user, handling, "approve"),
        "may_change": access.may(request.user, handling, "change"),
        "resolve_form": forms.JointResolveForm(),
        "escalate_form": forms.JointEscalateForm(),
    }
    for name, step in STEPS.items():
        context[f"{name}_form"] = step.form()
    return render(request, "cases/joint_detail.html", context)


def _run(request: HttpRequest, step: Step, page: JointHandling, **target: Model) -> HttpResponse:
    return steps.run_step(
        request,
        form=step.form(request.POST if request.method == "POST" else None),
        service=lambda data: step.service(**target, by=request.user, **data),
        title=f"{step.label}：{_('重大事件联合处置')} {page.case.number}",
        back=page,
        done=_("已完成：%(step)s。") % {"step": step.label},
    )


@login_required
def joint_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One step of the handling: its form on GET, its service on POST."""
    if step not in STEPS:
        raise Http404
    definition = STEPS[step]
    handling = _handling(request, pk, definition.permission)
    return _run(request, definition, handling, handling=handling)


@login_required
def joint_disagreement_step(request: HttpRequest, pk: int, item_pk: int, step: str) -> HttpResponse:
    """One step of a disagreement of the handling (resolve it, or escalate it to the committee)."""
    if step not in DISAGREEMENT_STEPS:
        raise Http404
    definition = DISAGREEMENT_STEPS[step]
    handling = _handling(request, pk, definition.permission)
    item = get_object_or_404(JointDisagreement, handling=handling, pk=item_pk)
    return _run(request, definition, handling, disagreement=item)
