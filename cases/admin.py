"""The back office shows cases and everything around them read-only: a case moves only through its pages,
whose services write the event log the deadlines are computed from, and a wrong case is voided, never
deleted. Personal data (ID numbers, phones) shows masked here."""

from django.contrib import admin

from liudong_wages.admin_base import (
    ID_NUMBER,
    PHONE,
    LogAdmin,
    ReadOnlyHistoryAdmin,
    ReadOnlyInline,
    masked_id,
    masked_phone,
)

from .models import (
    Case,
    CaseDocument,
    CaseEvent,
    Clue,
    ClueColumn,
    DocumentSequence,
    Instalment,
    Interview,
    JointDisagreement,
    JointHandling,
    JointProposal,
    Petition,
    PoliceReferral,
    PoliceWarning,
    PublicReport,
    RectificationReminderSent,
    RepaymentAgreement,
    WorkerClaim,
)


class WorkerClaimInline(ReadOnlyInline):
    model = WorkerClaim
    fields = ["name", "id_masked", "amount_owed", "amount_paid", "note"]
    readonly_fields = fields
    id_masked = masked_id("id_number", ID_NUMBER)


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ["on", "kind", "by", "note"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(Case)
class CaseAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "number",
        "respondent",
        "source",
        "status",
        "handler",
        "received_on",
        "deadline",
        "worker_count",
        "total_owed",
        "is_major",
    ]
    list_filter = [
        "status",
        "source",
        "industry",
        "is_major",
        "mass_incident_risk",
        "police_threshold_reached",
    ]
    list_select_related = ["enterprise", "handler"]
    search_fields = ["number", "respondent_name", "enterprise__name", "project__name", "complainant_name"]
    date_hierarchy = "received_on"
    exclude = ["complainant_phone"]
    readonly_fields = ["complainant_tel"]
    complainant_tel = masked_phone("complainant_phone", PHONE)
    inlines = [WorkerClaimInline, CaseEventInline]


@admin.register(WorkerClaim)
class WorkerClaimAdmin(ReadOnlyHistoryAdmin):
    list_display = ["name", "id_masked", "case", "amount_owed", "amount_paid"]
    list_select_related = ["case__enterprise"]
    search_fields = ["name", "case__number"]
    exclude = ["id_number", "phone"]
    readonly_fields = ["id_masked", "tel_masked"]
    id_masked = masked_id("id_number", ID_NUMBER)
    tel_masked = masked_phone("phone", PHONE)


@admin.register(CaseEvent)
class CaseEventAdmin(LogAdmin):
    list_display = ["case", "on", "kind", "by", "at"]
    list_filter = ["kind"]
    list_select_related = ["case__enterprise", "by"]
    search_fields = ["case__number", "note"]
    date_hierarchy = "on"


class InstalmentInline(ReadOnlyInline):
    model = Instalment
    fields = ["due_on", "amount", "paid_amount", "paid_on"]


@admin.register(RepaymentAgreement)
class RepaymentAgreementAdmin(ReadOnlyHistoryAdmin):
    list_display = ["case", "signed_on"]
    list_select_related = ["case__enterprise"]
    search_fields = ["case__number"]
    date_hierarchy = "signed_on"
    inlines = [InstalmentInline]


@admin.register(PoliceReferral)
class PoliceReferralAdmin(ReadOnlyHistoryAdmin):
    list_display = ["case", "referred_on", "status", "decided_on", "police_case_number", "feedback_on"]
    list_filter = ["status"]
    list_select_related = ["case__enterprise"]
    search_fields = ["case__number", "police_case_number"]
    date_hierarchy = "referred_on"


@admin.register(Petition)
class PetitionAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "received_on",
        "petitioner_name",
        "people_count",
        "employer_name",
        "amount_claimed",
        "case",
    ]
    list_select_related = ["case__enterprise"]
    search_fields = ["petitioner_name", "employer_name", "project_name", "case__number"]
    date_hierarchy = "received_on"
    exclude = ["petitioner_phone"]
    readonly_fields = ["tel_masked"]
    tel_masked = masked_phone("petitioner_phone", PHONE)


