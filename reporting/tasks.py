"""Jobs of the reporting app: thin adapters around services (STYLE.md, Jobs). Each imports its service in its
body, so that the services can import the jobs they enqueue at their top."""

import datetime as dt

from celery import shared_task
from django.utils import timezone


@shared_task(ignore_result=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_report_reminders(date: str | None = None) -> int:
    """Daily at 09:00 Beijing time (settings.CELERY_BEAT_SCHEDULE); `date` is for catching up by hand."""
    from .services import reminders

    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    return len(reminders.reminders_send(today=today).sent)


@shared_task(ignore_result=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_supervision_reminders(date: str | None = None) -> int:
    """Daily at 08:45 Beijing time (settings.CELERY_BEAT_SCHEDULE): supervision tasks coming due or overdue
    (interviews' rectification reports: `cases.tasks.send_rectification_reminders`); `date` is for catching up
    by hand."""
    from .services import supervision

    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    return len(supervision.supervision_reminders_send(today=today).sent)


@shared_task(ignore_result=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def build_quarterly_bulletin(date: str | None = None) -> int:
    """On the 5th of January, April, July and October at 07:00: the previous quarter's draft (DESIGN.md
    section 5). Running it twice makes one draft, built once."""
    from .services import bulletin

    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    return bulletin.bulletin_build_scheduled(today=today).pk


@shared_task(ignore_result=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def build_bulletin(bulletin_id: int) -> None:
    """A build asked for on the bulletin page; the page polls the bulletin's row for its progress."""
    from .services import bulletin

    bulletin.bulletin_build(bulletin_id=bulletin_id)
