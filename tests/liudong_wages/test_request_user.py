"""What every logged-in request reads first (issue 21): the session, the user with their unit, permissions,
roles and unread count in one statement compiled once per process, and the second factor's device. The
answers must be Django's own: ModelBackend's permissions, the groups as roles, the unread notifications."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from liudong_wages import notifications
from liudong_wages.backends import Backend
from liudong_wages.compiled import CompiledGet
from liudong_wages.models import MemberUnit, User
from liudong_wages.roles import Role
from liudong_wages.sessions import SessionStore
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _fields(user: User) -> dict:
    return {field.attname: getattr(user, field.attname) for field in User._meta.concrete_fields}


def test_the_user_is_read_in_one_statement_with_what_pages_ask(liaison):
    perm = Permission.objects.get(codename="view_audit")
    liaison.user_permissions.add(perm)
    NotificationFactory.create_batch(3, recipient=liaison)
    NotificationFactory(recipient=liaison, read_at="2026-01-05T10:00:00+08:00")
    NotificationFactory(recipient=UserFactory())  # someone else's

    with CaptureQueriesContext(connection) as queries:
        user = Backend().get_user(liaison.pk)
        permissions = user.get_all_permissions()
        roles = user.roles
        unit = user.unit
        count = notifications.unread_count(user)
    assert len(queries.captured_queries) == 1

    expected = User.objects.select_related("unit").get(pk=liaison.pk)
    assert _fields(user) == _fields(expected)
    assert unit == expected.unit and unit.name == expected.unit.name
    assert not user._state.adding and user._state.db == "default"
    assert permissions == ModelBackend().get_all_permissions(User.objects.get(pk=liaison.pk))
    assert "liudong_wages.view_audit" in permissions and "reporting.add_report" in permissions
    assert roles == frozenset({Role.LIAISON}) == frozenset(expected.groups.values_list("name", flat=True))
    assert count == 3


def test_permissions_follow_modelbackend_for_every_role(users_by_role):
    for user in users_by_role.values():
        loaded = Backend().get_user(user.pk)
        fresh = User.objects.get(pk=user.pk)
        assert loaded.get_all_permissions() == fresh.get_all_permissions(), user.username
        for perm in ("cases.view_case", "funds.view_fund", "reporting.view_dashboard", "cases.add_case"):
            assert loaded.has_perm(perm) == ModelBackend().has_perm(fresh, perm), (user.username, perm)


def test_a_superuser_has_every_permission_and_an_inactive_user_none():
    admin = UserFactory(is_superuser=True)
    loaded = Backend().get_user(admin.pk)
    assert loaded.has_perm("cases.delete_case") and loaded.has_perm("anything.at_all")
    inactive = UserFactory(is_active=False, roles=[Role.OFFICE])
    assert Backend().get_user(inactive.pk) is None


def test_a_user_without_unit_role_or_notification():
    user = UserFactory(unit=None)
    loaded = Backend().get_user(user.pk)
    assert loaded.unit is None
    assert loaded.roles == frozenset()
    assert loaded.get_all_permissions() == set()
    assert notifications.unread_count(loaded) == 0


def test_no_user_for_an_unknown_or_malformed_key():
    assert Backend().get_user(2_000_000_000) is None
    assert Backend().get_user("not a number") is None


def test_marking_read_drops_the_count_read_with_the_user(liaison):
    NotificationFactory.create_batch(2, recipient=liaison)
    user = Backend().get_user(liaison.pk)
    assert notifications.unread_count(user) == 2
    assert notifications.mark_read(user=user) == 2
    assert notifications.unread_count(user) == 0


def test_a_role_change_shows_on_the_next_request(client, liaison):
    client.force_login(liaison)
    assert "reporting.add_report" in Backend().get_user(liaison.pk).get_all_permissions()
    liaison.groups.set([Group.objects.get(name=Role.LEADER)])
    assert "reporting.add_report" not in Backend().get_user(liaison.pk).get_all_permissions()
    assert Backend().get_user(liaison.pk).roles == frozenset({Role.LEADER})


def test_the_header_count_on_a_page(client, liaison):
    NotificationFactory.create_batch(4, recipient=liaison)
    client.force_login(liaison)
    page = client.get("/help/").text
    assert 'title="未读通知">4</span>' in page


def test_compiled_get_answers_as_the_orm_and_keeps_its_parameters():
    units = list(MemberUnit.objects.order_by("pk")[:3])
    query = CompiledGet(lambda: MemberUnit.objects.exclude(name=""))
    for unit in units:
        assert query.get(unit.pk) == unit
        assert query.get(str(unit.pk)).name == unit.name
    assert query.get(2_000_000_000) is None
    MemberUnit.objects.filter(pk=units[0].pk).update(name="")
    assert query.get(units[0].pk) is None  # the compiled filter still applies


def test_the_session_store_reads_what_djangos_wrote():
    theirs = DjangoSessionStore()
    theirs["answer"] = 42
    theirs.create()
    ours = SessionStore(session_key=theirs.session_key)
    assert ours["answer"] == 42
    assert ours.session_key == theirs.session_key

    ours["more"] = "是"
    ours.save()
    assert DjangoSessionStore(session_key=theirs.session_key)["more"] == "是"


def test_the_session_store_ignores_an_expired_or_unknown_session():
    store = SessionStore()
    store["x"] = 1
    store.set_expiry(-10)
    store.create()
    expired = SessionStore(session_key=store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None
    unknown = SessionStore(session_key="x" * 32)
    assert unknown.load() == {} and unknown.session_key is None


def _session_with_device(client, user, device) -> None:
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def test_a_session_verified_by_the_users_device_passes(client, director):
    device = TOTPDevice.objects.create(user=director, name="phone", confirmed=True)
    _session_with_device(client, director, device)
    assert client.get("/dashboard/").status_code == 200


@pytest.mark.parametrize("change", ["deleted", "unconfirmed", "someone_elses", "recovery_codes"])
def test_a_session_with_a_device_no_longer_valid_is_asked_again(client, director, change):
    device = TOTPDevice.objects.create(user=director, name="phone", confirmed=True)
    if change == "recovery_codes":
        # A recovery code passes too: another device type, read by its own compiled statement.
        codes = StaticDevice.objects.create(user=director, name="backup", confirmed=True)
        _session_with_device(client, director, codes)
        assert client.get("/dashboard/").status_code == 200
        codes.delete()
    else:
        _session_with_device(client, director, device)
        if change == "deleted":
            device.delete()
        elif change == "unconfirmed":
            TOTPDevice.objects.filter(pk=device.pk).update(confirmed=False)
        else:
            TOTPDevice.objects.filter(pk=device.pk).update(user=UserFactory())
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/two-factor/")


def test_a_malformed_device_id_in_the_session_is_no_device(client, director):
    TOTPDevice.objects.create(user=director, name="phone", confirmed=True)
    client.force_login(director)
    for bad in ("otp_totp.totpdevice/abc", "nosuch.model/1", "auth.group/1", "garbage"):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = bad
        session.save()
        response = client.get("/dashboard/")
        assert response.status_code == 302, bad


@pytest.mark.parametrize("cookie", ["abcdefgh\x00ijklmnop", "é" * 32, "A" * 32, "X" * 5000, "short"])
def test_a_session_cookie_no_store_could_issue_starts_a_new_session(client, cookie):
    client.raise_request_exception = False
    client.cookies["sessionid"] = cookie
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert SessionStore(session_key=cookie).session_key is None


def test_a_page_reads_the_user_itself_once_the_second_factor_is_checked(client, office_staff):
    """Not through auth's and django-otp's lazy objects: each attribute read through them raised and caught
    an AttributeError in both (issue 21)."""
    client.force_login(office_staff)
    response = client.get("/cases/")
    assert response.status_code == 200
    assert type(response.wsgi_request.user) is User
    assert callable(response.wsgi_request.user.is_verified)  # django-otp's answer stays on it
    anonymous = client.__class__().get("/healthz")
    assert not anonymous.wsgi_request.user.is_authenticated
