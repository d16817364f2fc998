"""Settings come from the environment; a production start-up with a bad one stops and names it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Variables the test run sets for itself (pyproject's pytest env), which a production start-up would not have.
STRIPPED = {
    "SECRET_KEY",
    "DATABASE_URL",
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "CELERY_TASK_ALWAYS_EAGER",
    "CELERY_BROKER_URL",
    # Set for the whole test process by the browser journeys (tests/browser/conftest.py), never in production.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-key-8f3k2m9x7q1w5e4r6t0y-abcdefghijk",
    "ALLOWED_HOSTS": "zhiqian.liudong.gov.cn",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
}


def _django(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in STRIPPED}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "liudong_wages.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in STRIPPED}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_database_url_the_database_is_a_sqlite_file():
    result = _django(
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        {**PRODUCTION, "DATABASE_URL": ""},
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3", result.stderr


def test_with_database_url_the_database_is_postgresql():
    result = _django(
        "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'])",
        PRODUCTION,
    )
    # Django's backend with the project's choice of prepared statements (liudong_wages/postgresql).
    assert result.stdout.strip() == "liudong_wages.postgresql postgres", result.stderr


def test_the_interface_is_chinese_in_shanghai_time():
    result = _django(
        "from django.conf import settings as s; print(s.LANGUAGE_CODE, s.TIME_ZONE, s.USE_TZ)",
        PRODUCTION,
    )
    assert result.stdout.strip() == "zh-hans Asia/Shanghai True"


def test_policy_numbers_come_from_the_environment():
    result = _django(
        "from django.conf import settings; print(settings.LIUDONG['POLICE_THRESHOLD_TOTAL'], "
        "settings.LIUDONG['REPORT_REMINDER_OFFSETS'])",
        {**PRODUCTION, "POLICE_THRESHOLD_TOTAL": "50000", "REPORT_REMINDER_OFFSETS": "3,0"},
    )
    assert result.stdout.strip() == "50000 [3, 0]", result.stderr


def test_a_missing_secret_key_in_production_stops_start_up_and_names_it():
    result = _django("", {**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_malformed_database_url_stops_start_up_and_names_it():
    result = _django("", {**PRODUCTION, "DATABASE_URL": "mysql-ish:/nonsense"})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_a_malformed_policy_number_names_the_variable():
    result = _django("", {**PRODUCTION, "POLICE_THRESHOLD_TOTAL": "thirty thousand"})
    assert result.returncode != 0
    assert "POLICE_THRESHOLD_TOTAL" in result.stderr


def test_production_settings_pass_the_deployment_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("debug", ["true", "false"])
def test_without_a_broker_tasks_run_eagerly(debug):
    env = {**PRODUCTION, "DEBUG": debug, "CELERY_BROKER_URL": ""}
    result = _django("from liudong_wages.celery import app; print(app.conf.task_always_eager)", env)
    assert result.stdout.strip() == "True", result.stderr


def test_with_a_broker_tasks_go_to_it():
    env = {**PRODUCTION, "CELERY_BROKER_URL": "redis://127.0.0.1:6379/15"}
    result = _django(
        "from liudong_wages.celery import app; print(app.conf.task_always_eager, app.conf.broker_url)", env
    )
    assert result.stdout.strip() == "False redis://127.0.0.1:6379/15", result.stderr
