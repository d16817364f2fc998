"""Screens that fit the office (issue 19): every role's menu on one line at 1366x768, the menu button on a
phone, the dropdowns by keyboard, and axe-core on every main page of every role.

One test per role, visiting its pages in one browser context: the user is logged in by a session cookie
(the second factor passed as `client.force_login` does in every test), no Celery worker is needed.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from liudong_wages import navigation
from liudong_wages.roles import Role

from ..factories import UserFactory

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
OFFICE_SCREEN = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def open_as(browser: Browser, live_server, transactional_db, _live_settings):
    """open_as(user, viewport=...) -> a page of a new browser context where the user is logged in."""
    contexts = []

    def open_page(user, *, viewport=OFFICE_SCREEN, phone=False) -> Page:
        client = Client()
        client.force_login(user)
        context = browser.new_context(
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            base_url=live_server.url,
        )
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def main_pages(user) -> list[str]:
    """The role's main pages: every entry of its menu but the admin site (Django's own pages)."""
    return [item.url() for item in navigation.items_for(user) if not item.url_name.startswith("admin:")]


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


@pytest.mark.parametrize("role", list(ROLES))
def test_each_roles_menu_fits_the_office_screen_and_the_phone(role, open_as):
    roles, unit = ROLES[role]
    user = UserFactory(roles=roles, unit__code=unit)
    page = open_as(user)
    for path in main_pages(user):
        response = page.goto(path)
        assert response.ok, (role, path, response.status)
        assert_menu_on_one_line(page, f"{role} {path}")
    page.goto("/")
    assert_dropdowns_by_keyboard(page, role)

    phone = open_as(user, viewport=PHONE, phone=True)
    phone.goto("/")
    assert_phone_menu(phone, role)
