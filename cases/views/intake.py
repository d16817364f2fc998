"""The office's pages for what comes in: public reports, petitions, police warnings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from liudong_wages import access, privacy
from liudong_wages.paging import paginate

from .. import forms, services
from ..models import Petition, PoliceWarning, PublicReport


@login_required
def public_report_list(request: HttpRequest) -> HttpResponse:
    reports = access.list_for(request.user, PublicReport.objects.select_related("case"))
    status = request.GET.get("status")
    if status in PublicReport.Status.values:
        reports = reports.filter(status=status)
    return render(
        request,
        "cases/public_report_list.html",
        {"page_obj": paginate(request, reports), "statuses": PublicReport.Status.choices, "status": status},
    )


@login_required
def public_report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_for_user(
        request.user, PublicReport.objects.select_related("case", "decided_by"), pk=pk
    )
    full = privacy.may_see_personal_data(request.user) and request.GET.get("full") == "1"
    if full:
        privacy.log_access(
            user=request.user,
            action="view",
            what=_("网上举报 %(code)s") % {"code": report.tracking_code},
            object_ref=report.pk,
            request=request,
        )
    accept_form = forms.PublicReportAcceptForm(prefix="accept")
    reject_form = forms.PublicReportRejectForm(prefix="reject")
    if request.method == "POST":
        access.get_for_user(request.user, PublicReport, "change", pk=pk)
        try:
            if "accept" in request.POST:
                accept_form = forms.PublicReportAcceptForm(request.POST, prefix="accept")
                if accept_form.is_valid():
                    data = accept_form.cleaned_data
                    new_case = (
                        {"enterprise": data["enterprise"]} if data["enterprise"] and not data["case"] else {}
                    )
                    services.public_report_accept(
                        report=report, by=request.user, reply=data["reply"], case=data["case"], **new_case
                    )
                    messages.success(request, _("已受理。"))
                    return redirect(report)
            else:
                reject_form = forms.PublicReportRejectForm(request.POST, prefix="reject")
                if reject_form.is_valid():
                    services.public_report_reject(
                        report=report, by=request.user, reason=reject_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("已作不予受理处理。"))
                    return redirect(report)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
    return render(
        request,
        "cases/public_report_detail.html",
        {
            "report": report,
            "full": full,
            "may_see_full": privacy.may_see_personal_data(request.user),
            "accept_form": accept_form,
            "reject_form": reject_form,
            "may_change": access.may(request.user, report, "change"),
        },
    )


# The keyword under which each link service takes its object.
LINK_ARGUMENT = {Petition: "petition", PoliceWarning: "warning"}


def _intake_list(request, model, template, add_perm):
    items = access.list_for(request.user, model.objects.select_related("case", "created_by"))
    return render(
        request, template, {"page_obj": paginate(request, items), "may_add": request.user.has_perm(add_perm)}
    )


def _intake_create(request, form_class, service, add_perm, title):
    access.require(lambda u: u.has_perm(add_perm), request.user)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = service(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已报送，领导小组办公室已收到通知。"))
            return redirect(obj)
    return render(request, "cases/simple_form.html", {"form": form, "title": title})


def _intake_detail(request, model, pk, link_service, template):
    obj = access.get_for_user(request.user, model.objects.select_related("case", "created_by"), pk=pk)
    link_form = forms.LinkForm(request.POST if "link" in request.POST else None)
    feedback_form = forms.WarningFeedbackForm(request.POST if "feedback" in request.POST else None)
    if request.method == "POST" and "link" in request.POST:
        access.get_for_user(request.user, model, "link", pk=pk)
        if link_form.is_valid():
            data = link_form.cleaned_data
            extra = (
                {}
                if data["case"]
                else {"period_start": data["period_start"], "period_end": data["period_end"]}
            )
            try:
                case = link_service(
                    **{LINK_ARGUMENT[model]: obj}, by=request.user, case=data["case"], **extra
                )
            except ValidationError as error:
                link_form.add_error(None, error)
            else:
                messages.success(request, _("已关联案件 %(number)s。") % {"number": case.number})
                return redirect(case)
    if request.method == "POST" and "feedback" in request.POST and model is PoliceWarning:
        access.get_for_user(request.user, model, "feedback", pk=pk)
        if feedback_form.is_valid():
            services.police_warning_feedback(warning=obj, by=request.user, **feedback_form.cleaned_data)
            messages.success(request, _("反馈已登记。"))
            return redirect(obj)
    return render(
        request,
        template,
        {
            "object": obj,
            "link_form": link_form,
            "feedback_form": feedback_form,
            "may_link": access.may(request.user, obj, "link") and obj.case_id is None,
            "may_feedback": access.may(request.user, obj, "feedback"),
        },
    )


@login_required
def petition_list(request):
    return _intake_list(request, Petition, "cases/petition_list.html", "cases.add_petition")


@login_required
def petition_create(request):
    return _intake_create(
        request, forms.PetitionForm, services.petition_create, "cases.add_petition", _("报送欠薪上访")
    )


@login_required
def petition_detail(request, pk):
    return _intake_detail(request, Petition, pk, services.petition_link, "cases/intake_detail.html")


@login_required
def warning_list(request):
    return _intake_list(request, PoliceWarning, "cases/warning_list.html", "cases.add_policewarning")


@login_required
def warning_create(request):
    return _intake_create(
        request,
        forms.PoliceWarningForm,
        services.police_warning_create,
        "cases.add_policewarning",
        _("报送预警信息"),
    )


@login_required
def warning_detail(request, pk):
    return _intake_detail(
        request, PoliceWarning, pk, services.police_warning_link, "cases/intake_detail.html"
    )
