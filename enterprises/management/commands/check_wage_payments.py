"""`manage.py check_wage_payments [--date YYYY-MM-DD]`: the daily wage-payment check (DESIGN.md section 11),
the same work as the Celery beat task `enterprises.tasks.check_wage_payments`. Safe to run twice."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from enterprises.tasks import check_payments


class Command(BaseCommand):
    help = "Raise, escalate and close wage-payment warnings (WageAlert) as of a day (default: today)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to check as, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        day = None
        if options["date"]:
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be YYYY-MM-DD") from None
        summary = check_payments(today=day)
        self.stdout.write(" ".join(f"{key}={value}" for key, value in summary.items()))
