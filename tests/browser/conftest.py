"""Journeys in headless Chromium against the app on 127.0.0.1 (issue 10).

The app is pytest-django's `live_server` (a thread of this process, on the test database in PostgreSQL);
a real Celery worker runs beside it on Redis and the same database, so what a user does in the browser goes
through the broker as in production. Chromium is Debian's (`apt-get install chromium`, which `bin/setup`
does as root); `playwright install` downloads a browser and fails on these machines (DESIGN.md section 9).

Each journey runs at a fixed moment of the Chinese calendar (`clock`), ticking from there: report deadlines,
reminders and case time limits depend on the day. The live server shares this process's clock; the worker
is started under the same moment; the browser keeps its own clock, which only matters to cookies that
carry a Max-Age (they do not care which day it is).

With `HELP_SCREENSHOTS=1` (bin/screenshots) the journeys also write the screenshots of the help pages into
static/help/; otherwise screenshots go to the test's temporary folder, so a test run changes no file.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from .journey import Journey
from .screens import open_as  # noqa: F401 (a fixture for every module here: a page logged in by cookie)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SHANGHAI = ZoneInfo("Asia/Shanghai")
HELP_DIR = ROOT / "static" / "help"

# Playwright's sync API runs an event loop in this thread, and keeps it for the rest of the session (the
# playwright fixture is session-scoped): the journeys, and any database test this process runs after them,
# would otherwise be refused by Django's async-safety check. Set here, at collection, for the whole process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The issue asks for the app on 127.0.0.1 (pytest-django's default is "localhost").
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")


def pytest_configure(config):
    config.addinivalue_line("markers", "clock(moment): the journey runs at this moment (Asia/Shanghai)")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    skip = pytest.mark.skip(
        reason=f"no Chromium at {CHROMIUM}: run `apt-get install chromium` (bin/setup dev)"
    )
    journeys = [item for item in items if here in Path(item.fspath).parents]
    for item in journeys:
        item.add_marker(pytest.mark.browser)
        if not CHROMIUM.exists():
            item.add_marker(skip)
    # Last of all: a journey empties the tables when it ends (a transactional test), and with Playwright's
    # loop running, a plain database test after it would not get the seeded units and roles back.
    chosen = set(journeys)
    items[:] = [item for item in items if item not in chosen] + journeys


@pytest.fixture(scope="session")
def _serialized_database(django_db_setup, django_db_blocker):
    """The seeded rows each transactional test gets back, read before Playwright's event loop starts."""
    from django.db import connections

    with django_db_blocker.unblock():
        return {
            alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections
        }


@pytest.fixture(scope="session", autouse=True)
def _serialized_database_inside_playwright(_serialized_database, playwright):
    """Once Playwright's loop runs in this thread, Django's `connections` hands out other connection objects
    (asgiref keeps one per async context), without the serialized seed data: a transactional test would then
    empty the units and roles for good. Give those connections the same data."""
    from django.db import connections

    for alias, contents in _serialized_database.items():
        if contents is not None:
            connections[alias]._test_serialized_contents = contents


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--lang=zh-CN",  # the browser's own words (file pickers, date fields) in Chinese, as the users see them
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "zh-CN",
        "timezone_id": "Asia/Shanghai",
        "viewport": {"width": 1440, "height": 900},
        "accept_downloads": True,
    }


@pytest.fixture
def _live_settings(settings):
    # The live server speaks plain HTTP: secure cookies would not come back from Chromium on 127.0.0.1.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture
def clock(request):
    """The journey's moment, from its `clock` mark (Asia/Shanghai), ticking on from there."""
    mark = request.node.get_closest_marker("clock")
    if mark is None:
        yield None
        return
    moment = dt.datetime.fromisoformat(mark.args[0]).replace(tzinfo=SHANGHAI)
    with time_machine.travel(moment, tick=True):
        yield moment


@pytest.fixture
def worker(transactional_db, tmp_path, settings, _live_settings, clock):
    """A Celery worker process on Redis, on its own queue, using the test database; e-mails go to files.

    While it runs, tasks enqueued by the live server go through the broker to it instead of running eagerly.
    Yields the folder the worker's e-mails are written to."""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis://"):
        pytest.skip("the journeys need a Redis broker: set CELERY_BROKER_URL=redis://… (bin/test does)")
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs the test database on PostgreSQL")
    from liudong_wages.celery import app

    queue = f"browser-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    # Uploads and built files (the bulletin's PDF, written by the worker) in one folder both processes use.
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    db = settings.DATABASES["default"]
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_URL": f"filemail:///{mail_dir}",  # django-environ drops one leading slash
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(media),
        # The worker lives at the journey's moment too (see `clock`).
        "BROWSER_TESTS_CLOCK": str(time.time()),
    }
    # The log goes to a file, not a pipe nobody reads while the journey runs (a full pipe would stop the worker).
    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("worker.py")), "-Q", queue],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
    saved = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        # Until the worker has declared its queue, Redis would drop what is sent to it.
        _wait_for(lambda: "ready." in log_path.read_text() or process.poll() is not None, seconds=60)
        if process.poll() is not None:
            pytest.fail(f"the Celery worker did not start:\n{log_path.read_text()}")
        yield mail_dir
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = saved
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        print(log_path.read_text())


def _wait_for(condition, *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {seconds} s")
        time.sleep(0.1)


@pytest.fixture
def journey(page, live_server, worker, request, tmp_path):
    """The page of one user at a time, on the live server, with helpers to log in, wait and take screenshots."""
    for_help = bool(os.environ.get("HELP_SCREENSHOTS"))
    shots = HELP_DIR if for_help else tmp_path / "shots"
    shots.mkdir(parents=True, exist_ok=True)
    page.set_default_timeout(15_000)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    return Journey(
        page=page,
        base_url=live_server.url,
        shots=shots,
        mail_dir=worker,
        downloads=downloads,
        for_help=for_help,
    )


@pytest.fixture
def phone(browser, journey):
    """A second browser, phone-sized, for the public pages a worker opens on a mobile phone."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Journey(
        page=page,
        base_url=journey.base_url,
        shots=journey.shots,
        mail_dir=journey.mail_dir,
        downloads=journey.downloads,
        for_help=journey.for_help,
    )
    context.close()
