"""Row locks for services that read a row, decide, and write: two people acting at once take turns."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model

M = TypeVar("M", bound=Model)


def lock_row(instance: M) -> M:
    """Lock `instance`'s row until the transaction ends and reload it, so that the caller decides on what
    is saved now, not on what it read before another request changed it. Call inside `transaction.atomic`."""
    manager = type(instance)._default_manager
    # values_list: the lock needs no columns, and refresh_from_db reads them after the lock is held.
    manager.select_for_update().filter(pk=instance.pk).values_list("pk", flat=True).first()
    instance.refresh_from_db()
    return instance
