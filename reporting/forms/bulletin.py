"""Forms of the bulletin's pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from liudong_wages.forms import StyledFormMixin


class TextsForm(StyledFormMixin, forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("本季度工作综述"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    next_quarter_work = forms.CharField(
        label=gettext_lazy("下季度工作安排"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class QuarterForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2017, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("季度"), coerce=int, choices=[(q, f"第{q}季度") for q in range(1, 5)]
    )


class ReviseForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=gettext_lazy("修订理由"), max_length=500)
