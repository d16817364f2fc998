"""The bulletin's Excel annex: one sheet per table, the same rows the PDF prints."""

from __future__ import annotations

import io

from liudong_wages import excel

from .tables import Table


def annex_workbook(tables: list[Table]) -> bytes:
    buffer = io.BytesIO()
    sheets = [
        excel.Sheet(f"{index + 1}.{table.title}"[:31], table.columns, table.rows)
        for index, table in enumerate(tables)
    ]
    excel.write_workbook(sheets, buffer)
    return buffer.getvalue()
