"""The ledger refuses UPDATE and DELETE in the database itself (a trigger), the fund's single row exists,
and each role gets its part of the fund (DESIGN.md section 4: the HR bureau applies, the committee approves,
the finance bureau pays and records appropriations, the director and the leaders see all)."""

from django.db import migrations

from liudong_wages.roles import Role, grant_permissions, revoke_permissions

POSTGRES_TRIGGER = """
CREATE OR REPLACE FUNCTION funds_ledgerentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'funds_ledgerentry is append-only: ' || TG_OP || ' refused; correct an entry with a reversal',
        ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER funds_ledgerentry_append_only
    BEFORE UPDATE OR DELETE ON funds_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION funds_ledgerentry_append_only();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS funds_ledgerentry_append_only ON funds_ledgerentry;
DROP FUNCTION IF EXISTS funds_ledgerentry_append_only();
"""
SQLITE_TRIGGERS = [
    "CREATE TRIGGER funds_ledgerentry_no_update BEFORE UPDATE ON funds_ledgerentry "
    "BEGIN SELECT RAISE(ABORT, 'funds_ledgerentry is append-only'); END;",
    "CREATE TRIGGER funds_ledgerentry_no_delete BEFORE DELETE ON funds_ledgerentry "
    "BEGIN SELECT RAISE(ABORT, 'funds_ledgerentry is append-only'); END;",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS funds_ledgerentry_no_update;",
    "DROP TRIGGER IF EXISTS funds_ledgerentry_no_delete;",
]


def add_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_TRIGGER)
    elif vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def drop_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


def create_fund(apps, schema_editor):
    apps.get_model("funds", "Fund").objects.get_or_create(pk=1)


APPLY = [
    "funds.view_fund",
    "funds.view_ledgerentry",
    "funds.view_advanceapplication",
    "funds.add_advanceapplication",
    "funds.change_advanceapplication",
    "funds.submit_advanceapplication",
    "funds.order_recovery_advanceapplication",
]
TABLE = {
    Role.DIRECTOR: [*APPLY, "funds.view_all_advanceapplication"],
    Role.OFFICE: APPLY,
    Role.INSPECTOR: APPLY,
    Role.APPROVER: [
        "funds.view_fund",
        "funds.view_ledgerentry",
        "funds.view_advanceapplication",
        "funds.approve_advanceapplication",
        "funds.write_off_advanceapplication",
    ],
    Role.TREASURER: [
        "funds.view_fund",
        "funds.view_ledgerentry",
        "funds.add_ledgerentry",
        "funds.reverse_ledgerentry",
        "funds.view_advanceapplication",
        "funds.pay_advanceapplication",
        "funds.record_recovery_advanceapplication",
    ],
    Role.LEADER: [
        "funds.view_fund",
        "funds.view_ledgerentry",
        "funds.view_advanceapplication",
        "funds.view_all_advanceapplication",
    ],
}


def grant(apps, schema_editor):
    grant_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


def revoke(apps, schema_editor):
    revoke_permissions(apps, {str(role): perms for role, perms in TABLE.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("funds", "0001_initial"),
        ("liudong_wages", "0003_seed_roles"),
    ]
    operations = [
        migrations.RunPython(add_trigger, drop_trigger),
        migrations.RunPython(create_fund, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
