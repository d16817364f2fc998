"""The wage deposit used on a case and topped up again (工资保证金管理暂行办法, 人社部发〔2021〕65号 art. 11;
issue 17): the office records the use with the case and the workers paid; the contractor's top-up is
recorded when it arrives. The return (refused while a warning or a case is open) stays on the deposit's own
step page (projects.project_deposit)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liudong_wages import privacy
from liudong_wages.forms import add_service_errors

from .. import selectors
from ..forms.monitoring import DepositUseForm, TopUpForm
from ..models import DepositUse, Project
from ..services.deposit import deposit_top_up_record, deposit_use_record
from .roster import monitored_project

SESSION_TOKENS = "deposit_use_form_tokens"


def _token_used(request: HttpRequest) -> bool:
    """Whether this form was sent before (a double click, the back button): each form drawn carries a token
    that the first successful save spends."""
    token = request.POST.get("form_token", "")
    return bool(token) and token in request.session.get(SESSION_TOKENS, [])


def _spend_token(request: HttpRequest) -> None:
    token = request.POST.get("form_token", "")
    if token:
        request.session[SESSION_TOKENS] = [*request.session.get(SESSION_TOKENS, [])[-19:], token]


def _cases(project: Project) -> list[tuple[int, str, list]]:
    """The project's open cases with their workers' outstanding claims, read through the reverse relation
    (cases is to the right of this app)."""
    if not selectors.has_reverse(Project, selectors.CASES):
        return []
    cases = project.cases.all()
    cases = cases.open() if hasattr(cases, "open") else cases
    return [
        (
            case.pk,
            str(case),
            [(c.name, c.id_number, c.outstanding) for c in case.claims.all() if c.outstanding > 0],
        )
        for case in cases.select_related("enterprise").prefetch_related("claims")[:50]
    ]


def _masked(claims: list) -> list:
    return [(name, privacy.mask_id_number(id_number), amount) for name, id_number, amount in claims]


@login_required
def deposit_use(request: HttpRequest, pk: int) -> HttpResponse:
    project = monitored_project(request, pk, model=DepositUse, action="add")
    if request.method == "POST" and _token_used(request):
        messages.info(request, _("该笔动用已登记，未重复保存。"))
        return redirect(project)
    # The workers' ID numbers are masked like everywhere (a masked number sent back is matched to the case's
    # claim by the form); a role that may see them asks for them (?full=1), and each reveal is logged.
    full = privacy.may_see_personal_data(request.user) and request.GET.get("full") == "1"
    cases = _cases(project)
    shown = cases if full else [(pk_, label, _masked(claims)) for pk_, label, claims in cases]
    if full and request.method == "GET" and cases:
        privacy.log_access(
            user=request.user,
            action="view",
            what=_("项目 %(name)s 动用保证金受偿人员") % {"name": project.name},
            object_ref=project.pk,
            rows=sum(len(claims) for _pk, _label, claims in cases),
            request=request,
        )
    form = DepositUseForm(
        request.POST or None,
        cases=cases,
        shown=shown,
        initial={"used_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        case_pk = int(data.pop("case"))
        try:
            deposit_use_record(
                project=project,
                by=request.user,
                case_ref=case_pk,
                case_number=dict((pk_, label) for pk_, label, _claims in cases).get(case_pk, ""),
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _spend_token(request)
            messages.success(request, _("已登记动用工资保证金，请督促总包单位按期补足。"))
            return redirect(project)
    return render(
        request,
        "enterprises/monitoring_form.html",
        {
            "form": form,
            "title": _("动用工资保证金支付工资：%(name)s") % {"name": project.name},
            "intro": _("每行一人：姓名、身份证号、金额，用空格或逗号分隔；各人金额之和应等于动用金额。"),
            "project": project,
            "full": full,
            "may_see_full": privacy.may_see_personal_data(request.user),
            "form_token": request.POST.get("form_token") or uuid.uuid4().hex,
            "back_url": project.get_absolute_url() + "#monitoring",
            "back_label": _("工资支付监控"),
        },
    )


@login_required
@require_POST
def deposit_top_up(request: HttpRequest, pk: int, use_pk: int) -> HttpResponse:
    project = monitored_project(request, pk, model=DepositUse, action="change")
    use = DepositUse.objects.filter(project=project, pk=use_pk).first()
    if use is None:
        raise Http404(_("找不到该记录，或您无权查看。"))
    if use.topped_up_on is not None:
        # Sent twice: the top-up is already recorded.
        messages.info(request, _("该笔动用已于 %(date)s 补足。") % {"date": date_format(use.topped_up_on)})
        return redirect(reverse("enterprises:project_detail", args=[project.pk]) + "#monitoring")
    # The project page's button sends no date: the top-up arrived today.
    form = TopUpForm({"topped_up_on": request.POST.get("topped_up_on") or timezone.localdate()})
    if form.is_valid():
        try:
            deposit_top_up_record(use=use, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, _("已登记补足工资保证金。"))
    else:
        messages.error(request, _("请填写正确的补足日期。"))
    return redirect(reverse("enterprises:project_detail", args=[project.pk]) + "#monitoring")
