# Over 400 lines: one daily job whose rules and comparison read best top to bottom.
"""The daily wage-payment check (`check_wage_payments`, DESIGN.md section 11): raise, escalate and close the
warnings (WageAlert) of every active project.

Yellow, on the first working day after the due day (payday of the month's wages, moved to the next working
day when it is a rest day; or the account's or deposit's deadline):
- the month's wage sheet not submitted;              - no labour-cost transfer for the month;
- roster workers active in the month with no line;   - paid less than payable for some workers;
- the special account not opened 30 days after the construction contract;
- the wage deposit not lodged by its due date (or not topped up after a use on a case).
Red: the same still unresolved WAGE_ALERT_RED_WORKING_DAYS working days after the due day, or the same
reason two months running, or a worker's wages unpaid two months running. A red warning notifies the
inspectors and opens one supervision inspection of the project (an open finding with a due date).

Set-based: a fixed number of queries whatever the number of projects (the facts of all projects in a few
aggregate reads, the changes in bulk), so 2,000 projects take seconds. Idempotent: the run holds a
transaction-level advisory lock, so two workers run one after the other and the second finds nothing to do;
the partial unique constraint `enterprises_wagealert_one_open` is the last line of defence. An alert whose
cause is gone is closed, not deleted; its history stays.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liudong_wages import workdays
from liudong_wages.models import User
from liudong_wages.money import ZERO
from liudong_wages.roles import Role

from .. import rules
from ..models import (
    DepositUse,
    Event,
    LabourCostTransfer,
    Payroll,
    PayrollLine,
    Project,
    ProjectWorker,
    SiteInspection,
    WageAlert,
)

logger = logging.getLogger(__name__)

R = WageAlert.Reason
L = WageAlert.Level
SUBMITTED = [Payroll.Status.SUBMITTED, Payroll.Status.CHECKED, Payroll.Status.PAID]
MONTHLY = (R.SHEET_MISSING, R.TRANSFER_MISSING, R.WORKERS_WITHOUT_LINE, R.UNDERPAID)
# An arbitrary constant that names this job's advisory lock (pg_advisory_xact_lock takes a bigint).
LOCK_KEY = 1_700_017

CLOSE_REASONS: dict[str, Any] = {
    R.SHEET_MISSING: gettext_lazy("已报送工资支付表"),
    R.TRANSFER_MISSING: gettext_lazy("已登记人工费用拨付"),
    R.WORKERS_WITHOUT_LINE: gettext_lazy("在册人员均已列入工资支付表"),
    R.UNDERPAID: gettext_lazy("已足额发放"),
    R.ACCOUNT_NOT_OPENED: gettext_lazy("已开设专用账户"),
    R.DEPOSIT_MISSING: gettext_lazy("已缴存（补足）工资保证金"),
}
# A project that is no longer active (completed or voided) has its warnings closed with this reason.
INACTIVE_REASON = gettext_lazy("项目已不在建")


@dataclass
class Finding:
    """A cause found today: what the open alert of (project, reason, month) should say."""

    project_id: int
    reason: str
    month: dt.date
    due_on: dt.date
    red_reason: str = ""
    workers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, str, dt.date]:
        return (self.project_id, self.reason, self.month)

    @property
    def amount(self) -> Decimal:
        return sum((Decimal(w.get("unpaid", "0")) for w in self.workers), ZERO)

    def details(self) -> dict[str, Any]:
        return {"workers": self.workers} if self.workers else {}


@dataclass(frozen=True)
class CheckSummary:
    projects: int
    raised: int
    escalated: int
    closed: int
    inspections: int
    notified: int

    def as_dict(self) -> dict[str, int]:
        return self.__dict__.copy()


# --- the facts ----------------------------------------------------------------------------------------------


PROJECT_FIELDS = (
    "id",
    "name",
    "start_date",
    "payday",
    "contract_signed_on",
    "wage_account_opened_on",
    "wage_account_number",
    "contract_value",
    "contractor_had_arrears",
    "deposit_rate",
    "approved_on",
    "deposit_amount",
    "deposit_paid_on",
    "deposit_checked_on",
    "deposit_returned_on",
)


def _months_due(today: dt.date) -> list[dt.date]:
    """The months every project is checked for: the last WAGE_MONITORING_LOOKBACK_MONTHS before today's."""
    current = rules.month_start(today)
    return [
        rules.add_months(current, -n) for n in range(rules.policy("WAGE_MONITORING_LOOKBACK_MONTHS"), 0, -1)
    ]


