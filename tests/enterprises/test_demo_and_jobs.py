"""The demo data and the daily jobs of the registry."""

import datetime as dt
from io import StringIO

from django.core.management import call_command

from enterprises import demo_monitoring
from enterprises.models import DishonestListing, Enterprise, Project
from enterprises.services import listing_decide, listing_notify

from ..factories import DishonestListingFactory, ProjectFactory


def _seed():
    # The app's own hook, as `manage.py seed_demo` calls it after creating the demo users.
    from django.apps import apps

    apps.get_app_config("enterprises").seed_demo(StringIO())


def test_seed_demo_adds_valid_enterprises_and_projects_once(db):
    from liudong_wages.demo import seed_users

    seed_users(password="Demo-pass-2026")
    _seed()
    assert Enterprise.objects.count() == 20
    assert Project.objects.count() == 10 + len(demo_monitoring.PROJECTS)  # the registry's and monitoring's
    for enterprise in Enterprise.objects.all():
        enterprise.full_clean()
    assert Project.objects.exclude(risk="none").exists()
    assert Enterprise.objects.filter(star_rating__gte=1).exists()
    _seed()
    assert Enterprise.objects.count() == 20
    assert Project.objects.count() == 10 + len(demo_monitoring.PROJECTS)  # the registry's and monitoring's


def test_the_daily_job_refreshes_risks_and_ends_listings_and_can_run_twice(db, office_staff):
    project = ProjectFactory(wage_account_number="", start_date=dt.date(2026, 1, 5))
    listing = DishonestListingFactory()
    listing_notify(listing=listing, by=office_staff, notice_number="告1", notified_on=dt.date(2023, 3, 1))
    listing_decide(listing=listing, by=office_staff, decided_on=dt.date(2023, 3, 15), decision_number="决1")
    for _run in range(2):
        call_command("refresh_enterprise_registry", "--date", "2026-07-01", stdout=StringIO())
    project.refresh_from_db()
    listing.refresh_from_db()
    assert project.risk == "orange"
    assert listing.status == DishonestListing.Status.EXPIRED
    assert listing.events.filter(kind="listing_expired").count() == 1
