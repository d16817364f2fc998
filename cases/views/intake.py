"""The office's pages for what comes in: public reports, petitions, police warnings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from liudong_wages import access, privacy, steps
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
@require_safe
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
    return render(
        request,
        "cases/public_report_detail.html",
        {
            "report": report,
            "full": full,
            "may_see_full": privacy.may_see_personal_data(request.user),
            "accept_form": forms.PublicReportAcceptForm(prefix="accept", user=request.user),
            "reject_form": forms.PublicReportRejectForm(prefix="reject"),
            "may_change": access.may(request.user, report, "change"),
        },
    )


def _accept(report: PublicReport, by, data: dict) -> object:
    # An enterprise chosen for a new case counts only when no existing case was chosen.
    new_case = {"enterprise": data["enterprise"]} if data["enterprise"] and not data["case"] else {}
    return services.public_report_accept(
        report=report, by=by, reply=data["reply"], case=data["case"], **new_case
    )


@login_required
def public_report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_for_user(request.user, PublicReport, "change", pk=pk)
    return steps.run_step(
        request,
        form=forms.PublicReportAcceptForm(request.POST or None, prefix="accept", user=request.user),
        service=lambda data: _accept(report, request.user, data),
        title=_("受理网上举报 %(code)s") % {"code": report.tracking_code},
        back=report,
        done=_("已受理。"),
    )


@login_required
def public_report_reject(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.get_for_user(request.user, PublicReport, "change", pk=pk)
    return steps.run_step(
        request,
        form=forms.PublicReportRejectForm(request.POST or None, prefix="reject"),
        service=lambda data: services.public_report_reject(report=report, by=request.user, **data),
        title=_("不予受理网上举报 %(code)s") % {"code": report.tracking_code},
        back=report,
        done=_("已作不予受理处理。"),
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
    return render(request, "step_form.html", {"form": form, "title": title, "submit_label": _("提交")})


def _intake_detail(request, model, pk, template, link_url_name):
    obj = access.get_for_user(request.user, model.objects.select_related("case", "created_by"), pk=pk)
    return render(
        request,
        template,
        {
            "object": obj,
            "link_form": forms.LinkForm(user=request.user),
            "link_url": reverse(link_url_name, args=[obj.pk]),
            "feedback_form": forms.WarningFeedbackForm(),
            "may_link": access.may(request.user, obj, "link") and obj.case_id is None,
            "may_feedback": access.may(request.user, obj, "feedback"),
        },
    )


def _intake_link(request, model, pk, link_service):
    """Link a petition or a warning to a case, or open one from it; then to the case."""
    obj = access.get_for_user(request.user, model.objects.select_related("case"), "link", pk=pk)

    def link(data: dict):
        extra = (
            {} if data["case"] else {"period_start": data["period_start"], "period_end": data["period_end"]}
        )
        return link_service(**{LINK_ARGUMENT[model]: obj}, by=request.user, case=data["case"], **extra)

    return steps.run_step(
        request,
        form=forms.LinkForm(request.POST or None, user=request.user),
        service=link,
        title=_("关联案件：%(object)s") % {"object": obj.employer_name},
        back=obj,
        done=lambda case: _("已关联案件 %(number)s。") % {"number": case.number},
        then=lambda case: case,
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
@require_safe
def petition_detail(request, pk):
    return _intake_detail(request, Petition, pk, "cases/intake_detail.html", "cases:petition_link")


@login_required
def petition_link(request, pk):
    return _intake_link(request, Petition, pk, services.petition_link)


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
@require_safe
def warning_detail(request, pk):
    return _intake_detail(request, PoliceWarning, pk, "cases/intake_detail.html", "cases:warning_link")


@login_required
def warning_link(request, pk):
    return _intake_link(request, PoliceWarning, pk, services.police_warning_link)


@login_required
def warning_feedback(request, pk):
    warning = access.get_for_user(request.user, PoliceWarning, "feedback", pk=pk)
    return steps.run_step(
        request,
        form=forms.WarningFeedbackForm(request.POST or None),
        service=lambda data: services.police_warning_feedback(warning=warning, by=request.user, **data),
        title=_("处置后反馈：%(object)s") % {"object": warning.employer_name},
        back=warning,
        done=_("反馈已登记。"),
    )
