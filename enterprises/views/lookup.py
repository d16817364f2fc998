"""The suggestions of the enterprise and project boxes (enterprises.forms.lookup): up to ten rows whose name or
code contains what was typed, as the <option>s of the box's <datalist> (htmx). Only help while typing: the form
decides from what it was sent, and works without them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from liudong_wages import access, params

from ..forms.lookup import ALL_PARAMETER, FIELD_PARAMETER, EnterpriseField, ProjectField
from ..models import Enterprise, Project

SUGGESTIONS = 10
# Fewer characters match too much of a 50,000-row registry to help anyone.
MIN_TERM = 2


def _term(request: HttpRequest) -> str:
    """What was typed: the box sends itself under its own name, which `field` names (the subcontractor form's
    box, older than the others, sends `enterprise_code` alone)."""
    name = params.text(request.GET, FIELD_PARAMETER) or "enterprise_code"
    return params.text(request.GET, name)


@login_required
def enterprise_search(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.view_enterprise"), request.user)
    term = _term(request)
    found = []
    if len(term) >= MIN_TERM:
        rows = (
            Enterprise.objects.all() if request.GET.get(ALL_PARAMETER) == "1" else Enterprise.objects.active()
        )
        found = [
            (EnterpriseField.key(row), row.name if row.is_active else EnterpriseField.describe(row))
            for row in rows.search(term)
            .order_by("name", "pk")
            .only("name", "credit_code", "status")[:SUGGESTIONS]
        ]
    return render(request, "enterprises/lookup_options.html", {"found": found})


@login_required
def project_search(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.view_project"), request.user)
    term = _term(request)
    found = []
    if len(term) >= MIN_TERM:
        rows = access.visible_to(request.user, Project)
        if request.GET.get(ALL_PARAMETER) != "1":
            rows = rows.active()
        rows = rows.search(term).select_related("general_contractor").order_by("name", "pk")[:SUGGESTIONS]
        found = [
            (ProjectField.key(row), f"{ProjectField.describe(row)} · {row.general_contractor.name}")
            for row in rows
        ]
    return render(request, "enterprises/lookup_options.html", {"found": found})
