"""Issue 16, finding 5: an xlsx zip bomb. A 1 MB upload that unpacks to hundreds of MiB is refused from the
zip's directory before anything opens it; a sheet that claims a million rows and 16,384 columns is not walked
that far; and over any accepted or refused upload the reading holds less than 100 MiB (tracemalloc)."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from liudong_wages.excel import Column, read_workbook
from liudong_wages.uploads import check_archive

COLUMNS = [Column("name", "姓名", required=True), Column("note", "备注")]
BUDGET = 100 * 1024 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _xlsx(*, sheet: bytes | None = None, shared_strings: list[tuple[int, bytes]] | None = None) -> bytes:
    """A minimal xlsx, written by hand so that a part can be as big as the attack wants. `shared_strings`
    is a list of (count, chunk): the part repeats each chunk `count` times, streamed into the zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        overrides = (
            f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CT}.worksheet+xml"/>'
        )
        if shared_strings is not None:
            overrides += f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>'
        package.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>',
        )
        package.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        package.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        rels = f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared_strings is not None:
            rels += f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        package.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>')
        header = (
            '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>备注</t></is></c></row>'
        )
        package.writestr(
            "xl/worksheets/sheet1.xml",
            sheet or f'<worksheet xmlns="{MAIN}"><sheetData>{header}</sheetData></worksheet>'.encode(),
        )
        if shared_strings is not None:
            with package.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
                part.write(f'<sst xmlns="{MAIN}">'.encode())
                for count, chunk in shared_strings:
                    for _ in range(count):
                        part.write(chunk)
                part.write(b"</sst>")
    return out.getvalue()


def _bomb() -> bytes:
    """About 1 MB that unpacks to 150 MiB of shared strings: 150 strings of 1 MiB each."""
    one = b"<si><t>" + b"A" * (1024 * 1024) + b"</t></si>"
    return _xlsx(shared_strings=[(150, one)])


def _wide_and_long() -> bytes:
    """Small once unpacked, but the sheet says it reaches row 1,048,576 and column XFD."""
    sheet = (
        f'<worksheet xmlns="{MAIN}"><dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>覃工人</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    return _xlsx(sheet=sheet)


def _honest(rows: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名*", "备注"])
    for n in range(rows):
        sheet.append([f"工人{n:05d}", f"第 {n} 行，项目完工后拖欠三个月工资，已核实。"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _peak_while(action) -> tuple[int, object]:
    tracemalloc.start()
    try:
        outcome = action()
    except ValidationError as error:
        outcome = error
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, outcome


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = _bomb()
    assert len(data) < 2 * 1024 * 1024  # what the attack uploaded: about a megabyte
    return data


def test_the_bomb_is_refused_from_its_directory_before_it_is_opened(bomb):
    upload = SimpleUploadedFile("bomb.xlsx", bomb)
    started = time.monotonic()
    peak, outcome = _peak_while(lambda: read_workbook(upload, COLUMNS))
    assert isinstance(outcome, ValidationError)
    assert "解压后过大" in str(outcome.messages)
    assert peak < BUDGET
    assert time.monotonic() - started < 5


def test_too_many_parts_and_a_high_ratio_are_refused():
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as package:
        for n in range(600):
            package.writestr(f"x/{n}.xml", b"<a/>")
    with pytest.raises(ValidationError):
        check_archive(many)
    dense = io.BytesIO()
    with zipfile.ZipFile(dense, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", b" " * (5 * 1024 * 1024))
    with pytest.raises(ValidationError):
        check_archive(dense)


def test_a_sheet_claiming_a_million_rows_and_every_column_is_not_walked_to_the_end():
    upload = SimpleUploadedFile("wide.xlsx", _wide_and_long())
    started = time.monotonic()
    peak, outcome = _peak_while(lambda: read_workbook(upload, COLUMNS))
    assert isinstance(outcome, ValidationError)
    assert "行数过多" in str(outcome.messages)
    assert peak < BUDGET
    assert time.monotonic() - started < 30


def test_an_honest_import_of_the_largest_size_is_accepted_within_the_budget():
    upload = SimpleUploadedFile("workers.xlsx", _honest(5000))
    peak, outcome = _peak_while(lambda: read_workbook(upload, COLUMNS))
    assert not isinstance(outcome, ValidationError), outcome
    assert len(outcome.rows) == 5000
    assert peak < BUDGET


def test_a_liaison_uploading_the_bomb_to_a_report_gets_a_chinese_message(client, liaison, bomb):
    from ..factories import ReportFactory

    report = ReportFactory(unit=liaison.unit, report_type="jsj_monthly")
    client.force_login(liaison)
    peak, response = _peak_while(
        lambda: client.post(
            f"/reporting/reports/{report.pk}/upload/",
            {"file": SimpleUploadedFile("报表.xlsx", bomb)},
            follow=True,
        )
    )
    assert response.status_code == 200
    assert "解压后过大" in response.text
    assert peak < BUDGET
