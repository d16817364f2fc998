"""The roles of DESIGN.md section 1 as groups, with the core's permissions. Domain apps grant their own
models' permissions to these groups in their own migrations."""

from django.db import migrations

from liudong_wages.roles import Role, grant_permissions, revoke_permissions

OFFICE_WIDE = [
    "liudong_wages.view_all_units",
    "liudong_wages.view_memberunit",
    "liudong_wages.view_history",
    "liudong_wages.view_personal_data",
]

TABLE = {
    Role.DIRECTOR: [*OFFICE_WIDE, "liudong_wages.change_memberunit", "liudong_wages.view_user"],
    Role.OFFICE: [*OFFICE_WIDE, "liudong_wages.change_memberunit"],
    Role.INSPECTOR: OFFICE_WIDE,
    Role.LEADER: [
        "liudong_wages.view_all_units",
        "liudong_wages.view_memberunit",
        "liudong_wages.view_history",
    ],
    # A liaison edits their own unit's contact details; the access policy keeps them to their own unit.
    Role.LIAISON: ["liudong_wages.view_memberunit", "liudong_wages.change_memberunit"],
    Role.POLICE: ["liudong_wages.view_memberunit"],
    Role.STABILITY: ["liudong_wages.view_memberunit"],
    Role.APPROVER: ["liudong_wages.view_memberunit"],
    Role.TREASURER: ["liudong_wages.view_memberunit"],
}


def seed(apps, schema_editor):
    grant_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


def unseed(apps, schema_editor):
    revoke_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("liudong_wages", "0002_seed_member_units"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
