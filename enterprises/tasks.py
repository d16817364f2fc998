"""Daily upkeep of the registry: risk ratings move with time (deadlines, the Spring Festival), and listings
end after their term. Thin adapters over services; also reachable as `manage.py refresh_enterprise_registry`.

Schedule (to add to CELERY_BEAT_SCHEDULE in settings): daily, early morning, before the dashboard is read."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


def refresh_registry(*, today: dt.date | None = None) -> dict[str, int]:
    expired = services.listings_expire_due(today=today)
    changed = services.projects_risk_refresh(today=today)
    summary = {"listings_expired": expired, "projects_changed_risk": changed}
    logger.info("Enterprise registry refreshed: %s", summary)
    return summary


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def refresh_enterprise_registry() -> dict[str, int]:
    return refresh_registry()


def check_payments(*, today: dt.date | None = None) -> dict[str, int]:
    """The daily wage-payment check (DESIGN.md section 11). The projects' stored risk follows at the registry
    refresh (06:30, after this job at 06:00), which recomputes every project anyway: refreshing here, one
    project at a time, would cost more than the check itself on a day when many warnings change."""
    return services.wage_payments_check(today=today).as_dict()


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def check_wage_payments(day: str | None = None) -> dict[str, int]:
    return check_payments(today=dt.date.fromisoformat(day) if day else None)
