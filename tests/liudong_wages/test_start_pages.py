"""Each role's own start page (issue 8): the panels the apps register show each user what waits for them,
and nothing of other roles, for a small and fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from liudong_wages import startpage

from ..factories import (
    DEFAULT_PASSWORD,
    AdvanceApplicationFactory,
    CaseFactory,
    DishonestListingFactory,
    ReportFactory,
    UserFactory,
)

PANELS = {
    "summary",
    "my-cases",
    "to-approve",
    "to-pay",
    "unit-reports",
    "unit-measures",
    "police-referrals",
    "stability-watch",
    "wage-alerts",
}
EXPECTED = {
    "director": {"summary"},
    "leader": {"summary"},
    "office": {"my-cases"},
    # Inspectors and the construction bureau's liaison follow the sites' wage-payment warnings (issue 17).
    "inspector": {"my-cases", "wage-alerts"},
    "liaison": {"unit-reports", "unit-measures", "wage-alerts"},
    "police": {"police-referrals"},
    "stability": {"stability-watch"},
    "approver": {"to-approve"},
    "treasurer": {"to-pay"},
    "outsider": set(),
}


@pytest.fixture
def work(users_by_role, unit, other_unit):
    """Something waiting for each role, and for people in the same roles elsewhere."""
    from cases.models import Case, Petition, PoliceReferral
    from enterprises.models import DishonestListing, RestrictionMeasure
    from funds.models import AdvanceApplication
    from reporting.models import Report

    today = timezone.localdate()
    inspector = users_by_role["inspector"]
    other_inspector = UserFactory(roles=["inspector"], unit__code="rsj")

    overdue = CaseFactory(number="T2026-MINE-1", handler=inspector)
    Case.objects.filter(pk=overdue.pk).update(deadline=today - dt.timedelta(days=3))
    CaseFactory(number="T2026-MINE-2", handler=inspector)
    CaseFactory(number="T2026-THEIRS", handler=other_inspector)
    referred = CaseFactory(number="T2026-REFERRED", handler=other_inspector)
    PoliceReferral.objects.create(case=referred, referred_on=today, evidence="工资表")
    Petition.objects.create(
        created_by=users_by_role["stability"],
        received_on=today,
        petitioner_name="覃某",
        people_count=30,
        employer_name="柳州上访建筑有限公司",
        summary="反映拖欠工资。",
    )

    listing = DishonestListingFactory(enterprise__name="柳州失信建筑有限公司")
    DishonestListing.objects.filter(pk=listing.pk).update(
        status=DishonestListing.Status.LISTED,
        notified_on=today - dt.timedelta(days=30),
        decided_on=today - dt.timedelta(days=10),
        listed_until=today + dt.timedelta(days=1000),
    )
    RestrictionMeasure.objects.create(listing=listing, unit=unit)
    other_listing = DishonestListingFactory(enterprise__name="柳州别家失信有限公司")
    DishonestListing.objects.filter(pk=other_listing.pk).update(
        status=DishonestListing.Status.LISTED,
        notified_on=today - dt.timedelta(days=30),
        decided_on=today - dt.timedelta(days=10),
        listed_until=today + dt.timedelta(days=1000),
    )
    RestrictionMeasure.objects.create(listing=other_listing, unit=other_unit)

    ReportFactory(unit=unit, period=dt.date(2025, 3, 1))
    Report.objects.filter(unit=unit, period=dt.date(2025, 3, 1)).update(
        status=Report.Status.RETURNED,
        first_submitted_at=timezone.now(),
        reviewed_at=timezone.now(),
        return_reason="明细不全",
    )

    submitted = AdvanceApplicationFactory(number="YJT-WAIT-APPROVAL")
    AdvanceApplication.objects.filter(pk=submitted.pk).update(
        status=AdvanceApplication.Status.SUBMITTED, submitted_at=timezone.now()
    )
    approved = AdvanceApplicationFactory(number="YJT-WAIT-PAYMENT")
    AdvanceApplication.objects.filter(pk=approved.pk).update(
        status=AdvanceApplication.Status.APPROVED,
        submitted_at=timezone.now(),
        decided_at=timezone.now(),
        approved_amount=Decimal("6000.00"),
    )
    return users_by_role


def start_page(client, user) -> tuple[str, set[str]]:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    shown = {panel.key for panel in response.context["panels"]}
    return response.content.decode(), shown


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_its_own_panels_and_no_other_roles(client, work, role):
    page, shown = start_page(client, work[role])
    assert shown == EXPECTED[role]
    for key in PANELS - EXPECTED[role]:
        assert f'id="start-{key}"' not in page


def test_an_inspector_sees_their_own_cases_nearest_deadline_first(client, work):
    page, _shown = start_page(client, work["inspector"])
    assert "T2026-MINE-1" in page
    assert "T2026-MINE-2" in page
    assert "T2026-THEIRS" not in page
    assert page.index("T2026-MINE-1") < page.index("T2026-MINE-2")
    assert "已超期" in page


def test_a_liaison_sees_their_units_reports_due_and_returned_and_its_measures(client, work):
    page, _shown = start_page(client, work["liaison"])
    assert "待报送" in page or "已逾期" in page  # this period's report is not there yet
    assert "已退回" in page
    assert "柳州失信建筑有限公司" in page
    assert "柳州别家失信有限公司" not in page
    assert "T2026-MINE-1" not in page


def test_a_liaison_of_a_unit_without_restriction_duties_has_no_measures_panel(client, work):
    liaison = UserFactory(roles=["liaison"], unit__code="bgs")
    _page, shown = start_page(client, liaison)
    assert "unit-measures" not in shown


def test_the_approver_sees_what_waits_for_approval_and_the_treasurer_what_waits_for_payment(client, work):
    approver_page, _shown = start_page(client, work["approver"])
    assert "YJT-WAIT-APPROVAL" in approver_page
    assert "YJT-WAIT-PAYMENT" not in approver_page
    treasurer_page, _shown = start_page(client, work["treasurer"])
    assert "YJT-WAIT-PAYMENT" in treasurer_page
    assert "YJT-WAIT-APPROVAL" not in treasurer_page


def test_the_director_sees_a_summary_with_the_way_to_the_dashboard(client, work):
    page, _shown = start_page(client, work["director"])
    assert "超过法定期限的案件" in page
    assert 'href="/dashboard/"' in page


def test_the_police_liaison_sees_referred_cases_only(client, work):
    page, _shown = start_page(client, work["police"])
    assert "T2026-REFERRED" in page
    for number in ("T2026-MINE-1", "T2026-MINE-2", "T2026-THEIRS"):
        assert number not in page


def test_the_stability_liaison_sees_their_petitions_and_no_case(client, work):
    page, _shown = start_page(client, work["stability"])
    assert "柳州上访建筑有限公司" in page
    assert "多人上访，待处理" in page
    for number in ("T2026-MINE-1", "T2026-THEIRS", "T2026-REFERRED"):
        assert number not in page


def _password_login(client, user, **data):
    return client.post("/accounts/login/", {"username": user.username, "password": DEFAULT_PASSWORD, **data})


@pytest.mark.parametrize("data", [{}, {"next": "/"}], ids=["no-next", "next-is-the-start-page"])
def test_the_director_lands_on_the_dashboard_after_logging_in(client, director, data):
    response = _password_login(client, director, **data)
    assert response["Location"] == "/dashboard/"
    # The second factor is asked on the way, and leads on to the dashboard.
    assert client.get("/dashboard/")["Location"] == "/accounts/two-factor/setup/?next=%2Fdashboard%2F"


def test_the_director_still_goes_where_a_link_asked(client, director):
    assert _password_login(client, director, next="/cases/")["Location"] == "/cases/"


@pytest.mark.parametrize("role", ["leader", "office", "police", "stability"])
def test_other_roles_land_on_their_start_page(client, users_by_role, role):
    assert _password_login(client, users_by_role[role])["Location"] == "/"


def test_the_director_keeps_the_start_page(client, director):
    client.force_login(director)
    response = client.get("/")
    assert response.status_code == 200
    assert {panel.key for panel in response.context["panels"]} == {"summary"}


def test_a_panel_whose_page_is_missing_is_left_out(work):
    from django.urls import reverse

    def broken(user):
        reverse("no-such-page")

    startpage.register(broken, order=1)
    try:
        keys = {panel.key for panel in startpage.panels_for(work["approver"])}
    finally:
        startpage._providers[:] = [entry for entry in startpage._providers if entry[1] is not broken]
    assert keys == {"to-approve"}


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as context:
        assert client.get("/").status_code == 200
    return len(context.captured_queries)


def test_the_start_page_costs_a_few_queries_whatever_waits(client, work):
    from cases.models import Case, Petition, PoliceReferral

    roles = sorted(EXPECTED)
    # The working-day calendar remembers a year's schedule for a minute: read it once before counting.
    for role in roles:
        _queries(client, work[role])
    before = {role: _queries(client, work[role]) for role in roles}
    # Session, user, groups and permissions, notifications and the navigation; then one or two per panel.
    assert max(before.values()) <= 16, before

    today = timezone.localdate()
    for n in range(12):
        case = CaseFactory(handler=work["inspector"])
        Case.objects.filter(pk=case.pk).update(deadline=today + dt.timedelta(days=n))
        AdvanceApplicationFactory()
        PoliceReferral.objects.create(case=case, referred_on=today - dt.timedelta(days=n), evidence="工资表")
        Petition.objects.create(
            created_by=work["stability"],
            received_on=today - dt.timedelta(days=n),
            petitioner_name="覃某",
            employer_name=f"柳州第{n}家公司",
            summary="反映拖欠工资。",
            case=case,
        )
    after = {role: _queries(client, work[role]) for role in roles}
    assert after == before
