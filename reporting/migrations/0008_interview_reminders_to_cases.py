"""Interviews' rectification reminders are the cases app's (issue 20): the claims already sent move to
`cases.RectificationReminderSent`, so the job, now in cases, does not send them again."""

from django.db import migrations


def to_cases(apps, schema_editor):
    Sent = apps.get_model("reporting", "SupervisionReminderSent")
    Rectification = apps.get_model("cases", "RectificationReminderSent")
    rows = Sent.objects.filter(interview__isnull=False)
    Rectification.objects.bulk_create(
        [
            Rectification(
                interview_id=row.interview_id,
                kind=row.kind,
                due_on=row.due_on,
                sent_at=row.sent_at,
                recipients=row.recipients,
            )
            for row in rows
        ],
        ignore_conflicts=True,
    )
    rows.delete()


def to_reporting(apps, schema_editor):
    Sent = apps.get_model("reporting", "SupervisionReminderSent")
    Rectification = apps.get_model("cases", "RectificationReminderSent")
    Sent.objects.bulk_create(
        [
            Sent(
                interview_id=row.interview_id,
                kind=row.kind,
                due_on=row.due_on,
                sent_at=row.sent_at,
                recipients=row.recipients,
            )
            for row in Rectification.objects.all()
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_rectification_reminders"),
        ("reporting", "0007_meetings_permissions"),
    ]

    operations = [migrations.RunPython(to_cases, to_reporting)]
