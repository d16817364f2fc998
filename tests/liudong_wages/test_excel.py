import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from liudong_wages.excel import (
    BOOL,
    CHOICE,
    DATE,
    DECIMAL,
    INT,
    Column,
    Sheet,
    read_workbook,
    template_workbook,
    xlsx_response,
)

COLUMNS = [
    Column("name", "姓名", required=True, max_length=10),
    Column("workers", "人数", INT, min_value=0),
    Column("amount", "欠薪金额（元）", DECIMAL, required=True, min_value=Decimal("0.01")),
    Column("since", "起始日期", DATE),
    Column("filed", "已备案", BOOL),
    Column("kind", "类别", CHOICE, choices=[("building", "房建"), ("water", "水利")]),
]


def _upload(rows, header=None, extra_sheet=False) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header or [c.title for c in COLUMNS])
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        workbook.create_sheet("我的备注").append(["随便写的"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("data.xlsx", buffer.getvalue())


def test_good_rows_are_parsed():
    result = read_workbook(
        _upload(
            [["韦工", 12, "35000.5", "2026-03-01", "是", "房建"], ["覃工", None, 800, None, "否", "water"]]
        ),
        COLUMNS,
    )
    assert result.ok
    assert result.rows[0] | {"_row": 0} == {
        "_row": 0,
        "name": "韦工",
        "workers": 12,
        "amount": Decimal("35000.50"),
        "since": dt.date(2026, 3, 1),
        "filed": True,
        "kind": "building",
    }
    assert result.rows[1]["kind"] == "water"


def test_each_bad_row_is_reported_with_its_reasons():
    result = read_workbook(
        _upload(
            [
                ["韦工", "十二", "abc", "2026-13-01", "也许", "桥梁"],
                ["", 1, "-5", None, None, None],
                ["好人", 1, "1.234", None, None, None],
            ]
        ),
        COLUMNS,
    )
    assert not result.ok
    first, second, third = result.errors
    assert first.row == 2
    assert "“人数”应为整数" in first.messages
    assert "“欠薪金额（元）”应为金额（数字）" in first.messages
    assert any("应为日期" in m for m in first.messages)
    assert "“已备案”应填“是”或“否”" in first.messages
    assert any("应为以下之一：房建、水利" in m for m in first.messages)
    assert "“姓名”必须填写" in second.messages
    assert any("不能小于" in m for m in second.messages)
    assert "“欠薪金额（元）”最多两位小数" in third.messages
    assert str(third).startswith("第 4 行")


def test_a_file_that_is_not_excel_is_refused():
    with pytest.raises(ValidationError, match="不是有效的 Excel"):
        read_workbook(SimpleUploadedFile("data.xlsx", b"name,amount\n"), COLUMNS)


def test_a_missing_required_column_is_refused():
    with pytest.raises(ValidationError, match="缺少必填列：欠薪金额（元）"):
        read_workbook(_upload([["韦工"]], header=["姓名"]), COLUMNS)


def test_extra_sheets_are_ignored():
    assert read_workbook(_upload([["韦工", 1, 100, None, None, None]], extra_sheet=True), COLUMNS).ok


def test_an_empty_sheet_is_refused():
    with pytest.raises(ValidationError, match="没有读到任何数据行"):
        read_workbook(_upload([]), COLUMNS)


def test_the_template_round_trips_through_the_reader():
    workbook = template_workbook(
        columns=COLUMNS,
        title="欠薪名单",
        examples=[{"name": "示例", "amount": Decimal("100"), "kind": "water"}],
    )
    assert workbook.sheetnames == ["欠薪名单", "填写说明"]
    assert [c.value for c in workbook["欠薪名单"][1]][:3] == ["姓名*", "人数", "欠薪金额（元）*"]
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read_workbook(SimpleUploadedFile("t.xlsx", buffer.getvalue()), COLUMNS, sheet_title="欠薪名单")
    assert result.rows[0]["kind"] == "water"


def test_an_export_holds_labels_and_local_times():
    from django.utils import timezone

    moment = timezone.make_aware(dt.datetime(2026, 10, 8, 9, 30))
    response = xlsx_response(
        filename="案件.xlsx",
        sheets=[
            Sheet(
                "案件",
                [*COLUMNS, Column("at", "时间")],
                [{"name": "韦工", "amount": Decimal("1.50"), "filed": True, "kind": "water", "at": moment}],
            )
        ],
    )
    assert "filename*=UTF-8''%E6%A1%88%E4%BB%B6.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["案件"]
    row = [c.value for c in sheet[2]]
    assert row[0] == "韦工"
    assert row[2] == 1.5
    assert row[4] == "是"
    assert row[5] == "水利"
    assert row[6] == dt.datetime(2026, 10, 8, 9, 30)
