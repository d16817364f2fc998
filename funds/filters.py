"""The filters of the applications list (django-filter); its export applies the same."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from liudong_wages import params
from liudong_wages.filters import FilterSet
from liudong_wages.search import contains

from .models import AdvanceApplication, AdvanceApplicationQuerySet


class SearchFilter(django_filters.CharFilter):
    field_class = params.SearchField


class YearFilter(django_filters.NumberFilter):
    field_class = params.YearField


class ApplicationFilter(FilterSet):
    # Read through liudong_wages.params: ?year=99999, ?year=² or ?q=%00 are treated as absent (issue 16).
    q = SearchFilter(
        label=_("搜索"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("申请编号、案件编号、企业")}),
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=AdvanceApplication.Status.choices)
    ground = django_filters.ChoiceFilter(label=_("垫付情形"), choices=AdvanceApplication.Ground.choices)
    year = YearFilter(label=_("年度"), field_name="created_at", lookup_expr="year")
    outstanding = django_filters.BooleanFilter(
        label=_("仅待收回"), method="filter_outstanding", widget=forms.CheckboxInput
    )

    class Meta:
        model = AdvanceApplication
        fields = ["q", "status", "ground", "year", "outstanding"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(
            contains("number", value)
            | contains("case__number", value)
            | contains("case__respondent_name", value)
            | contains("case__enterprise__name", value)
        )

    def filter_outstanding(
        self, queryset: AdvanceApplicationQuerySet, name: str, value: bool | None
    ) -> QuerySet:
        return queryset.outstanding() if value else queryset
