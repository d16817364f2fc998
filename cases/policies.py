"""Who sees which case-app records (registered in CasesConfig.ready; see liudong_wages.access).

- The office (director, staff, inspectors) and the leaders see every case (`cases.view_all_case`).
- The police liaison sees only cases referred to police: any other case is 404 to them, as if absent.
- Liaisons of other units see no case.
- A worker's claim goes with its case; it is corrected only while the case is open.
"""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet

from liudong_wages.access import Policy

from .models import Case

SEE_ALL = "cases.view_all_case"

# Actions on a case and the permission each needs; anything else is refused.
CASE_ACTIONS = {
    "change": "cases.change_case",
    "refer": "cases.refer_case",
    "police": "cases.police_case",
}


class CasePolicy(Policy):
    view_perm = "cases.view_case"

    def scope(self, user, queryset: QuerySet) -> QuerySet:
        queryset = super().scope(user, queryset)
        if user.is_superuser or user.has_perm(SEE_ALL):
            return queryset
        if user.has_perm("cases.police_case"):
            return queryset.filter(police_referral__isnull=False)
        return queryset.none()

    def allows(self, user, obj: Model, action: str) -> bool:
        if user.is_superuser:
            return True
        perm = CASE_ACTIONS.get(action)
        if perm is None:
            return False
        if action == "police":
            return user.has_perm(perm) and hasattr(obj, "police_referral")
        return user.has_perm(perm)


class CaseChildPolicy(Policy):
    """A record that belongs to a case (a claim, an interview): visible with its case, changed by case staff."""

    def __init__(self, case_path: str = "case", *, view_perm: str, change_perm: str, nullable: bool = False):
        self.case_path = case_path
        self.view_perm = view_perm
        self.change_perm = change_perm
        self.nullable = nullable

    def scope(self, user, queryset: QuerySet) -> QuerySet:
        queryset = super().scope(user, queryset)
        if user.is_superuser or user.has_perm(SEE_ALL):
            return queryset
        return queryset.none()

    def allows(self, user, obj: Model, action: str) -> bool:
        if user.is_superuser:
            return True
        return user.has_perm(self.change_perm)


class WorkerClaimPolicy(Policy):
    """A worker's claim is seen with its case, and corrected (or removed) by whoever may change the case, while
    the case is open: a closed, not-filed or voided case keeps the figures it ended with."""

    view_perm = "cases.view_case"

    def __init__(self, case_policy: CasePolicy):
        self.case_policy = case_policy

    def scope(self, user, queryset: QuerySet) -> QuerySet:
        queryset = super().scope(user, queryset)
        if user.is_superuser or user.has_perm(SEE_ALL):
            return queryset
        return queryset.filter(case__in=self.case_policy.scope(user, Case.objects.all()))

    def allows(self, user, obj: Model, action: str) -> bool:
        if action != "change":
            return False
        return obj.case.is_open and self.case_policy.allows(user, obj.case, "change")


class IntakePolicy(Policy):
    """Petitions and police warnings: the office sees all; the unit that entered them sees its own."""

    def __init__(self, *, view_perm: str, add_perm: str):
        self.view_perm = view_perm
        self.add_perm = add_perm

    def scope(self, user, queryset: QuerySet) -> QuerySet:
        queryset = super().scope(user, queryset)
        if user.is_superuser or user.has_perm(SEE_ALL):
            return queryset
        if user.has_perm(self.add_perm):
            return (
                queryset.filter(created_by__unit=user.unit_id)
                if user.unit_id
                else queryset.filter(created_by=user)
            )
        return queryset.none()

    def allows(self, user, obj: Model, action: str) -> bool:
        if user.is_superuser:
            return True
        if action == "link":
            return user.has_perm("cases.add_case")
        if action == "feedback":
            return user.has_perm(self.add_perm) and obj.created_by_id == user.pk
        return super().allows(user, obj, action)


class JointHandlingPolicy(Policy):
    """The office and leaders see every joint handling; a unit sees those it attends and every decided one."""

    view_perm = None

    def scope(self, user, queryset: QuerySet) -> QuerySet:
        if user.is_superuser or user.has_perm(SEE_ALL):
            return queryset
        visible = Q(status="decided")
        if user.has_perm("cases.view_jointhandling"):
            # The management committee settles what was escalated to it.
            visible |= Q(status="escalated")
        if user.unit_id is not None:
            visible |= Q(units=user.unit_id)
        return queryset.filter(visible).distinct()

    def allows(self, user, obj: Model, action: str) -> bool:
        if user.is_superuser:
            return True
        if action == "approve":
            return user.has_perm("cases.approve_jointhandling")
        return user.has_perm("cases.change_jointhandling")


class HandoverPolicy(Policy):
    """A member unit's hand-overs (issue 18): the office and leaders see all, a unit its own; only the office
    decides on them."""

    view_perm = None

    def scope(self, user, queryset: QuerySet) -> QuerySet:
        if user.is_superuser or user.has_perm(SEE_ALL):
            return queryset
        if user.unit_id is not None:
            return queryset.filter(unit=user.unit_id)
        return queryset.none()

    def allows(self, user, obj: Model, action: str) -> bool:
        if user.is_superuser:
            return True
        if action == "decide":
            return user.has_perm("cases.add_case") and user.has_perm(SEE_ALL)
        return action == "view"
