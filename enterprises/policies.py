"""Who may see and do what with the registry (issue 3): the office and inspectors create and change;
member units and the leaders read; the units with restriction duties record their own measures; nobody
deletes (an enterprise is closed, a project voided, a listing withdrawn, each with a reason)."""

from __future__ import annotations

from django.db.models import Model

from liudong_wages.access import Policy, UnitScopedPolicy


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
