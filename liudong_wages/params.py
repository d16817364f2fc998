"""GET parameters read one way: a crafted value (`?year=99999`, `?year=²`, `?q=%00`, `?start=0001-01-01`,
`?extra=abc`) is treated as absent, never a server error (issue 16).

Views and selectors read a parameter through these functions instead of `int(request.GET[...])`; forms that
filter a list or pick a period use the fields below. The bounds are those of the system's records, not of
Python's types: no case, payment or report is older than 2000 or later than 2099, and a date at the edge
of `datetime.date` overflows the moment a day is added to or taken from it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)
MAX_TEXT = 100  # a search box; longer is not a search
MAX_PK = 2**63 - 1  # PostgreSQL's bigint
_DIGITS = re.compile(r"[0-9]{1,19}")  # ASCII only: "²" and "١٢٣" are digits to str.isdigit(), not to int()
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def text(params: Mapping[str, Any], key: str, *, max_length: int = MAX_TEXT) -> str:
    """A search text: control characters (a NUL that PostgreSQL refuses) removed, cut to `max_length`."""
    value = params.get(key)
    if not isinstance(value, str):
        return ""
    return _CONTROL.sub("", value)[:max_length].strip()


def integer(
    params: Mapping[str, Any], key: str, *, min_value: int, max_value: int, default: int | None = None
) -> int | None:
    """An integer written in ASCII digits within [min_value, max_value], else `default`."""
    value = params.get(key)
    if not isinstance(value, str) or not _DIGITS.fullmatch(value.strip()):
        return default
    number = int(value.strip())
    return number if min_value <= number <= max_value else default


def year(params: Mapping[str, Any], key: str = "year", default: int | None = None) -> int | None:
    return integer(params, key, min_value=FIRST_DAY.year, max_value=LAST_DAY.year, default=default)


def pk(params: Mapping[str, Any], key: str) -> int | None:
    """A record's id, or None: the view then answers as if nothing was asked for."""
    return integer(params, key, min_value=1, max_value=MAX_PK)


def day(params: Mapping[str, Any], key: str, default: dt.date | None = None) -> dt.date | None:
    """An ISO date between FIRST_DAY and LAST_DAY, else `default`."""
    value = params.get(key)
    try:
        parsed = dt.date.fromisoformat(value.strip()) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    return parsed if parsed is not None and FIRST_DAY <= parsed <= LAST_DAY else default


class BoundedDateField(forms.DateField):
    """A date field that refuses, in Chinese, a day outside the system's years."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            raise ValidationError(
                _("日期应在 %(first)s 至 %(last)s 之间。"),
                code="out_of_range",
                params={"first": date_format(FIRST_DAY), "last": date_format(LAST_DAY)},
            )
        return value


class YearField(forms.IntegerField):
    """A year between FIRST_DAY's and LAST_DAY's, written in ASCII digits."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", FIRST_DAY.year)
        kwargs.setdefault("max_value", LAST_DAY.year)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not _DIGITS.fullmatch(value.strip()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class SearchField(forms.CharField):
    """A search box: control characters removed rather than refused, at most MAX_TEXT characters kept."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return text({"q": value}, "q") if isinstance(value, str) else super().to_python(value)
