"""Who may see and do what in the fund (registered in FundsConfig.ready; see liudong_wages.access).

The role decides the action (the HR bureau applies, the committee approves, the finance bureau pays); the
application's state decides whether the action can happen now, and that is the services' answer, in Chinese.
"""

from django.db.models import Model, QuerySet

from liudong_wages.access import Policy

from .models import AdvanceApplication

Status = AdvanceApplication.Status

# action → (permission, states in which the action makes sense; empty means any state)
ACTIONS = {
    "change": ("funds.change_advanceapplication", (Status.DRAFT,)),
    "attach": ("funds.change_advanceapplication", (Status.DRAFT,)),
    "submit": ("funds.submit_advanceapplication", (Status.DRAFT,)),
    "approve": ("funds.approve_advanceapplication", (Status.SUBMITTED,)),
    "reject": ("funds.approve_advanceapplication", (Status.SUBMITTED,)),
    "pay": ("funds.pay_advanceapplication", (Status.APPROVED,)),
    "order_recovery": ("funds.order_recovery_advanceapplication", (Status.APPROVED, Status.PAID)),
    "record_recovery": ("funds.record_recovery_advanceapplication", (Status.RECOVERY_ORDERED,)),
    "write_off": ("funds.write_off_advanceapplication", (Status.RECOVERY_ORDERED,)),
}


class AdvanceApplicationPolicy(Policy):
    """Everyone with a part in the fund sees the applications; drafts only those who apply and those who
    see everything (the director, the leaders)."""

    view_perm = "funds.view_advanceapplication"

    def scope(self, user, queryset: QuerySet) -> QuerySet:
        queryset = super().scope(user, queryset)
        if (
            user.is_superuser
            or user.has_perm("funds.view_all_advanceapplication")
            or user.has_perm("funds.add_advanceapplication")
        ):
            return queryset
        return queryset.exclude(status=Status.DRAFT)

    def allows(self, user, obj: Model, action: str) -> bool:
        if action not in ACTIONS:
            return super().allows(user, obj, action)
        perm, _states = ACTIONS[action]
        return user.is_superuser or user.has_perm(perm)


def actions_for(user, application: AdvanceApplication) -> set[str]:
    """The actions the application page offers `user` now: their role's, in the application's state."""
    allowed = set()
    for action, (perm, states) in ACTIONS.items():
        if (user.is_superuser or user.has_perm(perm)) and (not states or application.status in states):
            allowed.add(action)
    if application.paid_amount <= 0:
        allowed.discard("order_recovery")
    if user.pk in (application.created_by_id, application.submitted_by_id):
        allowed -= {"approve", "reject"}
    return allowed


class LedgerEntryPolicy(Policy):
    """The ledger: read by everyone with a part in the fund; reversing needs funds.reverse_ledgerentry."""

    view_perm = "funds.view_ledgerentry"


class FundPolicy(Policy):
    """The overview and the statements."""

    view_perm = "funds.view_fund"
