# Over 400 lines: one Column description drives the export, the template and the import check together.
"""Excel in and out, from one description of the columns.

A `Column` says what a cell holds (text, integer, money, date, yes/no, a choice), whether it is required and
what the user should write. From a list of columns come the export of a list (`xlsx_response`), the template
a user downloads and fills (`template_response`) and the check of the uploaded file (`read_workbook`), which
reads every row, collects each bad row's reasons in Chinese and returns nothing to save unless all are good.

Exports use openpyxl's write-only mode, so a list of a hundred thousand rows does not sit in memory as cells.
Text a spreadsheet would read as a formula (`=HYPERLINK(…)` typed into the public form) is written as text by
`text_cell`, whichever writer writes it (issue 16). Uploads are opened only after `check_archive` has
measured the zip, and read row by row in read-only mode within `max_rows` x `MAX_COLUMNS`.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .downloads import content_disposition
from .uploads import check_archive

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT, INT, DECIMAL, DATE, BOOL, CHOICE = "text", "int", "decimal", "date", "bool", "choice"
YES_VALUES = {"是", "有", "y", "yes", "true", "1", "√"}
NO_VALUES = {"否", "无", "n", "no", "false", "0", "×"}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Columns read from an upload: the widest import has about 40; a sheet claiming 16,384 is not read that wide.
MAX_COLUMNS = 200
# Rows read past `max_rows`: blank rows between data rows are skipped, but a sheet with a cell in row
# 1,048,576 is not walked to the end.
BLANK_ROWS_ALLOWED = 1000
# A cell whose text starts with one of these is a formula to Excel, WPS or LibreOffice once the cell is
# edited or the sheet is saved as CSV (OWASP "CSV injection"); a tab or CR before them hides the sign.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_DATE_PATTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def looks_like_formula(value: Any) -> bool:
    """Whether `value` is text that a spreadsheet would take for a formula. Numbers are never formulas."""
    return isinstance(value, str) and (
        value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS[:4])
    )


def text_cell(worksheet, value: Any):
    """`value` as openpyxl should write it: a string a spreadsheet would read as a formula becomes a text
    cell with Excel's quote prefix (shown as typed, still text after the cell is edited); anything else is
    returned as it is, so numbers and dates stay numbers and dates."""
    if not looks_like_formula(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(worksheet, value=value)
    cell.data_type = "s"  # openpyxl made "=…" a formula when it took the value
    cell.quotePrefix = True
    return cell


@dataclass(frozen=True)
class Column:
    """One column. `header`, `help` and choice labels may be lazy translations: they are read when used."""

    key: str
    header: str | Promise
    kind: str = TEXT
    required: bool = False
    choices: Sequence[tuple[str, str]] = ()
    help: str | Promise = ""
    width: int = 16
    max_length: int | None = None
    min_value: Decimal | int | None = None
    # Further checks of a parsed value (a credit code's checksum), raising ValidationError in Chinese.
    validators: Sequence[Callable[[Any], None]] = field(default=())

    @property
    def title(self) -> str:
        """The header as written in a template: required columns carry a star."""
        return f"{self.header}*" if self.required else str(self.header)

    def to_cell(self, value: Any) -> Any:
        """A Python value as an Excel cell shows it."""
        if value is None or value == "":
            return None
        if self.kind == CHOICE:
            return str(dict(self.choices).get(value, value))
        if self.kind == BOOL:
            return _("是") if value else _("否")
        if isinstance(value, dt.datetime):
            # openpyxl refuses aware datetimes; staff read Beijing time.
            return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        return value

    def parse(self, raw: Any) -> Any:
        """A cell's value as Python, or ValueError with a Chinese reason."""
        if isinstance(raw, str):
            raw = raw.strip()
        if raw is None or raw == "":
            if self.required:
                raise ValueError(_("“%(column)s”必须填写") % {"column": self.header})
            return None if self.kind not in (TEXT, CHOICE) else ""
        value = getattr(self, f"_parse_{self.kind}")(raw)
        if self.min_value is not None and value < self.min_value:
            raise ValueError(
                _("“%(column)s”不能小于 %(min)s") % {"column": self.header, "min": self.min_value}
            )
        for validator in self.validators:
            try:
                validator(value)
            except ValidationError as error:
                raise ValueError(f"“{self.header}”" + "；".join(error.messages)) from None
        return value

    def _bad(self, hint: str) -> ValueError:
        return ValueError(_("“%(column)s”%(hint)s") % {"column": self.header, "hint": hint})

    def _parse_text(self, raw: Any) -> str:
        value = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
        if self.max_length and len(value) > self.max_length:
            raise self._bad(_("最多 %(n)d 个字") % {"n": self.max_length})
        return value

    def _parse_int(self, raw: Any) -> int:
        if isinstance(raw, bool):
            raise self._bad(_("应为整数"))
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        if isinstance(raw, str) and re.fullmatch(r"-?\d+", raw):
            return int(raw)
        raise self._bad(_("应为整数"))

    def _parse_decimal(self, raw: Any) -> Decimal:
        if isinstance(raw, bool):
            raise self._bad(_("应为金额（数字）"))
        text = str(raw).replace(",", "").replace("，", "")
        try:
            value = Decimal(repr(raw) if isinstance(raw, float) else text)
        except InvalidOperation:
            raise self._bad(_("应为金额（数字）")) from None
        if not value.is_finite():
            raise self._bad(_("应为金额（数字）"))
        try:
            rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        except InvalidOperation:  # more digits than Decimal keeps, e.g. 1E+100
            raise self._bad(_("应为金额（数字）")) from None
        if value != rounded:
            raise self._bad(_("最多两位小数"))
        return rounded

    def _parse_date(self, raw: Any) -> dt.date:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        match = _DATE_PATTERN.match(str(raw))
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
        raise self._bad(_("应为日期，如 2026-10-08"))

    def _parse_bool(self, raw: Any) -> bool:
        text = str(raw).strip().lower()
        if text in YES_VALUES:
            return True
        if text in NO_VALUES:
            return False
        raise self._bad(_("应填“是”或“否”"))

    def _parse_choice(self, raw: Any) -> str:
        text = str(raw).strip()
        for value, label in self.choices:
            if text in (str(value), str(label)):
                return value
        options = "、".join(str(label) for _value, label in self.choices)
        raise self._bad(_("应为以下之一：%(options)s") % {"options": options})


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    # Each row is a mapping by column key, or a sequence in column order.
    rows: Iterable[Mapping[str, Any] | Sequence[Any]]


