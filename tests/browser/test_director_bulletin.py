"""Journey 4: the director's dashboard and the quarterly bulletin (issue 10).

The director opens /dashboard/, follows a figure to the list behind it and exports that list to Excel; then
builds the bulletin of the third quarter of 2026 (the Celery worker builds it while the page shows the
progress), publishes it and downloads its PDF. A member unit's liaison is notified and downloads it too.
"""

import datetime as dt

import pytest
from playwright.sync_api import expect

from cases import services as case_services
from liudong_wages.roles import Role
from reporting.models import Bulletin

from ..factories import CaseFactory, UserFactory

BUILD_TIMEOUT = 90_000  # ms: WeasyPrint on a busy two-core machine


@pytest.mark.clock("2026-10-13 10:00")
def test_the_director_follows_a_figure_and_publishes_the_bulletin(journey):
    director = UserFactory(roles=[Role.DIRECTOR], unit__code="rsj", full_name="陈主任")
    liaison = UserFactory(roles=[Role.LIAISON], unit__code="jsj", full_name="韦丽")
    for day, respondent in [
        (dt.date(2026, 7, 14), "柳州市恒建劳务有限公司"),
        (dt.date(2026, 8, 20), "广西某建筑公司"),
    ]:
        case = CaseFactory(received_on=day, respondent_name=respondent)
        case_services.case_file(case=case, by=director, on=day)
    page = journey.page

    # The dashboard: the open cases, followed to their list and exported.
    journey.login(director)
    journey.menu("工作台", "驾驶舱")
    figure = page.locator("#figure-cases_open")
    expect(figure.locator(".figure-value")).to_contain_text("2")
    journey.shot("director-01-dashboard", full_page=True)
    figure.click()
    expect(page.locator("main table tbody tr")).to_have_count(2)
    workbook, name = journey.workbook(lambda: page.get_by_role("link", name="导出 Excel").click())
    assert name.endswith(".xlsx")
    rows = list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 2

    # The bulletin of the third quarter: built by the worker, then published.
    journey.menu("报送与简报", "简报")
    page.get_by_label("年度").fill("2026")
    page.get_by_label("季度").select_option(label="第3季度")
    page.get_by_role("button", name="打开或新建该季度简报").click()
    page.get_by_role("button", name="生成简报").click()
    expect(page.get_by_role("link", name="下载 PDF")).to_be_visible(timeout=BUILD_TIMEOUT)
    # The status card and its buttons update themselves while the worker builds: no reload.
    expect(page.get_by_role("button", name="发布并通知成员单位")).to_be_enabled()
    journey.shot("director-02-bulletin-built", full_page=True)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="发布并通知成员单位").click()
    journey.alert("简报已发布，已通知各成员单位。")
    text, _name = journey.pdf_text(page.get_by_role("link", name="下载 PDF"))
    assert "劳动保障信息简报" in text
    bulletin = Bulletin.objects.get(year=2026, quarter=3)

    # A liaison is notified and downloads it.
    journey.login(liaison)
    journey.see("劳动保障信息简报")
    journey.shot("liaison-06-bulletin-notice")
    journey.menu("报送与简报", "简报")
    page.get_by_role("link", name=bulletin.title).click()
    text, _name = journey.pdf_text(page.get_by_role("link", name="下载 PDF"))
    assert "劳动保障信息简报" in text
    assert journey.mail_to(liaison.email, "劳动保障信息简报")

    # Back at the office, the director (asked for the authenticator's code this time) sees who downloaded it.
    journey.login(director)
    journey.go(bulletin.get_absolute_url())
    expect(page.locator("#bulletin-downloads tr", has_text="建设局")).to_contain_text("韦丽")
