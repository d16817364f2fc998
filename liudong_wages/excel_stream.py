"""Excel downloads written while they are sent: for exports too big to build first (all cases, 100,000 rows).

`excel.xlsx_response` builds the whole workbook in a temporary file before the first byte leaves, and its
caller usually holds every row in a list. Here the rows come from a generator (a queryset's `.iterator()`),
each batch becomes worksheet XML, goes through zipfile's deflate into the response and is dropped: memory
stays flat whatever the number of rows, and the browser sees the first bytes at once. The file is a plain
xlsx (inline strings, one date style, a bold frozen header) that Excel, WPS and openpyxl read.
The columns are `excel.Column`s, so a list's export and its template agree as before.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from django.http import StreamingHttpResponse
from openpyxl.utils import get_column_letter

from .downloads import content_disposition
from .excel import XLSX_CONTENT_TYPE, Sheet, looks_like_formula, row_cells

ROWS_PER_CHUNK = 500
_EPOCH = dt.datetime(1899, 12, 30)
# Characters XML 1.0 forbids: a control character pasted into a summary must not break the file.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '</numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/>'
    '<name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
    '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/>'
    '<bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
    'xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
# TEXT_STYLE carries Excel's quote prefix: text that looks like a formula stays text when a cell is edited.
DATE_STYLE, HEADER_STYLE, TEXT_STYLE = 1, 2, 3


class _Pipe(io.RawIOBase):
    """An unseekable sink: zipfile then writes data descriptors and never goes back, so what it wrote can
    be handed to the response and forgotten."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def _cell(ref: str, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, dt.datetime):
        serial = (value.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="{DATE_STYLE}"><v>{serial}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{DATE_STYLE}"><v>{(value - _EPOCH.date()).days}</v></c>'
    text = escape(_ILLEGAL.sub("", str(value)))
    style = f' s="{TEXT_STYLE}"' if looks_like_formula(value) else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _row(number: int, letters: Sequence[str], values: Sequence, style: int | None = None) -> str:
    if style is None:
        cells = "".join(
            _cell(f"{letter}{number}", value) for letter, value in zip(letters, values, strict=True)
        )
    else:
        cells = "".join(
            f'<c r="{letter}{number}" t="inlineStr" s="{style}"><is><t>{escape(str(value))}</t></is></c>'
            for letter, value in zip(letters, values, strict=True)
        )
    return f'<row r="{number}">{cells}</row>'


def _sheet_head(sheet: Sheet) -> str:
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{column.width}" customWidth="1"/>'
        for i, column in enumerate(sheet.columns, start=1)
    )
    return (
        f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        f"<cols>{cols}</cols><sheetData>"
    )


def _package(titles: Sequence[str]) -> list[tuple[str, str]]:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(titles) + 1)
    )
    content_types = (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{sheets}</Types>"
    )
    root_rels = (
        f'{_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        + "".join(
            f'<sheet name="{escape(title[:31], {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, title in enumerate(titles, start=1)
        )
        + "</sheets></workbook>"
    )
    workbook_rels = (
        f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(titles) + 1)
        )
        + f'<Relationship Id="rId{len(titles) + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
    )
    return [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", root_rels),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", workbook_rels),
        ("xl/styles.xml", STYLES),
    ]


def stream_workbook(sheets: Sequence[Sheet]) -> Iterator[bytes]:
    """The xlsx file of `sheets`, in chunks, reading each sheet's rows only as it goes."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=5) as package:
        for name, text in _package([str(sheet.title) for sheet in sheets]):
            package.writestr(name, text)
        yield pipe.take()
        for index, sheet in enumerate(sheets, start=1):
            letters = [get_column_letter(i) for i in range(1, len(sheet.columns) + 1)]
            with package.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True) as part:
                part.write(_sheet_head(sheet).encode())
                part.write(_row(1, letters, [str(c.header) for c in sheet.columns], HEADER_STYLE).encode())
                batch: list[str] = []
                for number, row in enumerate(sheet.rows, start=2):
                    batch.append(_row(number, letters, row_cells(sheet.columns, row)))
                    if len(batch) >= ROWS_PER_CHUNK:
                        part.write("".join(batch).encode())
                        batch.clear()
                        if chunk := pipe.take():
                            yield chunk
                part.write(("".join(batch) + "</sheetData></worksheet>").encode())
            yield pipe.take()
    yield pipe.take()


def xlsx_streaming_response(*, filename: str, sheets: Sequence[Sheet]) -> StreamingHttpResponse:
    """A download of `sheets` that starts at once and never holds the workbook (see the module docstring)."""
    response = StreamingHttpResponse(_nonempty(stream_workbook(sheets)), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def _nonempty(chunks: Iterable[bytes]) -> Iterator[bytes]:
    return (chunk for chunk in chunks if chunk)
