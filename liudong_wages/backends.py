"""Django's model backend, reading what every page needs in one query.

Each request loads the logged-in user and then asks what they may do. Django's `ModelBackend` takes three
queries for that (the user, the user's own permissions, their groups' permissions), and every page asked
three more: the user's unit, their roles (the groups' names) and the header's count of unread notifications.
Here, on PostgreSQL, the user comes in one query with their unit and, as arrays of subqueries, their own and
their groups' permissions, their roles and that count (issue 21: each statement is a round trip and an ORM
compilation on every page). What is allowed is exactly what `ModelBackend` allows: superusers have every
permission, inactive users none. Elsewhere (SQLite in development) the same answers come in separate queries.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import F, Func, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat

from .compiled import CompiledGet

# Attribute names on the user, read by Backend.get_all_permissions, User.roles and notifications.unread_count.
PERMISSIONS_CACHE = "_perm_cache"
UNREAD_COUNT = "unread_notifications"


def _names(queryset):
    from django.contrib.postgres.expressions import ArraySubquery

    return ArraySubquery(
        queryset.order_by()
        .annotate(full=Concat("content_type__app_label", Value("."), "codename"))
        .values("full")
    )


def _with_what_pages_ask(queryset):
    from django.contrib.postgres.expressions import ArraySubquery

    from .models import Notification

    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .annotate(count=Func(F("pk"), function="COUNT"))
        .values("count")
    )
    return queryset.annotate(
        own_permission_names=_names(Permission.objects.filter(user=OuterRef("pk"))),
        group_permission_names=_names(Permission.objects.filter(group__user=OuterRef("pk"))),
        role_names=ArraySubquery(Group.objects.filter(user=OuterRef("pk")).order_by().values("name")),
        unread_count=Coalesce(Subquery(unread), 0),
    )


def _user_with_what_pages_ask():
    return _with_what_pages_ask(get_user_model()._default_manager.select_related("unit"))


# Compiled once per process: building that statement cost more Python than the four it replaces.
_user_query = CompiledGet(_user_with_what_pages_ask)


class Backend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        using = router.db_for_read(User)
        if connections[using].vendor != "postgresql":
            try:
                user = User._default_manager.select_related("unit").get(pk=user_id)
            except User.DoesNotExist:
                return None
            return user if self.user_can_authenticate(user) else None
        try:
            found: Any = _user_query.get(user_id, using=using)  # a User with the annotations above
        except ValidationError:  # not a key at all
            return None
        if found is None or not self.user_can_authenticate(found):
            return None
        if not found.is_superuser:
            setattr(found, PERMISSIONS_CACHE, {*found.own_permission_names, *found.group_permission_names})
        found.__dict__["roles"] = frozenset(found.role_names)  # User.roles, a cached_property
        setattr(found, UNREAD_COUNT, found.unread_count)
        return found

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, PERMISSIONS_CACHE):
            columns = ("content_type__app_label", "codename")
            if user_obj.is_superuser:
                permissions = Permission.objects.values_list(*columns)
            else:
                own = Permission.objects.filter(user=user_obj).values_list(*columns).order_by()
                of_groups = Permission.objects.filter(group__user=user_obj).values_list(*columns).order_by()
                permissions = own.union(of_groups)
            setattr(
                user_obj,
                PERMISSIONS_CACHE,
                {f"{app_label}.{codename}" for app_label, codename in permissions},
            )
        return getattr(user_obj, PERMISSIONS_CACHE)
