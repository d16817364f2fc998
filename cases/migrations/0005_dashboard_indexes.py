"""Indexes for /dashboard/: the open cases and the cases closed in a period, summed from the index alone."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_list_indexes"),
        ("enterprises", "0004_list_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="case",
            name="case_open_deadline_idx",
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("status__in", ["not_filed", "closed", "voided"]), _negated=True),
                fields=["deadline"],
                include=(
                    "id",
                    "received_on",
                    "worker_count",
                    "total_owed",
                    "total_paid",
                    "is_major",
                    "mass_incident_risk",
                ),
                name="case_open_deadline_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["closed_on"],
                include=("status", "received_on", "worker_count", "total_paid"),
                name="case_closed_idx",
            ),
        ),
    ]
