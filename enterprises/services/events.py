from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ..models import Event


def event_write(*, kind: str, by: Any = None, on: dt.date | None = None, **fields: Any) -> Event:
    """One row of the log the timelines read; called inside the service's transaction."""
    summary = fields.pop("summary", "")
    return Event.objects.create(
        kind=kind,
        by=by if getattr(by, "pk", None) else None,
        on=on or timezone.localdate(),
        summary=str(summary)[:300],
        **fields,
    )
