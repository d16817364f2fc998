"""The suggestions of the enterprise and project boxes (enterprises.forms.lookup): up to ten rows whose name or
code contains what was typed, as the <option>s of the box's <datalist> (htmx). Only help while typing: the form
decides from what it was sent, and works without them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from liudong_wages import access

from ..forms.lookup import ALL_PARAMETER, MIN_TERM, SUGGESTIONS, EnterpriseField, ProjectField, search_text
from ..models import Enterprise, Project


@login_required
def enterprise_search(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.view_enterprise"), request.user)
    term = search_text(request.GET)
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
    term = search_text(request.GET)
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