def _worker_entry(worker_id: int, name: str, id_number: str, payable=None, paid=None) -> dict[str, Any]:
    entry: dict[str, Any] = {"worker": worker_id, "name": name, "id_number": id_number}
    if payable is not None:
        entry.update(payable=str(payable), paid=str(paid), unpaid=str(max(payable - paid, ZERO)))
    return entry


@lru_cache(maxsize=4096)
def _warning_from(due_on: dt.date) -> dt.date:
    return rules.warning_from(due_on)


@lru_cache(maxsize=4096)
def _red_from(due_on: dt.date) -> dt.date:
    return rules.red_from(due_on)


def _red_after(due_on: dt.date, today: dt.date) -> str:
    if today >= _red_from(due_on):
        return _("支付日后 %(n)d 个工作日仍未解决") % {"n": rules.policy("WAGE_ALERT_RED_WORKING_DAYS")}
    return ""


def _monitored(
    projects: list[dict[str, Any]],
    months: list[dt.date],
    today: dt.date,
    extra: dict[int, set[dt.date]],
) -> dict[tuple[int, dt.date], dt.date]:
    """(project, month) → payday, for the months whose warning day has come on projects started by then:
    the common window, and for a project the months its open monthly warnings are about (so that an old
    warning closes when its cause goes, and stays while it does not)."""
    paydays: dict[tuple[int | None, dt.date], dt.date] = {}
    monitored: dict[tuple[int, dt.date], dt.date] = {}
    current = rules.month_start(today)
    for project in projects:
        start = project["start_date"]
        if start is None:
            continue
        for month in sorted({*months, *extra.get(project["id"], ())}):
            if month >= current or start >= rules.next_month(month):
                continue
            key = (project["payday"], month)
            if key not in paydays:
                paydays[key] = rules.payday_of(month, project["payday"])
            if today >= _warning_from(paydays[key]):
                monitored[(project["id"], month)] = paydays[key]
    return monitored


def _sheets_and_transfers(monitored: dict, months: list[dt.date], today: dt.date) -> list[Finding]:
    active = Project.objects.filter(status=Project.Status.ACTIVE)
    sheets = dict(
        ((pid, month), status)
        for pid, month, status in Payroll.objects.current()
        .filter(project__in=active, month__in=months)
        .values_list("project_id", "month", "status")
    )
    transfers = set(
        LabourCostTransfer.objects.filter(project__in=active, period__in=months)
        .values_list("project_id", "period")
        .distinct()
    )
    findings = []
    for (pid, month), payday in monitored.items():
        if sheets.get((pid, month)) not in SUBMITTED:
            findings.append(Finding(pid, R.SHEET_MISSING, month, payday, _red_after(payday, today)))
        if (pid, month) not in transfers:
            findings.append(Finding(pid, R.TRANSFER_MISSING, month, payday, _red_after(payday, today)))
    return findings


def _workers_without_line(monitored: dict, months: list[dt.date], today: dt.date) -> list[Finding]:
    """Workers active in the month on a project whose sheet is in, with no line on it: one query a month."""
    active = Project.objects.filter(status=Project.Status.ACTIVE)
    without_line: dict[tuple[int, dt.date], list[dict[str, Any]]] = defaultdict(list)
    for month in months:
        submitted = Payroll.objects.current().filter(
            project=OuterRef("project_id"), month=month, status__in=SUBMITTED
        )
        has_line = PayrollLine.objects.filter(
            worker=OuterRef("pk"), payroll__month=month, payroll__status__in=SUBMITTED
        )
        rows = (
            ProjectWorker.objects.active_in(month)
            .filter(project__in=active)
            .filter(Exists(submitted))
            .exclude(Exists(has_line))
            .order_by("project_id", "name", "pk")
            .values_list("project_id", "pk", "name", "id_number")
        )
        for pid, worker_id, name, id_number in rows:
            if (pid, month) in monitored:
                without_line[(pid, month)].append(_worker_entry(worker_id, name, id_number))
    return [
        Finding(
            pid,
            R.WORKERS_WITHOUT_LINE,
            month,
            monitored[(pid, month)],
            _red_after(monitored[(pid, month)], today),
            workers,
        )
        for (pid, month), workers in without_line.items()
    ]


