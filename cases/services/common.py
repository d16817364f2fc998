"""The steps every case workflow shares: check the case's status and a step's date, write the step's event,
and save the case with its deadline refreshed from the event log (case, police, payments, intake)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from liudong_wages.models import User

from .. import deadlines
from ..models import Case, CaseEvent


def require_status(case: Case, allowed: Iterable[str], message: str) -> None:
    """Refuse the step unless the case is in one of the `allowed` statuses; `message` names %(status)s."""
    if case.status not in set(allowed):
        raise ValidationError(message % {"status": case.get_status_display()})


def check_date(case: Case, on: dt.date, what: str) -> None:
    """A step's date lies between the case's receipt and today."""
    if on > timezone.localdate():
        raise ValidationError(_("%(what)s日期不能晚于今天。") % {"what": what})
    if on < case.received_on:
        raise ValidationError(_("%(what)s日期不能早于受理登记日期。") % {"what": what})


def record_event(
    case: Case, kind: str, *, by: User | None, on: dt.date, note: str = "", **data: Any
) -> CaseEvent:
    """Write one step of the case to its event log, from which its deadlines are computed."""
    event = CaseEvent(case=case, kind=kind, by=by, on=on, note=note, data=data)
    event.full_clean()
    event.save()
    return event


def save_case(case: Case, by: User | None, *fields: str) -> None:
    """Refresh the deadline from the event log and save the given fields (always with the deadline)."""
    current = deadlines.current(case.events.all())
    case.deadline = current.due if current else None
    case.deadline_kind = current.kind if current else ""
    case._history_user = by
    case.full_clean()
    case.save(update_fields=[*fields, "deadline", "deadline_kind", "updated_at"])
