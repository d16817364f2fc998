"""The suggestions of the case boxes (cases.lookup.CaseField): up to ten cases the user may see whose number,
or whose respondent's name, holds what was typed, newest first, as the <option>s of the box's <datalist>
(htmx). Only help while typing: the form resolves the number it is sent, through the same access."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render

from enterprises.forms.lookup import ALL_PARAMETER, MIN_TERM, SUGGESTIONS, search_text
from enterprises.models import Enterprise
from liudong_wages import access
from liudong_wages.access import SignedInRequest

from ..lookup import CaseField, typed_number
from ..models import Case


@login_required
def case_search(request: SignedInRequest) -> HttpResponse:
    # 403 to a role that sees no case at all; the police liaison is offered only the cases referred to them.
    cases = access.list_for(request.user, Case.objects.select_related("enterprise"))
    term = search_text(request.GET)
    found = []
    if len(term) >= MIN_TERM:
        cases = (
            cases.exclude(status=Case.Status.VOIDED)
            if request.GET.get(ALL_PARAMETER) == "1"
            else cases.open()
        )
        rows = (
            cases.filter(_matching(term))
            .only("number", "status", "respondent_name", "enterprise__name")
            .order_by("-received_on", "-id")[:SUGGESTIONS]
        )
        found = [(CaseField.key(row), CaseField.describe(row)) for row in rows]
    return render(request, "enterprises/lookup_options.html", {"found": found})


def _matching(term: str) -> Q:
    """Cases whose number holds the typed text, or whose respondent's name does.

    Letters and digits with a digit among them are a part of a number (LD2024-01, 0123): numbers alone are
    searched, as they are stored (upper case, so without UPPER() on 100,000 rows). Anything else is searched in
    the respondents' names too, the registered employers' through one scan of the registry (a join to the
    employer for each case took 265 ms over 100,000 cases when nothing matched; this takes 50-65 ms, a part of a
    number 10-20 ms)."""
    number = typed_number(term)
    if number.isascii() and any(character.isdigit() for character in number):
        return Q(number__contains=number)
    employers = Enterprise.objects.filter(name__icontains=term).values("pk")
    by_name = Q(enterprise__in=employers) | Q(respondent_name__icontains=term)
    return by_name | Q(number__contains=number) if number.isascii() else by_name
