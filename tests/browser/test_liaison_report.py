"""Journey 1: a member unit's monthly report, from the reminder to "on time" on the board (issue 10).

柳东建设局 owes October 2026's 新开工项目信息 by Tuesday 10 November; its liaison works on Monday the 9th,
the day of the last-but-one reminder.
"""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from liudong_wages.roles import Role
from reporting.models import Report
from reporting.services.reminders import reminders_send

from ..factories import UserFactory

GOOD_ROW = [
    "柳东新区第二小学",
    "建字第4502062026100012号",
    "柳东新区官塘大道",
    "柳东新区教育局",
    "广西建工集团",
    "房屋建筑",
    36000000,
    "2026-10-12",
    120,
    "是",
    "是",
    "是",
]
SECOND_ROW = [
    "柳东智能制造园二期",
    "",
    "新柳大道",
    "柳东城投",
    "中建五局",
    "工业项目",
    "一千二百五十万",  # not a number: the upload is refused and names row 3
    "2026-10-20",
    85,
    "否",
    "是",
    "是",
]


@pytest.mark.clock("2026-11-09 09:30")
def test_a_liaison_reports_on_time_through_a_return(journey, tmp_path):
    liaison = UserFactory(roles=[Role.LIAISON], unit__code="jsj", full_name="韦丽")
    office = UserFactory(roles=[Role.OFFICE], unit__code="rsj", full_name="覃明")
    reminders_send(today=dt.date(2026, 11, 9))
    page = journey.page

    # The reminder, in the app and by e-mail (sent by the Celery worker through Redis).
    journey.login(liaison, shot="liaison-01-login")
    journey.see("请于2026年11月10日前报送2026年10月新开工项目信息")
    journey.shot("liaison-02-reminder")
    assert "请于2026年11月10日前报送" in journey.mail_to(liaison.email, "新开工项目信息")

    # The report to fill, from the list of what the unit owes.
    journey.menu("报送与简报", "信息报送")
    journey.see("本单位待报送")
    page.get_by_role("link", name="新开工项目信息（2026年10月）").click()
    journey.see("截止日期：2026年11月10日")
    page.get_by_label("上月新开工项目数").fill("2")
    page.get_by_role("button", name="保存草稿").click()
    journey.alert("草稿已保存。")

    # The Excel template, filled in with openpyxl; the first upload has a bad amount.
    workbook, name = journey.workbook(lambda: page.get_by_role("link", name="下载 Excel 模板").click())
    assert name == "新开工项目信息_模板.xlsx"
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]][:3] == ["项目名称*", "施工许可证号", "项目地址*"]
    sheet.append(GOOD_ROW)
    sheet.append(SECOND_ROW)
    filled = tmp_path / "新开工项目信息_2026年10月.xlsx"
    workbook.save(filled)
    page.get_by_label("填好的 Excel 文件").set_input_files(filled)
    page.get_by_role("button", name="上传并导入").click()
    journey.alert("导入失败，未保存任何数据")
    journey.alert(re.compile(r"第 3 行：.*合同金额"))
    journey.shot("liaison-03-upload-rejected", full_page=True)

    sheet["G3"] = 12500000
    workbook.save(filled)
    page.get_by_label("填好的 Excel 文件").set_input_files(filled)
    page.get_by_role("button", name="上传并导入").click()
    journey.alert("已导入 2 行明细。")
    expect(page.locator("#items-table input[value='柳东智能制造园二期']")).to_have_count(1)
    journey.shot("liaison-04-imported", full_page=True)
    page.get_by_role("button", name="报送", exact=True).click()
    journey.alert("已报送，等待领导小组办公室审核。")
    expect(page.locator("#report-status")).to_have_text("已报送")
    report = Report.objects.get(unit=liaison.unit, report_type="jsj_monthly")

    # The office returns it with a reason.
    journey.login(office)
    journey.menu("报送与简报", "信息报送")
    page.locator("tr", has_text="建设局").get_by_role("link", name="新开工项目信息").click()
    journey.see("柳东智能制造园二期")
    page.get_by_label("退回理由").fill("柳东智能制造园二期缺少施工许可证号，请补充。")
    journey.shot("office-01-review", full_page=True)
    page.get_by_role("button", name="退回").click()
    journey.alert("已退回该单位修改。")
    expect(page.locator("#report-status")).to_have_text("已退回")

    # The liaison corrects and submits again.
    journey.login(liaison)
    journey.go(f"/reporting/reports/{report.pk}/")
    journey.see("退回理由：柳东智能制造园二期缺少施工许可证号，请补充。")
    journey.shot("liaison-05-returned")
    page.get_by_role("link", name="修改").click()
    page.locator("#items-table input[value='柳东智能制造园二期']").wait_for()
    page.locator("input[name='items-1-permit_number']").fill("建字第4502062026100031号")
    page.get_by_role("button", name="报送", exact=True).click()
    journey.alert("已报送，等待领导小组办公室审核。")
    journey.see("建字第4502062026100031号")

    # The office accepts; the board shows October as on time.
    journey.login(office)
    journey.go(f"/reporting/reports/{report.pk}/")
    page.get_by_role("button", name="审核通过").click()
    journey.alert("已审核通过。")
    expect(page.locator("#report-status")).to_have_text("已审核")
    journey.menu("报送与简报", "报送看板")
    row = page.locator("#board tbody tr", has_text="建设局")
    expect(row.locator("td.cell-on_time")).to_have_text("按时")
    journey.shot("office-02-board", full_page=True)

    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED and report.on_time is True
    assert [item["permit_number"] for item in report.body["items"]] == [
        "建字第4502062026100012号",
        "建字第4502062026100031号",
    ]
