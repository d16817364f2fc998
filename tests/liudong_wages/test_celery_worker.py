"""A task through a real Celery worker on the configured broker (CI configures Redis)."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from liudong_wages.models import Notification
from liudong_wages.tasks import deliver_pending_email

from ..factories import NotificationFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
    pytest.mark.skipif(
        not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
        reason="no Redis broker configured",
    ),
]


@pytest.fixture
def worker(transactional_db, tmp_path):
    """A worker process on its own queue, using the test database, writing e-mails to files."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs the test database on PostgreSQL")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_URL": f"filemail:///{tmp_path}",  # django-environ drops one leading slash
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "liudong_wages",
            "worker",
            "-P",
            "solo",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "info",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield queue, tmp_path
    process.terminate()
    try:
        output, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    print(output)


def test_a_worker_on_redis_sends_the_outbox(worker, liaison):
    queue, mail_dir = worker
    notification = NotificationFactory(
        recipient=liaison, title="柳东建设局：10月份报表已退回", email_status=Notification.EmailStatus.PENDING
    )
    from liudong_wages.celery import app

    # send_task always goes through the broker, even where the test settings run tasks eagerly.
    app.send_task(deliver_pending_email.name, queue=queue)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        notification.refresh_from_db()
        if notification.email_status == Notification.EmailStatus.SENT:
            break
        time.sleep(0.5)
    assert notification.email_status == Notification.EmailStatus.SENT
    sent = "".join(path.read_text() for path in mail_dir.iterdir())
    assert liaison.email in sent
