"""What the screen tests share (issue 19): the office's and a phone's screen sizes, a page opened as a user
logged in by a session cookie (no login form, no Celery worker), and axe-core's grave findings on a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page

OFFICE_SCREEN = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# axe-core from npm (package.json), injected into each page: no CDN.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
GRAVE = ("serious", "critical")


@pytest.fixture
def open_as(browser: Browser, live_server, transactional_db, _live_settings):
    """open_as(user, viewport=...) -> a page of a new browser context where the user is logged in."""
    contexts = []

    def open_page(user=None, *, viewport=OFFICE_SCREEN, phone=False) -> Page:
        context = browser.new_context(
            # Playwright injects axe-core as an inline script, which the pages' CSP would refuse.
            bypass_csp=True,
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            base_url=live_server.url,
        )
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
            )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def axe_violations(page: Page) -> list[dict]:
    """The serious and critical violations axe-core finds on the page as it is shown."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (grave) => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.filter(v => grave.includes(v.impact)).map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + n.html.slice(0, 120)),
            }));
        }""",
        list(GRAVE),
    )
