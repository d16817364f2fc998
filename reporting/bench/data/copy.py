"""Rows written in PostgreSQL's COPY text format, one temporary file per table, loaded in one COPY each."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import connection, models


def _escape(value: str) -> str:
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


def _json(value: Any) -> str:
    return _escape(json.dumps(value, ensure_ascii=False))


# By exact type: a dictionary look-up instead of a chain of isinstance() for each of millions of cells.
_FORMATS: dict[type, Callable[[Any], str]] = {
    str: _escape,
    int: str,
    Decimal: str,
    dt.date: dt.date.isoformat,
    dt.datetime: dt.datetime.isoformat,
    bool: lambda value: "t" if value else "f",
    type(None): lambda value: r"\N",
    dict: _json,
    list: _json,
}


def _text(value: Any) -> str:
    """A value in PostgreSQL COPY text format."""
    fmt = _FORMATS.get(type(value))
    if fmt is None:  # a TextChoices member, a lazy translation: their str() is the stored text
        return _escape(str(value))
    return fmt(value)


_REQUIRED = object()


class Table:
    """Rows of one model written to a temporary file in COPY format, loaded in one COPY at the end.

    Columns not given take the field's default (computed once), so each caller names only what matters.
    """

    def __init__(self, model: type[models.Model], now: dt.datetime):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if f.primary_key:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            elif f.has_default():
                default = f.get_default()
                self.defaults[f.attname] = now if isinstance(default, dt.datetime) else default
            elif f.null:
                self.defaults[f.attname] = None
            elif isinstance(f, models.CharField | models.TextField):
                self.defaults[f.attname] = ""
            else:
                self.defaults[f.attname] = _REQUIRED
        self.attnames = [f.attname for f in self.fields]
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed by load)
        self.next_id = 1
        self.count = 0

    def add(self, **values: Any) -> int:
        if "id" not in values:
            values["id"] = self.next_id
        self.next_id = max(self.next_id, values["id"] + 1)
        cells = []
        for name in self.attnames:
            value = values[name] if name in values else self.defaults[name]
            if value is _REQUIRED:
                raise KeyError(f"{self.model.__name__}.{name} has no default: give a value")
            cells.append(_text(value))
        self.file.write("\t".join(cells) + "\n")
        self.count += 1
        return values["id"]

    def load(self, cursor) -> None:
        table = self.model._meta.db_table
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.file.seek(0)
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            while chunk := self.file.read(1 << 20):
                copy.write(chunk)
        self.file.close()
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
        )
