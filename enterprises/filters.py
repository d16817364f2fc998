"""Search and filters of the four lists (django-filter). Each list: a search box for names and codes, the
filters of issue 3, and a whitelisted sort."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import DishonestListing, Enterprise, Project, SiteInspection

YES_NO = [("yes", _("是")), ("no", _("否"))]
RATINGS = [("none", _("未评定"))] + [(str(n), _("%(n)d 星") % {"n": n}) for n in range(1, 6)]


class _Base(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="filter_search")
    # (param value, label, ordering): the first is the default.
    SORTS: list[tuple[str, str, list[str]]] = []

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)

    @classmethod
    def sorts(cls):
        return [(key, label) for key, label, _fields in cls.SORTS]

    def sorted(self, queryset: QuerySet, key: str | None) -> QuerySet:
        table = {sort_key: fields for sort_key, _label, fields in self.SORTS}
        return queryset.order_by(*table.get(key or "", self.SORTS[0][2]))


class EnterpriseFilter(_Base):
    industry = django_filters.ChoiceFilter(label=_("行业"), choices=Enterprise.Industry.choices)
    park = django_filters.ChoiceFilter(label=_("园区"), field_name="industrial_park", choices=[])
    rating = django_filters.ChoiceFilter(label=_("星级"), choices=RATINGS, method="filter_rating")
    listed = django_filters.ChoiceFilter(label=_("失信名单"), choices=YES_NO, method="filter_listed")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Enterprise.Status.choices)

    SORTS = [
        ("name", _("名称"), ["name", "pk"]),
        ("-created", _("最近登记"), ["-created_at", "-pk"]),
        ("-rating", _("星级从高到低"), ["-star_rating", "name", "pk"]),
        ("-migrants", _("农民工人数"), ["-migrant_worker_count", "name", "pk"]),
    ]

    class Meta:
        model = Enterprise
        fields = ["q", "industry", "park", "rating", "listed", "status"]

    def __init__(self, *args, parks: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["park"].extra["choices"] = [(park, park) for park in parks]

    def filter_rating(self, queryset, name, value):
        if value == "none":
            return queryset.filter(star_rating__isnull=True)
        return queryset.filter(star_rating=int(value))

    def filter_listed(self, queryset, name, value):
        # `is_listed` is annotated by selectors.with_listing_flag before filtering.
        return queryset.filter(is_listed=(value == "yes"))


class ProjectFilter(_Base):
    kind = django_filters.ChoiceFilter(label=_("工程类别"), choices=Project.Kind.choices)
    risk = django_filters.ChoiceFilter(label=_("风险等级"), choices=Project.Risk.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Project.Status.choices)
    park = django_filters.CharFilter(
        label=_("园区"), field_name="general_contractor__industrial_park", lookup_expr="icontains"
    )
    invested = django_filters.ChoiceFilter(label=_("管委会投资"), choices=YES_NO, method="filter_invested")
    listed = django_filters.ChoiceFilter(label=_("总包单位失信"), choices=YES_NO, method="filter_listed")

    SORTS = [
        ("-risk", _("风险从高到低"), ["-risk_rank", "-start_date", "-pk"]),
        ("-start", _("开工日期"), ["-start_date", "-pk"]),
        ("name", _("名称"), ["name", "pk"]),
        ("-value", _("合同金额"), ["-contract_value", "-pk"]),
    ]

    class Meta:
        model = Project
        fields = ["q", "kind", "risk", "status", "park", "invested", "listed"]

    def filter_invested(self, queryset, name, value):
        return queryset.filter(management_invested=(value == "yes"))

    def filter_listed(self, queryset, name, value):
        listed = DishonestListing.objects.in_force().values("enterprise_id")
        if value == "yes":
            return queryset.filter(general_contractor__in=listed)
        return queryset.exclude(general_contractor__in=listed)


class InspectionFilter(_Base):
    finding_status = django_filters.ChoiceFilter(
        label=_("整改状态"), choices=SiteInspection.FindingStatus.choices
    )
    industry = django_filters.ChoiceFilter(
        label=_("行业"), field_name="enterprise__industry", choices=Enterprise.Industry.choices
    )
    since = django_filters.DateFilter(
        label=_("巡视日期自"),
        field_name="inspected_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("至"),
        field_name="inspected_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    SORTS = [
        ("-date", _("巡视日期"), ["-inspected_on", "-pk"]),
        ("due", _("整改期限"), ["follow_up_due", "-pk"]),
    ]

    class Meta:
        model = SiteInspection
        fields = ["q", "finding_status", "industry", "since", "until"]


class ListingFilter(_Base):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=DishonestListing.Status.choices)
    grounds = django_filters.ChoiceFilter(label=_("列入事由"), choices=DishonestListing.Grounds.choices)
    industry = django_filters.ChoiceFilter(
        label=_("行业"), field_name="enterprise__industry", choices=Enterprise.Industry.choices
    )

    SORTS = [
        ("-created", _("最近"), ["-created_at", "-pk"]),
        ("until", _("列入期限"), ["listed_until", "-pk"]),
        ("name", _("企业名称"), ["enterprise__name", "pk"]),
    ]

    class Meta:
        model = DishonestListing
        fields = ["q", "status", "grounds", "industry"]
