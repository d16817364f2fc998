"""The dashboard's choice of period."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy

from liudong_wages.forms import StyledFormMixin

from ..periods import Period, PeriodKind

MAX_CUSTOM_DAYS = 3 * 366


class PeriodForm(StyledFormMixin, forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("期间"), choices=PeriodKind.CHOICES, required=False)
    year = forms.IntegerField(label=gettext_lazy("年"), min_value=2017, max_value=2100, required=False)
    month = forms.TypedChoiceField(
        label=gettext_lazy("月"), coerce=int, required=False, choices=[(m, f"{m}月") for m in range(1, 13)]
    )
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("季度"),
        coerce=int,
        required=False,
        choices=[(q, f"第{q}季度") for q in range(1, 5)],
    )
    start = forms.DateField(
        label=gettext_lazy("自"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("至"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def period_for(self, today: dt.date) -> Period:
        """The period asked for; the current quarter when nothing (or nothing valid) is asked."""
        if not self.is_valid():
            return Period.containing(PeriodKind.QUARTER, today)
        data = self.cleaned_data
        kind = data.get("period") or PeriodKind.QUARTER
        year = data.get("year") or today.year
        if kind == PeriodKind.MONTH:
            return Period.month(year, data.get("month") or today.month)
        if kind == PeriodKind.YEAR:
            return Period.year_of(year)
        if kind == PeriodKind.CUSTOM:
            start, end = data.get("start"), data.get("end")
            if start and end and start <= end and (end - start).days <= MAX_CUSTOM_DAYS:
                return Period(start, end, PeriodKind.CUSTOM)
            return Period.containing(PeriodKind.QUARTER, today)
        return Period.quarter(year, data.get("quarter") or (today.month - 1) // 3 + 1)
