"""The admin shows the registry for support; records change through the pages (services write history and
events), and nothing is deleted."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Assessment,
    DishonestListing,
    Enterprise,
    Event,
    Project,
    RestrictionMeasure,
    SiteInspection,
)


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enterprise)
class EnterpriseAdmin(ReadOnlyAdmin):
    list_display = ["name", "credit_code", "industry", "industrial_park", "star_rating", "status"]
    list_filter = ["industry", "status"]
    search_fields = ["name", "credit_code"]


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "general_contractor", "risk", "status"]
    list_filter = ["kind", "risk", "status"]
    search_fields = ["name", "general_contractor__name"]


@admin.register(SiteInspection)
class SiteInspectionAdmin(ReadOnlyAdmin):
    list_display = ["inspected_on", "project", "enterprise", "finding_status"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "assessed_on", "total_score", "star_rating"]


@admin.register(DishonestListing)
class DishonestListingAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "status", "decided_on", "listed_until"]
    list_filter = ["status"]


@admin.register(RestrictionMeasure)
class RestrictionMeasureAdmin(ReadOnlyAdmin):
    list_display = ["listing", "unit", "status", "taken_on"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["on", "kind", "enterprise", "project", "summary"]
    list_filter = ["kind"]
