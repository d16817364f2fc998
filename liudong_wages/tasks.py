"""Jobs of the core app: thin adapters around services (STYLE.md, Jobs)."""

from celery import shared_task

from . import notifications


@shared_task(ignore_result=True)
def deliver_pending_email() -> int:
    return notifications.deliver_pending()


@shared_task(ignore_result=True)
def ping() -> str:
    """Answers "pong": lets the health check and the tests prove a worker consumes from the broker."""
    return "pong"
