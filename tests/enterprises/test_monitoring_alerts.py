"""The daily wage-payment check (DESIGN.md section 11): each warning at its edge, run twice, closed when the
cause goes, red after N working days or two months running, the inspectors told once, and a fixed number of
queries whatever the number of projects.

The calendar of 2026: October's wages are due on Sunday 15 November, moved to Monday the 16th; the warning
comes on Tuesday the 17th; red ten working days after payday, on Monday the 30th."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from enterprises import rules
from enterprises.models import Event, Payroll, SiteInspection, WageAlert
from enterprises.services import wage_payments_check
from liudong_wages.models import Notification

from .monitoring_data import add_sheet, add_transfer, add_workers, monitored_project

pytestmark = pytest.mark.django_db

OCT = dt.date(2026, 10, 1)
NOV = dt.date(2026, 11, 1)
R = WageAlert.Reason


def alerts(project, reason=None):
    queryset = WageAlert.objects.filter(project=project)
    if reason:
        queryset = queryset.filter(reason=reason)
    return list(queryset.order_by("month", "pk"))


def test_payday_on_a_sunday_moves_to_the_next_working_day():
    assert rules.payday_of(OCT) == dt.date(2026, 11, 16)
    assert rules.payday_of(OCT, 10) == dt.date(2026, 11, 10)
    # The 31st in a 30-day month is its last day.
    assert rules.payday_of(OCT, 31) == dt.date(2026, 11, 30)


def test_a_late_sheet_is_warned_on_the_working_day_after_payday_not_before(frozen):
    project = monitored_project()
    add_transfer(project, OCT)
    for day in (dt.date(2026, 11, 15), dt.date(2026, 11, 16)):
        frozen(day)
        wage_payments_check(today=day)
        assert alerts(project) == []
    frozen(dt.date(2026, 11, 17))
    wage_payments_check(today=dt.date(2026, 11, 17))
    (alert,) = alerts(project)
    assert (alert.reason, alert.month, alert.level) == (R.SHEET_MISSING, OCT, "yellow")
    assert alert.due_on == dt.date(2026, 11, 16)
    assert Event.objects.filter(project=project, kind=Event.Kind.ALERT_RAISED).count() == 1


def test_no_warning_on_the_weekend_after_a_friday_payday(frozen):
    # April 2026's wages: Friday 15 May; the next working day is Monday the 18th.
    project = monitored_project(start=dt.date(2026, 4, 1))
    april = dt.date(2026, 4, 1)
    add_transfer(project, april)
    for month in (dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)):
        add_sheet(project, month)
        add_transfer(project, month)
    for day in (dt.date(2026, 5, 15), dt.date(2026, 5, 16), dt.date(2026, 5, 17)):
        wage_payments_check(today=day)
    assert alerts(project) == []
    wage_payments_check(today=dt.date(2026, 5, 18))
    assert [a.reason for a in alerts(project)] == [R.SHEET_MISSING]


def test_red_exactly_n_working_days_after_payday(frozen):
    project = monitored_project()
    add_transfer(project, OCT)
    wage_payments_check(today=dt.date(2026, 11, 17))
    wage_payments_check(today=dt.date(2026, 11, 27))  # the ninth working day after: still yellow
    (alert,) = alerts(project)
    assert alert.level == "yellow"
    wage_payments_check(today=dt.date(2026, 11, 30))
    alert.refresh_from_db()
    assert alert.level == "red"
    assert alert.escalated_on == dt.date(2026, 11, 30)
    assert "10 个工作日" in alert.red_reason


def test_running_the_job_twice_raises_each_warning_once(frozen):
    project = monitored_project()
    day = dt.date(2026, 11, 17)
    first = wage_payments_check(today=day)
    second = wage_payments_check(today=day)
    assert first.raised == 2  # no sheet, no transfer
    assert (second.raised, second.escalated, second.closed) == (0, 0, 0)
    assert len(alerts(project)) == 2
    call_command("check_wage_payments", "--date", "2026-11-17")
    assert len(alerts(project)) == 2


def test_an_alert_closes_when_the_late_sheet_arrives_and_keeps_its_history(frozen):
    project = monitored_project()
    add_transfer(project, OCT)
    wage_payments_check(today=dt.date(2026, 11, 17))
    (alert,) = alerts(project)
    add_sheet(project, OCT)
    summary = wage_payments_check(today=dt.date(2026, 11, 18))
    assert summary.closed == 1
    alert.refresh_from_db()
    assert alert.closed_on == dt.date(2026, 11, 18)
    assert alert.close_reason == "已报送工资支付表"
    assert alert.history.count() == 2  # raised, closed
    # A draft is not a submitted sheet: nothing reopens, and a new cause opens a new alert.
    wage_payments_check(today=dt.date(2026, 11, 19))
    assert WageAlert.objects.open().filter(project=project).count() == 0


def test_a_draft_sheet_does_not_count_as_submitted(frozen):
    project = monitored_project()
    add_transfer(project, OCT)
    add_sheet(project, OCT, status=Payroll.Status.DRAFT)
    wage_payments_check(today=dt.date(2026, 11, 17))
    assert [a.reason for a in alerts(project)] == [R.SHEET_MISSING]


def test_a_missing_transfer_is_warned(frozen):
    project = monitored_project()
    add_sheet(project, OCT)
    wage_payments_check(today=dt.date(2026, 11, 17))
    assert [a.reason for a in alerts(project)] == [R.TRANSFER_MISSING]


def test_roster_workers_with_no_line_are_warned_with_their_names(frozen):
    project = monitored_project(workers=3)
    add_transfer(project, OCT)
    first, *others = project.workers.order_by("pk")
    add_sheet(project, OCT, workers=others)
    # A worker who left before October is not expected on the sheet.
    add_workers(project, 1, started_on=dt.date(2026, 9, 1), left_on=dt.date(2026, 9, 30))
    wage_payments_check(today=dt.date(2026, 11, 17))
    (alert,) = alerts(project)
    assert alert.reason == R.WORKERS_WITHOUT_LINE
    assert alert.workers_unpaid == 1
    assert [w["name"] for w in alert.details["workers"]] == [first.name]


def test_underpaid_workers_are_warned_with_amounts_and_red_when_unpaid_two_months_running(frozen):
    project = monitored_project(start=dt.date(2026, 9, 1), workers=2)
    worker, _other = project.workers.order_by("pk")
    add_transfer(project, dt.date(2026, 9, 1))
    add_transfer(project, OCT)
    add_sheet(project, dt.date(2026, 9, 1), paid={worker.pk: Decimal("1000.00")})
    wage_payments_check(today=dt.date(2026, 10, 16))
    (september,) = alerts(project)
    assert (september.reason, september.level) == (R.UNDERPAID, "yellow")
    assert september.amount_unpaid == Decimal("5000.00")
    add_sheet(project, OCT, paid={worker.pk: Decimal("0.00")})
    wage_payments_check(today=dt.date(2026, 11, 17))
    october = WageAlert.objects.get(project=project, month=OCT)
    assert october.level == "red"
    assert "连续两个月" in october.red_reason
    assert october.details["workers"][0]["unpaid"] == "6000.00"


def test_the_same_reason_two_months_running_is_red(frozen):
    project = monitored_project(start=dt.date(2026, 9, 1))
    add_sheet(project, dt.date(2026, 9, 1))
    add_sheet(project, OCT)
    add_transfer(project, dt.date(2026, 9, 1), on=dt.date(2026, 9, 10))
    wage_payments_check(today=dt.date(2026, 10, 16))
    assert alerts(project) == []
    wage_payments_check(today=dt.date(2026, 11, 17))
    (october,) = alerts(project, R.TRANSFER_MISSING)
    assert october.level == "yellow"
    # September's transfer is reversed in the bank (deleted here): both months are now missing.
    project.labour_transfers.all().delete()
    wage_payments_check(today=dt.date(2026, 11, 18))
    assert {(a.month, a.level) for a in alerts(project, R.TRANSFER_MISSING)} == {
        (dt.date(2026, 9, 1), "red"),
        (OCT, "red"),
    }


def test_special_account_not_opened_thirty_days_after_the_contract(frozen):
    project = monitored_project(
        wage_account_number="", contract_signed_on=dt.date(2026, 10, 9), start=dt.date(2026, 11, 2)
    )
    # Due on 8 November (a Sunday): the first working day after is Monday the 9th.
    wage_payments_check(today=dt.date(2026, 11, 8))
    assert alerts(project) == []
    wage_payments_check(today=dt.date(2026, 11, 9))
    assert [a.reason for a in alerts(project)] == [R.ACCOUNT_NOT_OPENED]
    project.wage_account_opened_on = dt.date(2026, 11, 9)
    project.save()
    wage_payments_check(today=dt.date(2026, 11, 10))
    assert WageAlert.objects.open().filter(project=project).count() == 0


def test_deposit_not_lodged_in_time(frozen):
    project = monitored_project(
        start=dt.date(2026, 11, 2),
        deposit_amount=None,
        deposit_form="",
        deposit_paid_on=None,
        deposit_checked_on=None,
        approved_on=dt.date(2026, 10, 9),
    )
    due = rules.deposit_due_date(dt.date(2026, 10, 9))
    wage_payments_check(today=due)
    assert alerts(project) == []
    wage_payments_check(today=rules.warning_from(due))
    assert [a.reason for a in alerts(project)] == [R.DEPOSIT_MISSING]


def test_a_red_alert_tells_the_inspectors_and_opens_one_inspection(frozen, inspector):
    project = monitored_project()
    add_transfer(project, OCT)
    frozen(dt.date(2026, 11, 30))
    wage_payments_check(today=dt.date(2026, 11, 30))
    wage_payments_check(today=dt.date(2026, 11, 30))
    wage_payments_check(today=dt.date(2026, 12, 1))
    (alert,) = alerts(project)
    assert alert.level == "red" and alert.inspection is not None
    inspection = SiteInspection.objects.get(project=project)
    assert inspection.finding_status == SiteInspection.FindingStatus.OPEN
    assert inspection.check_wage_payment == SiteInspection.Check.PROBLEM
    assert Notification.objects.filter(recipient=inspector, kind="wage_alert_red").count() == 1


def test_alerts_of_a_completed_project_close(frozen):
    project = monitored_project()
    wage_payments_check(today=dt.date(2026, 11, 17))
    project.status = project.Status.COMPLETED
    project.save()
    wage_payments_check(today=dt.date(2026, 11, 18))
    assert {a.close_reason for a in alerts(project)} == {"项目已不在建"}


def test_the_risk_rating_reads_open_warnings(frozen):
    project = monitored_project()
    add_transfer(project, OCT)
    frozen(dt.date(2026, 11, 17))
    call_command("check_wage_payments", "--date", "2026-11-17")
    call_command("refresh_enterprise_registry", "--date", "2026-11-17")
    project.refresh_from_db()
    assert project.risk in ("yellow", "orange")  # orange in the weeks before the Spring Festival
    assert any("工资支付预警" in r["reason"] for r in project.risk_reasons)
    frozen(dt.date(2026, 11, 30))
    call_command("check_wage_payments", "--date", "2026-11-30")
    call_command("refresh_enterprise_registry", "--date", "2026-11-30")
    project.refresh_from_db()
    assert project.risk == "red"


def _world(size: int) -> None:
    for index in range(size):
        project = monitored_project(start=dt.date(2026, 9, 1), workers=3)
        worker = project.workers.first()
        add_sheet(project, dt.date(2026, 9, 1), paid={worker.pk: Decimal("100.00")})
        if index % 2:
            add_transfer(project, OCT)


def test_the_job_costs_the_same_queries_for_few_and_many_projects(frozen, django_assert_max_num_queries):
    # Projects, open alerts, sheets, transfers, workers without a line (one per month), underpaid lines,
    # deposit uses, the insert, the re-read, updates, history and events: a fixed number, whatever the size.
    _world(3)
    with django_assert_max_num_queries(25) as small:
        wage_payments_check(today=dt.date(2026, 11, 17))
    _world(12)
    with django_assert_max_num_queries(25) as large:
        wage_payments_check(today=dt.date(2026, 11, 18))
    assert WageAlert.objects.open().count() > 30
    assert len(large.captured_queries) <= len(small.captured_queries) + 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_raise_each_warning_once(inspector):
    project = monitored_project()
    barrier = threading.Barrier(2)
    errors = []

    def work():
        try:
            barrier.wait()
            wage_payments_check(today=dt.date(2026, 11, 30))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(a.reason for a in alerts(project)) == [R.SHEET_MISSING, R.TRANSFER_MISSING]
    assert SiteInspection.objects.filter(project=project).count() == 1
    assert Notification.objects.filter(recipient=inspector, kind="wage_alert_red").count() == 1


def test_a_red_warning_makes_the_project_red_and_a_yellow_one_at_least_yellow():
    deposit = rules.deposit_status(
        contract_value=Decimal("1000000"),
        contractor_had_arrears=False,
        rate=None,
        approved_on=None,
        amount_paid=None,
        paid_on=None,
        checked_on=None,
        returned_on=None,
        today=dt.date(2026, 6, 1),
    )
    facts = dict(
        active=True,
        deposit=deposit,
        has_wage_account=True,
        labour_filed=True,
        real_name_management=True,
        notice_board=True,
    )
    quiet_day = dt.date(2026, 6, 1)  # far from the Spring Festival
    assert rules.project_risk(rules.RiskFacts(**facts), today=quiet_day).level == "none"
    yellow = rules.RiskFacts(**facts, wage_alerts=(("yellow", "上月工资支付表未按期报送（2026-04）"),))
    assert rules.project_risk(yellow, today=quiet_day).level == "yellow"
    red = rules.RiskFacts(**facts, wage_alerts=(("red", "部分人员实发少于应发（2026-04）"),))
    rating = rules.project_risk(red, today=quiet_day)
    assert rating.level == "red"
    assert any("工资支付预警" in reason for _level, reason in rating.reasons)
