"""Search and filters of the app's lists (django-filter). The four registry lists: a search box for names and
codes, the filters of issue 3, and a whitelisted sort. The monitoring list (/enterprises/monitoring/, issue 17):
colour, reason, contractor, industry and age of every open warning, and on request the closed ones with the
dates warnings were raised and closed (the bulletin's quarter checked on the list); its export applies the
same filters."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liudong_wages.filters import FilterSet
from liudong_wages.search import contains

from .models import DishonestListing, Enterprise, Project, SiteInspection, Subcontractor, WageAlert

YES_NO = [("yes", _("是")), ("no", _("否"))]
RATINGS = [("none", _("未评定"))] + [(str(n), _("%(n)d 星") % {"n": n}) for n in range(1, 6)]


class _Base(FilterSet):
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

    fixed_form = False  # the park box lists the parks the page passes in

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


# (param value, label, which warnings): the monitoring list shows the open ones unless asked otherwise.
STATES = [
    ("open", _("未解除"), Q(closed_on__isnull=True)),
    ("closed", _("已解除"), Q(closed_on__isnull=False)),
    ("all", _("全部"), Q()),
]


def state_filter(value: str | None) -> Q:
    """The warnings a `state` parameter keeps: open ones for a missing or unknown value."""
    return {key: q for key, _label, q in STATES}.get(value or "", STATES[0][2])


def _date(label, field_name: str, lookup_expr: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        label=label,
        field_name=field_name,
        lookup_expr=lookup_expr,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


# (param value, label, at least this many days open).
AGES = [("7", _("7 天以上"), 7), ("30", _("30 天以上"), 30), ("90", _("90 天以上"), 90)]


class WageAlertFilter(FilterSet):
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
    # Closed warnings too, and the dates they were raised and closed: the bulletin's quarter on the list.
    state = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[(key, label) for key, label, _q in STATES],
        empty_label=None,
        method="filter_state",
    )
    opened_from = _date(_("预警日期从"), "opened_on", "gte")
    opened_to = _date(_("预警日期至"), "opened_on", "lte")
    closed_from = _date(_("解除日期从"), "closed_on", "gte")
    closed_to = _date(_("解除日期至"), "closed_on", "lte")

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
        fields = [
            "q",
            "level",
            "reason",
            "contractor",
            "industry",
            "kind",
            "age",
            "state",
            "opened_from",
            "opened_to",
            "closed_from",
            "closed_to",
        ]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            contains("project__name", value)
            | contains("project__general_contractor__name", value)
            | contains("project__construction_unit__name", value)
        )

    def filter_contractor(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """The project's general contractor or one of its subcontractors (as selectors.open_alerts
        counts them), without a join that would repeat rows."""
        value = value.strip()
        if not value:
            return queryset
        subcontracting = Subcontractor.objects.filter(
            contains("enterprise__name", value), project=OuterRef("project")
        )
        return queryset.filter(contains("project__general_contractor__name", value) | Exists(subcontracting))

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(state_filter(value))

    def filter_age(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        days = {key: days for key, _label, days in AGES}[value]
        return queryset.filter(opened_on__lte=timezone.localdate() - dt.timedelta(days=days))

    @classmethod
    def sorts(cls):
        return [(key, label) for key, label, _fields in cls.SORTS]

    def sorted(self, queryset: QuerySet, key: str | None) -> QuerySet:
        table = {sort_key: fields for sort_key, _label, fields in self.SORTS}
        return queryset.order_by(*table.get(key or "", self.SORTS[0][2]))
