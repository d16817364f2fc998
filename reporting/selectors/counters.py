"""The counters of the office's figures (`selectors.figures`): every model's scalar aggregates of a period,
of the period before and of the same period a year earlier, joined into one statement and one row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from cases.models import Campaign, Case, Clue, Interview, Petition, PoliceWarning
from cases.services import campaigns as campaign_services
from enterprises import selectors as enterprise_selectors
from enterprises.models import DishonestListing, Project, SiteInspection
from enterprises.rules import RANK
from funds import selectors as fund_selectors
from funds.models import AdvanceApplication
from liudong_wages import workdays
from liudong_wages.money import MONEY_SUM, ZERO

from ..models import SupervisionTask
from ..periods import Period, shift_year
from . import one_row as statements
from .one_row import one_row


def in_period(field_name: str, period: Period) -> Q:
    return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lte": period.end})


def _interviews_in(windows: list[Period]) -> Q:
    """The interviews the counters look at: awaiting their report, or with a date in one of the windows."""
    awaiting = Q(status=Interview.Status.HELD)
    if not windows:
        return awaiting
    first = min(window.start for window in windows)
    first_moment = dt.datetime.combine(first, dt.time.min, tzinfo=timezone.get_current_timezone())
    return (
        awaiting
        | Q(notice_date__gte=first)
        | Q(held_at__gte=first_moment)
        | Q(report_received_on__gte=first)
        | Q(penalty_decided_on__gte=first)
    )


def counters(windows: list[Period], today: dt.date, *, tables: bool = True) -> dict[str, Any]:
    """Every counter of the figures, by name, from one statement (`one_row`): today's state (with the open
    wage-payment warnings and the campaigns running), the counts per window of the bulletin's tables (only
    with `tables`), the clues of each window, and the fund at the end of today and of each window (as
    funds.selectors.balance reads it)."""
    days = {"today": today} | {str(i): window.end for i, window in enumerate(windows)}
    horizon = workdays.add_working_days(today, settings.LIUDONG["CASE_DEADLINE_WARNING_WORKING_DAYS"])
    # The statement is a function of these alone (no part reads the database to build itself), and the ORM
    # compiling its forty-odd aggregates was half of the dashboard's Python time: each process keeps the
    # statements of the last days it was asked for. The rows are read afresh every time.
    key = (today, tuple(windows), tables, horizon)
    compiled = _statements.get(key)
    if compiled is None:
        if len(_statements) >= STATEMENTS_KEPT:
            _statements.clear()
        compiled = _statements[key] = statements.statement(
            _joined(
                _case_parts(windows[0], today, horizon),
                _dated_parts(windows if tables else [], today),
                _state_parts(today),
                _watch_parts(windows, today),
                fund_selectors.fund_at_parts(days),
            )
        )
    values = statements.run(compiled)
    values |= fund_selectors.fund_at_values(values, days)
    return _finished(values)


_statements: dict[tuple, statements.Statement] = {}
STATEMENTS_KEPT = 32


Parts = dict[str, tuple[QuerySet, dict[str, Any]]]


def _joined(*groups: Parts) -> Parts:
    """The parts of every group; an alias used twice would silently drop a part's counters."""
    parts: Parts = {}
    for group in groups:
        if repeated := parts.keys() & group.keys():
            raise ValueError(f"counter parts named twice: {sorted(repeated)}")
        parts |= group
    return parts


def _case_parts(current: Period, today: dt.date, horizon: dt.date) -> Parts:
    """The cases' counters; `horizon` is the last day of the deadlines shown as near."""
    open_q = ~Q(status__in=Case.FINISHED_STATUSES)
    year_start = today.replace(month=1, day=1)
    last_year_start, last_year_today = shift_year(year_start, -1), shift_year(today, -1)
    closed = Q(status=Case.Status.CLOSED)
    # The cases are summed in parts, each reading only its own rows through an index, with no OR of ranges
    # (which would make PostgreSQL read the whole index): the open cases (a partial index); the cases closed
    # since the period began, of those open at its start; and the cases closed this year and last year up
    # to today's date (`case_closed_idx`, which carries the columns summed). An open case has no closed_on
    # and a closed one has it (cases.services), so open-at-start = open then and now + closed since.
    received_before = Q(received_on__lt=current.start)
    open_aggregates = {
        "cases_open": Count("pk"),
        "cases_open_workers": Sum("worker_count"),
        "cases_open_outstanding": Sum(F("total_owed") - F("total_paid"), output_field=MONEY_SUM),
        "cases_overdue": Count("pk", filter=Q(deadline__lt=today)),
        "cases_near": Count("pk", filter=Q(deadline__gte=today, deadline__lte=horizon)),
        "cases_due_today": Count("pk", filter=Q(deadline=today)),
        "cases_major_open": Count("pk", filter=Q(is_major=True)),
        "cases_mass_open": Count("pk", filter=Q(mass_incident_risk=True)),
        "open_at_start_still_open": Count("pk", filter=received_before),
        "open_workers_at_start_still_open": Sum("worker_count", filter=received_before),
    }
    closed_since_start = Case.objects.filter(closed, received_before, closed_on__gte=current.start)
    closed_since_aggregates = {
        "open_at_start_closed_since": Count("pk"),
        "open_workers_at_start_closed_since": Sum("worker_count"),
    }
    closed_this_year = Case.objects.filter(closed, closed_on__gte=year_start, closed_on__lte=today)
    closed_last_year = Case.objects.filter(
        closed, closed_on__gte=last_year_start, closed_on__lte=last_year_today
    )
    return {
        "c": (Case.objects.filter(open_q), open_aggregates),
        "cs": (closed_since_start, closed_since_aggregates),
        "cr": (closed_this_year, {"cases_recovered_ytd": Sum("total_paid")}),
        "cl": (closed_last_year, {"cases_recovered_ytd_last_year": Sum("total_paid")}),
    }


