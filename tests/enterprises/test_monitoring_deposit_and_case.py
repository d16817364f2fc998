"""The wage deposit's lifecycle under monitoring (DESIGN.md section 11) and a case opened from a red warning
with the unpaid workers as its claims; the quarter's figures the bulletin and the monitoring list share."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.models import Case
from cases.services import case_from_warning
from enterprises import rules, selectors, services
from enterprises.models import DepositUse, Event, WageAlert
from enterprises.services import wage_payments_check

from .monitoring_data import add_sheet, add_transfer, monitored_project

pytestmark = pytest.mark.django_db

OCT = dt.date(2026, 10, 1)


def test_the_deposit_is_not_returned_while_a_warning_is_open(frozen, office_staff):
    project = monitored_project()
    wage_payments_check(today=dt.date(2026, 11, 17))
    assert WageAlert.objects.open().filter(project=project).exists()
    frozen(dt.date(2026, 12, 30))
    services.deposit_start_return_notice(project=project, by=office_staff, notice_on=dt.date(2026, 11, 20))
    with pytest.raises(ValidationError, match="未解除的工资支付预警"):
        services.deposit_record_return(project=project, by=office_staff, returned_on=dt.date(2026, 12, 30))
    project.refresh_from_db()
    assert project.deposit_returned_on is None
    WageAlert.objects.filter(project=project).update(closed_on=dt.date(2026, 12, 1))
    services.deposit_record_return(project=project, by=office_staff, returned_on=dt.date(2026, 12, 30))


def test_the_deposit_used_on_a_case_must_be_topped_up_in_ten_working_days(frozen, office_staff):
    project = monitored_project()
    frozen(dt.date(2026, 11, 2))
    use = services.deposit_use_record(
        project=project,
        by=office_staff,
        case_ref=42,
        case_number="LD2026-00042",
        amount=Decimal("12000.00"),
        used_on=dt.date(2026, 11, 2),
        workers=[{"name": "覃工一", "amount": "6000"}, {"name": "韦工二", "amount": "6000.00"}],
        document="柳东人社保证金动用〔2026〕1号",
    )
    assert use.top_up_due_on == rules.deposit_top_up_due(dt.date(2026, 11, 2)) == dt.date(2026, 11, 16)
    assert Event.objects.filter(project=project, kind=Event.Kind.DEPOSIT_USED).exists()
    with pytest.raises(ValidationError):
        services.deposit_use_record(
            project=project,
            by=office_staff,
            case_ref=42,
            amount=Decimal("100000.00"),
            used_on=dt.date(2026, 11, 2),
            workers=[{"name": "覃工一", "amount": "100000"}],
        )
    add_transfer(project, OCT)
    add_sheet(project, OCT)
    wage_payments_check(today=dt.date(2026, 11, 16))
    assert not WageAlert.objects.filter(project=project).exists()
    wage_payments_check(today=dt.date(2026, 11, 17))
    (alert,) = WageAlert.objects.filter(project=project)
    assert alert.reason == WageAlert.Reason.DEPOSIT_MISSING
    frozen(dt.date(2026, 11, 18))
    services.deposit_top_up_record(use=use, by=office_staff, topped_up_on=dt.date(2026, 11, 18))
    wage_payments_check(today=dt.date(2026, 11, 18))
    alert.refresh_from_db()
    assert alert.closed_on == dt.date(2026, 11, 18)
    assert DepositUse.objects.get(pk=use.pk).topped_up_on == dt.date(2026, 11, 18)


def test_a_case_from_a_red_warning_carries_the_unpaid_workers_as_claims(frozen, office_staff):
    project = monitored_project(start=dt.date(2026, 9, 1), workers=3)
    first, second, _third = project.workers.order_by("pk")
    add_transfer(project, dt.date(2026, 9, 1))
    add_transfer(project, OCT)
    add_sheet(project, dt.date(2026, 9, 1), paid={first.pk: Decimal("1000.00")})
    add_sheet(project, OCT, paid={first.pk: Decimal("0.00"), second.pk: Decimal("5000.00")})
    wage_payments_check(today=dt.date(2026, 11, 17))
    october = WageAlert.objects.get(project=project, month=OCT)
    assert october.level == "red"
    frozen(dt.date(2026, 11, 18))
    case = case_from_warning(alert=october, by=office_staff)
    assert case.project == project
    assert case.enterprise == project.general_contractor
    claims = {claim.id_number: claim.amount_owed for claim in case.claims.all()}
    assert claims == {first.id_number: Decimal("11000.00"), second.id_number: Decimal("1000.00")}
    assert case.total_owed == Decimal("12000.00")
    october.refresh_from_db()
    assert (october.case_ref, october.case_number) == (case.pk, case.number)
    # Asked again (a second click, or the other alert of the project): the same case.
    september = WageAlert.objects.get(project=project, month=dt.date(2026, 9, 1))
    assert case_from_warning(alert=october, by=office_staff) == case
    assert case_from_warning(alert=september, by=office_staff) == case
    assert Case.objects.filter(project=project).count() == 1


def test_a_yellow_warning_does_not_open_a_case(frozen, office_staff):
    project = monitored_project()
    wage_payments_check(today=dt.date(2026, 11, 17))
    alert = WageAlert.objects.filter(project=project).first()
    frozen(dt.date(2026, 11, 18))
    with pytest.raises(ValidationError, match="红色预警"):
        case_from_warning(alert=alert, by=office_staff)


def test_the_quarter_figures_count_what_the_monitoring_list_shows(frozen):
    on_time = monitored_project(start=dt.date(2026, 7, 1))
    late = monitored_project(start=dt.date(2026, 7, 1))
    for month in (dt.date(2026, 7, 1), dt.date(2026, 8, 1)):
        add_sheet(on_time, month)
        add_transfer(on_time, month)
        add_transfer(late, month)
    for day in (dt.date(2026, 8, 17), dt.date(2026, 9, 16)):
        wage_payments_check(today=day)
    figures = selectors.quarter_figures(2026, 3)
    assert figures.projects_monitored == 2
    # July and August are due in the quarter (September's payday is in October).
    assert (figures.sheets_due, figures.sheets_on_time, figures.sheets_missing) == (4, 2, 2)
    listed = selectors.alerts_raised_in(figures.start, figures.end)
    assert figures.warnings_raised == listed.count() == 2
    assert selectors.alert_counts()["total"] == 2
