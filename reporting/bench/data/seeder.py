"""The run: users, then each subject in an order that keeps the random sequence, then COPY and ANALYZE."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from cases.models import Case, CaseEvent, Interview, WorkerClaim
from enterprises.models import (
    Assessment,
    AssessmentItem,
    Enterprise,
    Event,
    LabourCostTransfer,
    Payroll,
    PayrollLine,
    Project,
    ProjectWorker,
    Subcontractor,
    WageAlert,
)
from enterprises.services.alerts import wage_payments_check
from funds.models import (
    AdvanceApplication,
    AdvanceEvent,
    AdvanceLine,
    AdvancePayment,
    LedgerEntry,
    LedgerMonth,
)
from funds.services import rebuild_month_sums
from liudong_wages.demo import DEMO_USERS
from liudong_wages.models import MemberUnit, User
from liudong_wages.roles import Role

from ...models import Report, ReportEvent
from ...periods import shift_year
from .cases import CasesMixin
from .copy import Table
from .enterprises import EnterprisesMixin
from .fund import FundMixin
from .monitoring import MonitoringMixin
from .reports import ReportsMixin
from .values import YEARS, Calendar, person_name

DEFAULT_SEED = 20261128

# The tables of the main lists (DESIGN.md section 7).
LISTED = (
    Enterprise,
    Project,
    Case,
    Interview,
    AdvanceApplication,
    LedgerEntry,
    Report,
    ProjectWorker,
    Payroll,
)
# Tables that hold real work; seed_bench refuses to add to a database where any of them has rows.
DOMAIN_MODELS = (Enterprise, Project, Case, WorkerClaim, LedgerEntry, AdvanceApplication, Report, Interview)

# What every logged-in request reads before its page (the user, their groups and permissions, the names of
# the permissions' apps).
REQUEST_TABLES = (
    User,
    User.groups.through,
    User.user_permissions.through,
    Group,
    Group.permissions.through,
    Permission,
    ContentType,
)


@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)


def has_real_data() -> list[str]:
    return [model._meta.label for model in DOMAIN_MODELS if model.objects.exists()]


def seed_bench(
    *,
    scale: float,
    seed: int = DEFAULT_SEED,
    as_of: dt.date | None = None,
    log: Callable[[str], None] = print,
) -> Result:
    return Seeder(scale=scale, seed=seed, as_of=as_of or timezone.localdate(), log=log).run()


class Seeder(EnterprisesMixin, CasesMixin, FundMixin, ReportsMixin, MonitoringMixin):
    """One run. The subjects share one random generator, so the order of the calls in `run` is part of
    the data: the same seed gives the same rows only as long as that order and each subject's draws stay."""

    def __init__(self, *, scale: float, seed: int, as_of: dt.date, log: Callable[[str], None]):
        self.scale, self.seed, self.today, self.log = scale, seed, as_of, log
        self.rng = random.Random(seed)
        self.now = timezone.make_aware(dt.datetime.combine(as_of, dt.time(8, 0)))
        self.first_day = shift_year(as_of, -YEARS)  # seeded on 29 February too
        self.result = Result()
        self.tables: dict[type[models.Model], Table] = {}
        self._clock = time.monotonic()

    def lap(self, what: str) -> None:
        now = time.monotonic()
        self.result.timings.append((what, now - self._clock))
        self.log(f"  {what}: {now - self._clock:.1f} s")
        self._clock = now

    def table(self, model: type[models.Model]) -> Table:
        if model not in self.tables:
            table = Table(model, self.now)
            last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
            table.next_id = (last or 0) + 1
            self.tables[model] = table
        return self.tables[model]

    def run(self) -> Result:
        self.people()
        self.calendar = Calendar(self.first_day - dt.timedelta(days=30), self.today + dt.timedelta(days=400))
        self.lap("users and working-day calendar")
        self.enterprises()
        self.projects()
        self.lap("enterprises and projects generated")
        self.cases()
        self.lap("cases, claims and events generated")
        self.monitoring_projects()  # its own random generator: the other rows stay as they were
        self.project_risks()
        self.monitoring()
        self.lap("monitoring: projects, rosters, wage sheets and transfers generated")
        self.interviews()
        self.fund()
        self.lap("interviews and fund generated")
        self.reports()
        self.lap("reports generated")
        order = [
            Enterprise,
            Assessment,
            AssessmentItem,
            Project,
            Subcontractor,
            Event,
            ProjectWorker,
            Payroll,
            PayrollLine,
            LabourCostTransfer,
            Case,
            WorkerClaim,
            CaseEvent,
            Interview,
            AdvanceApplication,
            AdvanceLine,
            AdvancePayment,
            LedgerEntry,
            AdvanceEvent,
            Report,
            ReportEvent,
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3's cursor, for COPY
            for model in order:
                table = self.tables.get(model)
                if table is None:
                    continue
                table.load(raw)
                self.result.counts[model._meta.label] = table.count
            self.lap("COPY into PostgreSQL")
            # The COPY went around the ledger's service, which keeps the month sums: sum them from the entries.
            ledger_months = rebuild_month_sums()
            self.result.counts[LedgerMonth._meta.label] = ledger_months
            self.lap("fund ledger month sums")
        # Statistics for the planner; for the tables the lists read, also the visibility map that index-only
        # scans need (VACUUM, outside a transaction only). The large logs get their map from autovacuum later.
        with connection.cursor() as cursor:
            for model in order:
                vacuum = model in LISTED and not connection.in_atomic_block
                cursor.execute(f"{'VACUUM ANALYZE' if vacuum else 'ANALYZE'} {model._meta.db_table}")
            # And the small tables every request reads for its user (liudong_wages.backends), which migrations
            # filled and autovacuum may not have analysed yet: without statistics the planner hashes every
            # permission on each page (0.7 ms of the server's time instead of 0.2).
            for model in REQUEST_TABLES:
                cursor.execute(f"ANALYZE {model._meta.db_table}")
        self.lap("ANALYZE (VACUUM of the listed tables)")
        # The daily check once, for the seed's today, so that the chosen gaps stand as warnings; after ANALYZE,
        # since without statistics on the copied tables its plans take a minute at scale 1 instead of seconds.
        summary = wage_payments_check(today=self.today)
        self.result.counts["enterprises.WageAlert"] = summary.raised
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {WageAlert._meta.db_table}")
        self.lap(f"daily wage-payment check ({summary.projects} projects, {summary.raised} warnings)")
        return self.result

    # --- people -----------------------------------------------------------------------------------------

    def people(self) -> None:
        self.units = {unit.code: unit for unit in MemberUnit.objects.all()}
        groups = {group.name: group for group in Group.objects.all()}
        # The demo accounts (director zhuren, inspectors …) without a password: hashing twenty of them would
        # cost a minute. `seed_demo --reset-passwords` gives them passwords for a look in the browser.
        for demo in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=demo.username,
                defaults={
                    "full_name": demo.full_name,
                    "unit": self.units[demo.unit],
                    "position": demo.position,
                    "email": f"{demo.username}@liudong.example",
                    "is_staff": demo.superuser,
                    "is_superuser": demo.superuser,
                },
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                user.groups.add(*(groups[role] for role in demo.roles))
        inspectors = groups[Role.INSPECTOR]
        for n in range(1, 9):
            user, created = User.objects.get_or_create(
                username=f"bench_jc{n:02d}",
                defaults={
                    "full_name": person_name(self.rng),
                    "unit": self.units.get("rsj"),
                    "is_active": True,
                },
            )
            if created:
                user.set_unusable_password()
                user.save()
                user.groups.add(inspectors)
        self.handlers = list(
            User.objects.filter(groups__name=Role.INSPECTOR).order_by("pk").values_list("pk", flat=True)
        )
        self.office_staff = User.objects.filter(username="bangong").values_list("pk", flat=True).first()
        self.director = User.objects.filter(username="zhuren").values_list("pk", flat=True).first()
        self.approver = User.objects.filter(username="shenpi").values_list("pk", flat=True).first()
        self.treasurer = User.objects.filter(username="chuna").values_list("pk", flat=True).first()
        self.liaisons = dict(User.objects.filter(username__startswith="lly_").values_list("username", "pk"))

    def day_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange(max((end - start).days, 0) + 1))
