import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liudong_wages.roles import Role

from ..factories import DEFAULT_PASSWORD, UserFactory

LOGIN = "/accounts/login/"


def _login(client, username, password=DEFAULT_PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_login_page_is_in_chinese(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "用户名" in response.text
    assert "密码" in response.text


def test_a_user_logs_in_and_lands_on_the_start_page(client, liaison):
    response = _login(client, liaison.username)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert liaison.display_name in client.get("/").text


def test_a_wrong_password_says_so_without_telling_whether_the_user_exists(client, liaison):
    wrong_password = _login(client, liaison.username, "not-the-password")
    unknown_user = _login(client, "nobody-here", "not-the-password")
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert "用户名或密码不正确" in wrong_password.text
    assert "用户名或密码不正确" in unknown_user.text
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, liaison):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, liaison.username, "wrong")
    locked = _login(client, liaison.username)
    assert locked.status_code == 429
    assert "已暂时锁定" in locked.text
    assert "_auth_user_id" not in client.session


def test_the_lock_is_for_that_user_and_address_only(client, liaison, other_liaison):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, liaison.username, "wrong")
    assert _login(client, other_liaison.username).status_code == 302
    assert _login(client, liaison.username, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, liaison):
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(client, liaison.username, "wrong")
        assert _login(client, liaison.username).status_code == 429
        traveller.shift(settings.AXES_COOLOFF_TIME + dt.timedelta(minutes=1))
        assert _login(client, liaison.username).status_code == 302


def test_the_session_expires_after_idle_minutes(client, liaison):
    idle = dt.timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        _login(client, liaison.username)
        traveller.shift(idle - dt.timedelta(minutes=1))
        assert client.get("/").status_code == 200  # activity pushes the expiry forward
        traveller.shift(idle - dt.timedelta(minutes=1))
        assert client.get("/").status_code == 200
        traveller.shift(idle + dt.timedelta(minutes=1))
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


def _session_writes(client, path="/") -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return sum(1 for query in captured if query["sql"].startswith('UPDATE "django_session"'))


def test_the_session_is_written_at_most_once_a_minute(client, liaison):
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        _login(client, liaison.username)
        traveller.shift(dt.timedelta(seconds=30))
        assert _session_writes(client) == 0
        traveller.shift(dt.timedelta(seconds=31))
        assert _session_writes(client) == 1
        assert _session_writes(client) == 0


def test_an_idle_user_is_logged_out_no_later_than_the_setting_says(client, liaison):
    # The request 50 seconds after the login does not save the session; the idle time still counts from
    # the login, so the user is out by SESSION_IDLE_MINUTES after their last request at the latest.
    idle = dt.timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        _login(client, liaison.username)
        traveller.shift(dt.timedelta(seconds=50))
        assert client.get("/").status_code == 200
        traveller.shift(idle)
        assert client.get("/")["Location"].startswith(LOGIN)


def test_logout_is_a_post_and_ends_the_session(client, liaison):
    client.force_login(liaison)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_pages_need_a_login(client, db):
    response = client.get("/units/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/units/"


@pytest.mark.parametrize(
    "password, message",
    [("48213957602", "密码只包含数字"), ("password123", "这个密码太常见了")],
)
def test_weak_passwords_are_refused_in_chinese(db, password, message):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = UserFactory(roles=[Role.LIAISON])
    with pytest.raises(ValidationError) as error:
        validate_password(password, user)
    assert any(message in m for m in error.value.messages), error.value.messages
