"""The rows of the long lists, written in Python (issue 21).

A list page shows up to 50 rows of ten-odd cells. Through the template engine each cell is a variable lookup,
a filter and an escape, each badge a tag: 0.15 ms a row, a third of the case list's time. A list declares its
columns here instead, beside its selector, much as its Excel export declares `excel.Column`s; the template
keeps the page around them and writes `{{ table.head }}` and `{{ table.body }}`. Every cell is escaped as
`conditional_escape` does; a cell function returns text (escaped here) or HTML made with `cell_html` / `badge` (kept).
What is already a str and escaped is marked safe by `SafeString(…)`: `mark_safe` first checks for a lazy string,
which on a thousand cells a page is measurable.

A page is written in one language. Django's `get_language()` reads asgiref's context-local storage (4 µs) and a
lazy label's `str()` translates it again (8 µs), several times a row; a table's body (and a select's options,
liudong_wages.form_renderer) reads the language and the time zone once (`writing`), and the labels a module
declares once (its headers, badges, choices) are translated once per language (`text`).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .formats import money

Row = Mapping[str, Any]
NONE = "—"


_written = threading.local()


@dataclass(frozen=True)
class _Page:
    language: str | None
    zone: dt.tzinfo


def _page() -> _Page | None:
    return getattr(_written, "page", None)


def language() -> str | None:
    """The language being written: the one read when the table's body or the select began (`writing`), else
    the active one."""
    page = _page()
    return page.language if page is not None else get_language()


def zone() -> dt.tzinfo:
    """The time zone being written in (Asia/Shanghai), read as `language()` is."""
    page = _page()
    return page.zone if page is not None else timezone.get_current_timezone()


@contextmanager
def writing() -> Iterator[None]:
    """Write what follows in the active language and time zone, read once here: within it, `language()` and
    `zone()` answer without asking Django. Nothing inside may activate another language or zone."""
    before = _page()
    _written.page = _Page(get_language(), timezone.get_current_timezone())
    try:
        yield
    finally:
        _written.page = before


# A lazy label's translation per language, by the label's identity: the labels that live on (a module's headers,
# badges and choices, which forms copy as themselves) are translated once. The label is kept beside its text, so
# its identity cannot pass to another object while it is here; a label made on each call (`_("…")` inside a
# function) is a new object each time and only passes through, within the bound.
_translations: dict[tuple[int, str | None], tuple[Promise, str]] = {}
_TRANSLATIONS_KEPT = 2048


def text(label: str | Promise) -> str:
    """A label's text in the language being written: a lazy label translated once per language and remembered,
    anything else as `str()` gives it."""
    if not isinstance(label, Promise):
        return str(label)
    key = (id(label), language())
    known = _translations.get(key)
    if known is not None and known[0] is label:
        return known[1]
    translated = str(label)
    if len(_translations) >= _TRANSLATIONS_KEPT:
        _translations.clear()
    _translations[key] = (label, translated)
    return translated


@receiver(setting_changed)
def _forget_translations(*, setting: str, **kwargs) -> None:
    # Django reloads its catalogues when these change (tests); a translation remembered here would outlive them.
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"):
        _translations.clear()
    if setting in ("FORMAT_MODULE_PATH", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"):
        _iso_dates.cache_clear()
        _iso_datetimes.cache_clear()


def escape(value: Any) -> str:
    """`conditional_escape` to the character, for the thousand cells of a page (and the options of a select):
    safe HTML as it is, anything else through `html.escape` as Django's `escape` does, without the lazy-string
    wrapper around each call."""
    if type(value) is str:  # most cells: plain text, neither safe nor lazy
        return html.escape(value)
    if isinstance(value, Promise):
        value = text(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@dataclass(frozen=True)
class Column:
    """One column: its header, and what its cell shows of a row (text, escaped here, or safe HTML)."""

    header: str | Promise
    cell: Callable[[Row], Any]
    numeric: bool = False  # right-aligned, as every amount and count is
    css: str = ""  # further classes of the cells, e.g. "small"
    row_css: Callable[[Row], str] | None = (
        None  # a class of this row's cell alone, e.g. "overdue" when unpaid
    )

    @functools.cached_property
    def _classes(self) -> str:
        classes = " ".join(filter(None, ("text-end" if self.numeric else "", self.css)))
        return f' class="{classes}"' if classes else ""

    def _row_classes(self, row: Row) -> str:
        extra = self.row_css(row) if self.row_css else ""
        if not extra:
            return self._classes
        classes = " ".join(filter(None, ("text-end" if self.numeric else "", self.css, extra)))
        return f' class="{escape(classes)}"'

    def th(self) -> SafeString:
        end = ' class="text-end"' if self.numeric else ""
        return format_html('<th scope="col"{}>{}</th>', mark_safe(end), self.header)

    def td(self, row: Row) -> str:
        value = self.cell(row)
        # Escaped before it is compared with "": a lazy label compared would be translated for it.
        shown = NONE if value is None else escape(value) or NONE
        classes = self._classes if self.row_css is None else self._row_classes(row)
        return f"<td{classes}>{shown}</td>"


@dataclass(frozen=True)
class Table:
    """Columns, and how a row is marked (`row_class`: a Bootstrap class such as table-danger, or "")."""

    columns: tuple[Column, ...]
    empty: str | Promise
    row_class: Callable[[Row], str] = field(default=lambda row: "")
    _heads: dict[str | None, SafeString] = field(default_factory=dict, init=False, repr=False, compare=False)

    def head(self) -> SafeString:
        """The header row, written once per language."""
        current = get_language()
        head = self._heads.get(current)
        if head is None:
            head = self._heads[current] = mark_safe(
                "<tr>" + "".join(column.th() for column in self.columns) + "</tr>"
            )
        return head

    def body(self, rows: Iterable[Row]) -> SafeString:
        parts: list[str] = []
        with writing():
            for row in rows:
                css = self.row_class(row)
                parts.append(f'<tr class="{escape(css)}">' if css else "<tr>")
                parts.extend(column.td(row) for column in self.columns)
                parts.append("</tr>")
        if not parts:
            return format_html(
                '<tr><td colspan="{}" class="text-muted">{}</td></tr>', len(self.columns), self.empty
            )
        return SafeString("".join(parts))

    def bind(self, rows: Iterable[Row]) -> BoundTable:
        return BoundTable(self, list(rows))


@dataclass(frozen=True)
class BoundTable:
    """What a template reads: {{ table.head }} and {{ table.body }}."""

    table: Table
    rows: list[Row]

    def head(self) -> SafeString:
        return self.table.head()

    def body(self) -> SafeString:
        return self.table.body(self.rows)


def cell_html(template: str, *args: Any) -> SafeString:
    """`format_html` for the cells of a list: each argument escaped as conditional_escape does (safe HTML kept),
    without the lazy-string wrapper around each call (a roster page makes four hundred of them)."""
    return SafeString(template.format(*(escape(arg) for arg in args)))


def link(url: str, text: Any) -> SafeString:
    return SafeString(f'<a href="{escape(url)}">{escape(text)}</a>')


def badge(label: str | Promise, kind: str = "secondary") -> SafeString:
    """A Bootstrap badge: badge(MAJOR, "dark"), MAJOR a label the module declares (`text`)."""
    return tag(label, f"badge text-bg-{kind}")


def tag(label: str | Promise, css: str) -> SafeString:
    """<span class="css">label</span>; the same few on most rows, so each is made once per language."""
    return _tag(text(label), css)


@functools.lru_cache(maxsize=256)
def _tag(text: str, css: str) -> SafeString:
    return format_html('<span class="{}">{}</span>', css, text)


def muted(text: Any) -> SafeString:
    return SafeString(f'<small class="text-muted">{escape(text)}</small>')


def joined(*parts: Any) -> SafeString:
    """Cell parts (text or safe HTML) separated by a space, the empty ones left out."""
    return SafeString(" ".join(escape(part) for part in parts if part))


def short_date(value: dt.date | None) -> str:
    """A date in a table cell: 2026-12-06 (SHORT_DATE_FORMAT), a dash when there is none. A moment gives its
    day in Asia/Shanghai, as the template's date filter does (16:30 UTC is already the next day there)."""
    if not value:
        return NONE
    if isinstance(value, dt.datetime):
        value = (timezone.localtime(value, zone()) if timezone.is_aware(value) else value).date()
    if _iso_dates(language()):
        return value.isoformat()  # the same text, without Django's format parser on every row
    return date_format(value, "SHORT_DATE_FORMAT")


