"""Access policies of the core's own models (see access.py)."""

from django.db.models import Model, QuerySet

from .access import Policy
from .models import Notification


class NotificationPolicy(Policy):
    """A notification is its recipient's alone, whatever their role."""

    def scope(self, user, queryset: QuerySet) -> QuerySet:
        return queryset.filter(recipient=user)

    def allows(self, user, obj: Model, action: str) -> bool:
        return isinstance(obj, Notification) and obj.recipient_id == user.pk
