"""The roles of DESIGN.md section 1. A role is a Django group of the same name; its permissions are
granted by data migrations through `grant_permissions`, so each app states what each role may do with
its own models, next to those models."""

from collections.abc import Mapping, Sequence

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DIRECTOR = "director", _("办公室主任")
    OFFICE = "office", _("办公室工作人员")
    INSPECTOR = "inspector", _("劳动监察员")
    LIAISON = "liaison", _("成员单位联络员")
    POLICE = "police", _("公安联络员")
    STABILITY = "stability", _("综治办联络员")
    APPROVER = "approver", _("管委会审批人")
    TREASURER = "treasurer", _("财政局出纳")
    LEADER = "leader", _("组长、副组长")


# Roles that must log in with a second factor (issue 9: 等保三级 asks it of privileged users).
TWO_FACTOR_ROLES = frozenset({Role.DIRECTOR, Role.APPROVER, Role.TREASURER})


def grant_permissions(apps, table: Mapping[str, Sequence[str]]) -> None:
    """Give each role (group) the permissions named "app_label.codename" in `table`.

    For data migrations. Django creates permissions after all migrations have run (post_migrate), so on a
    fresh database they do not exist yet here: create them first for the apps concerned.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for label in {perm.split(".")[0] for perms in table.values() for perm in perms}:
        app_config = global_apps.get_app_config(label)
        create_permissions(app_config, apps=apps, verbosity=0)
    for role, perms in table.items():
        group, _created = Group.objects.get_or_create(name=role)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke_permissions(apps, table: Mapping[str, Sequence[str]]) -> None:
    """The reverse of `grant_permissions`, so that data migrations can be unapplied."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in table.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
