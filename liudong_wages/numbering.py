"""Document numbers of the form PREFIX0001, counted per prefix (usually per year): LD2026-0007, YJ2026-0002."""

from django.db.models import Model
from django.db.models.functions import Length


def next_number(model: type[Model], *, field: str = "number", prefix: str, width: int = 4) -> str:
    """The number after the highest `prefix…` number of `model`.

    The sequence is zero-padded to `width` digits and grows wider past them (LD2026-9999, LD2026-10000), so
    the highest number is the longest one first and, among equally long ones, the last in text order.

    Two callers at the same moment can get the same number: the field must be unique, and the caller either
    holds a lock that serialises numbering or saves in a savepoint and asks again on IntegrityError.
    """
    last = (
        model._default_manager.filter(**{f"{field}__startswith": prefix})
        .order_by(Length(field).desc(), f"-{field}")
        .values_list(field, flat=True)
        .first()
    )
    sequence = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{sequence:0{width}d}"
