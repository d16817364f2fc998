# Over 400 lines: one page family (the fund's), whose action views share the application's access and forms.
"""Pages of the fund: overview, applications, an application's page and its actions, ledger, statements."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, Sum, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.models import Case
from liudong_wages import access, excel, privacy
from liudong_wages.paging import paginate
from liudong_wages.pdf import pdf_response, render_pdf

from . import exports, selectors, services, tables
from .filters import ApplicationFilter
from .forms import (
    ApplicationForm,
    AppropriationForm,
    ApproveForm,
    DocumentForm,
    LineFormSet,
    PayForm,
    PeriodForm,
    RecoveryForm,
    RecoveryOrderForm,
    RejectForm,
    ReverseForm,
    WriteOffForm,
)
from .models import AdvanceApplication, Fund, LedgerEntry
from .policies import actions_for
from .services.advances import approval_documents


def _require_fund(user) -> None:
    access.require(lambda u: u.has_perm("funds.view_fund"), user)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    _require_fund(request.user)
    return render(request, "funds/overview.html", {"figures": selectors.overview()})


def _applications(request: HttpRequest) -> ApplicationFilter:
    queryset = selectors.applications_with_related(access.visible_to(request.user, AdvanceApplication))
    return ApplicationFilter(request.GET, queryset=queryset)


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("funds.view_advanceapplication"), request.user)
    application_filter = _applications(request)
    page = paginate(request, selectors.application_list_rows(application_filter.qs))
    labels = selectors.application_row_labels()
    rows = [selectors.application_row(values, labels=labels) for values in page.object_list]
    return render(
        request,
        "funds/application_list.html",
        {
            "page_obj": page,
            "table": tables.APPLICATIONS.bind(rows),
            "filter": application_filter,
            "may_create": request.user.has_perm("funds.add_advanceapplication"),
        },
    )


@login_required
def application_export(request: HttpRequest):
    access.require(lambda u: u.has_perm("funds.view_advanceapplication"), request.user)
    queryset = _applications(request).qs
    return excel.xlsx_response(
        filename=f"垫付申请-{timezone.localdate():%Y%m%d}.xlsx",
        sheets=[
            excel.Sheet(_("垫付申请"), exports.application_columns(), exports.application_rows(queryset))
        ],
    )


def _line_initial(lines) -> list[dict]:
    return [
        {
            "claim": line["claim"].pk if line.get("claim") else None,
            "worker_name": line["worker_name"],
            "id_number": line["id_number"],
            "purpose": line["purpose"],
            "amount": line["amount"],
        }
        for line in lines
    ]


def _cleaned_lines(formset, case: Case) -> list[dict]:
    claims = {claim.pk: claim for claim in case.claims.all()}
    lines = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        lines.append({**data, "claim": claims.get(data.get("claim"))})
    return lines


def _log_id_numbers(request: HttpRequest, formset, *, what: str, object_ref) -> None:
    """The lines' form shows the workers' ID numbers in full: log it as a full view (privacy.log_access)."""
    shown = sum(1 for initial in formset.initial or [] if initial.get("id_number"))
    if request.method == "GET" and shown:
        privacy.log_access(
            user=request.user, action="view", what=what, object_ref=object_ref, rows=shown, request=request
        )


@login_required
def application_create(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("funds.add_advanceapplication"), request.user)
    case = access.get_for_user(request.user, Case, pk=request.GET.get("case") or request.POST.get("case"))
    form = ApplicationForm(request.POST or None)
    formset = LineFormSet(request.POST or None, initial=_line_initial(selectors.lines_from_claims(case)))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            application = services.advance_create(
                case=case, lines=_cleaned_lines(formset, case), by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("垫付申请 %(number)s 已保存为草稿。") % {"number": application.number}
            )
            return redirect(application)
    _log_id_numbers(
        request,
        formset,
        what=_("案件 %(number)s 劳动者身份证号（垫付申请）") % {"number": case.number},
        object_ref=case.pk,
    )
    return render(request, "funds/application_form.html", {"form": form, "formset": formset, "case": case})


@login_required
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.get_for_user(request.user, AdvanceApplication, "change", pk=pk)
    if application.status != AdvanceApplication.Status.DRAFT:
        messages.error(request, _("只有草稿可以修改。"))
        return redirect(application)
    case = application.case
    form = ApplicationForm(request.POST or None, instance=application)
    initial = [
        {
            "claim": line.claim_id,
            "worker_name": line.worker_name,
            "id_number": line.id_number,
            "purpose": line.purpose,
            "amount": line.amount,
        }
        for line in application.lines.all()
    ]
    formset = LineFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.advance_update(
                application=application,
                lines=_cleaned_lines(formset, case),
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("申请已保存。"))
            return redirect(application)
    _log_id_numbers(
        request,
        formset,
        what=_("垫付申请 %(number)s 劳动者身份证号") % {"number": application.number},
        object_ref=application.pk,
    )
    return render(
        request,
        "funds/application_form.html",
        {"form": form, "formset": formset, "case": case, "application": application},
    )


ACTION_FORMS = {
    "approve": ApproveForm,
    "reject": RejectForm,
    "pay": PayForm,
    "order_recovery": RecoveryOrderForm,
    "record_recovery": RecoveryForm,
    "write_off": WriteOffForm,
    "attach": DocumentForm,
}

SUCCESS = {
    "submit": _("申请已提交管委会审批。"),
    "approve": _("已批准。"),
    "reject": _("已不予批准。"),
    "pay": _("支付已登记。"),
    "order_recovery": _("已责令企业偿还。"),
    "record_recovery": _("追回款已登记。"),
    "write_off": _("已核销。"),
    "attach": _("文件已上传。"),
}


def _run(action: str, application: AdvanceApplication, data: dict, user):
    if action == "submit":
        return services.advance_submit(application=application, by=user)
    if action == "approve":
        return services.advance_approve(application=application, by=user, **data)
    if action == "reject":
        return services.advance_reject(application=application, by=user, **data)
    if action == "pay":
        return services.advance_pay(application=application, by=user, **data)
    if action == "order_recovery":
        return services.advance_order_recovery(application=application, by=user, **data)
    if action == "record_recovery":
        return services.advance_record_recovery(application=application, by=user, **data)
    if action == "write_off":
        return services.advance_write_off(application=application, by=user, **data)
    if action == "attach":
        return services.advance_document_add(application=application, by=user, **data)
    raise ValueError(action)


def _detail_context(request: HttpRequest, application: AdvanceApplication, bound: dict | None = None) -> dict:
    allowed = actions_for(request.user, application)
    bound = {action: form for action, form in (bound or {}).items() if form is not None}
    action_forms = {
        action: bound.get(action) or form_class()
        for action, form_class in ACTION_FORMS.items()
        if action in allowed or action in bound
    }
    if "pay" in action_forms and not action_forms["pay"].is_bound:
        action_forms["pay"].initial["amount"] = application.unpaid_approved
        action_forms["pay"].initial["paid_before"] = application.paid_amount
    if "record_recovery" in action_forms and not action_forms["record_recovery"].is_bound:
        action_forms["record_recovery"].initial["amount"] = application.outstanding
    case = application.case
    return {
        "application": application,
        "case": case,
        "lines": list(application.lines.select_related("claim")),
        "payments": list(application.payments.all()),
        "events": list(application.events.select_related("by")),
        "entries": list(
            application.ledger_entries.select_related("recorded_by", "reverses").order_by("entry_date", "id")
        ),
        "documents": list(approval_documents(application)),
        "allowed": allowed,
        "action_forms": action_forms,
        "police_referral": getattr(case, "police_referral", None),
        "write_off_from": services.write_off_allowed_from(case),
        "may_see_case": access.visible_to(request.user, Case.objects.filter(pk=case.pk)).exists(),
    }


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.get_for_user(
        request.user,
        AdvanceApplication.objects.select_related("case", "case__enterprise", "created_by", "decided_by"),
        pk=pk,
    )
    return render(request, "funds/application_detail.html", _detail_context(request, application))


@login_required
@require_POST
def application_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in SUCCESS:
        return HttpResponse(status=404)
    application = access.get_for_user(
        request.user, AdvanceApplication.objects.select_related("case"), action, pk=pk
    )
    form_class = ACTION_FORMS.get(action)
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is None or form.is_valid():
        data = form.cleaned_data if form else {}
        try:
            _run(action, application, data, request.user)
        except ValidationError as error:
            if form is None:
                for message in error.messages:
                    messages.error(request, message)
                return redirect(application)
            if getattr(error, "code", None) == "stale":
                # Shown again with what is paid now: sending it once more pays, deliberately.
                application.refresh_from_db()
                data = request.POST.copy()
                data["paid_before"] = str(application.paid_amount)
                form = form_class(data, request.FILES)
                form.is_valid()
            form.add_error(None, error)
        else:
            messages.success(request, SUCCESS[action])
            return redirect(application)
    application.refresh_from_db()
    context = _detail_context(request, application, bound={action: form})
    context["failed_action"] = action
    return render(request, "funds/application_detail.html", context, status=200)


@login_required
def recovery_order_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.get_for_user(
        request.user, AdvanceApplication.objects.select_related("case", "case__enterprise"), pk=pk
    )
    if not application.recovery_order_number:
        return HttpResponse(status=404)
    context = {
        "application": application,
        "case": application.case,
        "payments": list(application.payments.all()),
        "lines": list(application.lines.all()),
    }
    return pdf_response(
        render_pdf("pdf/fund_recovery_order.html", context), f"责令偿还通知书-{application.number}.pdf"
    )


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("funds.view_ledgerentry"), request.user)
    entries = (
        access.visible_to(request.user, LedgerEntry)
        .select_related("application", "recorded_by", "reverses")
        .prefetch_related(Prefetch("reversals", queryset=LedgerEntry.objects.only("id", "reverses_id")))
        .annotate(
            running=Window(Sum("cash_effect"), order_by=[F("entry_date").asc(), F("id").asc()]),
        )
        .order_by("-entry_date", "-id")
    )
    page = paginate(request, entries)
    return render(
        request,
        "funds/ledger.html",
        {
            "page_obj": page,
            "entries": page.object_list,
            "balance": selectors.balance(),
            "may_appropriate": request.user.has_perm("funds.add_ledgerentry"),
            "may_reverse": request.user.has_perm("funds.reverse_ledgerentry"),
        },
    )


@login_required
def appropriate(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("funds.add_ledgerentry"), request.user)
    form = AppropriationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ledger_appropriate(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("财政拨入已登记。"))
            return redirect("funds:ledger")
    return render(request, "funds/appropriation_form.html", {"form": form})


@login_required
def reverse_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.get_for_user(
        request.user, LedgerEntry.objects.select_related("application"), "reverse", pk=pk
    )
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ledger_reverse(entry=entry, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已冲销。"))
            return redirect("funds:ledger")
    return render(request, "funds/reverse_form.html", {"form": form, "entry": entry})


def _period(request: HttpRequest) -> tuple[PeriodForm, dt.date, dt.date]:
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"start": today.replace(month=1, day=1), "end": today})
    start, end = today.replace(month=1, day=1), today
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return form, start, end


@login_required
def statement(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    _require_fund(request.user)
    form, start, end = _period(request)
    result = selectors.statement(start=start, end=end)
    if fmt == "xlsx":
        return excel.xlsx_response(
            filename=f"周转金收支明细-{start:%Y%m%d}-{end:%Y%m%d}.xlsx",
            sheets=exports.statement_sheets(result),
        )
    context = {"form": form, "statement": result, "fund": Fund.objects.first(), "kinds": LedgerEntry.Kind}
    if fmt == "pdf":
        return pdf_response(
            render_pdf("pdf/fund_statement.html", context), f"周转金收支明细-{start:%Y%m%d}-{end:%Y%m%d}.pdf"
        )
    return render(request, "funds/statement.html", context)
