"""The back office of the reporting app. Member-unit reports are read-only here: a report is submitted,
reviewed, returned and reopened through its pages (the services write its timeline), and it is never
deleted: the board's rates and the bulletin read these rows. Meetings, minutes and supervision tasks are
read-only for the same reason. A draft bulletin's texts may be corrected here, through the page's service;
a published bulletin is frozen."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from liudong_wages.admin_base import HistoryAdmin, LogAdmin, ReadOnlyHistoryAdmin, ReadOnlyInline

from . import definitions
from .models import (
    AgreedItem,
    Bulletin,
    BulletinDownload,
    Meeting,
    MeetingEvent,
    Minutes,
    MinutesConfirmation,
    ReminderSent,
    Report,
    ReportEvent,
    ReportProject,
    SupervisionEvent,
    SupervisionReminderSent,
    SupervisionTask,
)


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


# The quarterly bulletin -------------------------------------------------------------------------------------


class BulletinDownloadInline(ReadOnlyInline):
    model = BulletinDownload
    fields = ["unit", "user", "revision", "file_format", "downloaded_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "user")


class BulletinAdminForm(forms.ModelForm):
    class Meta:
        model = Bulletin
        fields = ["summary", "next_quarter_work"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.is_published:
            raise ValidationError(_("简报已发布，不能修改；如需更正，请先建立新的修订版。"))
        return cleaned


# What the build, publishing and revising write: never typed in here.
BULLETIN_WORKFLOW_FIELDS = [
    "year",
    "quarter",
    "issue_number",
    "status",
    "revision",
    "texts_changed_at",
    "build_status",
    "build_progress",
    "build_step",
    "build_requested_by",
    "build_requested_at",
    "build_started_at",
    "built_at",
    "build_error",
    "pdf_file",
    "xlsx_file",
    "issued_on",
    "published_at",
    "published_by",
]


@admin.register(Bulletin)
class BulletinAdmin(HistoryAdmin):
    """A draft's two texts may be corrected here, through the same service as the bulletin page (it marks
    the built files as out of date, so publishing asks for a new build). A published bulletin is frozen:
    it changes only by a new revision on its page. Drafts are made by the page and the quarterly job."""

    form = BulletinAdminForm
    list_display = [
        "__str__",
        "status",
        "revision",
        "build_status",
        "built_at",
        "issued_on",
        "published_by",
    ]
    list_filter = ["status", "build_status", "year"]
    list_select_related = ["published_by"]
    search_fields = ["summary", "next_quarter_work"]
    date_hierarchy = "built_at"
    fields = ["summary", "next_quarter_work", *BULLETIN_WORKFLOW_FIELDS]
    readonly_fields = BULLETIN_WORKFLOW_FIELDS
    inlines = [BulletinDownloadInline]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        from .services import bulletin_update_texts  # the build's module pulls in WeasyPrint

        if set(form.changed_data) & {"summary", "next_quarter_work"}:
            bulletin_update_texts(
                bulletin=obj,
                summary=form.cleaned_data["summary"],
                next_quarter_work=form.cleaned_data["next_quarter_work"],
                by=request.user,
            )


@admin.register(BulletinDownload)
class BulletinDownloadAdmin(LogAdmin):
    list_display = ["bulletin", "unit", "user", "revision", "file_format", "downloaded_at"]
    list_filter = ["file_format", "unit"]
    list_select_related = ["bulletin", "unit", "user"]
    search_fields = ["unit__name", "unit__short_name", "user__username", "user__full_name"]
    date_hierarchy = "downloaded_at"


# Meetings, minutes and supervision: each moves through its pages (reporting.meetings writes the events) ----


class MeetingEventInline(ReadOnlyInline):
    model = MeetingEvent
    fields = ["at", "kind", "by", "note"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["date", "title", "kind", "place", "convener", "minutes__status"]
    list_filter = ["kind", "minutes__status", "units"]
    list_select_related = ["convener", "minutes"]
    search_fields = ["title", "place", "agenda", "attendees"]
    date_hierarchy = "date"
    inlines = [MeetingEventInline]


class AgreedItemInline(ReadOnlyInline):
    model = AgreedItem
    fields = ["number", "text", "unit", "due_on"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")


class MinutesConfirmationInline(ReadOnlyInline):
    model = MinutesConfirmation
    fields = ["unit", "status", "comment", "override_reason", "by", "at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "by")


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyHistoryAdmin):
    list_display = ["meeting", "number", "status", "revision", "circulated_at", "finalized_at", "issued_at"]
    list_filter = ["status"]
    list_select_related = ["meeting"]
    search_fields = ["number", "meeting__title", "text"]
    date_hierarchy = "issued_at"
    inlines = [AgreedItemInline, MinutesConfirmationInline]


@admin.register(MinutesConfirmation)
class MinutesConfirmationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["minutes", "unit", "status", "by", "at"]
    list_filter = ["status", "unit"]
    list_select_related = ["minutes__meeting", "unit", "by"]
    search_fields = ["minutes__meeting__title", "unit__name", "comment", "override_reason"]


@admin.register(MeetingEvent)
class MeetingEventAdmin(LogAdmin):
    list_display = ["meeting", "kind", "at", "by"]
    list_filter = ["kind"]
    list_select_related = ["meeting", "by"]
    search_fields = ["meeting__title", "note"]
    date_hierarchy = "at"


class SupervisionEventInline(ReadOnlyInline):
    model = SupervisionEvent
    fields = ["at", "kind", "by", "note"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(SupervisionTask)
class SupervisionTaskAdmin(ReadOnlyHistoryAdmin):
    list_display = ["__str__", "unit", "due_on", "status", "reported_at", "accepted_at", "accepted_by"]
    list_filter = ["status", "unit"]
    list_select_related = ["unit", "accepted_by"]
    search_fields = ["content", "report", "return_reason", "unit__name", "unit__short_name"]
    date_hierarchy = "due_on"
    inlines = [SupervisionEventInline]


@admin.register(SupervisionEvent)
class SupervisionEventAdmin(LogAdmin):
    list_display = ["task", "kind", "at", "by"]
    list_filter = ["kind"]
    list_select_related = ["task__unit", "by"]
    search_fields = ["task__content", "task__unit__name", "note"]
    date_hierarchy = "at"


@admin.register(SupervisionReminderSent)
class SupervisionReminderSentAdmin(LogAdmin):
    list_display = ["task", "kind", "due_on", "sent_at", "recipients"]
    list_filter = ["kind"]
    list_select_related = ["task__unit"]
    search_fields = ["task__content", "task__unit__name"]
    date_hierarchy = "sent_at"
