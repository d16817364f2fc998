"""Every URL of the project against every role, with the expected answer kept in one table (issue 9).

A new URL pattern that is not in MATRIX fails `test_every_url_is_in_the_matrix`: whoever adds a page says
here who may open it. Answers: 200 (shown), 302 (to the login page, or a redirect after an action), 403
(seen but not allowed), 404 (not visible to this user), 405 (wrong method).

The object-level rows open another unit's or another user's objects: a liaison of 建设局 against 经发局's,
one user against another's notification.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from liudong_wages.services import attachment_add

from .factories import NotificationFactory

ROLES = [
    "anonymous",
    "director",
    "office",
    "inspector",
    "liaison",
    "police",
    "stability",
    "approver",
    "treasurer",
    "leader",
    "outsider",
]
LOGGED_IN = ROLES[1:]
# Namespaces checked elsewhere: the Django admin guards itself (staff only, then model permissions).
SKIPPED_NAMESPACES = {"admin"}


def everyone(status: int = 200, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous, **dict.fromkeys(LOGGED_IN, status)}


def only(allowed: set[str], *, yes: int = 200, no: int = 403, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous, **{role: yes if role in allowed else no for role in LOGGED_IN}}


OFFICE_HISTORY = {"director", "office", "inspector", "leader"}


@dataclass(frozen=True)
class Entry:
    name: str  # the URL pattern's full name
    url: Callable[[dict], str]  # builds the URL from the objects made by the `objects` fixture
    expect: dict[str, int]
    method: str = "get"
    data: dict = field(default_factory=dict)


MATRIX: list[Entry] = [
    Entry("home", lambda o: "/", everyone()),
    Entry("healthz", lambda o: "/healthz", everyone(anonymous=200)),
    Entry("login", lambda o: "/accounts/login/", everyone(status=302, anonymous=200)),
    Entry("logout", lambda o: "/accounts/logout/", everyone(status=302, anonymous=302), method="post"),
    Entry("two_factor_verify", lambda o: "/accounts/two-factor/verify/", everyone()),
    Entry("two_factor_setup", lambda o: "/accounts/two-factor/setup/", everyone()),
    Entry("units:list", lambda o: "/units/", everyone()),
    Entry("units:detail", lambda o: f"/units/{o['other_unit'].code}/", everyone()),
    # A liaison edits their own unit only; the office edits any.
    Entry("units:edit", lambda o: f"/units/{o['other_unit'].code}/edit/", only({"director", "office"})),
    Entry(
        "units:edit",
        lambda o: f"/units/{o['unit'].code}/edit/",
        only({"director", "office", "liaison"}),
    ),
    Entry("notifications:inbox", lambda o: "/notifications/", everyone()),
    # Only the liaison received this one: for everyone else it does not exist.
    Entry(
        "notifications:open",
        lambda o: f"/notifications/{o['notification'].pk}/open/",
        only({"liaison"}, yes=302, no=404),
        method="post",
    ),
    Entry("notifications:read_all", lambda o: "/notifications/read-all/", everyone(302), method="post"),
    Entry("calendar", lambda o: "/calendar/", everyone()),
    Entry("calendar_year", lambda o: "/calendar/2027/", everyone()),
    Entry(
        "history",
        lambda o: f"/history/liudong_wages/memberunit/{o['unit'].pk}/",
        only(OFFICE_HISTORY),
    ),
    Entry("attachment", lambda o: o["attachment"].get_absolute_url(), only({"liaison"}, no=404)),
    Entry("audit", lambda o: "/audit/", only({"director", "office"})),
    Entry("set_language", lambda o: "/i18n/setlang/", everyone(302, anonymous=302), method="post"),
]


def _named_patterns(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            names |= _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, (
                f"URL pattern {pattern.pattern} has no name: give it one and add it to MATRIX"
            )
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_matrix():
    missing = _named_patterns(get_resolver().url_patterns) - {entry.name for entry in MATRIX}
    assert not missing, f"Add these URLs to MATRIX with the answer each role gets: {sorted(missing)}"


@pytest.fixture
def objects(liaison, unit, other_unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    notification = NotificationFactory(recipient=liaison)
    return {
        "unit": unit,
        "other_unit": other_unit,
        "notification": notification,
        "attachment": attachment_add(
            owner=notification, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), by=liaison
        ),
    }


@pytest.mark.parametrize("entry", MATRIX, ids=lambda e: f"{e.name}:{e.method}")
def test_each_role_gets_the_expected_answer(client, users_by_role, objects, entry):
    url = entry.url(objects)
    wrong = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users_by_role[role])
        response = getattr(client, entry.method)(url, entry.data)
        if response.status_code != entry.expect[role]:
            wrong.append(f"{role}: expected {entry.expect[role]}, got {response.status_code}")
    assert not wrong, f"{entry.method.upper()} {url}\n" + "\n".join(wrong)
