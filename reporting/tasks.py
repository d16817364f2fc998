"""Jobs of the reporting app: thin adapters around services (STYLE.md, Jobs)."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from . import reminders


@shared_task(ignore_result=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_report_reminders(date: str | None = None) -> int:
    """Daily at 09:00 Beijing time (settings.CELERY_BEAT_SCHEDULE); `date` is for catching up by hand."""
    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    return len(reminders.reminders_send(today=today).sent)
