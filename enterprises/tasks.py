"""Daily upkeep of the registry: risk ratings move with time (deadlines, the Spring Festival), and listings
end after their term. Thin adapters over services; also reachable as `manage.py refresh_enterprise_registry`.

Schedule (to add to CELERY_BEAT_SCHEDULE in settings): daily, early morning, before the dashboard is read."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.utils import timezone

from . import services
from .models import Project, WageAlert

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
    """The daily wage-payment check (DESIGN.md section 11), then the risk of the projects whose warnings
    changed, so that lists show them at once (the 06:30 registry refresh would catch them anyway)."""
    today = today or timezone.localdate()
    started = timezone.now()
    summary = services.wage_payments_check(today=today).as_dict()
    touched = (
        WageAlert.objects.filter(updated_at__gte=started).values_list("project_id", flat=True).distinct()
    )
    for project in Project.objects.filter(pk__in=touched).select_related(
        "construction_unit", "general_contractor"
    ):
        services.project_risk_refresh(project=project, today=today)
    return summary


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def check_wage_payments(day: str | None = None) -> dict[str, int]:
    return check_payments(today=dt.date.fromisoformat(day) if day else None)
