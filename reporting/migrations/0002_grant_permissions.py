"""What each role may do with member-unit reports. The access policy keeps a liaison to their own unit."""

from django.db import migrations

from liudong_wages.roles import Role, grant_permissions, revoke_permissions

REVIEW = ["reporting.view_report", "reporting.review_report"]

TABLE = {
    Role.DIRECTOR: [*REVIEW, "reporting.reopen_report"],
    Role.OFFICE: [*REVIEW, "reporting.reopen_report"],
    Role.INSPECTOR: REVIEW,
    Role.LEADER: ["reporting.view_report"],
    Role.LIAISON: [
        "reporting.view_report",
        "reporting.add_report",
        "reporting.change_report",
        "reporting.submit_report",
    ],
}


def seed(apps, schema_editor):
    grant_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


def unseed(apps, schema_editor):
    revoke_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("liudong_wages", "0003_seed_roles"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