def _underpaid(monitored: dict, months: list[dt.date], today: dt.date) -> list[Finding]:
    """Paid less than payable, in the window and the month before it (for "two months running")."""
    look = sorted({*months, rules.previous_month(months[0])})
    unpaid: dict[tuple[int, dt.date], list[dict[str, Any]]] = defaultdict(list)
    unpaid_workers: set[tuple[int, dt.date]] = set()
    lines = (
        PayrollLine.objects.filter(
            payroll__project__status=Project.Status.ACTIVE,
            payroll__month__in=look,
            payroll__status__in=SUBMITTED,
            paid__lt=F("payable"),
        )
        .order_by("payroll__project_id", "payroll__month", "worker__name", "worker_id")
        .values_list(
            "payroll__project_id",
            "payroll__month",
            "worker_id",
            "worker__name",
            "worker__id_number",
            "payable",
            "paid",
        )
    )
    for pid, month, worker_id, name, id_number, payable, paid in lines:
        unpaid_workers.add((worker_id, month))
        unpaid[(pid, month)].append(_worker_entry(worker_id, name, id_number, payable, paid))
    findings = []
    for (pid, month), workers in unpaid.items():
        if (pid, month) not in monitored:
            continue
        payday = monitored[(pid, month)]
        previous = rules.previous_month(month)
        running = [w for w in workers if (w["worker"], previous) in unpaid_workers]
        red_reason = _red_after(payday, today)
        if running:
            red_reason = _("%(count)d 人连续两个月未足额发放") % {"count": len(running)}
        findings.append(Finding(pid, R.UNDERPAID, month, payday, red_reason, workers))
    return findings


def _accounts(projects: list[dict[str, Any]], today: dt.date) -> list[Finding]:
    """The special account: opened within 30 days of the construction contract (53号)."""
    findings = []
    for project in projects:
        signed = project["contract_signed_on"]
        if signed is None or project["wage_account_opened_on"] is not None:
            continue
        if project["wage_account_number"].strip():
            continue  # opened before its date was recorded (records from before this module)
        deadline = rules.wage_account_due(signed)
        if today >= _warning_from(deadline):
            findings.append(
                Finding(
                    project["id"],
                    R.ACCOUNT_NOT_OPENED,
                    rules.month_start(deadline),
                    deadline,
                    _red_after(deadline, today),
                )
            )
    return findings


def _deposits(projects: list[dict[str, Any]], today: dt.date) -> list[Finding]:
    """The wage deposit: lodged within 20 working days of approval (65号), topped up after a use on a case."""
    findings = []
    found: set[int] = set()
    for project in projects:
        status = rules.deposit_status(
            contract_value=project["contract_value"],
            contractor_had_arrears=project["contractor_had_arrears"],
            rate=project["deposit_rate"],
            approved_on=project["approved_on"] or project["start_date"],
            amount_paid=project["deposit_amount"],
            paid_on=project["deposit_paid_on"],
            checked_on=project["deposit_checked_on"],
            returned_on=project["deposit_returned_on"],
            today=today,
        )
        if status.missing and status.due_on is not None and today >= _warning_from(status.due_on):
            found.add(project["id"])
            findings.append(
                Finding(
                    project["id"],
                    R.DEPOSIT_MISSING,
                    rules.month_start(status.due_on),
                    status.due_on,
                    _red_after(status.due_on, today),
                )
            )
    uses = (
        DepositUse.objects.filter(project__status=Project.Status.ACTIVE, topped_up_on__isnull=True)
        .order_by("top_up_due_on")
        .values_list("project_id", "top_up_due_on")
    )
    for pid, top_up_due in uses:
        if pid in found or today < _warning_from(top_up_due):
            continue
        found.add(pid)
        findings.append(
            Finding(
                pid,
                R.DEPOSIT_MISSING,
                rules.month_start(top_up_due),
                top_up_due,
                _red_after(top_up_due, today),
            )
        )
    return findings


