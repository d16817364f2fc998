"""Journey 2: a worker reports unpaid wages on a phone; an inspector turns it into a case (issue 10).

The worker uses the public form /report/ and keeps the tracking code; the inspector accepts the report into
a new case, files it, adds the workers from Excel and schedules an interview of the employer's legal
representative, whose notice comes out as a PDF; the worker then sees the answer at /report/track/.
"""

import re

import pytest
from playwright.sync_api import expect

from cases.models import Case, Interview, PublicReport
from liudong_wages.roles import Role

from ..factories import EnterpriseFactory, UserFactory, valid_id_number

EMPLOYER = "柳州市恒建劳务有限公司"
WORKERS = [
    ("覃大力", valid_id_number(11), "13977200001", 12000),
    ("韦小明", valid_id_number(12), "13977200002", 9800),
    ("莫春花", valid_id_number(13, birth="19881115"), "", 7600.5),
]


@pytest.mark.clock("2026-11-02 09:00")
def test_a_workers_report_becomes_a_case_with_an_interview(journey, phone):
    inspector = UserFactory(roles=[Role.INSPECTOR], unit__code="rsj", full_name="蓝海涛")
    enterprise = EnterpriseFactory(name=EMPLOYER, legal_rep_name="黄建国")

    # The worker, on a phone, without logging in.
    worker = phone.page
    phone.go("/report/")
    worker.get_by_label("您的姓名").fill(WORKERS[0][0])
    worker.get_by_label("身份证号").fill(WORKERS[0][1])
    worker.get_by_label("手机号码").fill(WORKERS[0][2])
    worker.get_by_label("欠薪单位（老板或公司名称）").fill(EMPLOYER)
    worker.get_by_label("工程项目或工作地点").fill("柳东新区官塘大道安置房 3 号楼")
    worker.get_by_label("被拖欠工资（元）").fill("29400.50")
    worker.get_by_label("从哪天开始欠薪").fill("2026-07-01")
    worker.get_by_label("欠到哪天").fill("2026-09-30")
    worker.get_by_label("被欠薪人数（含您本人）").fill("3")
    worker.get_by_label("情况说明").fill("3 号楼主体完工后，包工头一直拖着不发 7 到 9 月的工资。")
    phone.shot("worker-01-form", full_page=True)
    worker.get_by_role("button", name="提交举报").click()
    phone.see("您的查询码是：")
    code = worker.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6,16}", code)
    phone.shot("worker-02-code")
    report = PublicReport.objects.get(tracking_code=code)

    # The inspector accepts it into a new case against the registered enterprise.
    page = journey.page
    journey.login(inspector)
    journey.menu("案件", "网上举报")
    page.get_by_role("link", name=code).click()
    journey.see(EMPLOYER)
    # The enterprise is typed, not picked from a list of the registry: its full name is enough.
    page.get_by_label("被投诉企业（新建案件时）").fill(enterprise.name)
    journey.shot("inspector-02-public-report", full_page=True)
    page.get_by_role("button", name="受理", exact=True).click()
    journey.alert("已受理。")
    report.refresh_from_db()
    case = report.case
    page.get_by_role("link", name=case.number).click()

    # Files it.
    page.get_by_role("link", name="立案", exact=True).click()
    page.get_by_role("button", name="确定").click()
    journey.alert("已完成：立案。")
    expect(page.locator("h1 + div .badge").first).to_have_text("已立案")

    # Adds the workers from the Excel template.
    page.get_by_role("link", name="添加 / 导入").click()
    workbook, _name = journey.workbook(lambda: page.get_by_role("link", name="下载模板").click())
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]][:4] == ["姓名*", "身份证号", "电话", "欠薪金额*"]
    sheet.delete_rows(2, sheet.max_row)  # the template's example row
    # The reporter is the case's first claim already (accepting the report made it): the other two are added.
    for name, id_number, phone_number, amount in WORKERS[1:]:
        sheet.append([name, id_number, phone_number, amount, None, "7—9 月工资"])
    filled = journey.downloads / "劳动者名单.xlsx"
    workbook.save(filled)
    page.get_by_label("Excel 文件（.xlsx）").set_input_files(filled)
    page.get_by_role("button", name="导入").click()
    journey.alert("已导入 2 名劳动者。")
    journey.see("3 人，欠")
    journey.see("莫春花")
    journey.shot("inspector-03-case", full_page=True)

    # Schedules the interview of the legal representative and prints the notice.
    page.get_by_role("link", name="约谈法人").click()
    page.get_by_label("约谈时间").fill("2026-11-05T09:30")
    page.get_by_label("约谈事项").fill("拖欠 3 名农民工 2026 年 7 月至 9 月工资 29400.50 元。")
    page.get_by_label("主谈人").select_option(label=inspector.display_name)
    journey.shot("inspector-04-interview", full_page=True)
    page.get_by_role("button", name="提交").click()
    journey.alert("约谈通知已生成。")
    interview = Interview.objects.get(case=case)
    text, filename = journey.pdf_text(page.get_by_role("link", name="约谈通知书 PDF"))
    assert filename.endswith(".pdf")
    assert "约谈通知书" in text
    assert EMPLOYER in text and "黄建国" in text
    assert interview.notice_number in text
    assert "2026年11月5日" in text

    # The worker looks the report up with the code.
    phone.go("/report/track/")
    worker.get_by_label("查询码").fill(code.lower())
    worker.get_by_role("button", name="查询").click()
    expect(worker.locator("#report-status")).to_have_text("已受理")
    phone.see(f"案件编号 {case.number}")
    phone.shot("worker-03-track")

    case.refresh_from_db()
    assert case.status == Case.Status.FILED
    assert case.enterprise == enterprise
    assert sorted(case.claims.values_list("name", flat=True)) == sorted(w[0] for w in WORKERS)
