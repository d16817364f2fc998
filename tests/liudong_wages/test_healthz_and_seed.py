from io import StringIO

from django.core.management import call_command

from liudong_wages.demo import DEMO_USERS
from liudong_wages.models import MemberUnit, User
from liudong_wages.roles import Role


def test_healthz_reports_the_database_and_the_broker(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] in {"ok", "eager", "ok (filesystem)"}
    assert body["status"] == "ok"


def test_healthz_says_degraded_when_the_broker_is_unreachable(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    from liudong_wages.celery import app

    old = app.conf.broker_url
    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = old
    assert response.status_code == 200  # the pages still work without the broker
    assert response.json()["broker"].startswith("error")
    assert response.json()["status"] == "degraded"


def test_seed_demo_creates_a_user_for_every_role_and_runs_twice(db):
    first = StringIO()
    call_command("seed_demo", stdout=first)
    users = User.objects.filter(username__in=[d.username for d in DEMO_USERS])
    assert users.count() == len(DEMO_USERS)
    passwords = dict(users.values_list("username", "password"))
    for role in Role:
        assert User.objects.filter(groups__name=role).exists(), role
    # A liaison in every member unit but the office's own.
    liaison_units = set(User.objects.filter(groups__name=Role.LIAISON).values_list("unit__code", flat=True))
    assert liaison_units == set(
        MemberUnit.objects.filter(kind="member", is_office=False).values_list("code", flat=True)
    )
    assert "密码只显示这一次" in first.getvalue()

    second = StringIO()
    call_command("seed_demo", stdout=second)
    assert users.count() == len(DEMO_USERS)
    assert dict(users.values_list("username", "password")) == passwords
    assert "密码未改" in second.getvalue()


def test_seed_demo_with_a_given_password_lets_the_users_log_in(client, db):
    call_command("seed_demo", password="Demo-pass-2026", stdout=StringIO())
    response = client.post("/accounts/login/", {"username": "zhuren", "password": "Demo-pass-2026"})
    assert response.status_code == 302


def test_pages_forbid_inline_script_and_framing(client, liaison):
    client.force_login(liaison)
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "<script>" not in response.text
