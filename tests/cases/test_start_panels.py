"""The cases app's start-page panels for the police liaison and the stability office liaison (issue 8): what
waits for their answer or their attention, only as far as the access policies let them see, in one or two
queries whatever the amount of data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from cases import start
from cases.models import Case, Petition, PoliceReferral
from liudong_wages.roles import Role

from ..factories import CaseFactory, UserFactory

RS = PoliceReferral.Status


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def refer(number: str, *, referred: int, status: str = RS.REFERRED, decided: int | None = None, **fields):
    """A case referred `referred` days ago; the police's decision and feedback as given."""
    case = CaseFactory(number=number, received_on=days_ago(referred + 20), **fields)
    PoliceReferral.objects.create(
        case=case,
        referred_on=days_ago(referred),
        evidence="工资表、询问笔录",
        status=status,
        decided_on=None if decided is None else days_ago(decided),
        police_case_number="柳东公刑〔2026〕1号" if status == RS.ACCEPTED else "",
    )
    return case


def petition(by, *, employer: str, people: int = 1, received: int = 0, case: Case | None = None) -> Petition:
    return Petition.objects.create(
        created_by=by,
        received_on=days_ago(received),
        petitioner_name="覃某",
        people_count=people,
        employer_name=employer,
        summary="反映拖欠工资。",
        case=case,
    )


def warmed(user):
    """The user as a request has them after the first lookups: roles and permissions already read."""
    user.roles  # noqa: B018
    user.get_all_permissions()
    return user


