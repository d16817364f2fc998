"""Two-factor login: required for the director, the approver, the treasurer and administrators."""

import datetime as dt
import re

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from liudong_wages import twofactor

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