def row_cells(columns: Sequence[Column], row: Mapping[str, Any] | Sequence[Any]) -> list[Any]:
    """One row's values as its cells show them, in column order (both writers share it)."""
    if isinstance(row, Mapping):
        return [column.to_cell(row.get(column.key)) for column in columns]
    return [column.to_cell(value) for column, value in zip(columns, row, strict=True)]


def write_workbook(sheets: Sequence[Sheet], target) -> None:
    """Write `sheets` to `target` (a path or binary file) in write-only mode."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet.title[:31])
        for index, column in enumerate(sheet.columns, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = column.width
        worksheet.freeze_panes = "A2"
        header = []
        for column in sheet.columns:
            cell = _header_cell(worksheet, str(column.header), bold)
            header.append(cell)
        worksheet.append(header)
        for row in sheet.rows:
            worksheet.append([text_cell(worksheet, value) for value in row_cells(sheet.columns, row)])
    workbook.save(target)


def _header_cell(worksheet, text: str, font: Font):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(worksheet, value=text)
    cell.font = font
    return cell


def _download(filename: str, content) -> FileResponse:
    response = FileResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def xlsx_response(*, filename: str, sheets: Sequence[Sheet]) -> FileResponse:
    """An Excel download of `sheets`. The workbook is built in a temporary file, not in memory."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (the response closes it)
    write_workbook(sheets, spool)
    spool.seek(0)
    return _download(filename, spool)


