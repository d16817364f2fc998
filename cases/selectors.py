"""Reads of the cases app that other pages and apps use (reporting reads through these, never the models)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.db.models import CharField, Count, Exists, Field, OuterRef, QuerySet
from django.db.models.functions import Cast, ExtractMonth, ExtractYear

from liudong_wages.compiled import CompiledList, Prebuilt
from liudong_wages.models import User, choice_labels
from liudong_wages.tables import UrlFor

from .models import Case, CaseEvent, Interview, Petition, PoliceWarning, WorkerClaim

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


def with_page_flags(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Cases with a flag for each list of the case's page that is most often empty (its interviews, joint
    handlings, repayment agreements, attachments and running document periods): the page reads a list only
    when its flag says it has rows, instead of five statements compiled and run for nothing (issue 21)."""
    from liudong_wages.models import Attachment

    from .models import DocumentPeriod, JointHandling, RepaymentAgreement

    case = OuterRef("pk")
    return cases.annotate(
        has_interviews=Exists(Interview.objects.filter(case=case)),
        has_joint_handlings=Exists(JointHandling.objects.filter(case=case)),
        has_agreements=Exists(RepaymentAgreement.objects.filter(case=case)),
        has_attachments=Exists(
            Attachment.objects.filter(content_type__model="case", object_id=Cast(case, CharField()))
        ),
        has_document_periods=Exists(DocumentPeriod.objects.running().filter(case=case)),
    )


# The columns the case list shows, read as values: no model instance per row (five with their relations) and
# a tenth of the columns, which was half of the list's Python time.
CASE_ROW_FIELDS = (
    "pk",
    "number",
    "status",
    "deadline",
    "deadline_kind",
    "worker_count",
    "total_owed",
    "total_paid",
    "respondent_name",
    "enterprise_id",
    "enterprise__name",
    "project_id",
    "project__name",
    "project__management_invested",
    "handler_id",
    *User.name_fields("handler"),
    "mass_incident_risk",
    "is_major",
    "police_threshold_reached",
)


def case_list_rows(cases: QuerySet[Case]) -> QuerySet[Case, dict[str, Any]]:
    """The cases of a list as dicts of the columns it shows; `case_row` turns one into what the template reads."""
    return cases.values(*CASE_ROW_FIELDS)


# What the case list starts from: `case_list_rows` of every case, its columns and joins resolved once per process.
case_list_values = Prebuilt(lambda: case_list_rows(case_list_queryset()))


_case_url = UrlFor("cases:detail")


def case_row(
    values: dict,
    *,
    labels: dict | None = None,
    today: dt.date | None = None,
    url: Callable[[int], str] | None = None,
) -> dict:
    """One row of `case_list_rows` under the names a Case has (`project.name`, `get_status_display`,
    `total_outstanding`, …), computed as the model computes them; `overdue` as `Case.is_overdue(today)`.
    A page passes what is the same for all its rows: `labels`, `today` and `url` (`case_url()`)."""
    labels = labels or case_row_labels()
    url = url or _case_url
    handler_name = User.display_name_in(values, "handler")
    status = values["status"]
    return {
        **values,
        "get_absolute_url": url(values["pk"]),
        "respondent": values["enterprise__name"] if values["enterprise_id"] else values["respondent_name"],
        "project": {
            "name": values["project__name"],
            "management_invested": values["project__management_invested"],
        }
        if values["project_id"]
        else None,
        "handler": {"display_name": handler_name} if handler_name is not None else None,
        "get_status_display": labels["status"].get(status, status),
        "get_deadline_kind_display": labels["deadline_kind"].get(
            values["deadline_kind"], values["deadline_kind"]
        ),
        "is_open": status not in Case.FINISHED_STATUSES,
        "total_outstanding": max(values["total_owed"] - values["total_paid"], Decimal(0)),
        "many_workers": values["worker_count"] >= settings.LIUDONG["MANY_WORKERS"],
        "overdue": bool(
            today
            and values["deadline"]
            and status not in Case.FINISHED_STATUSES
            and values["deadline"] < today
        ),
    }


def case_url() -> Callable[[int], str]:
    """A case's address by its key, bound once for a page's rows."""
    return _case_url.bind()


def case_row_labels() -> dict[str, dict[str, str]]:
    """The status and deadline labels in the request's language, translated once for all the rows."""
    # Both are columns of the case, never relations.
    fields = {name: cast("Field", Case._meta.get_field(name)) for name in ("status", "deadline_kind")}
    return {
        name: {value: str(label) for value, label in choice_labels(field).items()}
        for name, field in fields.items()
    }


def interview_list_queryset() -> QuerySet[Interview]:
    return Interview.objects.select_related("enterprise", "case", "main_interviewer")


# The columns the interviews list shows, read as values (as the case list's): an Interview with its enterprise,
# case and interviewer built for each row was two thirds of the list's Python time.
INTERVIEW_ROW_FIELDS = (
    "pk",
    "notice_number",
    "enterprise__name",
    "legal_rep_name",
    "scheduled_at",
    "status",
    "rectification_due",
    "case_id",
    "case__number",
)

_interview_url = UrlFor("cases:interview")


def interview_list_rows(interviews: QuerySet[Interview]) -> QuerySet[Interview, dict[str, Any]]:
    """The interviews of a list as dicts of the columns it shows; `interview_row` completes one."""
    return interviews.values(*INTERVIEW_ROW_FIELDS)


# What the interview list starts from, likewise.
interview_list_values = Prebuilt(lambda: interview_list_rows(interview_list_queryset()))


def interview_row(values: dict, *, labels: dict[str, str], today: dt.date) -> dict:
    """One row of `interview_list_rows` under the names an Interview has (`get_absolute_url`, `case.number`,
    `get_status_display`); `overdue` when a held interview's rectification report is past due on `today`."""
    status, due = values["status"], values["rectification_due"]
    return {
        **values,
        "get_absolute_url": _interview_url(values["pk"]),
        "case": {"number": values["case__number"], "get_absolute_url": _case_url(values["case_id"])}
        if values["case_id"]
        else None,
        "get_status_display": labels.get(status, status),
        "overdue": bool(status == Interview.Status.HELD and due and due < today),
    }


def interview_status_labels() -> dict[str, str]:
    """The interview statuses in the request's language, translated once for all the rows."""
    field = cast("Field", Interview._meta.get_field("status"))
    return {value: str(label) for value, label in choice_labels(field).items()}


# The case page's timeline and claims, each statement compiled once per process (liudong_wages.compiled).
_timeline = CompiledList(
    lambda case: CaseEvent.objects.filter(case=case).select_related("by").order_by("on", "at", "id")
)
_claims = CompiledList(lambda case: WorkerClaim.objects.filter(case=case))


def case_timeline(case: Case) -> list[CaseEvent]:
    """The case's events, oldest first, each with who recorded it and the case itself."""
    return cast("list[CaseEvent]", _timeline.list(case.pk, case=case))


def case_claims(case: Case) -> list[WorkerClaim]:
    """The case's workers and what each is owed, in the claims' order, each with the case itself."""
    return cast("list[WorkerClaim]", _claims.list(case.pk, case=case))
