"""Who sees which meeting (实施方案 二(三)1): the office and the leaders see every meeting; a liaison sees the
meetings their unit attends, and every meeting whose minutes were issued (issued minutes go to every member
unit). Acting on a meeting (drafting, circulating, finalising, issuing its minutes) takes `manage_meeting`."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from liudong_wages.access import Policy, UnitScopedPolicy

from .models import Meeting, Minutes


class MeetingPolicy(Policy):
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