def collect_findings(
    *, today: dt.date, open_months: dict[int, set[dt.date]] | None = None
) -> tuple[list[Finding], int]:
    """Every cause of a warning found today, over all active projects; and how many projects were looked at.
    A fixed number of queries: projects, sheets, transfers, one per month for workers without a line,
    underpaid lines, deposit uses."""
    projects = list(Project.objects.filter(status=Project.Status.ACTIVE).values(*PROJECT_FIELDS))
    if not projects:
        return [], 0
    monitored = _monitored(projects, _months_due(today), today, open_months or {})
    months = sorted({month for _pid, month in monitored})
    findings: list[Finding] = []
    if months:
        findings += _sheets_and_transfers(monitored, months, today)
        findings += _workers_without_line(monitored, months, today)
        findings += _underpaid(monitored, months, today)
    findings += _accounts(projects, today)
    findings += _deposits(projects, today)
    # The same reason two months running: both months red.
    keys = {f.key for f in findings}
    for finding in findings:
        if finding.reason in MONTHLY and not finding.red_reason:
            before = (finding.project_id, finding.reason, rules.previous_month(finding.month))
            after = (finding.project_id, finding.reason, rules.next_month(finding.month))
            if before in keys or after in keys:
                finding.red_reason = _("连续两个月")
    return findings, len(projects)


# --- the run ------------------------------------------------------------------------------------------------


def _lock_run() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _label(alert: WageAlert, labels: dict[str, str] | None = None) -> str:
    reason = labels[alert.reason] if labels else alert.get_reason_display()
    return f"{reason}（{alert.month:%Y-%m}）"


def _events(alerts: Iterable[WageAlert], kind: str, today: dt.date, summary) -> list[Event]:
    """Event rows in bulk; the labels are translated once, not once per alert (thousands on a first run)."""
    now = timezone.now()
    labels = {value: str(label) for value, label in R.choices}
    levels = {value: str(label) for value, label in L.choices}
    return [
        Event(
            kind=kind,
            on=today,
            at=now,
            project_id=alert.project_id,
            summary=str(summary(alert, _label(alert, labels), levels[alert.level]))[:300],
        )
        for alert in alerts
    ]


def _compare(
    open_alerts: dict[tuple[int, str, dt.date], WageAlert],
    found: dict[tuple[int, str, dt.date], Finding],
    *,
    today: dt.date,
    now: dt.datetime,
) -> tuple[list[WageAlert], list[WageAlert], list[WageAlert], list[WageAlert]]:
    """The open alerts that change (escalated, or other workers and amounts), those escalated, those to close,
    and those with other workers or amounts."""
    changed: list[WageAlert] = []
    escalated: list[WageAlert] = []
    closing: list[WageAlert] = []
    refreshed: list[WageAlert] = []  # other workers or amounts
    for key, alert in open_alerts.items():
        finding = found.get(key)
        if finding is None:
            closing.append(alert)
            continue
        dirty = False
        if finding.red_reason and alert.level != L.RED:
            alert.level, alert.escalated_on, alert.red_reason = L.RED, today, finding.red_reason[:200]
            escalated.append(alert)
            dirty = True
        if (
            alert.workers_unpaid != len(finding.workers)
            or alert.amount_unpaid != finding.amount
            or alert.details != finding.details()
        ):
            alert.workers_unpaid, alert.amount_unpaid, alert.details = (
                len(finding.workers),
                finding.amount,
                finding.details(),
            )
            refreshed.append(alert)
            dirty = True
        if dirty:
            alert.updated_at = now
            alert.last_checked_on = today
            changed.append(alert)
    return changed, escalated, closing, refreshed


