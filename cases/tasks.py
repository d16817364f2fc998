"""Jobs of the cases app: thin adapters around services (STYLE.md, Jobs)."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.utils import timezone

from .services.warnings import case_deadline_warnings_send

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_case_deadline_warnings(on: str | None = None) -> int:
    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    sent = case_deadline_warnings_send(on=day)
    logger.info("Case deadline warnings for %s: %s sent", day, sent)
    return sent


@shared_task(ignore_result=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def notify_missed_document_periods(on: str | None = None) -> int:
    """Periods of served documents that ended unmet: the handler is told once (issue 18)."""
    from .services.documents import document_periods_notify_missed

    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    sent = document_periods_notify_missed(on=day)
    logger.info("Missed document periods for %s: %s notified", day, sent)
    return sent


@shared_task(ignore_result=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_intake_reminders(on: str | None = None) -> int:
    """Public reports past their 1- or 3-working-day limits, clues past their answer deadline (issue 18)."""
    from .services.handover import intake_reminders_send

    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    sent = intake_reminders_send(on=day)
    logger.info("Intake reminders for %s: %s sent", day, sent)
    return sent


@shared_task(ignore_result=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_rectification_reminders(on: str | None = None) -> int:
    """Daily at 08:45 Beijing time (settings.CELERY_BEAT_SCHEDULE): interviews' rectification reports coming
    due or overdue; `on` is for catching up by hand."""
    from .services.reminders import rectification_reminders_send

    day = dt.date.fromisoformat(on) if on else timezone.localdate()
    return len(rectification_reminders_send(today=day).sent)
