"""Screens that fit the office (issue 19): every role's menu on one line at 1366x768, the menu button on a
phone, the dropdowns by keyboard, and axe-core on every main page of every role.

One test per role, visiting its pages in one browser context: the user is logged in by a session cookie
(the second factor passed as `client.force_login` does in every test), no Celery worker is needed.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from liudong_wages import navigation
from liudong_wages.models import MemberUnit
from liudong_wages.roles import Role

from ..factories import UserFactory
from ..matrix_objects import make_objects
from .screens import PHONE, axe_violations

ROLES = {
    "director": ([Role.DIRECTOR], "rsj"),
    "office": ([Role.OFFICE], "rsj"),
    "inspector": ([Role.INSPECTOR], "rsj"),
    "liaison": ([Role.LIAISON], "jsj"),
    "police": ([Role.LIAISON, Role.POLICE], "gaj"),
    "stability": ([Role.LIAISON, Role.STABILITY], "zzb"),
    "approver": ([Role.APPROVER], "gwh"),
    "treasurer": ([Role.TREASURER], "czj"),
    "leader": ([Role.LEADER], "gwh"),
}


def menu_pages(user) -> list[str]:
    """The role's main pages: every entry of its menu but the admin site (Django's own pages)."""
    return [item.url() for item in navigation.items_for(user) if not item.url_name.startswith("admin:")]


def detail_pages(objects: dict) -> list[str]:
    """A case, an application, a project, an enterprise, a listing, a report, a meeting and a task: each role
    opens those it may."""
    names = ["case", "application", "project", "enterprise", "listing", "report", "meeting", "task"]
    return [objects[name].get_absolute_url() for name in names]


def assert_menu_on_one_line(page: Page, role: str) -> None:
    """Every top-level entry of the menu sits on the same line, one text line high (a label wrapping letter
    by letter makes its entry two or three times as high as the others)."""
    boxes = page.locator("#main-nav > ul > li > .nav-link").evaluate_all(
        """els => els.map(el => {
            const r = el.getBoundingClientRect();
            const lh = parseFloat(getComputedStyle(el).lineHeight);
            return {text: el.textContent.trim(), top: r.top, height: r.height, lines:
                    Math.round((r.height - parseFloat(getComputedStyle(el).paddingTop)
                                - parseFloat(getComputedStyle(el).paddingBottom)) / lh)};
        })"""
    )
    assert boxes, role
    tops = {round(box["top"]) for box in boxes}
    assert max(tops) - min(tops) <= 2, (role, boxes)
    wrapped = [box["text"] for box in boxes if box["lines"] > 1]
    assert not wrapped, (role, wrapped)
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 70, (role, header)
    # The dropdowns' labels, too, fit on one line each.
    for toggle in page.locator("#main-nav .dropdown-toggle").all():
        assert toggle.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), (role, toggle.text_content())


def assert_dropdowns_by_keyboard(page: Page, role: str) -> None:
    """Tab reaches each group's button, Enter opens it, and its first entry is a link in the open menu."""
    toggles = page.locator("#main-nav > ul.site-menu .dropdown-toggle")
    count = toggles.count()
    page.locator(".navbar-brand").focus()
    reached = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused.startswith("menu-"):
            page.keyboard.press("Enter")
            menu = page.locator(f"[aria-labelledby='{focused}']")
            expect(menu).to_be_visible()
            expect(page.locator(f"#{focused}")).to_have_attribute("aria-expanded", "true")
            page.keyboard.press("Escape")
            expect(menu).to_be_hidden()
            reached += 1
        if focused == "current-user":
            break
    assert reached == count, (role, reached, count)


def assert_phone_menu(page: Page, role: str) -> None:
    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    expect(page.locator("#main-nav")).to_be_hidden()
    toggler.click()
    expect(page.locator("#main-nav")).to_be_visible()
    first_group = page.locator("#main-nav .dropdown-toggle").first
    first_group.click()
    expect(page.locator(f"[aria-labelledby='{first_group.get_attribute('id')}']")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (role, width)


@pytest.fixture
def people_and_records(transactional_db):
    """A user of each role and one record of every kind (as the access matrix has them)."""
    users = {role: UserFactory(roles=roles, unit__code=unit) for role, (roles, unit) in ROLES.items()}
    objects = make_objects(users, MemberUnit.objects.get(code="jsj"), MemberUnit.objects.get(code="jfj"))
    return users, objects


@pytest.mark.parametrize("role", list(ROLES))
def test_each_roles_pages_fit_the_screen_and_pass_axe(role, open_as, people_and_records):
    users, objects = people_and_records
    user = users[role]
    page = open_as(user)
    found = {}
    menu = menu_pages(user)
    for path in menu + detail_pages(objects):
        response = page.goto(path)
        if response.status in (403, 404) and path not in menu:
            continue
        assert response.ok, (role, path, response.status)
        assert_menu_on_one_line(page, f"{role} {path}")
        if violations := axe_violations(page):
            found[path] = violations
    assert not found, found
    page.goto("/")
    assert_dropdowns_by_keyboard(page, role)

    phone = open_as(user, viewport=PHONE, phone=True)
    phone.goto("/")
    assert_phone_menu(phone, role)


def test_the_public_pages_pass_axe(open_as):
    page = open_as(viewport=PHONE, phone=True)
    found = {}
    for path in ("/report/", "/report/track/"):
        response = page.goto(path)
        assert response.ok, (path, response.status)
        if violations := axe_violations(page):
            found[path] = violations
    # The form sent empty: the errors tied to their fields pass too.
    page.goto("/report/")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    if violations := axe_violations(page):
        found["/report/ (errors)"] = violations
    assert not found, found
