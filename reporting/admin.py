"""The back office of the reporting app. Member-unit reports are read-only here: a report is submitted,
reviewed, returned and reopened through its pages (the services write its timeline), and it is never
deleted: the board's rates and the bulletin read these rows."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from liudong_wages.admin_base import LogAdmin, ReadOnlyHistoryAdmin, ReadOnlyInline

from . import definitions
from .models import ReminderSent, Report, ReportEvent, ReportProject


class ReportTypeFilter(admin.SimpleListFilter):
    title = _("报表类型")
    parameter_name = "report_type"

    def lookups(self, request, model_admin):
        return [(d.code, str(d.title)) for d in definitions.DEFINITIONS]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(report_type=self.value())
        return queryset


@admin.display(description=_("报表类型"), ordering="report_type")
def report_title(obj) -> str:
    try:
        return definitions.get(obj.report_type).title
    except LookupError:
        return obj.report_type


class ReportEventInline(ReadOnlyInline):
    model = ReportEvent
    fields = ["at", "kind", "by", "note"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(Report)
class ReportAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "unit",
        report_title,
        "period",
        "status",
        "first_submitted_at",
        "reviewed_at",
        "reviewed_by",
    ]
    list_filter = ["status", ReportTypeFilter, "unit"]
    list_select_related = ["unit", "reviewed_by"]
    search_fields = ["unit__name", "unit__short_name", "report_type", "return_reason"]
    date_hierarchy = "period"
    inlines = [ReportEventInline]


@admin.register(ReportEvent)
class ReportEventAdmin(LogAdmin):
    list_display = ["report", "kind", "at", "by"]
    list_filter = ["kind"]
    list_select_related = ["report__unit", "by"]
    search_fields = ["report__unit__name", "note"]
    date_hierarchy = "at"


@admin.register(ReminderSent)
class ReminderSentAdmin(LogAdmin):
    list_display = ["unit", report_title, "period", "kind", "deadline", "sent_at", "recipients"]
    list_filter = ["kind", ReportTypeFilter, "unit"]
    list_select_related = ["unit"]
    search_fields = ["unit__name", "report_type"]
    date_hierarchy = "sent_at"


@admin.register(ReportProject)
class ReportProjectAdmin(LogAdmin):
    list_display = ["report", "item_index", "project", "created_at"]
    list_select_related = ["report__unit", "project"]
    search_fields = ["project__name", "report__unit__name"]
    date_hierarchy = "created_at"