def _dated_parts(windows: list[Period], today: dt.date) -> Parts:
    """Interviews and the dishonest list today, and what happened in each window (none without windows)."""
    held = Q(status=Interview.Status.HELD)
    interview_aggregates = {
        "interviews_awaiting": Count("pk", filter=held),
        "interviews_overdue": Count("pk", filter=held & Q(rectification_due__lt=today)),
    }
    listing_aggregates = {
        "listings_in_force": Count("pk", filter=Q(status=DishonestListing.Status.LISTED)),
    }
    inspection_aggregates: dict[str, Any] = {}
    petition_aggregates: dict[str, Any] = {}
    warning_aggregates: dict[str, Any] = {}
    project_aggregates: dict[str, Any] = {}
    # The counts per window of the bulletin's tables; the dashboard's page shows none of them.
    for i, window in enumerate(windows):
        interview_aggregates |= {
            f"interviews_notified_{i}": Count("pk", filter=in_period("notice_date", window)),
            f"interviews_held_{i}": Count("pk", filter=in_period("held_at__date", window)),
            f"interviews_rectified_{i}": Count("pk", filter=in_period("report_received_on", window)),
            f"interviews_penalised_{i}": Count("pk", filter=in_period("penalty_decided_on", window)),
        }
        listing_aggregates |= {
            f"listings_listed_{i}": Count(
                "pk",
                filter=in_period("decided_on", window)
                & ~Q(status__in=[DishonestListing.Status.PROPOSED, DishonestListing.Status.WITHDRAWN]),
            ),
            f"listings_removed_{i}": Count("pk", filter=in_period("removed_on", window)),
            f"listings_expired_{i}": Count(
                "pk", filter=Q(status=DishonestListing.Status.EXPIRED) & in_period("listed_until", window)
            ),
        }
        inspection_aggregates |= {
            f"inspections_{i}": Count("pk", filter=in_period("inspected_on", window)),
            f"inspections_findings_{i}": Count(
                "pk",
                filter=in_period("inspected_on", window)
                & ~Q(finding_status=SiteInspection.FindingStatus.NONE),
            ),
        }
        petition_aggregates |= {
            f"petitions_{i}": Count("pk", filter=in_period("received_on", window)),
            f"petition_people_{i}": Sum("people_count", filter=in_period("received_on", window)),
        }
        warning_aggregates |= {f"warnings_{i}": Count("pk", filter=in_period("reported_on", window))}
        project_aggregates |= {f"projects_started_{i}": Count("pk", filter=in_period("start_date", window))}
    return {
        # Only the interviews awaiting a report or with a date in the windows: not ten years of them.
        "i": (Interview.objects.filter(_interviews_in(windows)), interview_aggregates),
        "l": (DishonestListing.objects.all(), listing_aggregates),
        "s": (SiteInspection.objects.all(), inspection_aggregates),
        "p": (Petition.objects.all(), petition_aggregates),
        "w": (PoliceWarning.objects.all(), warning_aggregates),
        "j": (Project.objects.all(), project_aggregates),
    }


def _state_parts(today: dt.date) -> Parts:
    return {
        # Red projects through the risk index (risk_rank is the risk as a number, kept with it).
        "jr": (
            Project.objects.filter(risk_rank=RANK[Project.Risk.RED], risk=Project.Risk.RED),
            {"projects_red": Count("pk")},
        ),
        "ja": (Project.objects.filter(status=Project.Status.ACTIVE), {"projects_active": Count("pk")}),
        # The applications with money out and those awaiting approval, each through its index.
        "ao": (AdvanceApplication.objects.outstanding(), {"advances_outstanding_count": Count("pk")}),
        "as": (
            AdvanceApplication.objects.filter(status=AdvanceApplication.Status.SUBMITTED),
            {"advances_submitted": Count("pk")},
        ),
        "t": (
            SupervisionTask.objects.open(),
            {
                "supervision_open": Count("pk"),
                "supervision_overdue": Count("pk", filter=Q(due_on__lt=today)),
            },
        ),
    }


