"""The admin shows the fund read-only: money moves only through the services, which keep the ledger whole."""

from django.contrib import admin

from .models import AdvanceApplication, AdvanceEvent, AdvanceLine, AdvancePayment, LedgerEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "entry_date",
        "kind",
        "amount",
        "cash_effect",
        "document_ref",
        "application",
        "recorded_by",
    ]
    list_filter = ["kind"]
    search_fields = ["document_ref", "note", "application__number"]
    date_hierarchy = "entry_date"


class AdvanceLineInline(admin.TabularInline):
    model = AdvanceLine
    extra = 0
    can_delete = False
    fields = ["worker_name", "purpose", "amount"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AdvanceApplication)
class AdvanceApplicationAdmin(ReadOnlyAdmin):
    list_display = ["number", "case", "status", "total_requested", "approved_amount", "paid_amount"]
    list_filter = ["status", "ground"]
    search_fields = ["number", "case__number"]
    inlines = [AdvanceLineInline]


@admin.register(AdvancePayment)
class AdvancePaymentAdmin(ReadOnlyAdmin):
    list_display = ["application", "paid_on", "amount", "document_ref"]


@admin.register(AdvanceEvent)
class AdvanceEventAdmin(ReadOnlyAdmin):
    list_display = ["application", "at", "kind", "by", "amount"]
    list_filter = ["kind"]
