"""Filters of the monitoring list (/enterprises/monitoring/, issue 17): colour, reason, contractor, industry
and age of every open warning; the export applies the same filters."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Enterprise, Project, Subcontractor, WageAlert

# (param value, label, at least this many days open).
AGES = [("7", _("7 天以上"), 7), ("30", _("30 天以上"), 30), ("90", _("90 天以上"), 90)]


class WageAlertFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("项目或单位"), method="filter_search")
    level = django_filters.ChoiceFilter(label=_("颜色"), choices=WageAlert.Level.choices)
    reason = django_filters.ChoiceFilter(label=_("预警原因"), choices=WageAlert.Reason.choices)
    contractor = django_filters.CharFilter(label=_("总包或分包单位"), method="filter_contractor")
    industry = django_filters.ChoiceFilter(
        label=_("行业"),
        field_name="project__general_contractor__industry",
        choices=Enterprise.Industry.choices,
    )
    kind = django_filters.ChoiceFilter(
        label=_("工程类别"), field_name="project__kind", choices=Project.Kind.choices
    )
    age = django_filters.ChoiceFilter(
        label=_("预警时长"), choices=[(key, label) for key, label, _days in AGES], method="filter_age"
    )

    # (param value, label, ordering): the first is the default. Red first ("red" sorts before "yellow"),
    # then the oldest warning.
    SORTS = [
        ("level", _("红色在前"), ["level", "opened_on", "pk"]),
        ("-opened", _("最新预警"), ["-opened_on", "-pk"]),
        ("opened", _("最早预警"), ["opened_on", "pk"]),
        ("-amount", _("涉及金额"), ["-amount_unpaid", "-pk"]),
    ]

    class Meta:
        model = WageAlert
        fields = ["q", "level", "reason", "contractor", "industry", "kind", "age"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(project__name__icontains=value)
            | Q(project__general_contractor__name__icontains=value)
            | Q(project__construction_unit__name__icontains=value)
        )

    def filter_contractor(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """The project's general contractor or one of its subcontractors (as monitoring_selectors.open_alerts
        counts them), without a join that would repeat rows."""
        value = value.strip()
        if not value:
            return queryset
        subcontracting = Subcontractor.objects.filter(
            project=OuterRef("project"), enterprise__name__icontains=value
        )
        return queryset.filter(Q(project__general_contractor__name__icontains=value) | Exists(subcontracting))

    def filter_age(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        days = {key: days for key, _label, days in AGES}[value]
        return queryset.filter(opened_on__lte=timezone.localdate() - dt.timedelta(days=days))

    @classmethod
    def sorts(cls):
        return [(key, label) for key, label, _fields in cls.SORTS]

    def sorted(self, queryset: QuerySet, key: str | None) -> QuerySet:
        table = {sort_key: fields for sort_key, _label, fields in self.SORTS}
        return queryset.order_by(*table.get(key or "", self.SORTS[0][2]))
