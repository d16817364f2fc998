"""What the attack on the running server of issue 16 tried, kept from coming back (findings 1-3 are in
tests/liudong_wages/test_two_factor.py and test_audit.py).

Finding 10: a page or a file with personal data must not stay in a browser's or a proxy's cache (a shared
office computer, a proxy in the district's network): every response to a logged-in user, and every public
response that does not say otherwise, carries `Cache-Control: private, no-store`.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from liudong_wages.services import attachment_add

from .factories import DEFAULT_PASSWORD, NotificationFactory
from .test_privacy import PAGES, data  # noqa: F401 (data is the fixture the pages need)

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _not_stored(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.mark.parametrize("target", PAGES, ids=lambda p: p.label)
def test_pages_and_exports_with_personal_data_are_not_cached(client, users_by_role, data, target):  # noqa: F811
    client.force_login(users_by_role[target.full or "inspector"])
    url = target.full_url(data) if target.full_url else target.url(data)
    response = client.get(url)
    assert response.status_code == 200
    assert _not_stored(response), f"{target.label}: Cache-Control {response.get('Cache-Control')!r}"


@pytest.mark.parametrize("path", ["/", "/units/", "/notifications/", "/audit/", "/admin/"])
def test_every_staff_page_is_not_cached(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    assert _not_stored(response), response.get("Cache-Control")


def test_a_downloaded_file_is_not_cached(client, liaison, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attachment = attachment_add(
        owner=NotificationFactory(recipient=liaison),
        file=SimpleUploadedFile("整改报告.pdf", PDF),
        by=liaison,
        description="整改报告",
    )
    client.force_login(liaison)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert _not_stored(response)


@pytest.mark.parametrize("path", ["/accounts/login/", "/report/", "/report/track/"])
def test_public_pages_are_not_cached_either(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert _not_stored(response)


def test_a_redirect_to_the_login_is_not_cached(client, db):
    assert _not_stored(client.get("/cases/"))


# What held in the attack and must keep holding: CSRF on the login steps, a new session key at each factor.


@pytest.mark.parametrize(
    "path",
    ["/accounts/login/", "/accounts/two-factor/verify/", "/accounts/two-factor/setup/", "/admin/login/"],
)
def test_posts_without_the_csrf_token_are_refused(db, director, path):
    client = Client(enforce_csrf_checks=True)
    client.force_login(director)
    assert client.post(path, {"token": "123456", "username": "x", "password": "y"}).status_code == 403


def test_each_factor_gives_the_session_a_new_key(client, director):
    cookie = settings.SESSION_COOKIE_NAME
    client.get("/accounts/login/")
    before = client.cookies.get(cookie)
    client.post("/accounts/login/", {"username": director.username, "password": DEFAULT_PASSWORD})
    after_password = client.cookies[cookie].value
    assert before is None or before.value != after_password
    client.get("/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=director, confirmed=False)
    client.post("/accounts/two-factor/setup/", {"token": f"{totp(device.bin_key):06d}", "next": "/"})
    assert client.cookies[cookie].value != after_password
    assert client.get("/units/").status_code == 200
