"""The Excel round trip: download the template, fill it in, upload it; and every way an upload is wrong."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from reporting.models import Report

from ..factories import ReportFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _an_open_period():
    """The report, its template and its upload on one day of an open period, whatever day the suite runs
    (the uploads' dates are fixed: at the moved clock of 2026-10-10 a 2026-10-20 start was in the future)."""
    with time_machine.travel(dt.datetime(2026, 11, 4, 10, tzinfo=SHANGHAI), tick=False):
        yield


def _template(client, report_type="jsj_monthly"):
    response = client.get(f"/reporting/types/{report_type}/template.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _upload(client, report, workbook, name="明细.xlsx"):
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)
    with time_machine.travel(dt.datetime(2026, 11, 4, 10, tzinfo=SHANGHAI), tick=False):
        return client.post(f"/reporting/reports/{report.pk}/upload/", {"file": upload}, follow=True)


def _fill(sheet, rows):
    for row in rows:
        sheet.append(row)


GOOD = [
    "柳东新区第二小学",
    "柳建施〔2026〕18号",
    "官塘大道",
    "柳东新区教育局",
    "广西建工集团",
    "房屋建筑",
    36000000,
    dt.datetime(2026, 10, 12),
    120,
    "是",
    "否",
    "是",
]


def test_download_fill_and_upload_the_template(client, liaison):
    report = ReportFactory(
        unit=liaison.unit, body={"header": {"project_count": 2, "remarks": None}, "items": []}
    )
    client.force_login(liaison)
    workbook = _template(client)
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["项目名称*", "施工许可证号", "项目地址*"]
    _fill(
        sheet,
        [
            GOOD,
            [
                "柳东智能制造园二期",
                "",
                "新柳大道",
                "柳东城投",
                "中建五局",
                "工业项目",
                "1250000.5",
                "2026-10-20",
                None,
                "否",
                "是",
                "是",
            ],
        ],
    )
    response = _upload(client, report, workbook)
    report.refresh_from_db()
    assert "已导入 2 行明细" in response.text
    items = report.body["items"]
    assert [item["name"] for item in items] == ["柳东新区第二小学", "柳东智能制造园二期"]
    assert items[0]["started_on"] == "2026-10-12" and items[0]["deposit_paid"] is False
    assert items[1]["contract_amount"] == "1250000.50" and items[1]["workers"] is None
    assert report.body["header"]["project_count"] == 2  # the header is kept


def test_an_upload_with_bad_rows_saves_nothing_and_names_each_row(client, liaison):
    report = ReportFactory(unit=liaison.unit)
    before = report.body
    client.force_login(liaison)
    workbook = _template(client)
    sheet = workbook.worksheets[0]
    wrong_types = [*GOOD[:6], "三千万", "十月", "很多", "也许", "否", "是"]
    missing = [
        "",
        "",
        "",
        "柳东新区教育局",
        "广西建工集团",
        "房屋建筑",
        100,
        "2026-10-01",
        1,
        "是",
        "是",
        "是",
    ]
    _fill(sheet, [GOOD, wrong_types, missing])
    workbook.create_sheet("我的草稿").append(["随便写的"])  # an extra sheet is ignored
    response = _upload(client, report, workbook)
    report.refresh_from_db()
    assert report.body == before
    assert "未保存任何数据" in response.text
    assert "第 3 行" in response.text and "“合同金额（元）”应为金额" in response.text
    assert "“开工日期”应为日期" in response.text and "“用工人数”应为整数" in response.text
    assert "第 4 行" in response.text and "“项目名称”必须填写" in response.text
    assert "第 2 行" not in response.text


def test_an_extra_sheet_in_a_good_file_does_not_matter(client, liaison):
    report = ReportFactory(unit=liaison.unit)
    client.force_login(liaison)
    workbook = _template(client)
    _fill(workbook.worksheets[0], [GOOD])
    workbook.create_sheet("备用").append(["x", "y"])
    _upload(client, report, workbook)
    report.refresh_from_db()
    assert len(report.body["items"]) == 1


def test_a_file_that_is_not_excel_is_refused(client, liaison):
    report = ReportFactory(unit=liaison.unit)
    before = report.body
    client.force_login(liaison)
    upload = SimpleUploadedFile("明细.xlsx", b"name,location\nA,B\n", content_type=XLSX)
    with time_machine.travel(dt.datetime(2026, 11, 4, 10, tzinfo=SHANGHAI), tick=False):
        response = client.post(f"/reporting/reports/{report.pk}/upload/", {"file": upload}, follow=True)
    assert "不是有效的 Excel" in response.text
    report.refresh_from_db()
    assert report.body == before


def test_a_workbook_without_the_required_columns_is_refused(client, liaison):
    report = ReportFactory(unit=liaison.unit)
    client.force_login(liaison)
    workbook = Workbook()
    workbook.active.append(["随便", "什么"])
    workbook.active.append(["a", "b"])
    response = _upload(client, report, workbook)
    assert "表头缺少必填列" in response.text


def test_another_units_liaison_cannot_upload(client, other_liaison, liaison):
    report = ReportFactory(unit=liaison.unit)
    client.force_login(other_liaison)
    workbook = Workbook()
    assert _upload(client, report, workbook).status_code == 404
    assert Report.objects.get().body == report.body
