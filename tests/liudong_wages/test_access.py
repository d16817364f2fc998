"""The permission helper on a unit-scoped object: a member unit's contact details."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from liudong_wages import access
from liudong_wages.access import UnitScopedPolicy
from liudong_wages.models import MemberUnit, Notification

from ..factories import NotificationFactory


def test_a_liaison_edits_their_own_units_contact_details(client, liaison, unit):
    client.force_login(liaison)
    response = client.post(
        f"/units/{unit.code}/edit/",
        {"contact_person": "覃联络", "contact_phone": "0772-3112345", "contact_email": "jsj@liudong.example"},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.contact_person == "覃联络"
    assert unit.history.first().history_user == liaison


def test_a_liaison_cannot_edit_another_units_details(client, liaison, other_unit):
    client.force_login(liaison)
    assert client.get(f"/units/{other_unit.code}/").status_code == 200  # the directory is open to members
    assert client.get(f"/units/{other_unit.code}/edit/").status_code == 403
    response = client.post(f"/units/{other_unit.code}/edit/", {"contact_person": "冒名"})
    assert response.status_code == 403
    other_unit.refresh_from_db()
    assert other_unit.contact_person != "冒名"


def test_the_office_edits_any_unit(client, office_staff, other_unit):
    client.force_login(office_staff)
    response = client.post(
        f"/units/{other_unit.code}/edit/",
        {"contact_person": "新联络员", "contact_phone": "", "contact_email": ""},
    )
    assert response.status_code == 302


def test_bad_input_shows_a_chinese_error_and_saves_nothing(client, liaison, unit):
    client.force_login(liaison)
    response = client.post(
        f"/units/{unit.code}/edit/",
        {"contact_person": "覃联络", "contact_phone": "call me", "contact_email": "x"},
    )
    assert response.status_code == 200
    assert "请输入有效的电话号码" in response.text
    unit.refresh_from_db()
    assert unit.contact_person != "覃联络"


def test_an_unknown_unit_is_404(client, liaison):
    client.force_login(liaison)
    assert client.get("/units/nope/edit/").status_code == 404


class TestUnitScopedPolicy:
    """The policy every unit-owned record (reports, tasks, measures) will use, tried on the units table."""

    policy = UnitScopedPolicy("pk")

    def test_a_liaison_sees_only_their_unit(self, liaison, unit):
        assert list(self.policy.scope(liaison, MemberUnit.objects.all())) == [unit]

    def test_the_office_sees_every_unit(self, director):
        assert self.policy.scope(director, MemberUnit.objects.all()).count() == MemberUnit.objects.count()

    def test_a_user_without_a_unit_sees_nothing(self, outsider):
        assert not self.policy.scope(outsider, MemberUnit.objects.all()).exists()

    def test_acting_needs_the_permission_and_the_unit(self, liaison, unit, other_unit, approver):
        assert self.policy.allows(liaison, unit, "change")
        assert not self.policy.allows(liaison, other_unit, "change")
        # The approver has no change permission on units at all, not even their own.
        assert not self.policy.allows(approver, approver.unit, "change")


def test_get_for_user_hides_what_may_not_be_seen(liaison, other_liaison):
    theirs = NotificationFactory(recipient=other_liaison)
    with pytest.raises(Http404):
        access.get_for_user(liaison, Notification, pk=theirs.pk)
    with pytest.raises(Http404):
        access.get_for_user(liaison, Notification, pk="not-a-number")
    mine = NotificationFactory(recipient=liaison)
    assert access.get_for_user(liaison, Notification, pk=mine.pk) == mine


def test_get_for_user_refuses_an_action_on_a_visible_object(liaison, other_unit):
    with pytest.raises(PermissionDenied):
        access.get_for_user(liaison, MemberUnit, "change", code=other_unit.code)


def test_a_model_without_a_policy_is_refused_loudly(liaison):
    from django.contrib.auth.models import Group

    with pytest.raises(LookupError):
        access.visible_to(liaison, Group)


def test_the_change_history_is_for_the_office(client, director, liaison, unit):
    from liudong_wages.services import unit_update_contact

    unit_update_contact(unit=unit, by=liaison, contact_person="甲", contact_phone="", contact_email="")
    unit_update_contact(unit=unit, by=liaison, contact_person="乙", contact_phone="", contact_email="")
    url = f"/history/liudong_wages/memberunit/{unit.pk}/"
    client.force_login(director)
    response = client.get(url)
    assert response.status_code == 200
    assert "甲 → 乙" in response.text
    assert liaison.display_name in response.text
    client.force_login(liaison)
    assert client.get(url).status_code == 403
