"""Faults of the real services (issue 9): Redis down, a worker killed mid-task, a database connection cut.

Run them with `pytest -m faults`. They start their own processes on free local ports: a throwaway
`redis-server`, Celery workers (`-P solo`) and a gunicorn web process, all on the test database; the
machine's Redis and PostgreSQL servers are never stopped (other people's tests use them).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from liudong_wages.models import Notification
from liudong_wages.roles import Role

from .factories import NotificationFactory, UserFactory

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.faults,
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, *, timeout: float, what: str, every: float = 0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class PrivateRedis:
    """A redis-server of this test's own, on a free port, without persistence: start, stop, start again."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._answers, timeout=10, what="the private redis-server")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def redis_server():
    server = PrivateRedis()
    yield server
    server.stop()


def _test_database_url() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def workers(transactional_db, tmp_path):
    """Starts Celery workers on a broker, with the test database and tests/fault_settings.py; kills what is
    left of them at the end. `start(broker_url)` returns the process."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs the test database on PostgreSQL")
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    started: list[tuple[subprocess.Popen, Path]] = []

    def start(broker_url: str) -> subprocess.Popen:
        log = tmp_path / f"worker-{len(started)}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.fault_settings",
            "DATABASE_URL": _test_database_url(),
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "FAULT_MAIL_DIR": str(mail_dir),
        }
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "celery", "-A", "liudong_wages", "worker", "-P", "solo"),
                *("--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "info"),
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        process.log_path = log
        started.append((process, log))
        wait_for(lambda: "ready." in log.read_text(), timeout=180, what="the worker to start")
        return process

    start.mail_dir = mail_dir
    yield start
    for process, log in started:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        print(f"--- {log.name}\n{log.read_text()[-3000:]}")


def sent_mails(mail_dir: Path) -> list[str]:
    return [p.read_text() for p in mail_dir.glob("*.log")]


@pytest.fixture
def broker(settings, redis_server):
    """Point the web side (settings and the Celery app) at the private Redis, tasks no longer eager."""
    from liudong_wages.celery import app

    names = ("broker_url", "broker_read_url", "broker_write_url", "task_always_eager")
    saved = {name: app.conf[name] for name in names}
    settings.CELERY_BROKER_URL = redis_server.url
    # Celery copied the URL into the read and write URLs when it was configured: change all three.
    app.conf.update(dict.fromkeys(names[:3], redis_server.url), task_always_eager=False)
    _fresh_pools(app)
    yield redis_server
    app.conf.update(saved)
    _fresh_pools(app)


def _fresh_pools(app) -> None:
    """Forget the pooled broker connections, so that nothing made for one broker URL serves another (what
    Celery itself does after a fork)."""
    app._pool = None
    app.amqp._producer_pool = None


# (a) Redis down -------------------------------------------------------------------------------------------


def test_with_redis_down_pages_save_and_the_mail_goes_out_when_it_is_back(client, broker, workers):
    stability = UserFactory(roles=[Role.LIAISON, Role.STABILITY], unit__code="zzb")
    office = [UserFactory(roles=[Role.OFFICE], unit__code="rsj") for _ in range(2)]
    client.force_login(stability)

    broker.start()
    assert client.get("/healthz").json()["broker"] == "ok"
    broker.stop()
    health = client.get("/healthz")
    assert health.status_code == 200
    state = health.json()
    assert state["database"] == "ok"
    assert state["broker"].startswith("error")
    assert state["status"] == "degraded"

    started = time.monotonic()
    response = client.post(
        "/cases/petitions/new/",
        {
            "received_on": timezone.localdate().isoformat(),
            "petitioner_name": "韦某",
            "petitioner_phone": "13877200001",
            "people_count": "12",
            "employer_name": "柳州市某建筑劳务有限公司",
            "project_name": "柳东新区某安置房项目",
            "amount_claimed": "120000.00",
            "summary": "12 名工人到新区管委会反映被拖欠工资。",
        },
    )
    took = time.monotonic() - started
    assert response.status_code == 302, response.content.decode()[:2000]
    pending = Notification.objects.filter(recipient__in=office, email_status=Notification.EmailStatus.PENDING)
    assert pending.count() == 2, "the office's notifications wait in the outbox"
    assert took < 30, f"the page took {took:.1f} s with the broker down"

    # Redis is back (the same port, empty: it kept nothing): the health check says so, and the minute job (as beat sends it) empties the outbox.
    broker.start()
    assert client.get("/healthz").json()["broker"] == "ok"
    workers(broker.url)
    from liudong_wages.tasks import deliver_pending_email

    deliver_pending_email.delay()
    wait_for(
        lambda: (
            not Notification.objects.filter(recipient__in=office)
            .exclude(email_status=Notification.EmailStatus.SENT)
            .exists()
        ),
        timeout=180,
        what="the outbox to be sent",
    )
    mails = sent_mails(workers.mail_dir)
    for user in office:
        assert sum(user.email in mail for mail in mails) == 1, f"{user.email} got {len(mails)} mails"


# (b) a worker killed mid-task ------------------------------------------------------------------------------


def test_a_worker_killed_mid_send_neither_loses_nor_duplicates_the_mail(broker, workers):
    broker.start()
    liaison = UserFactory(roles=[Role.LIAISON], unit__code="jsj")
    notification = NotificationFactory(
        recipient=liaison, title="柳东建设局：10月份报表已退回", email_status=Notification.EmailStatus.PENDING
    )
    (workers.mail_dir / "slow").write_text("120")  # the first send hangs for two minutes
    first = workers(broker.url)
    from liudong_wages.tasks import deliver_pending_email

    deliver_pending_email.delay()
    wait_for(
        lambda: list(workers.mail_dir.glob("sending-*")),
        timeout=180,
        what="the first worker to start sending",
    )
    notification.refresh_from_db()
    assert notification.email_status == Notification.EmailStatus.SENDING

    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    (workers.mail_dir / "slow").unlink()
    assert sent_mails(workers.mail_dir) == []

    # Another worker. The minute job (as beat sends it) finds the row's claim expired (CLAIM_TIMEOUT) and
    # sends it; the killed worker's unacknowledged task also comes back from Redis (acks_late, visibility
    # timeout; Kombu looks for such tasks every 100 s or so) and finds nothing left to send.
    second = workers(broker.url)
    deliver_pending_email.delay()
    wait_for(
        lambda: Notification.objects.get(pk=notification.pk).email_status == Notification.EmailStatus.SENT,
        timeout=180,
        what="the mail to be sent by the second worker",
    )
    wait_for(
        lambda: second.log_path.read_text().count("succeeded") >= 2,
        timeout=180,
        what="the killed worker's task to come back from Redis",
        every=2,
    )
    mails = sent_mails(workers.mail_dir)
    assert len(mails) == 1
    assert liaison.email in mails[0]
    notification.refresh_from_db()
    assert notification.email_attempts == 2


# (c) the database connection cut under the web process ----------------------------------------------------


@pytest.fixture
def web(transactional_db, tmp_path):
    """A gunicorn web process on a free port, on the test database, with the production connection settings
    (CONN_MAX_AGE=60, CONN_HEALTH_CHECKS) and its connections named so the test can find them."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DATABASE_URL": f"{_test_database_url()}?application_name=liudong_fault_web",
        "CONN_MAX_AGE": "60",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "liudong_wages.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )

    def get(path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=20) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def up() -> bool:
        try:
            return get("/healthz")[0] in (200, 503)
        except OSError:
            return False

    try:
        wait_for(up, timeout=180, what="gunicorn to answer")
        yield get
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        print(log.read_text()[-3000:])


def _web_backends(admin: psycopg.Connection) -> list[int]:
    rows = admin.execute(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'liudong_fault_web' AND datname = %s",
        [settings.DATABASES["default"]["NAME"]],
    ).fetchall()
    return [pid for (pid,) in rows]


def test_the_web_survives_its_database_connection_being_killed(web):
    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        dbname=db["NAME"],
        autocommit=True,
    ) as admin:
        status, body = web("/report/track/?code=ABCD2345")
        assert status == 200
        backends = wait_for(lambda: _web_backends(admin), timeout=10, what="the web process's connection")
        assert len(backends) == 1, "CONN_MAX_AGE keeps one connection open between requests"
        admin.execute("SELECT pg_terminate_backend(%s)", [backends[0]])
        wait_for(lambda: not _web_backends(admin), timeout=10, what="the backend to end")

        # The next requests check the connection first (CONN_HEALTH_CHECKS) and open a new one.
        status, body = web("/report/track/?code=ABCD2345")
        assert status == 200, body.decode()[:2000]
        status, body = web("/healthz")
        assert status == 200
        assert json.loads(body)["database"] == "ok"
        assert _web_backends(admin) not in ([], backends)
