"""Jobs of the core app: thin adapters around services (STYLE.md, Jobs). Each imports its service in its body,
so that the services can import the jobs they enqueue at their top."""

from celery import shared_task


@shared_task(ignore_result=True)
def deliver_pending_email() -> int:
    from . import notifications

    return notifications.deliver_pending()
