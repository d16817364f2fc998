"""Reads of the cases app that other pages and apps use (reporting reads through these, never the models)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear

from .models import Case, CaseEvent, Interview, Petition, PoliceWarning

# The member unit that sends each kind of ad-hoc report (DESIGN.md section 3).
PETITION_UNIT = "zzb"
POLICE_WARNING_UNIT = "gaj"


def adhoc_report_counts(start: dt.date, end: dt.date) -> dict[tuple[str, int, int], int]:
    """{(unit code, year, month): count} of the ad-hoc reports received from `start` to `end` inclusive:
    petitions passed on by 综治办 (zzb) and early warnings from 公安分局 (gaj). One query per kind."""
    result: dict[tuple[str, int, int], int] = {}
    for unit, model, field in (
        (PETITION_UNIT, Petition, "received_on"),
        (POLICE_WARNING_UNIT, PoliceWarning, "reported_on"),
    ):
        rows = (
            model.objects.filter(**{f"{field}__gte": start, f"{field}__lte": end})
            .annotate(year=ExtractYear(field), month=ExtractMonth(field))
            .values("year", "month")
            .annotate(count=Count("id"))
            .order_by()
        )
        for row in rows:
            result[(unit, row["year"], row["month"])] = row["count"]
    return result


def case_list_queryset() -> QuerySet[Case]:
    """What every case list and export needs, in one query."""
    return Case.objects.select_related("enterprise", "project", "handler", "police_referral")


def interview_list_queryset() -> QuerySet[Interview]:
    return Interview.objects.select_related("enterprise", "case", "main_interviewer")


def case_timeline(case: Case) -> list[CaseEvent]:
    return list(case.events.select_related("by").order_by("on", "at", "id"))
