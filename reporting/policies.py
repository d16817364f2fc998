"""Who sees and does what in the reporting app (registered in ReportingConfig.ready; see liudong_wages.access):
the bulletin and the meetings here; reports, minutes confirmations and supervision tasks are unit-scoped
(`UnitScopedPolicy("unit")`, in `apps.py`)."""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet

from liudong_wages.access import Policy, UnitScopedPolicy

from .models import Meeting, Minutes

EDIT = "reporting.change_bulletin"
PUBLISH = "reporting.publish_bulletin"


class BulletinPolicy(Policy):
    """Published bulletins: everyone with `view_bulletin`. Drafts: those who write them (the office, the
    inspectors, the director). Editing and building need a draft; publishing and revising, the director."""

    view_perm = "reporting.view_bulletin"

    def scope(self, user, queryset: QuerySet) -> QuerySet:
        queryset = super().scope(user, queryset)
        if user.is_superuser or user.has_perm(EDIT):
            return queryset
        return queryset.filter(status="published")

    def allows(self, user, obj: Model, action: str) -> bool:
        if user.is_superuser:
            return True
        if action in ("change", "build"):
            return user.has_perm(EDIT) and not obj.is_published
        if action == "publish":
            return user.has_perm(PUBLISH) and not obj.is_published
        if action == "revise":
            return user.has_perm(PUBLISH) and obj.is_published
        if action == "see_downloads":
            return user.has_perm(EDIT)
        return False


class MeetingPolicy(Policy):
    """Who sees which meeting (实施方案 二(三)1): the office and the leaders see every meeting; a liaison sees the
    meetings their unit attends, and every meeting whose minutes were issued (issued minutes go to every member
    unit). Acting on a meeting (drafting, circulating, finalising, issuing its minutes) takes `manage_meeting`."""

    view_perm = "reporting.view_meeting"

    def scope(self, user, queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
        queryset = super().scope(user, queryset)
        if user.is_superuser or user.has_perm(UnitScopedPolicy.see_all_perm):
            return queryset
        issued = Q(minutes__status=Minutes.Status.ISSUED)
        if user.unit_id is None:
            return queryset.filter(issued)
        # A subquery rather than a join on the attending units, so that a list needs no DISTINCT.
        attending = Meeting.units.through.objects.filter(memberunit_id=user.unit_id).values("meeting_id")
        return queryset.filter(issued | Q(pk__in=attending))
