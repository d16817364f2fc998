"""Statements compiled once per process (liudong_wages.compiled, issue 21) answer as the ORM does: the same
instances with their related objects, for every key, a key no column can hold and a user whose scope narrows."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from enterprises.models import Project
from liudong_wages import access
from liudong_wages.compiled import CompiledGet, CompiledList, Prebuilt
from liudong_wages.models import MemberUnit, Notification
from tests.factories import NotificationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

TOO_BIG = 2**70  # more than a bigint holds


def test_a_compiled_list_answers_as_the_orm_for_each_key(liaison, other_liaison):
    NotificationFactory.create_batch(3, recipient=liaison)
    NotificationFactory.create_batch(2, recipient=other_liaison)
    latest_two = CompiledList(
        lambda user: (
            Notification.objects.filter(recipient=user).select_related("recipient").order_by("-pk")[:2]
        )
    )
    for user in (liaison, other_liaison, liaison):
        expected = list(Notification.objects.filter(recipient=user).order_by("-pk")[:2])
        with CaptureQueriesContext(connection) as queries:
            found = latest_two.list(user.pk)
            names = [notification.recipient.username for notification in found]
        assert found == expected
        assert [(n.title, n.read_at) for n in found] == [(n.title, n.read_at) for n in expected]
        assert names == [user.username, user.username]  # built with the row, no query of its own
        assert len(queries) == 1
    assert latest_two.list(1_999_999_999) == []


def test_a_compiled_get_answers_none_for_a_key_its_column_cannot_hold(unit):
    query = CompiledGet(MemberUnit.objects.all)
    assert query.get(unit.pk) == unit
    assert query.get(str(unit.pk)) == unit
    assert query.get(TOO_BIG) is None
    assert query.get(-TOO_BIG) is None
    assert query.model is MemberUnit


def test_get_compiled_answers_as_get_for_user(director, leader, outsider):
    project = ProjectFactory()
    page_project = CompiledGet(lambda: Project.objects.select_related("general_contractor"))
    found = access.get_compiled(director, page_project, project.pk)
    assert found == project
    assert found.general_contractor == project.general_contractor
    for missing in (project.pk + 1000, TOO_BIG):
        with pytest.raises(Http404):
            access.get_compiled(director, page_project, missing)
    # A role without the view permission: its scope is empty, so the ORM answers, and it is 404.
    with pytest.raises(Http404):
        access.get_compiled(outsider, page_project, project.pk)
    # Seen, but not to be changed by a leader.
    assert access.get_compiled(leader, page_project, project.pk) == project
    with pytest.raises(PermissionDenied):
        access.get_compiled(leader, page_project, project.pk, "change")


def test_get_compiled_keeps_a_narrowed_scope(liaison, other_liaison):
    """Notifications are each recipient's own: the scope narrows, so the ORM applies it."""
    theirs = NotificationFactory(recipient=other_liaison)
    mine = NotificationFactory(recipient=liaison)
    query = CompiledGet(Notification.objects.all)
    assert access.get_compiled(liaison, query, mine.pk) == mine
    with pytest.raises(Http404):
        access.get_compiled(liaison, query, theirs.pk)


def test_a_prebuilt_queryset_is_a_fresh_clone_each_time(unit, other_unit):
    units = Prebuilt(lambda: MemberUnit.objects.order_by("pk").values("pk", "name"))
    assert list(units().filter(pk=unit.pk)) == [{"pk": unit.pk, "name": unit.name}]
    assert units().count() == MemberUnit.objects.count()  # the filter stayed on its own clone
    assert units() is not units()


def test_a_compiled_list_sets_the_record_its_rows_belong_to(liaison):
    NotificationFactory.create_batch(2, recipient=liaison)
    mine = CompiledList(lambda user: Notification.objects.filter(recipient=user))
    with CaptureQueriesContext(connection) as queries:
        found = mine.list(liaison.pk, recipient=liaison)
        assert all(notification.recipient is liaison for notification in found)
    assert len(found) == 2 and len(queries) == 1
