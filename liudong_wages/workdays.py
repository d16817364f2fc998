"""Working days in the Chinese calendar: statutory holidays and the adjusted working days (调休).

Where a date's answer comes from, in order:

1. the office's own table (`HolidayYear` / `SpecialDay`), when the office has entered that year's schedule
   and confirmed it: listed days as entered, other days by the weekday rule;
2. the chinesecalendar package, for the years it knows (it is maintained, but only up to the last schedule
   the State Council published);
3. an estimate: the `holidays` package's Chinese holidays plus weekends, without adjusted working days.
   Such a year is flagged (`year_source(year).estimated`), so deadlines computed from it can be shown as
   provisional and the office is told to enter the official schedule. It never raises.

Days the office listed for a year it has not confirmed yet still count: a correction entered for one date
wins over the package and the estimate.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from functools import lru_cache

import chinese_calendar
import holidays
from django.utils.translation import gettext_lazy as _

CACHE_SECONDS = 60


class Source:
    OFFICE = "office"
    PACKAGE = "package"
    ESTIMATE = "estimate"

    LABELS = {
        OFFICE: _("办公室录入的官方安排"),
        PACKAGE: _("chinesecalendar 数据包"),
        ESTIMATE: _("估算（尚无官方安排）"),
    }


@dataclass(frozen=True)
class YearSource:
    year: int
    source: str

    @property
    def estimated(self) -> bool:
        return self.source == Source.ESTIMATE

    @property
    def label(self) -> str:
        return str(Source.LABELS[self.source])


@dataclass(frozen=True)
class _OfficeYear:
    confirmed: bool
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]


# year -> (expires at, the office's entries or None). Local to the process: a dictionary look-up is cheap
# enough for deadline arithmetic over many cases, and other processes see a change within a minute.
_office_cache: dict[int, tuple[float, _OfficeYear | None]] = {}


def _office_year(year: int) -> _OfficeYear | None:
    """The office's entries for `year`: at most one query per year and minute."""
    now = time.monotonic()
    hit = _office_cache.get(year)
    if hit is not None and hit[0] > now:
        return hit[1]
    from .models import HolidayYear, SpecialDay

    entry = HolidayYear.objects.filter(year=year).values("confirmed").first()
    office = None
    if entry is not None:
        days = SpecialDay.objects.filter(year__year=year).values_list("date", "kind")
        office = _OfficeYear(
            confirmed=entry["confirmed"],
            holidays=frozenset(d for d, kind in days if kind == SpecialDay.Kind.HOLIDAY),
            workdays=frozenset(d for d, kind in days if kind == SpecialDay.Kind.WORKDAY),
        )
    _office_cache[year] = (now + CACHE_SECONDS, office)
    return office


def forget(year: int | None = None) -> None:
    """Drop what this process remembers of the office's entries (of one year, or all): call after a change."""
    if year is None:
        _office_cache.clear()
    else:
        _office_cache.pop(year, None)


# The package's answers never change while a process runs, and each costs a scan of its whole table (it looks
# for its first and last year on every call): a list of 50 reports asked it 400 times, a fifth of the page.
@lru_cache(maxsize=64)
def _package_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=4096)
def _package_working_day(day: dt.date) -> bool:
    return chinese_calendar.is_workday(day)


@lru_cache(maxsize=64)
def _estimated_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.China(years=year).keys())


def year_source(year: int) -> YearSource:
    office = _office_year(year)
    if office is not None and office.confirmed:
        return YearSource(year, Source.OFFICE)
    if _package_knows(year):
        return YearSource(year, Source.PACKAGE)
    return YearSource(year, Source.ESTIMATE)


def is_working_day(day: dt.date) -> bool:
    office = _office_year(day.year)
    if office is not None:
        if day in office.holidays:
            return False
        if day in office.workdays:
            return True
        if office.confirmed:
            return day.weekday() < 5
    if _package_knows(day.year):
        return _package_working_day(day)
    return day.weekday() < 5 and day not in _estimated_holidays(day.year)


def next_working_day(day: dt.date, *, include_today: bool = True) -> dt.date:
    """`day` itself if it is a working day (and `include_today`), else the first working day after it."""
    if not include_today:
        day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `day` (before it, for a negative count); `day` itself is not counted.

    "Within 5 working days of receipt" on a Friday before National Day ends on the fifth working day after.
    With count 0: `day` if it is a working day, else the next one.
    """
    if count == 0:
        return next_working_day(day)
    step = dt.timedelta(days=1 if count > 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`.

    `working_days_between(today, deadline)` is the working days left: 0 on the deadline itself.
    """
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def estimated_years(around: dt.date, *, years_ahead: int = 1) -> list[YearSource]:
    """The years from `around`'s year to `years_ahead` later whose schedule is only estimated."""
    return [
        source
        for year in range(around.year, around.year + years_ahead + 1)
        if (source := year_source(year)).estimated
    ]
