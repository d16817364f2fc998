"""What each role may do with the registry (issue 3): the office, its director and the inspectors create and
change; the liaisons, leaders and the other roles read; liaisons record their own unit's restriction measures
(the access policy keeps each to their unit, and only the five units with that duty get rows). Nobody is
given a delete permission: records are closed or voided with a reason."""

from django.db import migrations

from liudong_wages.roles import grant_permissions, revoke_permissions

MODELS = ["enterprise", "project", "subcontractor", "siteinspection", "assessment", "dishonestlisting"]

READ = [f"enterprises.view_{model}" for model in MODELS] + ["enterprises.view_restrictionmeasure"]
WRITE = [f"enterprises.{action}_{model}" for model in MODELS for action in ("add", "change")]

TABLE = {
    "director": [*READ, *WRITE],
    "office": [*READ, *WRITE],
    "inspector": [*READ, *WRITE],
    "leader": READ,
    "liaison": [*READ, "enterprises.change_restrictionmeasure"],
    "police": READ,
    "stability": READ,
    "approver": READ,
    "treasurer": READ,
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


def revoke(apps, schema_editor):
    revoke_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0001_initial"),
        ("liudong_wages", "0003_seed_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
