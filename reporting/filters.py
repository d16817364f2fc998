"""The filters of the member units' report list (its export applies the same) and of the supervision tasks
(django-filter, as every list's)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liudong_wages.compiled import CompiledRows
from liudong_wages.filters import FilterSet
from liudong_wages.forms import StyledFormMixin
from liudong_wages.models import MemberUnit

from . import definitions
from .models import Report, SupervisionTask

FIRST_YEAR = 2017  # the implementation plan dates from 2017-10-17
LAST_YEAR = 2100


class FilterForm(StyledFormMixin, forms.Form):
    """The boxes above the list, with Bootstrap's classes and invalid ones marked."""


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (a year, a month): NumberFilter would take 2026.5."""

    field_class = forms.IntegerField


class CheckboxFilter(django_filters.BooleanFilter):
    """A box to tick: ticked filters, unticked does not (a BooleanFilter's yes/no/unknown select otherwise)."""

    field_class = forms.BooleanField


class ListFilter(FilterSet):
    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # An odd value in any box (?year=99999, ?unit=abc) lists every row with that box marked, rather
        # than the other boxes applied alone: what was asked for cannot be told.
        if self.form.errors:
            return queryset
        return super().filter_queryset(queryset)


# The member units as the unit box lists them, in one plain statement compiled once: a model choice field reads
# them through a server-side cursor, three round trips to PostgreSQL on every page of the list.
_member_units = CompiledRows(
    lambda: (
        MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER)
        .order_by(*MemberUnit._meta.ordering)
        .values_list("pk", "name")
    )
)


def member_unit_choices() -> list[tuple[int, str]]:
    return _member_units.rows()


class ReportFilter(ListFilter):
    unit = django_filters.ChoiceFilter(label=_("单位"), choices=lambda: member_unit_choices())
    report_type = django_filters.ChoiceFilter(label=_("报表"), choices=definitions.choices, empty_label="—")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Report.Status.choices, empty_label="—")
    year = IntegerFilter(
        label=_("年份"), field_name="period", lookup_expr="year", min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    month = IntegerFilter(
        label=_("月份"), field_name="period", lookup_expr="month", min_value=1, max_value=12
    )

    class Meta:
        model = Report
        fields = ["unit", "report_type", "status", "year", "month"]
        form = FilterForm


class TaskFilter(ListFilter):
    unit = django_filters.ChoiceFilter(label=_("单位"), choices=lambda: member_unit_choices())
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=SupervisionTask.Status.choices, empty_label="—"
    )
    overdue = CheckboxFilter(label=_("仅逾期"), method="filter_overdue")

    class Meta:
        model = SupervisionTask
        fields = ["unit", "status", "overdue"]
        form = FilterForm

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(on=timezone.localdate()) if value else queryset


__all__ = ["ReportFilter", "TaskFilter"]
