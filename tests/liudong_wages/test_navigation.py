import re

import pytest


def _nav_labels(client):
    html = client.get("/").text
    nav = html[html.index('id="main-nav"') : html.index('id="inbox-link"')]
    return nav


def test_everyone_sees_the_start_page_and_the_unit_directory(client, liaison):
    client.force_login(liaison)
    nav = _nav_labels(client)
    assert "工作台" in nav
    assert "成员单位" in nav


def test_only_staff_see_the_admin(client, liaison, db):
    from ..factories import UserFactory

    client.force_login(liaison)
    assert "管理后台" not in _nav_labels(client)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert "管理后台" in _nav_labels(client)


def test_the_header_shows_the_unread_count(client, liaison):
    from ..factories import NotificationFactory

    NotificationFactory.create_batch(3, recipient=liaison)
    NotificationFactory(recipient=liaison, read_at="2026-11-01T10:00:00+08:00")
    client.force_login(liaison)
    html = client.get("/").text
    assert 'title="未读通知">3<' in html


@pytest.mark.parametrize(
    "role", ["director", "liaison", "approver", "treasurer", "police", "leader", "outsider"]
)
def test_every_role_gets_a_start_page(client, users_by_role, role):
    client.force_login(users_by_role[role])
    response = client.get("/")
    assert response.status_code == 200
    assert users_by_role[role].display_name in response.text


def test_the_interface_switches_to_english(client, liaison):
    client.force_login(liaison)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get("/").text


def _current_entries(html: str) -> list[str]:
    """The addresses the header marks as the page's (aria-current), in the menu's order."""
    menu = html[html.index('id="main-nav"') : html.index('id="inbox-link"')]
    return re.findall(r'href="([^"]+)"\s*aria-current="page"', menu)


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", ["/"]),
        ("/cases/", ["/cases/"]),
        ("/cases/?status=open", ["/cases/"]),
        ("/cases/interviews/", ["/cases/interviews/"]),  # the longest entry that begins the address
        ("/enterprises/projects/", ["/enterprises/projects/"]),
        ("/help/", ["/help/"]),
        ("/accounts/two-factor/", []),  # a page of no entry
    ],
)
def test_the_header_marks_the_entry_the_page_belongs_to(client, office_staff, path, current):
    client.force_login(office_staff)
    for _twice in range(2):  # rendered, then read from memory: the same marks
        assert _current_entries(client.get(path).text) == current


def test_the_menu_remembered_for_one_role_is_not_shown_to_another(client, office_staff, liaison):
    client.force_login(office_staff)
    assert "/cases/" in client.get("/").text
    client.force_login(liaison)
    menu = client.get("/").text
    assert 'href="/cases/"' not in menu[menu.index('id="main-nav"') : menu.index('id="inbox-link"')]
