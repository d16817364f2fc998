"""The back office of the registry. Enterprises and projects are master data the administrator may correct
here (their status changes, closing, voiding and listing go through the pages, which write the events);
inspections, assessments and the dishonest list follow their procedures and are shown read-only. Nothing is
deleted."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from liudong_wages import privacy
from liudong_wages.admin_base import (
    ID_NUMBER,
    PHONE,
    HistoryAdmin,
    LogAdmin,
    ReadOnlyHistoryAdmin,
    ReadOnlyInline,
    masked_id,
    masked_phone,
)

from .models import (
    Assessment,
    AssessmentItem,
    DepositUse,
    DishonestListing,
    Enterprise,
    Event,
    LabourCostTransfer,
    Payroll,
    PayrollLine,
    Project,
    ProjectWorker,
    RestrictionMeasure,
    SiteInspection,
    Subcontractor,
    WageAlert,
)


@admin.register(Enterprise)
class EnterpriseAdmin(HistoryAdmin):
    list_display = [
        "name",
        "credit_code",
        "industry",
        "industrial_park",
        "star_rating",
        "status",
        "updated_at",
    ]
    list_filter = ["status", "industry", "star_rating", "has_trade_union", "industrial_park"]
    search_fields = ["name", "credit_code", "legal_rep_name"]
    date_hierarchy = "created_at"
    # The ID number and phone of the legal representative are personal data: shown masked, edited on the pages.
    legal_rep_id = masked_id("legal_rep_id_number", ID_NUMBER)
    legal_rep_tel = masked_phone("legal_rep_phone", PHONE)
    fields = [
        "name",
        "credit_code",
        "industry",
        "legal_rep_name",
        "legal_rep_id",
        "legal_rep_tel",
        "address",
        "industrial_park",
        "headcount",
        "migrant_worker_count",
        "has_trade_union",
        "has_collective_contract",
        "status",
        "closed_on",
        "closed_reason",
        "star_rating",
        "rated_on",
    ]
    readonly_fields = [
        "legal_rep_id",
        "legal_rep_tel",
        "status",
        "closed_on",
        "closed_reason",
        "star_rating",
        "rated_on",
    ]


class SubcontractorInline(admin.TabularInline):
    model = Subcontractor
    extra = 0
    raw_id_fields = ["enterprise"]


@admin.register(Project)
class ProjectAdmin(HistoryAdmin):
    list_display = [
        "name",
        "kind",
        "general_contractor",
        "construction_unit",
        "start_date",
        "contract_value",
        "risk",
        "status",
    ]
    list_filter = ["status", "risk", "kind", "management_invested", "labour_filed", "deposit_form"]
    list_select_related = ["general_contractor", "construction_unit"]
    search_fields = ["name", "permit_number", "general_contractor__name", "construction_unit__name"]
    date_hierarchy = "start_date"
    raw_id_fields = ["construction_unit", "general_contractor"]
    readonly_fields = ["status", "void_reason", "risk", "risk_reasons"]
    inlines = [SubcontractorInline]


@admin.register(SiteInspection)
class SiteInspectionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["inspected_on", "project", "enterprise", "finding_status", "follow_up_due", "resolved_on"]
    list_filter = ["finding_status", "check_filing", "check_wage_account", "check_deposit"]
    list_select_related = ["project", "enterprise"]
    search_fields = ["project__name", "enterprise__name", "findings"]
    date_hierarchy = "inspected_on"


class AssessmentItemInline(ReadOnlyInline):
    model = AssessmentItem
    fields = ["item", "score", "evidence"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyHistoryAdmin):
    list_display = ["enterprise", "assessed_on", "total_score", "star_rating", "assessor"]
    list_filter = ["star_rating"]
    list_select_related = ["enterprise", "assessor"]
    search_fields = ["enterprise__name", "enterprise__credit_code"]
    date_hierarchy = "assessed_on"
    inlines = [AssessmentItemInline]


class RestrictionMeasureInline(ReadOnlyInline):
    model = RestrictionMeasure
    fields = ["unit", "status", "measures", "taken_on"]


@admin.register(DishonestListing)
class DishonestListingAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "enterprise",
        "grounds",
        "status",
        "amount_owed",
        "workers_affected",
        "decision_number",
        "decided_on",
        "listed_until",
    ]
    list_filter = ["status", "grounds"]
    list_select_related = ["enterprise"]
    search_fields = ["enterprise__name", "enterprise__credit_code", "decision_number", "notice_number"]
    date_hierarchy = "payment_order_date"
    inlines = [RestrictionMeasureInline]


@admin.register(RestrictionMeasure)
class RestrictionMeasureAdmin(ReadOnlyHistoryAdmin):
    list_display = ["listing", "unit", "status", "taken_on", "updated_at"]
    list_filter = ["status", "unit"]
    list_select_related = ["listing__enterprise", "unit"]
    search_fields = ["listing__enterprise__name", "measures"]


@admin.register(Event)
class EventAdmin(LogAdmin):
    list_display = ["on", "kind", "enterprise", "project", "summary", "document", "by"]
    list_filter = ["kind"]
    list_select_related = ["enterprise", "project", "by"]
    search_fields = ["summary", "document", "enterprise__name", "project__name"]
    date_hierarchy = "on"


# --- wage-payment monitoring (DESIGN.md section 11): workflow records, changed only through their services ---


@admin.register(ProjectWorker)
class ProjectWorkerAdmin(ReadOnlyHistoryAdmin):
    list_display = ["name", "worker_id", "project", "employer", "team", "trade", "started_on", "left_on"]
    list_filter = ["contract_signed", "trade"]
    list_select_related = ["project", "employer"]
    search_fields = ["name", "=id_number", "project__name", "team"]
    # Personal data: masked here as on the pages (the roster page logs a full view).
    worker_id = masked_id("id_number", ID_NUMBER)
    worker_phone = masked_phone("phone", PHONE)
    fields = [
        "project",
        "name",
        "worker_id",
        "worker_phone",
        "card",
        "bank_name",
        "employer",
        "team",
        "trade",
        "contract_signed",
        "contract_signed_on",
        "started_on",
        "left_on",
    ]
    readonly_fields = fields

    @admin.display(description=_("工资卡号"))
    def card(self, obj) -> str:
        return privacy.mask_account(obj.bank_card)


class PayrollLineInline(ReadOnlyInline):
    model = PayrollLine
    fields = ["worker", "days_worked", "payable", "paid", "paid_on", "outside_special_account", "note"]
    raw_id_fields = ["worker"]


@admin.register(Payroll)
class PayrollAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "project",
        "month",
        "version",
        "status",
        "worker_count",
        "total_payable",
        "total_paid",
        "submitted_at",
    ]
    list_filter = ["status", "source"]
    list_select_related = ["project"]
    search_fields = ["project__name"]
    date_hierarchy = "month"
    inlines = [PayrollLineInline]


@admin.register(LabourCostTransfer)
class LabourCostTransferAdmin(ReadOnlyHistoryAdmin):
    list_display = ["project", "period", "transferred_on", "amount", "bank_reference", "source"]
    list_filter = ["source"]
    list_select_related = ["project"]
    search_fields = ["project__name", "=bank_reference"]
    date_hierarchy = "period"


@admin.register(WageAlert)
class WageAlertAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "project",
        "reason",
        "month",
        "level",
        "opened_on",
        "closed_on",
        "amount_unpaid",
        "case_number",
    ]
    list_filter = ["level", "reason", ("closed_on", admin.EmptyFieldListFilter)]
    list_select_related = ["project"]
    search_fields = ["project__name", "case_number"]
    date_hierarchy = "opened_on"


@admin.register(DepositUse)
class DepositUseAdmin(ReadOnlyHistoryAdmin):
    list_display = ["project", "case_number", "used_on", "amount", "top_up_due_on", "topped_up_on"]
    list_select_related = ["project"]
    search_fields = ["project__name", "case_number", "document"]
    date_hierarchy = "used_on"
