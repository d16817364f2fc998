"""Personal data (身份证号, phone numbers, bank accounts) is shown masked unless the user's role needs it,
and each full view or export is logged (个人信息保护法; DESIGN.md section 4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .models import PersonalDataAccess

if TYPE_CHECKING:
    from django.db.models import Model
    from django.http import HttpRequest

    from .models import User

PERSONAL_DATA_PERM = "liudong_wages.view_personal_data"


def may_see_personal_data(user: User) -> bool:
    return user.is_authenticated and user.has_perm(PERSONAL_DATA_PERM)


def _mask(value: str, keep_start: int, keep_end: int) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_id_number(value: str) -> str:
    """450204199003071236 → 4502**********1236: the region shows, the birth date does not."""
    return _mask(value, 4, 4)


def mask_phone(value: str) -> str:
    """13812345678 → 138****5678."""
    return _mask(value, 3, 4)


def mask_account(value: str) -> str:
    """A bank account keeps its last four digits."""
    return _mask(value, 0, 4)


def log_access(
    *,
    user: User,
    action: str,
    what: str,
    object_ref: str = "",
    rows: int = 1,
    request: HttpRequest | None = None,
) -> PersonalDataAccess:
    """Record one full view or export of personal data."""
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    return PersonalDataAccess.objects.create(
        user=user, action=action, what=what[:200], object_ref=str(object_ref)[:100], rows=rows, ip_address=ip
    )


# Which fields hold personal data, declared once for every model: a field whose name ends with one of these
# is masked by that function wherever a page shows fields generically (the change history). A new model is
# covered by naming its fields this way (`id_number`, `phone`, `bank_card`); a model lists in `public_fields`
# the names the rule matches but that are public (a unit's office telephone in the unit directory).
# tests/liudong_wages/test_audit.py fails when a model with a history has a field labelled as personal data
# (身份证, 电话, 账号, 银行卡) that the rule misses.
PERSONAL_FIELD_ENDINGS: dict[str, Callable[[str], str]] = {
    "id_number": mask_id_number,
    "phone": mask_phone,
    "account_number": mask_account,
    "bank_account": mask_account,
    "bank_card": mask_account,
    "card_number": mask_account,
}


def public_fields(model: type[Model]) -> frozenset[str]:
    return frozenset(getattr(model, "public_fields", ()))


def personal_fields(model: type[Model]) -> dict[str, Callable[[str], str]]:
    """field name → its mask, for the personal fields of `model`."""
    public = public_fields(model)
    found = {}
    for field in model._meta.concrete_fields:
        if field.name in public or field.is_relation:
            continue
        for ending, mask in PERSONAL_FIELD_ENDINGS.items():
            if field.name.endswith(ending):
                found[field.name] = mask
                break
    return found
