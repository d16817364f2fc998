"""What each role may do with cases (DESIGN.md section 1). The access policies narrow it further: the police
see only cases referred to them, the stability office only the petitions it entered."""

from django.db import migrations

from liudong_wages.roles import Role, grant_permissions, revoke_permissions


def _crud(*models):
    return [f"cases.{action}_{model}" for model in models for action in ("view", "add", "change")]


OFFICE = [
    *_crud("case", "workerclaim", "interview", "jointhandling", "jointproposal", "jointdisagreement"),
    "cases.view_all_case",
    "cases.refer_case",
    "cases.view_petition",
    "cases.change_petition",
    "cases.view_policewarning",
    "cases.change_policewarning",
    "cases.view_publicreport",
    "cases.change_publicreport",
]

TABLE = {
    Role.DIRECTOR: OFFICE,
    Role.OFFICE: OFFICE,
    Role.INSPECTOR: OFFICE,
    Role.LEADER: [
        "cases.view_case",
        "cases.view_all_case",
        "cases.view_interview",
        "cases.view_petition",
        "cases.view_policewarning",
        "cases.view_jointhandling",
        "cases.change_jointhandling",
        "cases.approve_jointhandling",
    ],
    Role.POLICE: [
        "cases.view_case",
        "cases.police_case",
        "cases.view_policewarning",
        "cases.add_policewarning",
    ],
    Role.STABILITY: ["cases.view_petition", "cases.add_petition"],
    Role.APPROVER: ["cases.view_jointhandling"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


def revoke(apps, schema_editor):
    revoke_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("liudong_wages", "0003_seed_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
