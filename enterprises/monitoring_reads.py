"""Reads of the monitoring pages (issue 17) that the page needs in one query each, whatever the size of the
roster: the roster's counts, the workers also on another site, a project's last 12 months."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, Q

from .models import Payroll, Project, ProjectWorker, month_start

ZERO = Decimal("0.00")


def roster_counts(project: Project) -> dict[str, int]:
    """Workers on the site now and ever (one aggregate)."""
    return ProjectWorker.objects.filter(project=project).aggregate(
        active=Count("pk", filter=Q(left_on__isnull=True)), total=Count("pk")
    )


def workers_on_other_projects(project: Project, id_numbers: Sequence[str]) -> dict[str, list[str]]:
    """For each ID number, the other active projects whose roster has it as a current worker (one query,
    through the (id_number, left_on) index). A worker on two sites at once is shown, not refused."""
    if not id_numbers:
        return {}
    rows = (
        ProjectWorker.objects.filter(
            id_number__in=list(id_numbers), left_on__isnull=True, project__status=Project.Status.ACTIVE
        )
        .exclude(project=project)
        .order_by("project__name")
        .values_list("id_number", "project__name")
    )
    others: dict[str, list[str]] = defaultdict(list)
    for id_number, name in rows:
        others[id_number].append(name)
    return dict(others)


def last_months(today: dt.date, count: int = 12) -> list[dt.date]:
    """The first days of the `count` months before `today`'s, oldest first (this month's wages are not due)."""
    months = []
    month = month_start(today)
    for _index in range(count):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        months.append(month)
    return months[::-1]


def recent_sheets(project: Project, *, today: dt.date) -> list[Payroll]:
    """The sheets in force of the project's last 12 months and of this month, newest first (one query)."""
    return list(
        Payroll.objects.current().filter(project=project, month__gte=last_months(today)[0]).order_by("-month")
    )


def month_strip(sheets: Sequence[Payroll], *, today: dt.date) -> list[tuple[dt.date, Decimal, Decimal, bool]]:
    """(month, payable, paid, has_sheet) for each of the last 12 months, oldest first, from `sheets` (those
    of recent_sheets: their stored totals, never the lines)."""
    # A draft is not yet a sheet the contractor stands by (as monitoring_selectors.month_strip counts).
    by_month = {sheet.month: sheet for sheet in sheets if sheet.status != Payroll.Status.DRAFT}
    rows = []
    for month in last_months(today):
        sheet = by_month.get(month)
        rows.append(
            (month, sheet.total_payable, sheet.total_paid, True) if sheet else (month, ZERO, ZERO, False)
        )
    return rows
