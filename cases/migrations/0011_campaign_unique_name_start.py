# A campaign is one of its name starting on a day: the campaign form sent twice made two (issue 18).

from django.conf import settings
from django.db import migrations, models
from django.db.models import Count


def rename_repeats(apps, schema_editor):
    """Campaigns the form made twice before the rule keep their rows (and their history) under a name that
    says so, so the constraint can be added and the office can delete the repeat in the admin."""
    Campaign = apps.get_model("cases", "Campaign")
    repeated = Campaign.objects.values("name", "starts_on").annotate(n=Count("id")).filter(n__gt=1).order_by()
    for group in repeated:
        extra = Campaign.objects.filter(name=group["name"], starts_on=group["starts_on"]).order_by("id")[1:]
        for number, campaign in enumerate(extra, start=2):
            suffix = f"（重复{number}）"
            campaign.name = campaign.name[: 100 - len(suffix)] + suffix
            campaign.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_rectification_reminders"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(rename_repeats, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="campaign",
            constraint=models.UniqueConstraint(
                fields=("name", "starts_on"), name="cases_campaign_unique_name_start"
            ),
        ),
    ]