@admin.register(PoliceWarning)
class PoliceWarningAdmin(ReadOnlyHistoryAdmin):
    list_display = ["reported_on", "level", "employer_name", "people_count", "case"]
    list_filter = ["level"]
    list_select_related = ["case__enterprise"]
    search_fields = ["employer_name", "project_name", "summary", "case__number"]
    date_hierarchy = "reported_on"


@admin.register(PublicReport)
class PublicReportAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "tracking_code",
        "submitted_at",
        "status",
        "reporter_name",
        "employer_name",
        "amount_owed",
        "worker_count",
        "accept_due",
        "case",
    ]
    list_filter = ["status"]
    list_select_related = ["case__enterprise"]
    search_fields = ["tracking_code", "reporter_name", "employer_name", "project_name"]
    date_hierarchy = "submitted_at"
    exclude = ["reporter_id_number", "reporter_phone", "ip_address"]
    readonly_fields = ["id_masked", "tel_masked"]
    id_masked = masked_id("reporter_id_number", ID_NUMBER)
    tel_masked = masked_phone("reporter_phone", PHONE)


@admin.register(Interview)
class InterviewAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "notice_number",
        "enterprise",
        "case",
        "status",
        "scheduled_at",
        "main_interviewer",
        "rectification_due",
    ]
    list_filter = ["status"]
    list_select_related = ["enterprise", "case__enterprise", "main_interviewer"]
    search_fields = ["notice_number", "enterprise__name", "legal_rep_name", "case__number"]
    date_hierarchy = "scheduled_at"


@admin.register(RectificationReminderSent)
class RectificationReminderSentAdmin(LogAdmin):
    list_display = ["interview", "kind", "due_on", "sent_at", "recipients"]
    list_filter = ["kind"]
    list_select_related = ["interview__enterprise"]
    search_fields = ["interview__notice_number", "interview__enterprise__name"]
    date_hierarchy = "sent_at"


class JointProposalInline(ReadOnlyInline):
    model = JointProposal
    fields = ["unit", "text", "created_at"]
    readonly_fields = fields


class JointDisagreementInline(ReadOnlyInline):
    model = JointDisagreement
    fields = ["subject", "status", "resolved_by", "resolution"]


@admin.register(JointHandling)
class JointHandlingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["case", "status", "meeting_at", "approved_by", "approved_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["case__enterprise", "approved_by"]
    search_fields = ["case__number", "reason", "decision"]
    date_hierarchy = "created_at"
    inlines = [JointProposalInline, JointDisagreementInline]


# Issue 18: the clue import's column mapping is the office's to adjust when the platform renames a column;
# documents, clues, campaigns and hand-overs move only through their pages.
@admin.register(ClueColumn)
class ClueColumnAdmin(admin.ModelAdmin):
    list_display = ["header", "field", "required", "order"]
    list_editable = ["required", "order"]
    ordering = ["order"]


@admin.register(CaseDocument)
class CaseDocumentAdmin(ReadOnlyHistoryAdmin):
    list_display = ["number", "kind", "status", "case", "issued_on", "served_on"]
    list_filter = ["kind", "status"]
    list_select_related = ["case", "case__enterprise"]
    search_fields = ["number", "case__number"]
    exclude = ["pdf"]


@admin.register(Clue)
class ClueAdmin(ReadOnlyHistoryAdmin):
    list_display = ["platform_number", "employer_name", "status", "answer_due", "case"]
    list_filter = ["status"]
    list_select_related = ["case", "case__enterprise"]
    search_fields = ["platform_number", "employer_name"]


@admin.register(DocumentSequence)
class DocumentSequenceAdmin(admin.ModelAdmin):
    """The office may set where a year's numbering continues from (documents numbered before the system)."""

    list_display = ["kind", "year", "last"]
