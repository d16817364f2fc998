"""Periods of the office's figures: a month, a quarter, a year or any run of days, with the period before it
and the same period a year earlier (环比 and 同比)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .definitions import add_months, months_between


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"

    CHOICES = [
        (MONTH, gettext_lazy("月")),
        (QUARTER, gettext_lazy("季度")),
        (YEAR, gettext_lazy("年")),
        (CUSTOM, gettext_lazy("自定义")),
    ]


def shift_year(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (or earlier); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # included
    kind: str = PeriodKind.CUSTOM

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        start = dt.date(year, month, 1)
        return cls(start, add_months(start, 1) - dt.timedelta(days=1), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        start = dt.date(year, 3 * quarter - 2, 1)
        return cls(start, add_months(start, 3) - dt.timedelta(days=1), PeriodKind.QUARTER)

    @classmethod
    def year_of(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def containing(cls, kind: str, day: dt.date) -> Period:
        if kind == PeriodKind.MONTH:
            return cls.month(day.year, day.month)
        if kind == PeriodKind.YEAR:
            return cls.year_of(day.year)
        return cls.quarter(day.year, (day.month - 1) // 3 + 1)

    @property
    def quarter_number(self) -> int:
        return (self.start.month - 1) // 3 + 1

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return _("%(year)d年%(month)d月") % {"year": self.start.year, "month": self.start.month}
        if self.kind == PeriodKind.QUARTER:
            return _("%(year)d年第%(q)d季度") % {"year": self.start.year, "q": self.quarter_number}
        if self.kind == PeriodKind.YEAR:
            return _("%(year)d年") % {"year": self.start.year}
        return _("%(start)s至%(end)s") % {"start": date_format(self.start), "end": date_format(self.end)}

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period just before: last month, last quarter, last year, or as many days before."""
        if self.kind == PeriodKind.MONTH:
            return Period.containing(self.kind, self.start - dt.timedelta(days=1))
        if self.kind == PeriodKind.QUARTER:
            return Period.containing(self.kind, self.start - dt.timedelta(days=1))
        if self.kind == PeriodKind.YEAR:
            return Period.year_of(self.start.year - 1)
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end, PeriodKind.CUSTOM)

    def year_ago(self) -> Period:
        if self.kind == PeriodKind.CUSTOM:
            return Period(shift_year(self.start, -1), shift_year(self.end, -1), self.kind)
        return Period.containing(self.kind, shift_year(self.start, -1))

    def months(self) -> list[dt.date]:
        return months_between(self.start.replace(day=1), self.end.replace(day=1))
