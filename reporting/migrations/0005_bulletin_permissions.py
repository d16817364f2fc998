"""Who may do what with the bulletin and the dashboard (DESIGN.md sections 1 and 6).

Every role reads published bulletins (they are sent to every member unit); the office and the inspectors
draft them; the director publishes. The dashboard is for the director, the office and the leaders.
"""

from django.db import migrations

from liudong_wages.roles import Role, grant_permissions, revoke_permissions

READ = ["reporting.view_bulletin"]
DRAFT = [*READ, "reporting.change_bulletin"]
DASHBOARD = "reporting.view_dashboard"

TABLE = {
    Role.DIRECTOR: [*DRAFT, "reporting.publish_bulletin", DASHBOARD],
    Role.OFFICE: [*DRAFT, DASHBOARD],
    Role.INSPECTOR: DRAFT,
    Role.LEADER: [*READ, DASHBOARD],
    Role.LIAISON: READ,
    Role.POLICE: READ,
    Role.STABILITY: READ,
    Role.APPROVER: READ,
    Role.TREASURER: READ,
}


def seed(apps, schema_editor):
    grant_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


def unseed(apps, schema_editor):
    revoke_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0004_bulletin"),
        ("liudong_wages", "0003_seed_roles"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
