"""Django's model backend, reading what every page needs in fewer queries.

Each request loads the logged-in user and, on the first permission check, their permissions. Django's
`ModelBackend` takes three queries for that (the user, the user's own permissions, their groups'
permissions) and a fourth when the layout shows the user's unit. Here the user comes with their unit, and
the permissions of the user and of their groups come in one query (a UNION). What is allowed is exactly what
`ModelBackend` allows: superusers have every permission, inactive users none.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class Backend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("unit").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            columns = ("content_type__app_label", "codename")
            if user_obj.is_superuser:
                permissions = Permission.objects.values_list(*columns)
            else:
                own = Permission.objects.filter(user=user_obj).values_list(*columns).order_by()
                of_groups = Permission.objects.filter(group__user=user_obj).values_list(*columns).order_by()
                permissions = own.union(of_groups)
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in permissions}
        return user_obj._perm_cache
