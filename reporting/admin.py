from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ReminderSent, Report, ReportEvent


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    readonly_fields = ["kind", "at", "by", "note"]
    can_delete = False


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "report_type", "period", "status", "first_submitted_at"]
    list_filter = ["status", "report_type", "unit"]
    list_select_related = ["unit"]
    date_hierarchy = "period"
    readonly_fields = ["first_submitted_at", "submitted_at", "reviewed_at", "reviewed_by"]
    inlines = [ReportEventInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        # The board's rates and the bulletin read these rows: a report is never deleted.
        return False


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["unit", "report_type", "period", "kind", "deadline", "sent_at", "recipients"]
    list_filter = ["kind", "report_type"]
    list_select_related = ["unit"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