@transaction.atomic
def wage_payments_check(*, today: dt.date | None = None) -> CheckSummary:
    """Raise, escalate and close the warnings as of `today` (see the module's docstring)."""
    today = today or timezone.localdate()
    now = timezone.now()
    _lock_run()
    # The calendar arithmetic is remembered within a run only: the office may correct a year's holidays.
    _warning_from.cache_clear()
    _red_from.cache_clear()
    open_alerts = {
        (a.project_id, a.reason, a.month): a
        # Whole rows: the history rows written below read every field.
        for a in WageAlert.objects.open().annotate(project_status=F("project__status"))
    }
    inactive_ids = {a.pk for a in open_alerts.values() if a.project_status != Project.Status.ACTIVE}
    open_months: dict[int, set[dt.date]] = defaultdict(set)
    for pid, reason, month in open_alerts:
        if reason in MONTHLY:
            open_months[pid].add(month)
    findings, project_count = collect_findings(today=today, open_months=open_months)
    found = {f.key: f for f in findings}

    # Raise the new ones. ON CONFLICT DO NOTHING: an alert another run raised a moment ago is left alone.
    new = [
        WageAlert(
            project_id=f.project_id,
            reason=f.reason,
            month=f.month,
            level=L.RED if f.red_reason else L.YELLOW,
            escalated_on=today if f.red_reason else None,
            red_reason=f.red_reason[:200],
            opened_on=today,
            last_checked_on=today,
            due_on=f.due_on,
            workers_unpaid=len(f.workers),
            amount_unpaid=f.amount,
            details=f.details(),
            created_at=now,
        )
        for key, f in found.items()
        if key not in open_alerts
    ]
    WageAlert.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    # What this run inserted (not what a concurrent run did, nor, under a frozen clock, an earlier run).
    known = {alert.pk for alert in open_alerts.values()}
    raised = [
        alert
        for alert in (WageAlert.objects.open().filter(created_at=now, opened_on=today) if new else [])
        if alert.pk not in known
    ]

    # Escalate, refresh the workers and amounts, or close the ones already open.
    changed, escalated, closing, refreshed = _compare(open_alerts, found, today=today, now=now)
    # Escalations in one UPDATE per red reason; new workers or amounts (few a day) row by row in bulk.
    for text in {alert.red_reason for alert in escalated}:
        WageAlert.objects.filter(
            pk__in=[a.pk for a in escalated if a.red_reason == text], level=L.YELLOW, closed_on__isnull=True
        ).update(level=L.RED, escalated_on=today, red_reason=text, last_checked_on=today, updated_at=now)
    if refreshed:
        WageAlert.objects.bulk_update(
            refreshed,
            ["workers_unpaid", "amount_unpaid", "details", "last_checked_on", "updated_at"],
            batch_size=500,
        )
    closed: list[WageAlert] = []
    for alert in closing:
        inactive = alert.pk in inactive_ids
        alert.close_reason = str(INACTIVE_REASON if inactive else CLOSE_REASONS[alert.reason])
    for text in {alert.close_reason for alert in closing}:
        group = [alert for alert in closing if alert.close_reason == text]
        WageAlert.objects.filter(pk__in=[a.pk for a in group], closed_on__isnull=True).update(
            closed_on=today, close_reason=text, last_checked_on=today, updated_at=now
        )
        for alert in group:
            alert.closed_on = today
        closed.extend(group)
    WageAlert.objects.open().exclude(last_checked_on=today).update(last_checked_on=today)

    if raised:
        WageAlert.history.bulk_history_create(raised, batch_size=1000, default_date=now)
    if changed or closed:
        WageAlert.history.bulk_history_create(
            [*changed, *closed], batch_size=1000, default_date=now, update=True
        )
    # The summaries name the reason and month only (the event row carries the project): no query per alert.
    Event.objects.bulk_create(
        [
            *_events(raised, Event.Kind.ALERT_RAISED, today, lambda a, label, level: f"{level}：{label}"),
            *_events(
                escalated,
                Event.Kind.ALERT_ESCALATED,
                today,
                lambda a, label, level: f"{label}：{a.red_reason}",
            ),
            *_events(
                closed, Event.Kind.ALERT_CLOSED, today, lambda a, label, level: f"{label}：{a.close_reason}"
            ),
        ],
        batch_size=1000,
    )

    reds = [a for a in [*raised, *escalated] if a.level == L.RED]
    inspections, notified = _act_on_red(reds, today=today) if reds else (0, 0)
    summary = CheckSummary(
        projects=project_count,
        raised=len(raised),
        escalated=len(escalated),
        closed=len(closed),
        inspections=inspections,
        notified=notified,
    )
    logger.info("Wage payments checked on %s: %s", today, summary.as_dict())
    return summary