def template_workbook(
    *,
    columns: Sequence[Column],
    title: str,
    instructions: Sequence[str] = (),
    examples: Sequence[Mapping] = (),
) -> Workbook:
    """The workbook a user downloads to fill in: headers (required ones starred, each with its help as a
    comment), drop-down lists for choices and yes/no, example rows, and a sheet of instructions."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = title[:31]
    header_fill = PatternFill("solid", fgColor="FCE4E4")
    for index, column in enumerate(columns, start=1):
        cell = worksheet.cell(row=1, column=index, value=column.title)
        cell.font = Font(bold=True, color="A61B1B" if column.required else "000000")
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center")
        hint = column.help or ""
        if column.kind == DATE:
            hint = f"{hint}（日期，如 2026-10-08）".lstrip()
        if hint:
            cell.comment = Comment(str(hint), "治欠平台")
        letter = get_column_letter(index)
        worksheet.column_dimensions[letter].width = column.width
        options = None
        if column.kind == CHOICE:
            options = [str(label) for _value, label in column.choices]
        elif column.kind == BOOL:
            options = [_("是"), _("否")]
        if options:
            validation = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
            validation.error = _("请从下拉列表中选择")
            worksheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}5000")
    for example in examples:
        worksheet.append([text_cell(worksheet, value) for value in row_cells(columns, example)])
    worksheet.freeze_panes = "A2"
    notes = workbook.create_sheet(_("填写说明"))
    notes.column_dimensions["A"].width = 100
    for line in [
        _("请在第一个工作表中从第二行起逐行填写，不要修改表头。"),
        _("带 * 的列必须填写；日期写作 2026-10-08；金额为数字，最多两位小数。"),
        *instructions,
    ]:
        notes.append([line])
    return workbook


def template_response(
    *,
    filename: str,
    columns: Sequence[Column],
    title: str,
    instructions: Sequence[str] = (),
    examples: Sequence[Mapping] = (),
) -> FileResponse:
    spool = tempfile.SpooledTemporaryFile(max_size=2 * 1024 * 1024)  # noqa: SIM115 (the response closes it)
    template_workbook(columns=columns, title=title, instructions=instructions, examples=examples).save(spool)
    spool.seek(0)
    return _download(filename, spool)


@dataclass
class RowError:
    row: int  # the row number the user sees in Excel
    messages: list[str]

    def __str__(self) -> str:
        return _("第 %(row)d 行：%(reasons)s") % {"row": self.row, "reasons": "；".join(self.messages)}


@dataclass
class ImportResult:
    rows: list[dict[str, Any]]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


def read_workbook(
    upload, columns: Sequence[Column], *, sheet_title: str | None = None, max_rows: int = 5000
) -> ImportResult:
    """Read and check every row of an uploaded workbook against `columns`.

    Raises ValidationError (in Chinese) when the file as a whole is wrong: not an .xlsx file, too big, no
    sheet to read, a required column missing, no data, too many rows. Otherwise returns the parsed rows
    (with `_row`, the Excel row number) and each bad row's reasons; callers save nothing unless `ok`.
    Sheets other than the data sheet (the instructions, anything the user added) are ignored.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("文件过大：Excel 文件不能超过 5 MB。"))
    upload.seek(0)
    if upload.read(4) != b"PK\x03\x04":
        raise ValidationError(_("文件不是有效的 Excel（.xlsx）文件，请使用下载的模板填写后上传。"))
    check_archive(upload)
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:
        raise ValidationError(_("文件不是有效的 Excel（.xlsx）文件，请使用下载的模板填写后上传。")) from None
    try:
        if sheet_title and sheet_title[:31] in workbook.sheetnames:
            worksheet = workbook[sheet_title[:31]]
        else:
            worksheet = workbook.worksheets[0]
        # Read-only mode streams rows from the zip; a workbook's own claim of its size is not believed.
        last_row = max_rows + 1 + BLANK_ROWS_ALLOWED
        rows = worksheet.iter_rows(max_col=MAX_COLUMNS, max_row=last_row + 1, values_only=True)
        header = next(rows, None)
        if not header:
            raise ValidationError(_("工作表是空的：第一行应为表头。"))
        positions = _header_positions(header, columns)
        result = ImportResult(rows=[], errors=[])
        for number, values in enumerate(rows, start=2):
            if number > last_row:
                raise ValidationError(_("行数过多：一次最多导入 %(n)d 行。") % {"n": max_rows})
            if values is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            if len(result.rows) + len(result.errors) >= max_rows:
                raise ValidationError(_("行数过多：一次最多导入 %(n)d 行。") % {"n": max_rows})
            parsed: dict[str, Any] = {"_row": number}
            messages = []
            for column in columns:
                index = positions.get(column.key)
                raw = values[index] if index is not None and index < len(values) else None
                try:
                    parsed[column.key] = column.parse(raw)
                except ValueError as error:
                    messages.append(str(error))
            if messages:
                result.errors.append(RowError(number, messages))
            else:
                result.rows.append(parsed)
    finally:
        workbook.close()
    if not result.rows and not result.errors:
        raise ValidationError(_("没有读到任何数据行：请从第二行起填写。"))
    return result


def _header_positions(header: Sequence[Any], columns: Sequence[Column]) -> dict[str, int]:
    names = [str(cell).strip().rstrip("*＊").strip() if cell is not None else "" for cell in header]
    positions = {}
    for column in columns:
        if str(column.header) in names:
            positions[column.key] = names.index(str(column.header))
    missing = [str(column.header) for column in columns if column.required and column.key not in positions]
    if missing:
        raise ValidationError(
            _("表头缺少必填列：%(columns)s。请使用下载的模板。") % {"columns": "、".join(missing)}
        )
    return positions


def row_errors_as_text(errors: Iterable[RowError]) -> list[str]:
    return [str(error) for error in errors]
