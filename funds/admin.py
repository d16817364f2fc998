"""The back office shows the fund read-only: money moves only through the services, which keep the ledger
whole (append-only, never below zero, never more than approved); a correction is a reversing entry."""

from django.contrib import admin

from liudong_wages.admin_base import ID_NUMBER, LogAdmin, ReadOnlyHistoryAdmin, ReadOnlyInline, masked_id

from .models import AdvanceApplication, AdvanceEvent, AdvanceLine, AdvancePayment, Fund, LedgerEntry


@admin.register(Fund)
class FundAdmin(LogAdmin):
    list_display = ["name"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(LogAdmin):
    list_display = [
        "entry_date",
        "kind",
        "amount",
        "cash_effect",
        "advances_effect",
        "document_ref",
        "application",
        "reverses",
        "recorded_by",
    ]
    list_filter = ["kind"]
    list_select_related = ["application", "reverses", "recorded_by"]
    search_fields = ["document_ref", "note", "application__number"]
    date_hierarchy = "entry_date"


class AdvanceLineInline(ReadOnlyInline):
    model = AdvanceLine
    fields = ["worker_name", "id_masked", "purpose", "amount"]
    readonly_fields = fields
    id_masked = masked_id("id_number", ID_NUMBER)


class AdvancePaymentInline(ReadOnlyInline):
    model = AdvancePayment
    fields = ["paid_on", "amount", "document_ref", "note"]


class AdvanceEventInline(ReadOnlyInline):
    model = AdvanceEvent
    fields = ["at", "kind", "by", "amount", "note"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(AdvanceApplication)
class AdvanceApplicationAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "number",
        "case",
        "status",
        "ground",
        "total_requested",
        "approved_amount",
        "paid_amount",
        "recovered_amount",
        "written_off_amount",
        "submitted_at",
    ]
    list_filter = ["status", "ground", "employer_absconded"]
    list_select_related = ["case__enterprise"]
    search_fields = ["number", "case__number", "case__enterprise__name"]
    date_hierarchy = "created_at"
    inlines = [AdvanceLineInline, AdvancePaymentInline, AdvanceEventInline]


@admin.register(AdvancePayment)
class AdvancePaymentAdmin(LogAdmin):
    list_display = ["application", "paid_on", "amount", "document_ref", "created_by"]
    list_select_related = ["application", "created_by"]
    search_fields = ["application__number", "document_ref"]
    date_hierarchy = "paid_on"


@admin.register(AdvanceEvent)
class AdvanceEventAdmin(LogAdmin):
    list_display = ["application", "at", "kind", "by", "amount"]
    list_filter = ["kind"]
    list_select_related = ["application", "by"]
    search_fields = ["application__number", "note"]
    date_hierarchy = "at"
