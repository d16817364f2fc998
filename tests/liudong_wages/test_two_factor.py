"""Two-factor login: required for the director, the approver, the treasurer and administrators."""

import base64
import datetime as dt
import re

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from liudong_wages import twofactor
from liudong_wages.models import Notification

from ..factories import DEFAULT_PASSWORD, UserFactory


def _password_login(client, user):
    response = client.post("/accounts/login/", {"username": user.username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return response


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def _setup(client, user) -> list[str]:
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/accounts/two-factor/setup/", {"token": _code(device), "next": "/"})
    assert response.status_code == 200
    return re.findall(r"<li>([0-9a-f]{8})</li>", response.text)


@pytest.mark.parametrize("role", ["director", "approver", "treasurer"])
def test_a_privileged_role_must_set_up_a_second_factor_before_anything_else(client, users_by_role, role):
    user = users_by_role[role]
    _password_login(client, user)
    response = client.get("/units/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/")
    page = client.get(response["Location"])
    assert "必须使用双因素登录" in page.text
    assert 'src="data:image/svg+xml' in page.text

    codes = _setup(client, user)
    assert len(codes) == twofactor.RECOVERY_CODES
    assert client.get("/units/").status_code == 200


def test_an_administrator_must_use_it_too(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True, roles=[])
    _password_login(client, admin)
    assert client.get("/admin/")["Location"].startswith("/accounts/two-factor/setup/")


def test_a_wrong_code_does_not_confirm_the_device(client, director):
    _password_login(client, director)
    client.get("/accounts/two-factor/setup/")
    response = client.post("/accounts/two-factor/setup/", {"token": "000000"})
    assert "验证码不正确" in response.text
    assert not TOTPDevice.objects.get(user=director).confirmed
    assert client.get("/")["Location"].startswith("/accounts/two-factor/setup/")


def _a_minute_later():
    # A TOTP code is accepted once: the next login needs the next code.
    return time_machine.travel(dt.timedelta(seconds=60))


def test_next_time_the_code_is_asked_after_the_password(client, director):
    _password_login(client, director)
    _setup(client, director)
    client.post("/accounts/logout/")
    travel = _a_minute_later()
    traveller = travel.start()

    _password_login(client, director)
    response = client.get("/units/")
    assert response["Location"] == "/accounts/two-factor/verify/?next=%2Funits%2F"
    wrong = client.post("/accounts/two-factor/verify/", {"token": "123456", "next": "/units/"})
    assert "验证码不正确或已过期" in wrong.text
    device = TOTPDevice.objects.get(user=director, confirmed=True)
    # The wrong code started django-otp's throttle (1 s, doubling): wait it out.
    traveller.shift(dt.timedelta(seconds=5))
    right = client.post("/accounts/two-factor/verify/", {"token": _code(device), "next": "/units/"})
    assert right["Location"] == "/units/"
    assert client.get("/units/").status_code == 200
    travel.stop()


def test_a_recovery_code_works_once(client, director):
    _password_login(client, director)
    codes = _setup(client, director)
    client.post("/accounts/logout/")

    _password_login(client, director)
    assert client.post("/accounts/two-factor/verify/", {"token": codes[0], "next": "/"})["Location"] == "/"
    client.post("/accounts/logout/")
    _password_login(client, director)
    reused = client.post("/accounts/two-factor/verify/", {"token": codes[0], "next": "/"})
    assert reused.status_code == 200
    assert client.get("/")["Location"].startswith("/accounts/two-factor/verify/")


def test_it_is_optional_for_a_liaison_until_they_add_a_device(client, liaison):
    _password_login(client, liaison)
    assert client.get("/").status_code == 200
    _setup(client, liaison)
    client.post("/accounts/logout/")
    _password_login(client, liaison)
    assert client.get("/")["Location"].startswith("/accounts/two-factor/verify/")


def test_the_verify_step_does_not_redirect_elsewhere(client, director):
    _password_login(client, director)
    _setup(client, director)
    client.post("/accounts/logout/")
    _password_login(client, director)
    device = TOTPDevice.objects.get(user=director, confirmed=True)
    with _a_minute_later():
        response = client.post(
            "/accounts/two-factor/verify/", {"token": _code(device), "next": "https://evil.example/"}
        )
    assert response["Location"] == "/"


SETUP = "/accounts/two-factor/setup/"


def _secret_code(page_text: str) -> str | None:
    """What an attacker reads off the setup page: the new secret, turned into the app's current code."""
    found = re.search(r'id="totp-secret">([A-Z2-7]+)<', page_text)
    if not found:
        return None
    key = base64.b32decode(found.group(1) + "=" * (-len(found.group(1)) % 8))
    return f"{totp(key):06d}"


@pytest.mark.parametrize("role", ["director", "approver"])
def test_a_password_alone_cannot_set_up_a_new_device_over_the_existing_one(client, users_by_role, role):
    user = users_by_role[role]
    _password_login(client, user)
    codes = _setup(client, user)
    client.post("/accounts/logout/")
    with _a_minute_later():
        # The attacker knows the password only: the session waits for the code.
        _password_login(client, user)
        page = client.get(SETUP)
        assert page.status_code == 302
        assert page["Location"].startswith("/accounts/two-factor/verify/")
        code = _secret_code(page.text) if page.status_code == 200 else None
        client.post(SETUP, {"token": code or "123456", "next": "/"})

    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()
    assert client.get("/units/")["Location"].startswith("/accounts/two-factor/verify/")
    # The user's recovery codes were not replaced.
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(codes)


def _verified(client, user) -> list[str]:
    _password_login(client, user)
    return _setup(client, user)


def test_replacing_the_device_asks_for_the_current_code_and_tells_the_user(client, director):
    codes = _verified(client, director)
    old = TOTPDevice.objects.get(user=director, confirmed=True)
    with _a_minute_later():
        page = client.get(SETUP)
        assert page.status_code == 200
        assert 'name="current"' in page.text
        new = TOTPDevice.objects.get(user=director, confirmed=False)

        without = client.post(SETUP, {"token": _code(new), "next": "/"})
        assert without.status_code == 200
        assert "请输入当前的验证码" in without.text
        wrong = client.post(SETUP, {"current": "00000000", "token": _code(new), "next": "/"})
        assert "当前验证码不正确" in wrong.text
        new.refresh_from_db()
        assert not new.confirmed

    with time_machine.travel(dt.timedelta(seconds=120)):
        done = client.post(SETUP, {"current": codes[0], "token": _code(new), "next": "/"})
    assert done.status_code == 200
    new_codes = re.findall(r"<li>([0-9a-f]{8})</li>", done.text)
    assert len(new_codes) == twofactor.RECOVERY_CODES and codes[1] not in new_codes
    # The new app replaces the old one.
    assert list(TOTPDevice.objects.filter(user=director).values_list("pk", flat=True)) == [new.pk]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    # Told twice: when the first app was set up, and now that it was replaced.
    first, notice = Notification.objects.filter(recipient=director, kind="two_factor").order_by("pk")
    assert "已启用" in first.title
    assert "已更换" in notice.title
    assert notice.email_status == Notification.EmailStatus.PENDING


def test_a_user_without_a_device_sets_one_up_without_a_current_code(client, liaison):
    _password_login(client, liaison)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert 'name="current"' not in page.text
    assert len(_setup(client, liaison)) == twofactor.RECOVERY_CODES


def test_a_liaison_with_a_device_cannot_replace_it_with_the_password_alone(client, liaison):
    _password_login(client, liaison)
    _setup(client, liaison)
    client.post("/accounts/logout/")
    _password_login(client, liaison)
    assert client.get(SETUP)["Location"].startswith("/accounts/two-factor/verify/")
    assert TOTPDevice.objects.filter(user=liaison).count() == 1


def test_the_admin_login_page_does_not_log_a_superuser_in_with_the_password_alone(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True, roles=[])
    response = client.post(
        "/admin/login/?next=/admin/", {"username": admin.username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    for path in ("/admin/", "/audit/", "/units/"):
        assert client.get(path).status_code == 302, path
        assert "_auth_user_id" not in client.session


def test_the_admin_sends_its_login_to_the_sites_login(client, db):
    entry = client.get("/admin/", follow=True)
    assert entry.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert "用户名" in entry.text


def test_a_superuser_reaches_the_admin_after_both_factors_on_the_sites_login(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True, roles=[])
    response = client.post(
        "/accounts/login/?next=/admin/", {"username": admin.username, "password": DEFAULT_PASSWORD}
    )
    assert client.get(response["Location"])["Location"].startswith("/accounts/two-factor/setup/")
    _setup(client, admin)
    assert client.get("/admin/").status_code == 200


def test_a_logged_in_user_who_is_not_staff_is_refused_by_the_admin_login_not_sent_round(client, liaison):
    client.force_login(liaison)
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def _login_without_the_login_page(client, user):
    # django.contrib.auth.login, as the test client's login and force_login call it, without the second
    # factor that tests/conftest.py adds to force_login.
    client._login(user, "liudong_wages.backends.Backend")


@pytest.mark.parametrize("role", ["director", "approver", "treasurer", "superuser"])
def test_a_session_that_did_not_pass_the_second_factor_opens_nothing(client, users_by_role, role):
    """Whatever logged the session in (here Django's own `login`, not the login page), a role that must use
    two factors is sent to them until django-otp says the session is verified."""
    user = users_by_role.get(role) or UserFactory(is_staff=True, is_superuser=True, roles=[])
    _login_without_the_login_page(client, user)
    for path in ("/", "/audit/", "/admin/", "/units/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/two-factor/setup/"), path


def test_a_session_without_the_code_is_sent_to_verify_when_a_device_exists(client, director):
    _password_login(client, director)
    _setup(client, director)
    client.post("/accounts/logout/")
    _login_without_the_login_page(client, director)
    assert client.get("/audit/")["Location"].startswith("/accounts/two-factor/verify/")


def test_force_login_in_tests_stands_for_both_factors(client, director):
    client.force_login(director)
    assert client.get("/units/").status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/admin/", "/admin/\x00"])
def test_the_admin_login_keeps_its_next_on_this_site(client, db, target):
    response = client.get("/admin/login/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] in ("/accounts/login/?next=%2F", "/accounts/login/?next=%2Fadmin%2F%00")


def test_wrong_codes_throttle_the_right_one(client, director):
    _password_login(client, director)
    _setup(client, director)
    client.post("/accounts/logout/")
    with _a_minute_later():
        _password_login(client, director)
        for _ in range(3):
            client.post("/accounts/two-factor/verify/", {"token": "000000", "next": "/"})
        device = TOTPDevice.objects.get(user=director, confirmed=True)
        refused = client.post("/accounts/two-factor/verify/", {"token": _code(device), "next": "/"})
    assert refused.status_code == 200
    assert client.get("/units/")["Location"].startswith("/accounts/two-factor/verify/")


@pytest.mark.parametrize("value", ["", " ", "²", "\x00", "=HYPERLINK(1)", "9" * 17, "é" * 16])
def test_odd_codes_on_the_replace_form_are_answered_in_chinese(client, director, value):
    client.force_login(director)
    response = client.post(SETUP, {"current": value, "token": value, "next": "/"})
    assert response.status_code == 200
    assert "invalid-feedback" in response.text
    assert TOTPDevice.objects.filter(user=director, confirmed=True).count() == 1


def test_two_sessions_setting_up_never_share_a_secret(client, director):
    """The attacker's password-only session and the director's own both wait for setup: the secret the
    attacker saw must not become the director's device."""
    from django.test import Client

    attacker = Client()
    _password_login(attacker, director)
    seen = _secret_code(attacker.get(SETUP).text)
    attackers_secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', attacker.get(SETUP).text).group(1)

    _password_login(client, director)
    own_page = client.get(SETUP).text
    assert attackers_secret not in own_page
    codes = re.findall(
        r"<li>([0-9a-f]{8})</li>",
        client.post(SETUP, {"token": _secret_code(own_page), "next": "/"}).text,
    )
    assert len(codes) == twofactor.RECOVERY_CODES

    # The attacker's code from the secret they saw neither confirms a device nor passes the second factor.
    assert attacker.post(SETUP, {"token": seen, "next": "/"}).status_code == 302
    attacker.post("/accounts/two-factor/verify/", {"token": seen, "next": "/"})
    assert attacker.get("/units/")["Location"].startswith("/accounts/two-factor/verify/")
    assert TOTPDevice.objects.filter(user=director).count() == 1
