from django.db import migrations

from liudong_wages.roles import Role, grant_permissions, revoke_permissions

TABLE = {Role.DIRECTOR: ["liudong_wages.view_audit"], Role.OFFICE: ["liudong_wages.view_audit"]}


def seed(apps, schema_editor):
    grant_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


def unseed(apps, schema_editor):
    revoke_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


class Migration(migrations.Migration):
    dependencies = [("liudong_wages", "0005_audit_permission")]
    operations = [migrations.RunPython(seed, unseed)]
