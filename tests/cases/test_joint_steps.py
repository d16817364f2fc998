"""Joint handling's steps, one URL each (STYLE.md, "one URL per action"): the page's forms post to them, a
POST runs the step's service and goes back to the page, a refused one shows the step's form alone with the
reason, and nothing is saved."""

import datetime as dt

import pytest
from django.utils import timezone

from cases import services
from cases.models import JointDisagreement, JointHandling, JointProposal
from liudong_wages.models import MemberUnit

from ..factories import CaseFactory


@pytest.fixture
def handling(inspector):
    units = MemberUnit.objects.filter(code__in=["jsj", "gaj"])
    return services.joint_handling_request(
        case=CaseFactory(is_major=True), by=inspector, reason="120 人欠薪，已有聚集苗头", units=units
    )


@pytest.fixture
def approved(handling, leader):
    return services.joint_handling_approve(
        handling=handling, by=leader, approve=True, meeting_at=timezone.now(), place="管委会 5 楼"
    )


def _meeting_at() -> str:
    return f"{timezone.localtime() + dt.timedelta(days=2):%Y-%m-%dT%H:%M}"


def test_the_leader_approves_at_the_approval_steps_url(client, handling, leader):
    client.force_login(leader)
    page = client.get(f"/cases/joint/{handling.pk}/").content.decode()
    assert f'action="/cases/joint/{handling.pk}/approve/"' in page
    response = client.post(
        f"/cases/joint/{handling.pk}/approve/",
        {"approve": "1", "meeting_at": _meeting_at(), "place": "管委会"},
    )
    assert response.status_code == 302 and response.url == f"/cases/joint/{handling.pk}/"
    handling.refresh_from_db()
    assert handling.status == JointHandling.Status.APPROVED and handling.approved_by == leader


def test_an_inspector_may_not_approve_and_nothing_changes(client, handling, inspector):
    client.force_login(inspector)
    response = client.post(
        f"/cases/joint/{handling.pk}/approve/", {"approve": "1", "meeting_at": _meeting_at()}
    )
    assert response.status_code == 403
    handling.refresh_from_db()
    assert handling.status == JointHandling.Status.REQUESTED


def test_the_page_no_longer_takes_a_posted_action(client, approved, inspector):
    client.force_login(inspector)
    response = client.post(f"/cases/joint/{approved.pk}/", {"action": "decide", "decision": "方案"})
    assert response.status_code == 405
    approved.refresh_from_db()
    assert approved.status == JointHandling.Status.APPROVED


def test_a_steps_url_shows_its_form_alone(client, approved, inspector):
    client.force_login(inspector)
    response = client.get(f"/cases/joint/{approved.pk}/proposal/")
    assert response.status_code == 200
    assert response.templates[0].name == "step_form.html"
    assert 'name="text"' in response.content.decode() and 'name="decision"' not in response.content.decode()
    assert client.get(f"/cases/joint/{approved.pk}/nothing/").status_code == 404


def test_a_form_error_shows_the_step_alone_and_saves_nothing(client, approved, inspector):
    client.force_login(inspector)
    unit = MemberUnit.objects.get(code="jsj")
    response = client.post(f"/cases/joint/{approved.pk}/proposal/", {"unit": unit.pk, "text": ""})
    assert response.status_code == 200
    assert response.templates[0].name == "step_form.html"
    assert list(response.context["form"].errors) == ["text"]
    assert not JointProposal.objects.exists()
    response = client.post(
        f"/cases/joint/{approved.pk}/proposal/", {"unit": unit.pk, "text": "督促总包先行垫付"}
    )
    assert response.status_code == 302
    assert JointProposal.objects.get().text == "督促总包先行垫付"


def test_a_refusal_of_the_service_is_shown_in_chinese_on_the_steps_form(client, handling, inspector):
    client.force_login(inspector)
    response = client.post(f"/cases/joint/{handling.pk}/decide/", {"decision": "建设单位三日内支付"})
    assert response.status_code == 200
    assert "只有已批准召开、无待决分歧的会议才能形成处置方案。" in response.content.decode()
    assert "建设单位三日内支付" in response.content.decode()  # what was typed is kept
    handling.refresh_from_db()
    assert handling.status == JointHandling.Status.REQUESTED and handling.decision == ""


def test_a_disagreement_is_escalated_and_resolved_at_its_own_urls(client, approved, inspector):
    item = services.joint_disagreement_add(
        handling=approved, by=inspector, subject="垫付主体", positions="建设局：总包；经发局：建设单位"
    )
    client.force_login(inspector)
    page = client.get(f"/cases/joint/{approved.pk}/").content.decode()
    assert f'action="/cases/joint/{approved.pk}/disagreements/{item.pk}/escalate/"' in page
    assert f'action="/cases/joint/{approved.pk}/disagreements/{item.pk}/resolve/"' in page
    base = f"/cases/joint/{approved.pk}/disagreements/{item.pk}"
    assert client.post(f"{base}/escalate/", {"reason": "协调未果"}).status_code == 302
    item.refresh_from_db()
    assert item.status == JointDisagreement.Status.ESCALATED and "协调未果" in item.positions
    # Once escalated only the committee settles it: the office's resolution is refused, on the form.
    response = client.post(f"{base}/resolve/", {"resolved_by": "office", "resolution": "先行垫付"})
    assert response.status_code == 200 and "不能由该方协调" in response.content.decode()
    response = client.post(
        f"{base}/resolve/", {"resolved_by": "committee", "resolution": "由建设单位先行支付"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == JointDisagreement.Status.COMMITTEE_DECIDED


def test_a_disagreement_of_another_handling_is_not_found(client, approved, inspector):
    other = services.joint_handling_request(
        case=CaseFactory(is_major=True),
        by=inspector,
        reason="另案",
        units=MemberUnit.objects.filter(code="jsj"),
    )
    theirs = JointDisagreement.objects.create(handling=other, subject="垫付比例", positions="各方意见")
    client.force_login(inspector)
    response = client.post(
        f"/cases/joint/{approved.pk}/disagreements/{theirs.pk}/escalate/", {"reason": "协调未果"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == JointDisagreement.Status.OPEN
