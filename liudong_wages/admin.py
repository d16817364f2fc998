from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import workdays
from .admin_base import HistoryAdmin, LogAdmin
from .models import Attachment, HolidayYear, MemberUnit, Notification, PersonalDataAccess, SpecialDay, User


@admin.register(MemberUnit)
class MemberUnitAdmin(HistoryAdmin):
    list_display = ["name", "code", "kind", "contact_person", "contact_phone", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
    readonly_fields = ["code"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Reports, cases and histories point at units: a unit is never deleted.
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin, HistoryAdmin):
    list_display = ["username", "full_name", "unit", "email", "is_active", "last_login"]
    list_filter = ["is_active", "is_staff", "groups", "unit"]
    list_select_related = ["unit"]
    search_fields = ["username", "full_name", "email", "phone"]
    date_hierarchy = "date_joined"
    fieldsets = [
        *(DjangoUserAdmin.fieldsets or ()),
        (_("所在单位"), {"fields": ["full_name", "unit", "position", "phone"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (_("所在单位"), {"fields": ["full_name", "unit", "email"]}),
    ]

    def has_delete_permission(self, request, obj=None) -> bool:
        # A person who leaves is deactivated: their name stays on what they did.
        return False


class SpecialDayInline(admin.TabularInline):
    model = SpecialDay
    extra = 3


@admin.register(HolidayYear)
class HolidayYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "confirmed", "source", "updated_at"]
    list_filter = ["confirmed"]
    inlines = [SpecialDayInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        workdays.forget(form.instance.year)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "email_status"]
    list_filter = ["kind", "email_status"]
    list_select_related = ["recipient"]
    search_fields = ["title", "recipient__username", "recipient__full_name"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "what", "rows", "ip_address"]
    list_filter = ["action"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__full_name", "what", "object_ref"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Attachment)
class AttachmentAdmin(LogAdmin):
    # Files belong to their record and are downloaded through its access check, not from here.
    list_display = ["original_name", "content_type", "object_id", "kind", "size", "category", "created_at"]
    list_filter = ["kind", "category", "content_type"]
    list_select_related = ["content_type"]
    search_fields = ["original_name", "description", "object_id"]
    date_hierarchy = "created_at"
    exclude = ["file"]
