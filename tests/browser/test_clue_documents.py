"""Journey: a clue from the national platform becomes a case, and the case's first document is served (issue 18).

On Monday 7 December 2026 the office imports the platform's export (built from the template's columns, as the
platform names them): one clue, three workers of 柳州市恒建劳务有限公司 owed 28,600.00. The office turns it into
a case, which carries the reporter's claim. The inspector drafts a 限期整改指令书 with ten days to pay, issues
it (it gets the district's number), records that it was served in person the same day on the employer's
manager, and the 送达回证 is there as a PDF; the case page shows the rectification period the service started.
The screen is a common office laptop's (1366x768).
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from cases.models import Case, CaseDocument, Clue, ClueColumn, DocumentPeriod
from liudong_wages.roles import Role

from ..factories import UserFactory, valid_id_number

EMPLOYER = "柳州市恒建劳务有限公司"
CLUE = {
    "platform_number": "GX2026120300417",
    "reported_on": "2026-12-03",
    "reporter_name": "韦大山",
    "reporter_id_number": valid_id_number(41),
    "reporter_phone": "13907721234",
    "employer_name": EMPLOYER,
    "project_name": "柳东新区官塘大道安置房项目",
    "region": "柳州市柳东新区",
    "amount": 28600,
    "worker_count": 3,
    "period": "2026年8月至10月",
    "description": "钢筋班 3 人 8 月至 10 月工资未发，多次讨要无果。",
}


def _platform_export(template, path):
    """The platform's export: its own workbook, with the template's headers in the template's order."""
    fields = {column.header: column.field for column in ClueColumn.objects.all()}
    headers = [str(cell.value) for cell in template.worksheets[0][1] if cell.value]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "线索列表"
    sheet.append(headers)
    sheet.append([CLUE[fields[header.rstrip("*")]] for header in headers])
    workbook.save(path)
    return path


@pytest.mark.clock("2026-12-07 09:30")
def test_an_imported_clue_becomes_a_case_whose_order_is_issued_and_served(journey, tmp_path):
    office = UserFactory(roles=[Role.OFFICE], unit__code="rsj", full_name="覃明")
    inspector = UserFactory(roles=[Role.INSPECTOR], unit__code="rsj", full_name="黎明")
    page = journey.page
    page.set_viewport_size({"width": 1366, "height": 768})

    # The office imports the platform's export from the clue list.
    journey.login(office)
    journey.menu("案件", "平台线索")
    page.get_by_role("link", name="导入线索").click()
    template, _name = journey.workbook(
        lambda: page.locator("main").get_by_role("link", name="下载模板").click()
    )
    export = _platform_export(template, tmp_path / "线索导出.xlsx")
    page.get_by_label("平台导出的线索表（.xlsx）").set_input_files(export)
    page.get_by_role("button", name="导入").click()
    journey.alert("已导入 1 条线索。")
    row = page.locator("tbody tr").filter(has_text=CLUE["platform_number"])
    expect(row).to_contain_text(EMPLOYER)
    expect(row).to_contain_text("28,600.00")
    expect(row).to_contain_text("待核查")
    journey.shot("clue-01-imported")

    # The clue becomes a case; the reporter is its first claim.
    row.get_by_role("link", name=CLUE["platform_number"]).click()
    journey.see("钢筋班 3 人 8 月至 10 月工资未发")
    page.get_by_label("欠薪起始日期").fill("2026-08-01")
    page.get_by_label("欠薪截止日期").fill("2026-10-31")
    page.get_by_role("button", name="立案").click()
    journey.alert("已由线索立案，劳动者欠薪明细已带入。")
    case = Case.objects.get(source=Case.Source.PLATFORM_CLUE)
    journey.see(case.number)
    claims = page.locator("tbody tr").filter(has_text="韦大山")
    expect(claims).to_contain_text("28,600.00")
    assert Clue.objects.get().case == case

    # The inspector drafts the rectification order from the case's documents.
    journey.login(inspector)
    journey.go(case.get_absolute_url())
    page.locator("main").get_by_role("link", name="案件文书").first.click()
    page.get_by_label("文书种类").select_option(label="限期整改指令书")
    page.get_by_label("整改期限（日）").fill("10")
    page.get_by_role("button", name="生成草稿").click()
    journey.alert("文书草稿已生成，请核对后签发。")
    journey.see("限期整改指令书")
    expect(page.get_by_label("处理要求或决定内容")).to_have_value(re.compile("28,600.00"))
    page.locator("main nav").get_by_role("link", name="案件文书").click()

    # Issued: the district's number.
    order = CaseDocument.objects.get(case=case, kind=CaseDocument.Kind.RECTIFICATION_ORDER)
    page.locator(f"#doc-{order.pk} + tr").get_by_role("button", name="签发").click()
    journey.alert("文书已签发并编号。")
    number = "柳东人社监令〔2026〕1号"
    expect(page.locator(f"#doc-{order.pk}")).to_contain_text(number)
    expect(page.locator(f"#doc-{order.pk}")).to_contain_text("已签发")
    expect(page.locator(f"#doc-{order.pk}")).to_contain_text("待送达")

    # Served in person on the employer's manager, the same day.
    serve = page.locator(f"#doc-{order.pk} + tr")
    serve.get_by_label("送达方式").select_option(label="直接送达")
    expect(serve.get_by_label("送达日期")).to_have_value("2026-12-07")
    serve.get_by_label("签收人").fill("黄建国")
    serve.get_by_role("button", name="登记送达").click()
    journey.alert("送达已登记，送达回证已生成。")
    expect(page.locator(f"#doc-{order.pk}")).to_contain_text("直接送达")
    expect(page.locator(f"#doc-{order.pk}")).to_contain_text("黄建国")
    receipt = CaseDocument.objects.get(case=case, kind=CaseDocument.Kind.SERVICE_RECEIPT)
    receipt_row = page.locator(f"#doc-{receipt.pk}")
    expect(receipt_row).to_contain_text("送达回证")
    expect(receipt_row).to_contain_text(receipt.number)
    text, _name = journey.pdf_text(receipt_row.get_by_role("link", name="PDF"))
    assert "送达回证" in text and number in text and "黄建国" in text and "直接送达" in text
    journey.shot("clue-02-served", full_page=True)

    # The case page shows the rectification period, from the day of service to its last day.
    journey.go(case.get_absolute_url())
    period = DocumentPeriod.objects.get(document=order)
    assert period.starts_on == dt.date(2026, 12, 7)
    assert period.due_on == dt.date(2026, 12, 17)
    periods = page.locator("#document-periods")
    expect(periods).to_contain_text(f"限期整改期限（{number}）")
    expect(periods).to_contain_text("2026年12月7日送达起算")
    expect(periods).to_contain_text("2026年12月17日届满")
    journey.shot("clue-03-case-period", full_page=True)
    assert case.claims.get().amount_owed == Decimal("28600.00")