@functools.lru_cache(maxsize=16)
def _iso_dates(language: str | None) -> bool:
    """Whether `language` writes a short date as ISO does (2026-12-06): asked once per language."""
    return get_format("SHORT_DATE_FORMAT", lang=language) == "Y-m-d"


def short_datetime(value: dt.datetime | None) -> str:
    """A moment in a table cell, in Asia/Shanghai: 2026-12-06 14:05 (SHORT_DATETIME_FORMAT), else a dash."""
    if not value:
        return NONE
    if timezone.is_aware(value):
        value = timezone.localtime(value, zone())
    if _iso_datetimes(language()):
        return f"{value:%Y-%m-%d %H:%M}"
    return date_format(value, "SHORT_DATETIME_FORMAT")


@functools.lru_cache(maxsize=16)
def _iso_datetimes(language: str | None) -> bool:
    """Whether `language` writes a short moment as 2026-12-06 14:05: asked once per language."""
    return get_format("SHORT_DATETIME_FORMAT", lang=language) == "Y-m-d H:i"


def short_month(value: dt.date | None) -> str:
    """A month in a table cell: 2026-12 (the first day of the month stands for it), else a dash."""
    return f"{value:%Y-%m}" if value else NONE


def amount(value: Any) -> str:
    return money(value, language=language())


class UrlFor:
    """An object's address for every row of a list: `UrlFor("cases:detail")(pk)`, or with several integers
    `UrlFor("enterprises:worker_edit")(project_pk, worker_pk)`. The pattern takes integers and is the same for
    every row, so it is reversed once per URL configuration, script prefix and number of arguments (reverse()
    on each row cost about a millisecond a page)."""

    MARK = 2_147_483_647

    def __init__(self, name: str) -> None:
        self.name = name
        self._parts: dict[tuple, list[str]] = {}

    def _split(self, count: int) -> list[str]:
        key = (get_urlconf(), get_script_prefix(), count)
        parts = self._parts.get(key)
        if parts is None:
            parts = self._parts[key] = reverse(self.name, args=[self.MARK] * count).split(str(self.MARK))
        return parts

    def __call__(self, *pks: int) -> str:
        parts = self._split(len(pks))
        if len(pks) == 1:
            return f"{parts[0]}{int(pks[0])}{parts[1]}"
        return parts[0] + "".join(f"{int(pk)}{part}" for pk, part in zip(pks, parts[1:], strict=True))

    def bind(self) -> Callable[[int], str]:
        """The address of one object by its key, for the URL configuration of this moment: what a page's rows
        call, without looking up the configuration and prefix on every row."""
        before, after = self._split(1)
        return lambda pk: f"{before}{int(pk)}{after}"
