"""Reads that gather from several tables: the facts for a project's risk, an enterprise's timeline, the
"Internet+" list. The `cases` app is read only through reverse relations (cases point at enterprises and
projects; this app never imports it), guarded so that this app works before and without it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django.core.exceptions import FieldDoesNotExist
from django.db import connections, router
from django.db.models import Exists, Field, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from liudong_wages.compiled import CompiledList
from liudong_wages.models import choice_labels
from liudong_wages.tables import UrlFor

from .. import rules
from ..models import (
    DishonestListing,
    Enterprise,
    Event,
    Project,
    RestrictionMeasure,
    SiteInspection,
    Subcontractor,
    WageAlert,
)

# The reverse accessors the `cases` app is expected to give (Case.enterprise / Case.project with
# related_name="cases"; Interview.enterprise with related_name="interviews").
CASES = "cases"
INTERVIEWS = "interviews"


def has_reverse(model: type[Model], name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return field.is_relation and field.auto_created


def _open(manager) -> QuerySet:
    queryset = manager.all()
    return queryset.open() if hasattr(queryset, "open") else queryset


def open_case_count(obj: Model) -> int:
    if not has_reverse(type(obj), CASES):
        return 0
    return _open(getattr(obj, CASES)).count()


def listed_enterprise_ids(ids) -> set[int]:
    return set(
        DishonestListing.objects.in_force()
        .filter(enterprise_id__in=list(ids))
        .values_list("enterprise_id", flat=True)
    )


def project_risk_facts(project: Project, *, today: dt.date) -> rules.RiskFacts:
    """Everything `rules.project_risk` needs, in a handful of queries."""
    deposit = project_deposit_status(project, today=today)
    names = {project.construction_unit_id: None, project.general_contractor_id: None}
    for sub_id in project.subcontractors.values_list("enterprise_id", flat=True) if project.pk else []:
        names[sub_id] = None
    listed = listed_enterprise_ids(names)
    listed_names = tuple(
        Enterprise.objects.filter(pk__in=listed).order_by("name").values_list("name", flat=True)
    )
    findings = SiteInspection.objects.open_findings().filter(project=project) if project.pk else None
    open_findings = findings.count() if findings is not None else 0
    overdue_findings = findings.filter(follow_up_due__lt=today).count() if findings is not None else 0
    return rules.RiskFacts(
        active=project.status == Project.Status.ACTIVE,
        deposit=deposit,
        has_wage_account=project.has_wage_account,
        labour_filed=project.labour_filed,
        real_name_management=project.real_name_management,
        notice_board=project.notice_board,
        open_cases=open_case_count(project) if project.pk else 0,
        listed_enterprises=listed_names,
        open_findings=open_findings,
        overdue_findings=overdue_findings,
        started=project.start_date is not None and project.start_date <= today,
        wage_alerts=open_wage_alert_reasons(project) if project.pk else (),
    )


def open_wage_alert_reasons(project: Project) -> tuple[tuple[str, str], ...]:
    """The project's open wage-payment warnings as (level, reason), red first (one query)."""
    alerts = (
        WageAlert.objects.open().filter(project=project).order_by("level", "month")
    )  # "red" sorts before "yellow"
    return tuple(
        (level, f"{WageAlert.Reason(reason).label}（{month:%Y-%m}）")
        for level, reason, month in alerts.values_list("level", "reason", "month")
    )


def project_deposit_status(project: Project, *, today: dt.date) -> rules.DepositStatus:
    return rules.deposit_status(
        contract_value=project.contract_value,
        contractor_had_arrears=project.contractor_had_arrears,
        rate=project.deposit_rate,
        approved_on=project.approved_on or project.start_date,
        amount_paid=project.deposit_amount,
        paid_on=project.deposit_paid_on,
        checked_on=project.deposit_checked_on,
        returned_on=project.deposit_returned_on,
        today=today,
    )


# --- lists --------------------------------------------------------------------------------------------------


def with_listing_flag(queryset: QuerySet[Enterprise]) -> QuerySet[Enterprise]:
    """Annotate `is_listed`: the enterprise is on the dishonest list now (one subquery, not one per row)."""
    return queryset.annotate(
        is_listed=Exists(DishonestListing.objects.in_force().filter(enterprise=OuterRef("pk")))
    )


