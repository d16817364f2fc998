"""Who sees and does what with the bulletin (registered in ReportingConfig.ready; see liudong_wages.access)."""

from __future__ import annotations

from django.db.models import Model, QuerySet

from liudong_wages.access import Policy

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
