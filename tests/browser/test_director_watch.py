"""The director's dashboard with wage-payment monitoring, the platform's clues and the running campaign
(issues 17 and 18), on an office screen (1366 x 768) and on a phone (390 x 844): each section fits the
page's layout, and a card leads to the list it counts."""

import pytest
from playwright.sync_api import expect

from liudong_wages.roles import Role

from ..factories import UserFactory
from ..reporting.bulletin_data import make_quarter_data

SCREENS = [("office", 1366, 768), ("phone", 390, 844)]


def _fits(page) -> None:
    """Nothing wider than the screen: no sideways scrolling, every card inside its section."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for section in ("#figures", "#figures-monitoring", "#figures-clues"):
        box = page.locator(section).bounding_box()
        for card in page.locator(f"{section} .figure-card").all():
            inner = card.bounding_box()
            assert box["x"] - 1 <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"] + 1


@pytest.mark.clock("2026-10-16 10:00")
def test_the_director_sees_monitoring_clues_and_the_campaign(journey):
    make_quarter_data()
    director = UserFactory(roles=[Role.DIRECTOR], unit__code="rsj", full_name="陈主任")
    page = journey.page
    journey.login(director)
    for name, width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        journey.go("/dashboard/")
        expect(page.locator("#figures-monitoring-title")).to_have_text("工资支付监控")
        expect(page.locator("#figure-alerts_red .figure-value")).to_contain_text("1")
        expect(page.locator("#figure-clues_overdue .figure-value")).to_contain_text("1")
        expect(page.locator("#campaign-panel")).to_contain_text("2026年秋季根治欠薪专项行动")
        _fits(page)
        journey.shot(f"director-dashboard-watch-{name}", full_page=True)

    # The red warnings' card leads to the monitoring list of red warnings; the campaign to its page.
    page.set_viewport_size({"width": 1366, "height": 768})
    journey.go("/dashboard/")
    page.locator("#figure-alerts_red").click()
    expect(page.locator("#alerts tbody tr")).to_have_count(1)
    expect(page.locator("#alerts tbody")).to_contain_text("红色")
    journey.go("/dashboard/")
    page.locator("#campaign-panel").get_by_role("link", name="查看行动汇总").click()
    journey.see("2026年秋季根治欠薪专项行动")
    journey.see("合计")
