"""The ledger's sums per month and kind (`LedgerMonth`), built here from the entries already in the ledger;
the services keep them from now on. And indexes for the overview's money still to recover by age."""

from decimal import Decimal

import django.db.models.expressions
from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Coalesce, TruncMonth


def sum_existing_entries(apps, schema_editor):
    LedgerEntry = apps.get_model("funds", "LedgerEntry")
    LedgerMonth = apps.get_model("funds", "LedgerMonth")
    money = models.DecimalField(max_digits=14, decimal_places=2)
    signed = models.Case(
        models.When(kind="reversal", then=-models.F("amount")), default=models.F("amount"), output_field=money
    )
    rows = (
        LedgerEntry.objects.annotate(
            month=TruncMonth("entry_date"), base_kind=Coalesce("reverses__kind", "kind")
        )
        .values("month", "base_kind")
        .order_by("month", "base_kind")
        .annotate(
            amount=models.Sum(signed),
            cash=models.Sum("cash_effect"),
            advances=models.Sum("advances_effect"),
            entries=models.Count("id"),
        )
    )
    LedgerMonth.objects.bulk_create(
        LedgerMonth(
            month=row["month"],
            kind=row["base_kind"],
            amount=row["amount"],
            cash_effect=row["cash"],
            advances_effect=row["advances"],
            entries=row["entries"],
        )
        for row in rows
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_list_indexes"),
        ("funds", "0003_list_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="LedgerMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(verbose_name="月份")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("appropriation", "财政拨入"),
                            ("advance_payment", "垫付支出"),
                            ("recovery", "追回款"),
                            ("write_off", "核销"),
                            ("reversal", "冲销"),
                        ],
                        max_length=20,
                        verbose_name="类型",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2, default=Decimal("0.00"), max_digits=14, verbose_name="金额"
                    ),
                ),
                (
                    "cash_effect",
                    models.DecimalField(
                        decimal_places=2, default=Decimal("0.00"), max_digits=14, verbose_name="对余额的影响"
                    ),
                ),
                (
                    "advances_effect",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0.00"),
                        max_digits=14,
                        verbose_name="对待收回垫付款的影响",
                    ),
                ),
                ("entries", models.PositiveIntegerField(default=0, verbose_name="记录数")),
            ],
            options={
                "verbose_name": "周转金月度合计",
                "verbose_name_plural": "周转金月度合计",
                "ordering": ["month", "kind"],
            },
        ),
        migrations.AddIndex(
            model_name="advanceapplication",
            index=models.Index(
                condition=models.Q(
                    (
                        "paid_amount__gt",
                        django.db.models.expressions.CombinedExpression(
                            models.F("recovered_amount"), "+", models.F("written_off_amount")
                        ),
                    )
                ),
                fields=["id"],
                name="advance_outstanding_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="advancepayment",
            index=models.Index(fields=["application", "paid_on"], name="advancepayment_app_date_idx"),
        ),
        migrations.AddConstraint(
            model_name="ledgermonth",
            constraint=models.UniqueConstraint(fields=("month", "kind"), name="funds_ledgermonth_unique"),
        ),
        migrations.AddConstraint(
            model_name="ledgermonth",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind", "reversal"), _negated=True), name="funds_ledgermonth_base_kind"
            ),
        ),
        migrations.RunPython(sum_existing_entries, migrations.RunPython.noop),
    ]
