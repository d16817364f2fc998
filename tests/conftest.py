"""Fixtures shared by every test: users of each role, an outsider, a clean calendar cache, Chinese first."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from liudong_wages import twofactor, workdays
from liudong_wages.models import MemberUnit
from liudong_wages.roles import Role

from .factories import UserFactory


@pytest.fixture
def transactional_db(django_db_serialized_rollback, transactional_db):
    """Transactional tests empty every table when they end, including the member units and roles that data
    migrations seeded; the serialized rollback puts those back for the tests that follow."""
    return transactional_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs a third of a second per password; tests check logins, not the hash's strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    # A request in English (the language switch) leaves English active in the process's thread; a later test
    # on the same worker would read its lazy strings in English. Each test starts in Chinese.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # The calendar remembers the office's entries for a minute per process; each test starts clean.
    workdays.forget()
    yield
    workdays.forget()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """`client.force_login(user)` stands for a whole login: for a role that must use two factors it also
    passes the second one (a confirmed device, verified in the session as django-otp's `login` does).
    Tests of logging in itself post to the real pages (tests/liudong_wages/test_two_factor.py)."""
    force_login = Client.force_login

    def force_login_verified(self, user, backend=None):
        force_login(self, user, backend)
        # A fresh copy, so that the test's own user object keeps no cached roles.
        if twofactor.required_for(type(user)._default_manager.get(pk=user.pk)):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="测试验证器", confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login_verified)


@pytest.fixture
def unit(db):
    """A member unit with a monthly reporting duty: 柳东建设局."""
    return MemberUnit.objects.get(code="jsj")


@pytest.fixture
def other_unit(db):
    return MemberUnit.objects.get(code="jfj")


@pytest.fixture
def director(db):
    return UserFactory(roles=[Role.DIRECTOR], unit__code="rsj")


@pytest.fixture
def office_staff(db):
    return UserFactory(roles=[Role.OFFICE], unit__code="rsj")


@pytest.fixture
def inspector(db):
    return UserFactory(roles=[Role.INSPECTOR], unit__code="rsj")


@pytest.fixture
def liaison(db, unit):
    return UserFactory(roles=[Role.LIAISON], unit=unit)


@pytest.fixture
def other_liaison(db, other_unit):
    return UserFactory(roles=[Role.LIAISON], unit=other_unit)


@pytest.fixture
def police(db):
    return UserFactory(roles=[Role.LIAISON, Role.POLICE], unit__code="gaj")


@pytest.fixture
def stability(db):
    return UserFactory(roles=[Role.LIAISON, Role.STABILITY], unit__code="zzb")


@pytest.fixture
def approver(db):
    return UserFactory(roles=[Role.APPROVER], unit__code="gwh")


@pytest.fixture
def treasurer(db):
    return UserFactory(roles=[Role.TREASURER], unit__code="czj")


@pytest.fixture
def leader(db):
    return UserFactory(roles=[Role.LEADER], unit__code="gwh")


@pytest.fixture
def outsider(db):
    """Logged in, but with no role and no unit: sees nothing that is not public."""
    return UserFactory(roles=[], unit=None)


@pytest.fixture
def users_by_role(
    director, office_staff, inspector, liaison, police, stability, approver, treasurer, leader, outsider
):
    return {
        "director": director,
        "office": office_staff,
        "inspector": inspector,
        "liaison": liaison,
        "police": police,
        "stability": stability,
        "approver": approver,
        "treasurer": treasurer,
        "leader": leader,
        "outsider": outsider,
    }


@pytest.fixture
def frozen():
    """Freeze 'now' at 10:00 Beijing time on a given day, as often as a test needs: frozen(dt.date(2026, 10, 9))."""
    travellers = []

    def freeze(day: dt.date):
        traveller = time_machine.travel(
            dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
            tick=False,
        )
        traveller.start()
        travellers.append(traveller)

    yield freeze
    for traveller in reversed(travellers):
        traveller.stop()