def internet_plus(queryset: QuerySet[Enterprise]) -> QuerySet[Enterprise]:
    """实施方案 二(三)7: star-rated enterprises with no wage-arrears case, not on the dishonest list."""
    listed_now = DishonestListing.objects.in_force().filter(enterprise=OuterRef("pk"))
    queryset = queryset.filter(status=Enterprise.Status.ACTIVE, star_rating__gte=1).exclude(
        Exists(listed_now)
    )
    if has_reverse(Enterprise, CASES):
        queryset = queryset.filter(**{f"{CASES}__isnull": True})
    ever_listed = DishonestListing.objects.filter(
        enterprise=OuterRef("pk"),
        status__in=[DishonestListing.Status.LISTED, DishonestListing.Status.REMOVED],
    )
    return queryset.filter(~Exists(ever_listed)).order_by("-star_rating", "name")


def pending_measures(queryset: QuerySet[RestrictionMeasure] | None = None) -> QuerySet[RestrictionMeasure]:
    """Restriction measures not yet recorded for enterprises listed now: what the office chases."""
    queryset = queryset if queryset is not None else RestrictionMeasure.objects.all()
    return queryset.filter(
        status=RestrictionMeasure.Status.PENDING, listing__status=DishonestListing.Status.LISTED
    ).select_related("listing__enterprise", "unit")


# --- the timeline -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    label: str
    summary: str
    url: str = ""
    document: str = ""
    by: str = ""


# The project page's subcontractors, timeline and cases, each statement compiled once per process
# (liudong_wages.compiled): building them took the page longer than running them (issue 21).
_project_events = CompiledList(lambda project: Event.objects.filter(project=project)[:100])
_project_subcontractors = CompiledList(
    lambda project: Subcontractor.objects.filter(project=project).select_related("enterprise")
)


def project_subcontractors(project: Project) -> list[Subcontractor]:
    """The project's subcontractors with their enterprises, in the order they were added."""
    return cast("list[Subcontractor]", _project_subcontractors.list(project.pk))


def project_events(project: Project) -> list[Event]:
    """The project's last hundred events, newest first (the page's timeline)."""
    return cast("list[Event]", _project_events.list(project.pk))


def _project_cases(project: int) -> QuerySet:
    cases = cast("type[Model]", Project._meta.get_field(CASES).related_model)
    return cases._default_manager.filter(project=project).select_related("enterprise")[:50]


_project_case_rows = CompiledList(_project_cases)


def project_cases(project: Project) -> list[tuple[str, str]]:
    """The project's first fifty cases as the page lists them: (label, address); none without the cases app."""
    if not has_reverse(Project, CASES):
        return []
    return [(str(case), url_of(case)) for case in _project_case_rows.list(project.pk)]


