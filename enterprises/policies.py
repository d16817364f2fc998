"""Who may see and do what with the registry (issue 3): the office and inspectors create and change;
member units and the leaders read; the units with restriction duties record their own measures; nobody
deletes (an enterprise is closed, a project voided, a listing withdrawn, each with a reason).

Wage-payment monitoring records (issue 17, DESIGN.md section 11): the office, its director, the inspectors and
the leaders (`liudong_wages.view_all_units`) see every project's roster, sheets, transfers and warnings; the
construction bureau's liaison (柳东建设局, the sector's regulator) sees them and checks wage sheets. A liaison of
any other unit sees none of them: a roster is personal data (条例 art. 28), so its pages answer 404 as if there
were none. Acting needs the model's permission on top (granted in migration 0006); "check" is
`enterprises.check_payroll`; nobody deletes.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet

from liudong_wages.access import Policy, UnitScopedPolicy

# The member unit whose liaison follows construction sites (DESIGN.md section 3).
CONSTRUCTION_UNIT_CODE = "jsj"
SEE_ALL = "liudong_wages.view_all_units"


def sees_all_sites(user) -> bool:
    """Whether `user` may see the monitoring records of every project (no per-project rule exists)."""
    if user.is_superuser or user.has_perm(SEE_ALL):
        return True
    unit = getattr(user, "unit", None) if getattr(user, "unit_id", None) else None
    return unit is not None and unit.code == CONSTRUCTION_UNIT_CODE


class RegistryPolicy(Policy):
    """Readable by every role that has the model's view permission; acting needs the model permission.
    "delete" is never allowed, not even to a superuser through the pages."""

    def __init__(self, view_perm: str):
        self.view_perm = view_perm

    def allows(self, user, obj: Model, action: str) -> bool:
        if action == "delete":
            return False
        if action in ("change", "close", "void"):
            action = "change"
        return super().allows(user, obj, action)


class MeasurePolicy(UnitScopedPolicy):
    """A restriction measure belongs to its unit: the unit's liaison records it; the office sees all."""

    def __init__(self):
        super().__init__("unit", view_perm="enterprises.view_restrictionmeasure")

    def allows(self, user, obj: Model, action: str) -> bool:
        if action == "delete":
            return False
        return super().allows(user, obj, action)


class MonitoringPolicy(Policy):
    def __init__(self, view_perm: str):
        self.view_perm = view_perm

    def scope(self, user, queryset: QuerySet) -> QuerySet:
        queryset = super().scope(user, queryset)
        return queryset if sees_all_sites(user) else queryset.none()

    def allows(self, user, obj: Model, action: str) -> bool:
        if action == "delete":
            return False
        if user.is_superuser:
            return True
        if self.view_perm and not user.has_perm(self.view_perm):
            return False
        if not sees_all_sites(user):
            return False
        if action == "view":
            return True
        return super().allows(user, obj, action)


def may_monitor(user) -> bool:
    """Whether `user` may open the monitoring list (/enterprises/monitoring/) and its navigation entry."""
    return user.has_perm("enterprises.view_wagealert") and sees_all_sites(user)
