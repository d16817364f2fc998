"""What each role may do with the wage-payment monitoring records (issue 17, DESIGN.md section 11): the
office, its director and the inspectors keep rosters, sheets and transfers and handle warnings; the
construction bureau's liaison reads and checks wage sheets (the access policy keeps liaisons of other units
out: a roster is personal data); the leaders read. Nobody deletes: sheets are corrected by a new version."""

from django.db import migrations

from liudong_wages.roles import grant_permissions, revoke_permissions

MODELS = ["projectworker", "payroll", "labourcosttransfer", "wagealert", "deposituse"]

READ = [f"enterprises.view_{model}" for model in MODELS]
WRITE = [f"enterprises.{action}_{model}" for model in MODELS for action in ("add", "change")]
CHECK = ["enterprises.check_payroll"]

TABLE = {
    "director": [*READ, *WRITE, *CHECK],
    "office": [*READ, *WRITE, *CHECK],
    "inspector": [*READ, *WRITE, *CHECK],
    "leader": READ,
    "liaison": [*READ, *CHECK],
}


def grant(apps, schema_editor):
    grant_permissions(apps, TABLE)


def revoke(apps, schema_editor):
    revoke_permissions(apps, TABLE)


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0005_wage_monitoring"),
        ("liudong_wages", "0003_seed_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