def industrial_parks() -> list[str]:
    """The parks of the registry's enterprises, each once, in order (the enterprise list's park box).

    Read as a loose index scan: a recursive statement steps from one park to the next through
    `enterprise_park_idx`, one probe per park, where `SELECT DISTINCT` read every enterprise (19 ms at 150,000,
    growing with the registry; the same answer: `> ''` leaves out the empty park as `exclude(…="")` did). Each
    step is a scalar subquery, which PostgreSQL and SQLite both take in a recursive statement."""
    using = router.db_for_read(Enterprise)
    connection = connections[using]
    table = connection.ops.quote_name(Enterprise._meta.db_table)
    park = connection.ops.quote_name(cast("Field", Enterprise._meta.get_field("industrial_park")).column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE parks(park) AS ("
            f"  SELECT (SELECT {park} FROM {table} WHERE {park} > %s ORDER BY {park} LIMIT 1)"
            f"  UNION ALL"
            f"  SELECT (SELECT {park} FROM {table} WHERE {park} > parks.park ORDER BY {park} LIMIT 1)"
            f"  FROM parks WHERE parks.park IS NOT NULL"
            f") SELECT park FROM parks WHERE park IS NOT NULL",
            [""],
        )
        return [row[0] for row in cursor.fetchall()]


def url_of(obj: Any) -> str:
    try:
        return obj.get_absolute_url()
    except Exception:  # a record of another app without a page (yet)
        return ""


def _day(obj: Any) -> dt.date | None:
    for name in ("received_on", "opened_on", "filed_on", "held_on", "scheduled_on", "on", "date"):
        value = getattr(obj, name, None)
        if isinstance(value, dt.date):
            return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value
    created = getattr(obj, "created_at", None)
    # The day in Beijing time: a record made at 07:30 belongs to that day, not to the previous UTC one.
    return timezone.localtime(created).date() if created else None


def enterprise_timeline(enterprise: Enterprise, *, limit: int = 300) -> list[TimelineEntry]:
    """The enterprise's whole story, newest first: its own events, its projects' events, and the cases and
    interviews the `cases` app records against it."""
    project_ids = list(Project.objects.involving(enterprise).values_list("pk", flat=True))
    events = (
        Event.objects.filter(Q(enterprise=enterprise) | Q(project_id__in=project_ids))
        .select_related("project", "inspection", "assessment", "listing", "by")
        .order_by("-on", "-at", "-pk")[:limit]
    )
    entries = []
    for event in events:
        target = event.listing or event.inspection or event.assessment or event.project
        summary = event.summary
        if event.project is not None and event.enterprise_id != enterprise.pk:
            summary = f"{event.project.name}：{summary}" if summary else event.project.name
        entries.append(
            TimelineEntry(
                on=event.on,
                label=event.get_kind_display(),
                summary=summary,
                url=url_of(target) if target else "",
                document=event.document,
                by=str(event.by) if event.by else "",
            )
        )
    for accessor, label in ((CASES, "案件"), (INTERVIEWS, "约谈")):
        if not has_reverse(Enterprise, accessor):
            continue
        for obj in getattr(enterprise, accessor).all()[:limit]:
            day = _day(obj)
            if day is not None:
                entries.append(TimelineEntry(on=day, label=label, summary=str(obj), url=url_of(obj)))
    entries.sort(key=lambda entry: entry.on, reverse=True)
    return entries[:limit]


def projects_most_at_risk(queryset: QuerySet[Project], *, limit: int = 10) -> list[Project]:
    """For the director's dashboard: active projects with a risk, highest first (uses project_risk_idx)."""
    return list(
        queryset.filter(status=Project.Status.ACTIVE, risk_rank__gt=0)
        .select_related("general_contractor")
        .order_by("-risk_rank", "-start_date", "-pk")[:limit]
    )


# The columns the project list shows, read as values: no three model instances per row with every column.
PROJECT_ROW_FIELDS = (
    "pk",
    "name",
    "kind",
    "status",
    "risk",
    "risk_reasons",
    "management_invested",
    "start_date",
    "contract_value",
    "general_contractor_id",
    "general_contractor__name",
    "construction_unit_id",
    "construction_unit__name",
)


def project_list_rows(projects: QuerySet[Project]) -> QuerySet[Project, dict[str, Any]]:
    """The projects of a list as dicts of the columns it shows; `project_row` turns one into what the
    template reads."""
    return projects.values(*PROJECT_ROW_FIELDS)


_project_url = UrlFor("enterprises:project_detail")


def project_row(values: dict, *, labels: dict[str, dict[str, str]]) -> dict:
    """One row of `project_list_rows` under the names the list's template reads of a Project."""
    contractor, builder = values["general_contractor_id"], values["construction_unit_id"]
    return {
        **values,
        "get_absolute_url": _project_url(values["pk"]),
        "get_kind_display": labels["kind"].get(values["kind"], values["kind"]),
        "get_status_display": labels["status"].get(values["status"], values["status"]),
        "general_contractor": {"name": values["general_contractor__name"]} if contractor else None,
        "construction_unit": {"name": values["construction_unit__name"]} if builder else None,
    }


def project_row_labels() -> dict[str, dict[str, str]]:
    """The kind and status labels in the request's language, translated once for all the rows."""
    # Both are columns of the project, never relations.
    fields = {name: cast("Field", Project._meta.get_field(name)) for name in ("kind", "status")}
    return {
        name: {value: str(label) for value, label in choice_labels(field).items()}
        for name, field in fields.items()
    }
