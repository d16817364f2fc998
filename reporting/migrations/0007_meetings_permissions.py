"""What each role may do with meetings, minutes and supervision tasks. The access policies keep a liaison to
the meetings their unit attends (and issued minutes) and to their own unit's confirmations and tasks."""

from django.db import migrations

from liudong_wages.roles import Role, grant_permissions, revoke_permissions

READ = [
    "reporting.view_meeting",
    "reporting.view_minutesconfirmation",
    "reporting.view_supervisiontask",
]
MANAGE = [
    *READ,
    "reporting.add_meeting",
    "reporting.change_meeting",
    "reporting.manage_meeting",
    "reporting.override_minutesconfirmation",
    "reporting.add_supervisiontask",
    "reporting.review_supervisiontask",
]

TABLE = {
    Role.DIRECTOR: MANAGE,
    Role.OFFICE: MANAGE,
    Role.INSPECTOR: READ,
    Role.LEADER: READ,
    Role.LIAISON: [
        *READ,
        # Confirming or commenting on circulated minutes is changing the unit's confirmation row.
        "reporting.change_minutesconfirmation",
        "reporting.report_supervisiontask",
    ],
}


def seed(apps, schema_editor):
    grant_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


def unseed(apps, schema_editor):
    revoke_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0006_meetings"),
        ("liudong_wages", "0003_seed_roles"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