def _act_on_red(alerts: list[WageAlert], *, today: dt.date) -> tuple[int, int]:
    """Tell the inspectors of this run's new red alerts (one message each, keyed by the alerts, so a rerun
    sends nothing) and open one supervision inspection per project (an open finding with a due date),
    unless an open one from an earlier red alert is still running. A few queries, whatever the number."""
    from django.db.models import OuterRef, Subquery
    from django.urls import reverse

    from liudong_wages.notifications import notify

    inspectors = list(User.objects.filter(groups__name=Role.INSPECTOR, is_active=True).distinct())
    if not inspectors:
        logger.warning("Red wage-payment warnings but no active inspector to tell or to send")
        return 0, 0
    pids = {alert.project_id for alert in alerts}
    running = dict(
        WageAlert.objects.open()
        .filter(
            project_id__in=pids,
            inspection__isnull=False,
            inspection__finding_status=SiteInspection.FindingStatus.OPEN,
        )
        .values_list("project_id", "inspection_id")
    )
    projects = dict(
        Project.objects.filter(pk__in=pids - set(running)).values_list("pk", "general_contractor_id")
    )
    due = workdays.add_working_days(today, rules.policy("WAGE_ALERT_INSPECTION_WORKING_DAYS"))
    reasons: dict[int, list[str]] = defaultdict(list)
    for alert in alerts:
        reasons[alert.project_id].append(_label(alert))
    now = timezone.now()
    inspections = SiteInspection.objects.bulk_create(
        [
            SiteInspection(
                project_id=pid,
                enterprise_id=contractor_id,
                inspected_on=today,
                check_wage_payment=SiteInspection.Check.PROBLEM,
                findings=_("工资支付红色预警，请到项目督办核查：%(reasons)s")
                % {"reasons": "；".join(reasons[pid])},
                follow_up_due=due,
                finding_status=SiteInspection.FindingStatus.OPEN,
                created_at=now,
            )
            for pid, contractor_id in sorted(projects.items())
        ]
    )
    if inspections:
        Through = SiteInspection.inspectors.through
        Through.objects.bulk_create(
            [Through(siteinspection_id=i.pk, user_id=u.pk) for i in inspections for u in inspectors]
        )
        SiteInspection.history.bulk_history_create(inspections, default_date=now)
        Event.objects.bulk_create(
            [
                Event(
                    kind=Event.Kind.INSPECTION,
                    on=today,
                    at=now,
                    project_id=i.project_id,
                    enterprise_id=i.enterprise_id,
                    inspection=i,
                    summary=i.findings[:300],
                )
                for i in inspections
            ]
        )
    task_ids = [*running.values(), *(i.pk for i in inspections)]
    newest = SiteInspection.objects.filter(project_id=OuterRef("project_id"), pk__in=task_ids).order_by("-pk")
    WageAlert.objects.filter(pk__in=[a.pk for a in alerts], inspection__isnull=True).update(
        inspection_id=Subquery(newest.values("pk")[:1])
    )
    names = dict(Project.objects.filter(pk__in=pids).values_list("pk", "name"))
    lines = [f"{names.get(a.project_id, '')}：{_label(a)}，{a.red_reason}" for a in alerts[:30]]
    if len(alerts) > 30:
        lines.append(_("……共 %(count)d 条") % {"count": len(alerts)})
    sent = notify(
        recipients=inspectors,
        kind="wage_alert_red",
        template="generic",
        context={
            "title": _("工资支付红色预警 %(count)d 条（%(date)s）")
            % {"count": len(alerts), "date": date_format(today)},
            "body": "\n".join(lines) + "\n" + _("已生成督办巡视任务，请安排核查。"),
        },
        url=reverse("enterprises:monitoring") + "?level=red",
        key=f"wage-alerts-red-{today:%Y%m%d}-{min(a.pk for a in alerts)}-{max(a.pk for a in alerts)}-{len(alerts)}",
    )
    return len(inspections), len(sent)
