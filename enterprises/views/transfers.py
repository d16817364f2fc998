"""Labour costs paid into a project's special account (人工费用拨付, 条例 art. 29; issue 17): the list, a
transfer entered by hand, and the import of the bank's statement (each bank reference recorded once)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from liudong_wages import access
from liudong_wages.forms import add_service_errors
from liudong_wages.paging import paginate

from .. import services
from ..forms.monitoring import TransferForm, UploadForm
from ..imports.monitoring import statement_check, statement_template_response
from ..models import LabourCostTransfer, Project
from .common import refuse_import
from .roster import monitored_project

SESSION_TOKENS = "transfer_form_tokens"


def _back(project: Project) -> dict:
    return {
        "back_url": reverse("enterprises:transfer_list", args=[project.pk]),
        "back_label": _("人工费用拨付"),
    }


def _token_used(request: HttpRequest) -> bool:
    """Whether this form was sent before (a double click, the back button): each form drawn carries a token
    that the first successful save spends."""
    token = request.POST.get("form_token", "")
    return bool(token) and token in request.session.get(SESSION_TOKENS, [])


def _spend_token(request: HttpRequest) -> None:
    token = request.POST.get("form_token", "")
    if token:
        request.session[SESSION_TOKENS] = [*request.session.get(SESSION_TOKENS, [])[-19:], token]


@login_required
def transfer_list(request: HttpRequest, pk: int) -> HttpResponse:
    project = monitored_project(request, pk, model=LabourCostTransfer)
    transfers = LabourCostTransfer.objects.filter(project=project).order_by(
        "-period", "-transferred_on", "-pk"
    )
    page = paginate(request, transfers, per_page=50)
    probe = LabourCostTransfer(project=project)
    return render(
        request,
        "enterprises/transfer_list.html",
        {
            "project": project,
            "page_obj": page,
            "rows": list(page.object_list),
            "total": transfers.aggregate(total=Sum("amount"))["total"],
            "may_add": access.may(request.user, probe, "add") and project.status == Project.Status.ACTIVE,
        },
    )


@login_required
def transfer_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = monitored_project(request, pk, model=LabourCostTransfer, action="add")
    if request.method == "POST" and _token_used(request):
        messages.info(request, _("该笔拨付已登记，未重复保存。"))
        return redirect("enterprises:transfer_list", project.pk)
    form = TransferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_record(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _spend_token(request)
            messages.success(request, _("已登记人工费用拨付。"))
            return redirect("enterprises:transfer_list", project.pk)
    return render(
        request,
        "enterprises/monitoring_form.html",
        {
            "form": form,
            "title": _("登记人工费用拨付"),
            "project": project,
            "form_token": request.POST.get("form_token") or uuid.uuid4().hex,
            **_back(project),
        },
    )


@login_required
def transfer_template(request: HttpRequest, pk: int) -> HttpResponse:
    return statement_template_response(monitored_project(request, pk, model=LabourCostTransfer))


@login_required
def transfer_import(request: HttpRequest, pk: int) -> HttpResponse:
    project = monitored_project(request, pk, model=LabourCostTransfer, action="add")
    form = UploadForm(request.POST or None, request.FILES or None)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = statement_check(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if result.ok:
                saved = services.transfers_import(project=project, rows=result.rows, by=request.user)
                messages.success(
                    request,
                    _("已导入 %(created)d 笔人工费用拨付，合计 %(total)s 元；%(skipped)d 笔此前已登记。")
                    % {"created": saved.created, "total": saved.total, "skipped": saved.already_recorded},
                )
                return redirect("enterprises:transfer_list", project.pk)
            row_errors = refuse_import(form, result.errors)
    return render(
        request,
        "enterprises/monitoring_import.html",
        {
            "form": form,
            "row_errors": row_errors,
            "project": project,
            "title": _("导入专用账户流水"),
            "template_url": reverse("enterprises:transfer_template", args=[project.pk]),
            "notes": [_("只导入收入（人工费用拨付）行；同一交易流水号只登记一次，重复导入不会重复登记。")],
            **_back(project),
        },
    )
