"""Every state change of the fund, one function each (STYLE.md, Where logic lives).

Each service that moves money locks the fund's row first (`lock_fund`), then the application's row, always
in that order, so that two of them at the same moment run one after the other and never deadlock.
"""

from .advances import (
    advance_approve,
    advance_create,
    advance_document_add,
    advance_order_recovery,
    advance_pay,
    advance_record_recovery,
    advance_reject,
    advance_submit,
    advance_update,
    advance_write_off,
    write_off_allowed_from,
)
from .ledger import clean_amount, ledger_appropriate, ledger_reverse, lock_fund, rebuild_month_sums

__all__ = [
    "advance_approve",
    "advance_create",
    "advance_document_add",
    "advance_order_recovery",
    "advance_pay",
    "advance_record_recovery",
    "advance_reject",
    "advance_submit",
    "advance_update",
    "advance_write_off",
    "clean_amount",
    "ledger_appropriate",
    "ledger_reverse",
    "lock_fund",
    "rebuild_month_sums",
    "write_off_allowed_from",
]