def page_of(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


# The police liaison


@pytest.fixture
def referrals(db):
    long_waiting = refer("T2026-POL-LATE", referred=10)
    fresh = refer("T2026-POL-NEW", referred=1)
    accepted = refer("T2026-POL-ACCEPTED", referred=20, status=RS.ACCEPTED, decided=18)
    answered = refer("T2026-POL-ANSWERED", referred=30, status=RS.ACCEPTED, decided=29)
    PoliceReferral.objects.filter(case=answered).update(feedback="已立案侦查。", feedback_on=days_ago(5))
    refer("T2026-POL-DECLINED", referred=15, status=RS.DECLINED, decided=14)
    voided = refer("T2026-POL-VOIDED", referred=12)
    Case.objects.filter(pk=voided.pk).update(status=Case.Status.VOIDED, void_reason="重复登记")
    # Not referred, although it reaches the threshold and risks a mass incident: none of the police's business.
    CaseFactory(number="T2026-NOT-REFERRED", police_threshold_reached=True, mass_incident_risk=True)
    return {"late": long_waiting, "fresh": fresh, "accepted": accepted}


def test_the_police_liaison_sees_the_referrals_waiting_for_their_answer(client, police, referrals):
    page = page_of(client, police)
    assert 'id="start-police-referrals"' in page
    for number in ("T2026-POL-LATE", "T2026-POL-NEW", "T2026-POL-ACCEPTED"):
        assert number in page
    # Undecided first, the longest waiting first; then those accepted and waiting for feedback.
    assert page.index("T2026-POL-LATE") < page.index("T2026-POL-NEW") < page.index("T2026-POL-ACCEPTED")
    assert f'href="{referrals["late"].get_absolute_url()}"' in page
    assert "待受理，已等 10 天" in page
    assert "已受理，待反馈" in page
    days = settings.LIUDONG["POLICE_REFERRAL_REVIEW_DAYS"]
    assert f"1 件超过 {days} 日未受理" in page


def test_the_police_liaison_does_not_see_answered_voided_or_unreferred_cases(client, police, referrals):
    page = page_of(client, police)
    for number in ("T2026-POL-ANSWERED", "T2026-POL-DECLINED", "T2026-POL-VOIDED", "T2026-NOT-REFERRED"):
        assert number not in page


def test_the_police_panel_gives_each_referral_its_date_and_badge(police, referrals):
    panel = start.police_referrals(police)
    by_label = {item.label.split()[0]: item for item in panel.items}
    assert set(by_label) == {"T2026-POL-LATE", "T2026-POL-NEW", "T2026-POL-ACCEPTED"}
    assert (by_label["T2026-POL-LATE"].date, by_label["T2026-POL-LATE"].tone) == (days_ago(10), "danger")
    assert (by_label["T2026-POL-NEW"].date, by_label["T2026-POL-NEW"].badge) == (days_ago(1), "待受理")
    assert by_label["T2026-POL-ACCEPTED"].date == days_ago(18)  # the day they accepted it
    assert panel.total == 3
    assert panel.link == "/cases/?risk=referred"


def test_the_police_can_open_each_case_the_panel_links_to(client, police, referrals):
    client.force_login(police)
    for item in start.police_referrals(police).items:
        assert client.get(item.url).status_code == 200


def test_the_police_panel_is_for_the_police_only(users_by_role, referrals):
    for role, user in users_by_role.items():
        assert (start.police_referrals(user) is not None) == (role == "police"), role


def test_the_police_panel_takes_two_queries_whatever_waits(police, referrals, django_assert_num_queries):
    warmed(police)
    # The counts, then the referrals shown with their case and enterprise.
    with django_assert_num_queries(2):
        assert len(start.police_referrals(police).items) == 3
    for n in range(12):
        refer(f"T2026-POL-MORE-{n}", referred=n)
    with django_assert_num_queries(2):
        panel = start.police_referrals(police)
    assert panel.total == 15
    assert len(panel.items) == 8


# The stability office liaison


@pytest.fixture
def watch(stability, office_staff):
    linked_case = CaseFactory(number="T2026-FROM-PETITION")
    petition(stability, employer="柳州多人欠薪建筑公司", people=25, received=1)
    petition(stability, employer="柳州单人欠薪餐饮店", people=1, received=3)
    petition(stability, employer="柳州已转案件劳务公司", people=4, received=5, case=linked_case)
    # Entered by someone outside the stability office: the policy hides it from the office's liaison.
    petition(office_staff, employer="柳州别处登记的公司", received=0)
    CaseFactory(number="T2026-MASS-RISK", mass_incident_risk=True)
    closed = CaseFactory(number="T2026-MASS-CLOSED", mass_incident_risk=True)
    Case.objects.filter(pk=closed.pk).update(status=Case.Status.CLOSED)
    CaseFactory(number="T2026-NO-RISK")


def test_the_stability_liaison_sees_their_petitions_newest_first(client, stability, watch):
    page = page_of(client, stability)
    assert 'id="start-stability-watch"' in page
    assert (
        page.index("柳州多人欠薪建筑公司")
        < page.index("柳州单人欠薪餐饮店")
        < page.index("柳州已转案件劳务公司")
    )
    assert "多人上访，待处理" in page
    assert "已转案件 T2026-FROM-PETITION" in page
    assert "柳州别处登记的公司" not in page


def test_the_stability_liaison_sees_no_case_the_policy_hides(client, stability, watch):
    # The stability office may see no case (cases.policies): not even those at risk of a mass incident.
    page = page_of(client, stability)
    for number in ("T2026-MASS-RISK", "T2026-MASS-CLOSED", "T2026-NO-RISK"):
        assert number not in page
    assert all(item.url.startswith("/cases/petitions/") for item in start.stability_watch(stability).items)


def test_the_stability_panel_links_each_petition_the_liaison_can_open(client, stability, watch):
    client.force_login(stability)
    panel = start.stability_watch(stability)
    assert len(panel.items) == 3
    for item in panel.items:
        assert client.get(item.url).status_code == 200


def test_a_stability_liaison_who_may_see_cases_gets_the_open_ones_at_risk_first(db, watch, stability):
    # The panel asks the policy, not the role: someone with both roles sees what a leader sees.
    both = UserFactory(roles=[Role.STABILITY, Role.LEADER], unit=stability.unit)
    labels = [item.label for item in start.stability_watch(both).items]
    assert labels[0].startswith("T2026-MASS-RISK")
    assert not any(label.startswith(("T2026-MASS-CLOSED", "T2026-NO-RISK")) for label in labels)
    assert any("柳州多人欠薪建筑公司" in label for label in labels)


def test_the_stability_panel_is_for_the_stability_office_only(users_by_role, watch):
    for role, user in users_by_role.items():
        assert (start.stability_watch(user) is not None) == (role == "stability"), role


def test_the_stability_panel_takes_one_query_whatever_waits(stability, watch, django_assert_num_queries):
    warmed(stability)
    # The petitions with their case; the cases cost no query, as the policy lets this role see none.
    with django_assert_num_queries(1):
        assert len(start.stability_watch(stability).items) == 3
    for n in range(12):
        petition(stability, employer=f"柳州第{n}家公司", received=n, case=CaseFactory())
    with django_assert_num_queries(1):
        assert len(start.stability_watch(stability).items) == 8


def test_the_stability_panel_takes_two_queries_when_cases_are_visible(
    db, stability, watch, django_assert_num_queries
):
    both = warmed(UserFactory(roles=[Role.STABILITY, Role.LEADER], unit=stability.unit))
    # The open cases at risk with their enterprise, then the petitions with their case.
    with django_assert_num_queries(2):
        start.stability_watch(both)
    for _n in range(6):
        CaseFactory(mass_incident_risk=True)
    with django_assert_num_queries(2):
        assert len(start.stability_watch(both).items) == 8
