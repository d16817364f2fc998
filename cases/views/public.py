"""The public report form (/report/, no login) and its tracking page (/report/track/)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from liudong_wages.clients import client_ip
from liudong_wages.services import attachment_add

from .. import forms, services
from ..models import PublicReport
from ..tracking import report_progress


@never_cache
@csrf_protect
def report_form(request: HttpRequest) -> HttpResponse:
    ip = client_ip(request)
    if request.method == "POST":
        if services.public_report_rate_limited(ip):
            return render(
                request,
                "cases/public_report.html",
                {"form": forms.PublicReportForm(), "limited": True},
                status=429,
            )
        form = _form_class(ip)(request.POST, request.FILES)
        if form.is_bot:
            # Answer like a success, so that the bot learns nothing; nothing is saved.
            return render(request, "cases/public_report_done.html", {"report": None})
        if form.is_valid():
            data = dict(form.cleaned_data)
            evidence = data.pop("evidence")
            data.pop("website")
            data.pop("captcha", None)
            try:
                with transaction.atomic():
                    report = services.public_report_submit(ip_address=ip, **data)
                    if evidence:
                        attachment_add(owner=report, file=evidence, by=None, category="public_report")
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(request, "cases/public_report_done.html", {"report": report})
        return render(request, "cases/public_report.html", {"form": form}, status=200)
    return render(request, "cases/public_report.html", {"form": _form_class(ip)()})


def _form_class(ip: str | None) -> type[forms.PublicReportForm]:
    # A captcha from the second report of an address within the hour (issue 16); the first stays one step.
    if services.public_report_needs_captcha(ip):
        return forms.PublicReportCaptchaForm
    return forms.PublicReportForm


@never_cache
def report_track(request: HttpRequest) -> HttpResponse:
    form = forms.TrackForm(request.GET or None)
    report = None
    not_found = False
    if form.is_bound and form.is_valid():
        report = (
            PublicReport.objects.select_related("case")
            .filter(tracking_code=form.cleaned_data["code"])
            .first()
        )
        not_found = report is None
    return render(
        request,
        "cases/public_track.html",
        {
            "form": form,
            "report": report,
            "not_found": not_found,
            "message": _("查询码不存在，请核对。"),
            # Issue 18: the case's steps and what was paid to this reporter, nothing of other workers.
            "steps": report_progress(report) if report else [],
        },
    )
