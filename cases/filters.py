"""The filters of the case and interview lists (django-filter); exports apply the same filters."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise
from liudong_wages import workdays
from liudong_wages.compiled import CompiledRows
from liudong_wages.filters import FilterSet
from liudong_wages.models import User
from liudong_wages.roles import Role
from liudong_wages.search import contains

from .models import Case, Interview

OPEN = "open"


# Who may handle a case: their key and the columns of their name, in one plain query compiled once (a model
# choice field read every column of every user through a server-side cursor, a millisecond of the list; the
# queryset's compilation on each page was another half).
_handlers = CompiledRows(
    lambda: (
        User.objects.filter(groups__name__in=[Role.INSPECTOR, Role.OFFICE, Role.DIRECTOR])
        .distinct()
        .order_by("username")
        .values_list("pk", *User.NAME_FIELDS)
    )
)


def handler_choices() -> list[tuple[int, str]]:
    """Who may handle a case, as the filter lists them: their names only."""
    return [(pk, User.name_shown(*names)) for pk, *names in _handlers.rows()]


class CaseFilter(FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[(OPEN, _("办理中（全部未办结）")), *Case.Status.choices],
        method="filter_status",
    )
    industry = django_filters.ChoiceFilter(label=_("行业"), choices=Enterprise.Industry.choices)
    deadline = django_filters.ChoiceFilter(
        label=_("期限"),
        choices=[("overdue", _("已超期")), ("near", _("即将到期")), ("ok", _("期限内"))],
        method="filter_deadline",
    )
    risk = django_filters.ChoiceFilter(
        label=_("风险"),
        choices=[
            ("many_workers", _("人数众多")),
            ("mass_incident", _("群体性事件风险")),
            ("major", _("重大案件")),
            ("police", _("达到移送公安标准")),
            ("referred", _("已移送公安")),
            ("invested", _("管委会投资项目")),
        ],
        method="filter_risk",
    )
    handler = django_filters.ChoiceFilter(label=_("承办人"), choices=lambda: handler_choices())
    source = django_filters.ChoiceFilter(label=_("来源"), choices=Case.Source.choices)

    class Meta:
        model = Case
        fields = ["q", "status", "industry", "deadline", "risk", "handler", "source"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            contains("number", value)
            | contains("enterprise__name", value)
            | contains("respondent_name", value)
            | contains("project__name", value)
            | contains("complainant_name", value)
            | contains("summary", value)
        )

    def filter_status(self, queryset, name, value):
        return queryset.open() if value == OPEN else queryset.filter(status=value)

    def filter_deadline(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.overdue(on=today)
        if value == "near":
            return queryset.near_deadline(on=today)
        horizon = workdays.add_working_days(today, settings.LIUDONG["CASE_DEADLINE_WARNING_WORKING_DAYS"])
        return queryset.open().filter(deadline__gt=horizon)

    def filter_risk(self, queryset, name, value):
        return {
            "many_workers": lambda: queryset.filter(worker_count__gte=settings.LIUDONG["MANY_WORKERS"]),
            "mass_incident": lambda: queryset.filter(mass_incident_risk=True),
            "major": lambda: queryset.filter(is_major=True),
            "police": lambda: queryset.filter(police_threshold_reached=True),
            "referred": lambda: queryset.filter(police_referral__isnull=False),
            "invested": lambda: queryset.filter(project__management_invested=True),
        }[value]()


class InterviewFilter(FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Interview.Status.choices)
    industry = django_filters.ChoiceFilter(
        label=_("行业"), field_name="enterprise__industry", choices=Enterprise.Industry.choices
    )
    due = django_filters.ChoiceFilter(
        label=_("整改期限"), choices=[("overdue", _("整改报告逾期"))], method="filter_due"
    )

    class Meta:
        model = Interview
        fields = ["q", "status", "industry", "due"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            contains("enterprise__name", value)
            | contains("notice_number", value)
            | contains("legal_rep_name", value)
        )

    def filter_due(self, queryset, name, value):
        return queryset.rectification_overdue(on=timezone.localdate())


__all__ = ["CaseFilter", "InterviewFilter"]
