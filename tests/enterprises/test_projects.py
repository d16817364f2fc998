"""Projects: the services, the deposit steps and the risk rating with its reasons."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils.formats import date_format

from enterprises import rules
from enterprises.models import Event, Project, SiteInspection
from enterprises.selectors import project_deposit_status
from enterprises.services import (
    deposit_record_payment,
    deposit_record_return,
    deposit_start_return_notice,
    inspection_create,
    inspection_resolve,
    listing_decide,
    listing_notify,
    project_create,
    project_risk_refresh,
    project_update,
    project_void,
)

from ..factories import DishonestListingFactory, EnterpriseFactory, ProjectFactory

SUMMER = dt.date(2026, 7, 1)  # far from the Spring Festival


@pytest.fixture
def project(db):
    return ProjectFactory(approved_on=dt.date(2026, 6, 1), start_date=dt.date(2026, 6, 10))


def test_a_management_committee_project_needs_its_responsible_person(office_staff):
    owner, contractor = EnterpriseFactory(), EnterpriseFactory()
    with pytest.raises(ValidationError) as error:
        project_create(
            by=office_staff,
            name="柳东新区管委会投资道路工程",
            construction_unit=owner,
            general_contractor=contractor,
            management_invested=True,
        )
    assert "responsible_person" in error.value.message_dict
    assert not Project.objects.exists()
    project = project_create(
        by=office_staff,
        name="柳东新区管委会投资道路工程",
        construction_unit=owner,
        general_contractor=contractor,
        management_invested=True,
        responsible_person="覃项目",
    )
    assert project.events.get().kind == Event.Kind.PROJECT_CREATED
    assert project.history.first().history_user == office_staff


def test_a_rate_below_half_a_percent_is_refused(office_staff, project):
    with pytest.raises(ValidationError) as error:
        project_update(project=project, by=office_staff, deposit_rate=Decimal("0.004"))
    assert "deposit_rate" in error.value.message_dict


def test_voiding_needs_a_reason_and_clears_the_risk(office_staff, project):
    with pytest.raises(ValidationError):
        project_void(project=project, by=office_staff, reason=" ")
    project_void(project=project, by=office_staff, reason="重复登记")
    project.refresh_from_db()
    assert project.status == Project.Status.VOIDED
    assert project.risk == Project.Risk.NONE


def test_the_deposit_is_returned_only_after_the_thirty_day_notice(office_staff, project):
    deposit_record_payment(
        project=project,
        by=office_staff,
        amount=Decimal("100000.00"),
        form="guarantee",
        paid_on=dt.date(2026, 6, 20),
    )
    with pytest.raises(ValidationError):
        deposit_record_return(project=project, by=office_staff, returned_on=dt.date(2026, 12, 1))
    deposit_start_return_notice(project=project, by=office_staff, notice_on=dt.date(2026, 12, 1))
    with pytest.raises(ValidationError) as error:
        deposit_record_return(project=project, by=office_staff, returned_on=dt.date(2026, 12, 30))
    assert date_format(dt.date(2026, 12, 31)) in str(error.value)
    deposit_record_return(project=project, by=office_staff, returned_on=dt.date(2026, 12, 31))
    project.refresh_from_db()
    assert project.deposit_returned_on == dt.date(2026, 12, 31)


def test_a_well_run_project_has_no_risk(project):
    project.deposit_amount, project.deposit_paid_on, project.deposit_form = Decimal("100000"), SUMMER, "cash"
    project.save()
    rating = project_risk_refresh(project=project, today=SUMMER)
    assert rating.level == rules.NONE
    project.refresh_from_db()
    assert project.risk == "none" and project.risk_reasons == []


def test_an_overdue_deposit_and_a_missing_account_make_a_project_orange_with_reasons(project):
    project.wage_account_number = ""
    project.labour_filed = False
    project.save()
    project_risk_refresh(project=project, today=SUMMER)
    project.refresh_from_db()
    assert project.risk == Project.Risk.ORANGE
    reasons = [reason["reason"] for reason in project.risk_reasons]
    assert "工资保证金逾期未缴存" in reasons
    assert "未开设农民工工资专用账户" in reasons
    assert "未办理用工备案" in reasons


def test_a_listed_contractor_makes_the_project_red(office_staff, project):
    listing = DishonestListingFactory(enterprise=project.general_contractor)
    listing_notify(
        listing=listing, by=office_staff, notice_number="告〔2026〕1号", notified_on=dt.date(2026, 6, 1)
    )
    listing_decide(
        listing=listing, by=office_staff, decided_on=dt.date(2026, 6, 15), decision_number="决〔2026〕1号"
    )
    project.refresh_from_db()
    assert project.risk == Project.Risk.RED
    assert any("失信联合惩戒名单" in reason["reason"] for reason in project.risk_reasons)


def test_the_weeks_before_the_spring_festival_raise_the_level(project):
    project.labour_filed = False
    project.deposit_amount, project.deposit_paid_on, project.deposit_form = Decimal("100000"), SUMMER, "cash"
    project.save()
    assert project_risk_refresh(project=project, today=SUMMER).level == rules.YELLOW
    # The Spring Festival of 2027 is on 6 February.
    assert project_risk_refresh(project=project, today=dt.date(2027, 1, 20)).level == rules.ORANGE


def test_an_inspection_finding_raises_the_risk_until_it_is_resolved(office_staff, inspector, project):
    project.deposit_amount, project.deposit_paid_on, project.deposit_form = Decimal("100000"), SUMMER, "cash"
    project.save()
    with time_machine.travel(dt.datetime(2026, 7, 1, 10, tzinfo=dt.UTC)):
        inspection = inspection_create(
            by=inspector,
            project=project,
            inspected_on=dt.date(2026, 7, 1),
            inspectors=[inspector],
            checks={"check_notice_board": SiteInspection.Check.PROBLEM},
            findings="告示牌未公布维权电话",
            follow_up_due=dt.date(2026, 7, 10),
        )
        project.refresh_from_db()
        assert inspection.finding_status == SiteInspection.FindingStatus.OPEN
        assert project.risk == Project.Risk.YELLOW
    with time_machine.travel(dt.datetime(2026, 7, 15, 10, tzinfo=dt.UTC)):
        project_risk_refresh(project=project)
        project.refresh_from_db()
        assert project.risk == Project.Risk.ORANGE  # left open past its follow-up date
        inspection_resolve(
            inspection=inspection, by=inspector, resolved_on=dt.date(2026, 7, 14), resolution="已整改"
        )
        project.refresh_from_db()
        assert project.risk == Project.Risk.NONE


def test_a_finding_without_a_follow_up_date_is_refused(inspector, project):
    with pytest.raises(ValidationError) as error:
        inspection_create(
            by=inspector,
            project=project,
            inspected_on=SUMMER,
            inspectors=[inspector],
            checks={"check_wage_payment": SiteInspection.Check.PROBLEM},
        )
    assert "follow_up_due" in error.value.message_dict
    assert not SiteInspection.objects.exists()


def test_the_deposit_status_uses_the_approval_date(project):
    deposit = project_deposit_status(project, today=SUMMER)
    assert deposit.required_amount == Decimal("100000.00")
    assert deposit.due_on == rules.deposit_due_date(dt.date(2026, 6, 1))