def _watch_parts(windows: list[Period], today: dt.date) -> Parts:
    """Issues 17 and 18: today's open warnings (`alert_counts`, as `alerts_…`), whether a campaign runs
    today (its own figures follow only then: `campaign_counters`), and the clues."""
    alert_rows, alert_aggregates = enterprise_selectors.alert_count_parts()
    running = Campaign.objects.filter(starts_on__lte=today, ends_on__gte=today)
    return {
        "alert": (alert_rows, {f"alerts_{name}": aggregate for name, aggregate in alert_aggregates.items()}),
        "campr": (running, {"campaigns_running": Count("pk")}),
        **_clue_parts(windows, today),
    }


def open_alert_counts(values: dict[str, Any]) -> dict[str, Any]:
    """`alert_counts` from the row of counters."""
    prefix = "alerts_"
    return enterprise_selectors.alert_count_values(
        {name.removeprefix(prefix): value for name, value in values.items() if name.startswith(prefix)}
    )


def _clue_parts(windows: list[Period], today: dt.date) -> Parts:
    """The national platform's clues (DESIGN.md section 12), counted apart from the complaints: today's open
    and overdue ones (as `/cases/clues/?due=overdue` lists them), and for each window those received,
    answered by a case or closed with a reason, answered by their deadline or after it, and those still
    unanswered past their deadline when the window ended."""
    answered = Q(status__in=[Clue.Status.CASE, Clue.Status.CLOSED])
    aggregates: dict[str, Any] = {
        "clues_open": Count("pk", filter=Q(status=Clue.Status.OPEN)),
        "clues_overdue": Count("pk", filter=Q(status=Clue.Status.OPEN, answer_due__lt=today)),
    }
    for i, window in enumerate(windows):
        answered_in = answered & in_period("answered_on", window)
        unanswered_at_end = Q(answered_on__isnull=True) | Q(answered_on__gt=window.end)
        aggregates |= {
            f"clues_received_{i}": Count("pk", filter=in_period("imported_on", window)),
            f"clues_to_case_{i}": Count("pk", filter=answered_in & Q(status=Clue.Status.CASE)),
            f"clues_closed_{i}": Count("pk", filter=answered_in & Q(status=Clue.Status.CLOSED)),
            f"clues_on_time_{i}": Count("pk", filter=answered_in & Q(answered_on__lte=F("answer_due"))),
            f"clues_late_{i}": Count("pk", filter=answered_in & Q(answered_on__gt=F("answer_due"))),
            f"clues_overdue_at_end_{i}": Count(
                "pk",
                # Overdue the day after the window, as ClueQuerySet.overdue(on=that day) has it.
                filter=Q(answer_due__lte=window.end) & unanswered_at_end,
            ),
        }
    # Only the clues still open or with a date in the windows: not years of answered ones.
    first = min(window.start for window in windows)
    live = Q(status=Clue.Status.OPEN) | Q(imported_on__gte=first) | Q(answered_on__gte=first)
    return {"clue": (Clue.objects.filter(live), aggregates)}


def campaign_counters(campaign: Campaign) -> dict[str, Any]:
    """The running campaign's inspections and cases, over the rows its summary page counts (one statement)."""
    case_figures = campaign_services.campaign_case_figures(campaign)
    values = one_row(
        {
            "camp": (
                campaign_services.campaign_cases(campaign),
                {f"campaign_{name}": aggregate for name, aggregate in case_figures.items()},
            ),
            "campi": (
                campaign_services.campaign_inspections(campaign),
                {"campaign_inspections": Count("pk")},
            ),
        }
    )
    # SUM over no rows is NULL: a campaign with no case yet has zero workers and amounts.
    return {
        name: (ZERO if name in MONEY_COUNTERS else 0) if value is None else value
        for name, value in values.items()
    }


MONEY_COUNTERS = {"campaign_owed", "campaign_paid"}


def _finished(values: dict[str, Any]) -> dict[str, Any]:
    """The cases open at the period's start from their two parts; zero for a sum over no rows."""
    values["cases_open_at_start"] = (values.pop("open_at_start_still_open") or 0) + (
        values.pop("open_at_start_closed_since") or 0
    )
    values["cases_open_workers_at_start"] = (values.pop("open_workers_at_start_still_open") or 0) + (
        values.pop("open_workers_at_start_closed_since") or 0
    )
    # SUM over no rows is NULL: a figure with nothing behind it is zero.
    money = {k for k in values if "outstanding" in k or "recovered" in k or k.startswith("fund_")}
    money.add("alerts_amount_unpaid")
    money.discard("advances_outstanding_count")
    for key, value in values.items():
        if value is None:
            values[key] = ZERO if key in money else 0
    return values
