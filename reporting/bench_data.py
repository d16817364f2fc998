"""Large, reproducible data for benchmarks (`manage.py seed_bench --scale N`, DESIGN.md section 7).

Scale 1 is a district after ten busy years: 5,000 enterprises, 1,000 projects, 10,000 cases with about
100,000 worker claims, about 20,000 ledger entries of the revolving fund, and ten years of member-unit
reports. Scale N multiplies everything but the reports (one report per unit, type and period cannot grow).

The rows bypass the services (which write one row at a time, with history) and go in by PostgreSQL COPY,
but they keep every rule the services keep: credit codes and ID numbers with valid check characters
(python-stdnum), case events in the order the statuses need and the deadlines derived from them by
`cases.deadlines`, claims adding up to their case's totals, a fund ledger whose balance never goes below zero
with applications that never pay more than approved, a project's risk from `enterprises.rules`.
The same seed and `as_of` day give the same rows. History tables (django-simple-history) stay empty.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import tempfile
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, models, transaction
from django.utils import timezone
from stdnum.cn import ric, uscc

from cases import deadlines
from cases import rules as case_rules
from cases.models import Case, CaseEvent, Interview, WorkerClaim
from enterprises import rules as enterprise_rules
from enterprises.models import Assessment, AssessmentItem, Enterprise, Event, Project, Subcontractor
from funds.models import AdvanceApplication, AdvanceEvent, AdvanceLine, AdvancePayment, LedgerEntry
from liudong_wages import workdays
from liudong_wages.demo import DEMO_USERS
from liudong_wages.models import MemberUnit, User
from liudong_wages.roles import Role

from . import definitions
from .definitions import add_months
from .demo import sample_body
from .models import Report, ReportEvent

BASE = {"enterprises": 5_000, "projects": 1_000, "cases": 10_000, "claims": 100_000, "ledger": 20_000}
YEARS = 10
DEFAULT_SEED = 20261128
CENT = Decimal("0.01")

# The tables of the main lists (DESIGN.md section 7).
LISTED = (Enterprise, Project, Case, Interview, AdvanceApplication, LedgerEntry, Report)
# Tables that hold real work; seed_bench refuses to add to a database where any of them has rows.
DOMAIN_MODELS = (Enterprise, Project, Case, WorkerClaim, LedgerEntry, AdvanceApplication, Report, Interview)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐韦覃蒙莫黎廖陆卢潘蓝龙"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红海波德福春秋兰凤玉金永祥"
BRAND = "宏盛鑫华建恒顺达博联众诚泰隆源昌兴旺通力新广利富安德嘉正和佳盈凯锦信汇丰瑞祥"
TRADE = {
    Enterprise.Industry.CONSTRUCTION: ("建筑工程", "建设工程", "建筑劳务"),
    Enterprise.Industry.MUNICIPAL: ("市政工程", "市政园林"),
    Enterprise.Industry.TRANSPORT: ("交通建设", "路桥工程"),
    Enterprise.Industry.WATER: ("水利水电", "水利工程"),
    Enterprise.Industry.MANUFACTURING: ("汽车零部件", "机械制造", "电子科技", "新能源材料"),
    Enterprise.Industry.CATERING: ("餐饮管理", "酒店管理"),
    Enterprise.Industry.OTHER: ("商贸", "物业服务", "物流"),
}
INDUSTRY_WEIGHTS = [30, 10, 6, 4, 30, 8, 12]
FORMS = ("有限公司", "有限责任公司", "股份有限公司")
PARKS = (
    "柳东新区汽车产业园",
    "柳东新区高新区",
    "官塘创业园",
    "雒容工业园",
    "洛维工业集中区",
    "新能源汽车城",
    "",
)
# Region codes stdnum.cn.ric accepts for every birth year from 1955 to 2002 (it checks that the county
# existed at the birth date): Liuzhou, Nanning, the former Liuzhou prefecture's counties, Hechi, Guilin.
REGIONS = ("450200", "450100", "452223", "452226", "452227", "452122", "452723", "452624", "452128", "452427")
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
BANKS = ("中国工商银行柳州分行", "中国建设银行柳州分行", "中国农业银行柳州分行", "柳州银行柳东支行")
PLACES = ("官塘", "雒容", "洛维", "双仁", "新柳", "阳和", "沙塘")
BUILDINGS = ("安置房", "标准厂房", "道路", "综合管廊", "学校", "医院", "污水处理厂", "商业综合体", "桥梁")


def scaled(name: str, scale: float) -> int:
    return max(1, round(BASE[name] * scale))


# --- COPY ------------------------------------------------------------------------------------------------


def _escape(value: str) -> str:
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


def _json(value: Any) -> str:
    return _escape(json.dumps(value, ensure_ascii=False))


# By exact type: a dictionary look-up instead of a chain of isinstance() for each of millions of cells.
_FORMATS: dict[type, Callable[[Any], str]] = {
    str: _escape,
    int: str,
    Decimal: str,
    dt.date: dt.date.isoformat,
    dt.datetime: dt.datetime.isoformat,
    bool: lambda value: "t" if value else "f",
    type(None): lambda value: r"\N",
    dict: _json,
    list: _json,
}


def _text(value: Any) -> str:
    """A value in PostgreSQL COPY text format."""
    fmt = _FORMATS.get(type(value))
    if fmt is None:  # a TextChoices member, a lazy translation: their str() is the stored text
        return _escape(str(value))
    return fmt(value)


_REQUIRED = object()


class Table:
    """Rows of one model written to a temporary file in COPY format, loaded in one COPY at the end.

    Columns not given take the field's default (computed once), so each caller names only what matters.
    """

    def __init__(self, model: type[models.Model], now: dt.datetime):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if f.primary_key:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            elif f.has_default():
                default = f.get_default()
                self.defaults[f.attname] = now if isinstance(default, dt.datetime) else default
            elif f.null:
                self.defaults[f.attname] = None
            elif isinstance(f, models.CharField | models.TextField):
                self.defaults[f.attname] = ""
            else:
                self.defaults[f.attname] = _REQUIRED
        self.attnames = [f.attname for f in self.fields]
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed by load)
        self.next_id = 1
        self.count = 0

    def add(self, **values: Any) -> int:
        if "id" not in values:
            values["id"] = self.next_id
        self.next_id = max(self.next_id, values["id"] + 1)
        cells = []
        for name in self.attnames:
            value = values[name] if name in values else self.defaults[name]
            if value is _REQUIRED:
                raise KeyError(f"{self.model.__name__}.{name} has no default: give a value")
            cells.append(_text(value))
        self.file.write("\t".join(cells) + "\n")
        self.count += 1
        return values["id"]

    def load(self, cursor) -> None:
        table = self.model._meta.db_table
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.file.seek(0)
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            while chunk := self.file.read(1 << 20):
                copy.write(chunk)
        self.file.close()
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
        )


# --- calendar -------------------------------------------------------------------------------------------


class Calendar:
    """The working days of the whole range, computed once: deadline arithmetic for 100,000 cases in memory."""

    def __init__(self, start: dt.date, end: dt.date):
        self.days: list[dt.date] = []
        day = start
        while day <= end:
            if workdays.is_working_day(day):
                self.days.append(day)
            day += dt.timedelta(days=1)
        self.start, self.end = start, end

    def add(self, day: dt.date, count: int) -> dt.date:
        """Same as workdays.add_working_days for count > 0."""
        index = bisect_right(self.days, day) + count - 1
        if index >= len(self.days):
            return workdays.add_working_days(day, count)
        return self.days[index]

    def next(self, day: dt.date) -> dt.date:
        index = bisect_left(self.days, day)
        return self.days[index] if index < len(self.days) else workdays.next_working_day(day)


# --- people and codes -----------------------------------------------------------------------------------


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def id_number(rng: random.Random, *, born_from: int = 1960, born_to: int = 2002) -> str:
    born = dt.date(born_from, 1, 1) + dt.timedelta(days=rng.randrange((born_to - born_from) * 365))
    body = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")  # it reads the first 17 of 18 characters


def credit_code(rng: random.Random) -> str:
    # 9 (工商) 1 (企业), Liuzhou's division code, a 9-character organisation code, the check character.
    body = "91450200" + "".join(rng.choice(USCC_CHARS) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"


def money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100)).scaleb(-2).quantize(CENT)


# Asia/Shanghai has kept UTC+8 all year since 1992: a fixed offset gives the same instants, much faster.
BEIJING = dt.timezone(dt.timedelta(hours=8))


def aware(day: dt.date, rng: random.Random) -> dt.datetime:
    """A working-hours moment of `day`, Beijing time."""
    return dt.datetime(day.year, day.month, day.day, rng.randrange(8, 18), rng.randrange(60), tzinfo=BEIJING)


# --- the run --------------------------------------------------------------------------------------------


@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class _Case:
    id: int
    status: str
    received_on: dt.date
    closed_on: dt.date | None
    enterprise_id: int | None
    project_id: int | None
    worker_count: int
    total_owed: Decimal
    claim_ids: list[int]
    claim_amounts: list[Decimal]
    claim_names: list[str]


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


class Seeder:
    def __init__(self, *, scale: float, seed: int, as_of: dt.date, log: Callable[[str], None]):
        self.scale, self.seed, self.today, self.log = scale, seed, as_of, log
        self.rng = random.Random(seed)
        self.now = timezone.make_aware(dt.datetime.combine(as_of, dt.time(8, 0)))
        self.first_day = as_of.replace(year=as_of.year - YEARS)
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
        self.project_risks()
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
        # Statistics for the planner; for the tables the lists read, also the visibility map that index-only
        # scans need (VACUUM, outside a transaction only). The large logs get their map from autovacuum later.
        with connection.cursor() as cursor:
            for model in order:
                vacuum = model in LISTED and not connection.in_atomic_block
                cursor.execute(f"{'VACUUM ANALYZE' if vacuum else 'ANALYZE'} {model._meta.db_table}")
        self.lap("ANALYZE (VACUUM of the listed tables)")
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

    # --- enterprises and projects -----------------------------------------------------------------------

    def enterprises(self) -> None:
        rng = self.rng
        table = self.table(Enterprise)
        events = self.table(Event)
        assessments, items = self.table(Assessment), self.table(AssessmentItem)
        taken = set(Enterprise.objects.values_list("credit_code", flat=True))
        industries = list(TRADE)
        self.enterprise_ids: list[int] = []
        self.enterprise_industry: dict[int, str] = {}
        self.enterprise_names: dict[int, str] = {}
        self.contractors: list[int] = []
        for _n in range(scaled("enterprises", self.scale)):
            code = credit_code(rng)
            while code in taken:
                code = credit_code(rng)
            taken.add(code)
            industry = rng.choices(industries, INDUSTRY_WEIGHTS)[0]
            name = f"柳州{''.join(rng.sample(BRAND, 2))}{rng.choice(TRADE[industry])}{rng.choice(FORMS)}"
            headcount = rng.randrange(5, 2000)
            created = self.day_between(self.first_day, self.today)
            closed = rng.random() < 0.04
            rated = rng.random() < 0.15
            values = {
                "name": name,
                "credit_code": code,
                "industry": industry,
                "legal_rep_name": person_name(rng),
                "legal_rep_id_number": id_number(rng, born_from=1955, born_to=1990),
                "legal_rep_phone": phone(rng),
                "address": f"柳州市柳东新区{rng.choice(PLACES)}路{rng.randrange(1, 300)}号",
                "industrial_park": rng.choice(PARKS),
                "headcount": headcount,
                "migrant_worker_count": rng.randrange(0, headcount + 1),
                "has_trade_union": rng.random() < 0.4,
                "has_collective_contract": rng.random() < 0.25,
                "created_at": aware(created, rng),
                "created_by_id": self.office_staff,
            }
            if closed:
                values |= {
                    "status": Enterprise.Status.CLOSED,
                    "closed_on": self.today,
                    "closed_reason": "注销登记",
                }
            pk = table.next_id
            if rated:
                rated_on = self.day_between(created, self.today)
                scores = [rng.randrange(5, 11) for _ in Assessment.Item]
                total = sum(scores)
                stars = enterprise_rules.star_rating_for(total)
                assessment = assessments.add(
                    enterprise_id=pk,
                    assessed_on=rated_on,
                    assessor_id=self.office_staff,
                    total_score=total,
                    star_rating=stars,
                    created_at=aware(rated_on, rng),
                    created_by_id=self.office_staff,
                )
                for item, score in zip(Assessment.Item.values, scores, strict=True):
                    items.add(assessment_id=assessment, item=item, score=score)
                events.add(
                    kind=Event.Kind.ASSESSMENT,
                    on=rated_on,
                    at=aware(rated_on, rng),
                    enterprise_id=pk,
                    assessment_id=assessment,
                    summary=f"{stars} 星",
                    by_id=self.office_staff,
                )
                # The latest assessment's rating is kept on the enterprise, as `assessment_create` does.
                values |= {"star_rating": stars, "rated_on": rated_on}
            table.add(id=pk, **values)
            events.add(
                kind=Event.Kind.ENTERPRISE_CREATED,
                on=created,
                at=aware(created, rng),
                enterprise_id=pk,
                summary=name,
                by_id=self.office_staff,
            )
            self.enterprise_ids.append(pk)
            self.enterprise_industry[pk] = industry
            self.enterprise_names[pk] = name
            if industry in (
                Enterprise.Industry.CONSTRUCTION,
                Enterprise.Industry.MUNICIPAL,
                Enterprise.Industry.TRANSPORT,
                Enterprise.Industry.WATER,
            ):
                self.contractors.append(pk)

    def projects(self) -> None:
        rng = self.rng
        table, subs, events = self.table(Project), self.table(Subcontractor), self.table(Event)
        self.projects_data: dict[int, dict[str, Any]] = {}
        self.project_contractor: dict[int, int] = {}
        kinds = list(Project.Kind.values)
        for n in range(scaled("projects", self.scale)):
            approved = self.day_between(self.first_day, self.today - dt.timedelta(days=20))
            start = approved + dt.timedelta(days=rng.randrange(0, 60))
            end = start + dt.timedelta(days=rng.randrange(180, 1100))
            status = Project.Status.COMPLETED if end < self.today else Project.Status.ACTIVE
            if rng.random() < 0.01:
                status = Project.Status.VOIDED
            value = money(rng, 800_000, 300_000_000)
            contractor = rng.choice(self.contractors)
            invested = rng.random() < 0.2
            exempt = enterprise_rules.deposit_is_exempt(value, contractor_had_arrears=False)
            required = enterprise_rules.deposit_required_amount(value)
            deposit_paid = not exempt and rng.random() < 0.9
            paid_on = self.calendar.add(approved, rng.randrange(3, 25)) if deposit_paid else None
            checked_on = None
            if deposit_paid:
                checked_on = min(self.today, paid_on + dt.timedelta(days=rng.randrange(30, 400)))
            values = {
                "name": f"柳东新区{rng.choice(PLACES)}片区{rng.choice(BUILDINGS)}"
                f"{rng.choice(('', '一期', '二期', '三期'))}工程（{n + 1:05d}）",
                "kind": rng.choice(kinds),
                "location": f"柳东新区{rng.choice(PLACES)}片区",
                "permit_number": f"450211{approved:%Y%m%d}{n % 10000:04d}01",
                "status": status,
                "void_reason": "重复登记" if status == Project.Status.VOIDED else "",
                "management_invested": invested,
                "responsible_person": person_name(rng) if invested or rng.random() < 0.5 else "",
                "construction_unit_id": rng.choice(self.enterprise_ids),
                "general_contractor_id": contractor,
                "approving_unit": "柳东建设局",
                "approved_on": approved,
                "start_date": start,
                "planned_end_date": end,
                "contract_value": value,
                "worker_count": rng.randrange(20, 800),
                "wage_supervisor": person_name(rng),
                "wage_supervisor_phone": phone(rng),
                "wage_account_number": f"{rng.randrange(10**18):019d}" if rng.random() < 0.9 else "",
                "wage_account_bank": rng.choice(BANKS),
                "labour_filed": rng.random() < 0.85,
                "real_name_management": rng.random() < 0.85,
                "notice_board": rng.random() < 0.9,
                "deposit_amount": required if deposit_paid else None,
                "deposit_form": rng.choice(Project.DepositForm.values) if deposit_paid else "",
                "deposit_paid_on": paid_on,
                "deposit_checked_on": checked_on,
                "created_at": aware(approved, rng),
                "created_by_id": self.office_staff,
            }
            pk = table.next_id
            self.projects_data[pk] = values
            self.project_contractor[pk] = contractor
            table.next_id += 1
            for role in rng.sample(Subcontractor.Role.values, rng.randrange(0, 3)):
                subs.add(
                    project_id=pk, enterprise_id=rng.choice(self.contractors), role=role, scope="劳务作业"
                )
            events.add(
                kind=Event.Kind.PROJECT_CREATED,
                on=approved,
                at=aware(approved, rng),
                project_id=pk,
                summary=values["name"],
                by_id=self.office_staff,
            )
        self.project_ids = list(self.projects_data)

    def project_risks(self) -> None:
        """Store each project's risk as `project_risk_refresh` would, from the facts generated here."""
        table = self.table(Project)
        open_cases: dict[int, int] = {}
        for case in self.case_list:
            if case.project_id and case.status not in Case.FINISHED_STATUSES:
                open_cases[case.project_id] = open_cases.get(case.project_id, 0) + 1
        for pk, values in self.projects_data.items():
            deposit = enterprise_rules.deposit_status(
                contract_value=values["contract_value"],
                contractor_had_arrears=False,
                rate=None,
                approved_on=values["approved_on"],
                amount_paid=values["deposit_amount"],
                paid_on=values["deposit_paid_on"],
                checked_on=values["deposit_checked_on"],
                returned_on=None,
                today=self.today,
            )
            facts = enterprise_rules.RiskFacts(
                active=values["status"] == Project.Status.ACTIVE,
                deposit=deposit,
                has_wage_account=bool(values["wage_account_number"]),
                labour_filed=values["labour_filed"],
                real_name_management=values["real_name_management"],
                notice_board=values["notice_board"],
                open_cases=open_cases.get(pk, 0),
                started=values["start_date"] <= self.today,
            )
            rating = enterprise_rules.project_risk(facts, today=self.today)
            table.add(
                id=pk,
                risk=rating.level,
                risk_rank=rating.rank,
                risk_reasons=[{"level": level, "reason": str(reason)} for level, reason in rating.reasons],
                risk_assessed_at=self.now,
                **values,
            )

    # --- cases ------------------------------------------------------------------------------------------

    def cases(self) -> None:
        rng = self.rng
        n_cases = scaled("cases", self.scale)
        mean_workers = BASE["claims"] / BASE["cases"]
        span = (self.today - self.first_day).days
        received = sorted(self.first_day + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(n_cases))
        per_year: dict[int, int] = {}
        existing = set(Case.objects.values_list("number", flat=True))
        self.case_list: list[_Case] = []
        # Some enterprises are repeat offenders: a skewed choice of employer.
        weights = [rng.paretovariate(1.2) for _ in self.enterprise_ids]
        employers = rng.choices(self.enterprise_ids, weights, k=n_cases)
        limits = {
            "filing": settings.LIUDONG["CASE_FILING_DECISION_WORKING_DAYS"],
            "investigation": settings.LIUDONG["CASE_INVESTIGATION_WORKING_DAYS"],
            "extension": settings.LIUDONG["CASE_EXTENSION_WORKING_DAYS"],
        }
        # `cases.deadlines` with this run's calendar: the same arithmetic, without a loop over dates.
        original = workdays.add_working_days
        workdays.add_working_days = lambda day, count: (
            self.calendar.add(day, count) if count > 0 else original(day, count)
        )
        try:
            self._cases(n_cases, received, per_year, existing, employers, limits, mean_workers)
        finally:
            workdays.add_working_days = original

    def _cases(self, n_cases, received, per_year, existing, employers, limits, mean_workers) -> None:
        rng = self.rng
        cases, claims, events = self.table(Case), self.table(WorkerClaim), self.table(CaseEvent)
        S, K = Case.Status, CaseEvent.Kind
        for index in range(n_cases):
            received_on = received[index]
            year = received_on.year
            per_year[year] = per_year.get(year, 0) + 1
            number = f"LD{year}-{per_year[year]:04d}"
            while number in existing:
                per_year[year] += 1
                number = f"LD{year}-{per_year[year]:04d}"
            pk = cases.next_id
            handler = rng.choice(self.handlers)
            enterprise_id = employers[index] if rng.random() < 0.95 else None
            project_id = None
            if enterprise_id is None or rng.random() < 0.35:
                project_id = rng.choice(self.project_ids)
                enterprise_id = self.project_contractor[project_id]
            industry = self.enterprise_industry[enterprise_id]
            # Events, in legal order, with the dates the deadlines are computed from.
            source = rng.choices(Case.Source.values, [60, 12, 10, 5, 3, 7, 3])[0]
            log: list[tuple[str, dt.date, str, dict]] = [(K.RECEIVED, received_on, "", {"source": source})]
            age = (self.today - received_on).days
            status, closed_on, closure, void_reason, not_filed_reason = S.RECEIVED, None, "", "", ""
            order_number, pay_by = "", None
            decided_on = min(
                self.calendar.add(received_on, rng.randrange(1, limits["filing"] + 2)), self.today
            )
            draw = rng.random()
            if age < 7 and decided_on >= self.today - dt.timedelta(days=1):
                pass  # still waiting for the filing decision
            elif draw < 0.07:
                status, not_filed_reason = (
                    S.NOT_FILED,
                    "经核查不属于劳动保障监察管辖范围，已告知投诉人申请劳动仲裁。",
                )
                log.append((K.NOT_FILED, decided_on, not_filed_reason, {}))
            else:
                log.append((K.FILED, decided_on, "", {}))
                status = S.FILED
                started = min(self.calendar.add(decided_on, rng.randrange(1, 4)), self.today)
                if started < self.today or rng.random() < 0.5:
                    log.append((K.INVESTIGATION_STARTED, started, "", {}))
                    status = S.INVESTIGATING
                extended = rng.random() < 0.12
                due = self.calendar.add(decided_on, limits["investigation"])
                if extended and started < due and self.today > started:
                    approved = self.day_between(started, min(due, self.today))
                    log.append(
                        (
                            K.EXTENDED,
                            approved,
                            "案情复杂，需进一步调查取证。",
                            {
                                "approved_by": "人社局分管领导",
                                "approval_reference": f"柳东人社延〔{year}〕号",
                            },
                        )
                    )
                    due = self.calendar.add(decided_on, limits["investigation"] + limits["extension"])
                # Most cases close within the time limit, a few late; old cases are closed but for a few.
                close_by = self.calendar.add(decided_on, rng.randrange(8, limits["investigation"] + 8))
                stays_open = rng.random() < (0.015 if due < self.today else 0.0)
                if status == S.INVESTIGATING and rng.random() < 0.5:
                    issued = self.day_between(started, min(close_by, self.today))
                    order_number = f"柳东人社监令〔{issued.year}〕{rng.randrange(1, 999)}号"
                    pay_by = self.calendar.add(issued, 10)
                    log.append(
                        (
                            K.ORDER_ISSUED,
                            issued,
                            "",
                            {"order_number": order_number, "pay_by": pay_by.isoformat()},
                        )
                    )
                    status = S.ORDER_ISSUED
                if close_by < self.today and not stays_open and status != S.FILED:
                    closed_on = close_by
                    closure = rng.choices(Case.Closure.values, [80, 10, 4, 6])[0]
                    log.append((K.CLOSED, closed_on, "", {"closure": closure}))
                    status = S.CLOSED
            if status not in (S.CLOSED, S.NOT_FILED) and age > 30 and rng.random() < 0.01:
                void_reason = "重复登记，与另一案件为同一事项。"
                log.append(
                    (
                        K.VOIDED,
                        min(received_on + dt.timedelta(days=3), self.today),
                        void_reason,
                        {"previous_status": status},
                    )
                )
                status = S.VOIDED
            event_rows = [
                CaseEvent(kind=kind, on=on, at=aware(on, rng), note=note, data=data, pk=i + 1)
                for i, (kind, on, note, data) in enumerate(log)
            ]
            current = deadlines.current(event_rows)
            # Claims: most cases a few workers, some many.
            workers = min(400, max(1, int(rng.expovariate(1 / mean_workers) + 0.5)))
            period_end = received_on - dt.timedelta(days=rng.randrange(0, 60))
            period_start = period_end - dt.timedelta(days=rng.randrange(28, 330))
            settled = status == S.CLOSED and closure == Case.Closure.PAID
            amounts, paid = [], []
            claim_ids, names = [], []
            seen_ids: set[str] = set()
            for _w in range(workers):
                owed = money(rng, 1500, 28000)
                got = owed if settled else (Decimal(0) if rng.random() < 0.7 else (owed / 2).quantize(CENT))
                name = person_name(rng)
                number_id = id_number(rng) if rng.random() < 0.9 else ""
                if number_id in seen_ids:
                    number_id = ""
                seen_ids.add(number_id)
                claim_id = claims.add(
                    case_id=pk,
                    name=name,
                    id_number=number_id,
                    phone=phone(rng) if rng.random() < 0.8 else "",
                    amount_owed=owed,
                    amount_paid=got,
                    created_at=aware(received_on, rng),
                    created_by_id=handler,
                )
                amounts.append(owed)
                paid.append(got)
                claim_ids.append(claim_id)
                names.append(name)
            total_owed, total_paid = sum(amounts, Decimal(0)), sum(paid, Decimal(0))
            outstanding = [a - p for a, p in zip(amounts, paid, strict=True)]
            threshold = case_rules.police_threshold_reached(
                outstanding=outstanding, period_start=period_start, period_end=period_end
            )
            for i, (kind, on, note, data) in enumerate(log):
                events.add(
                    case_id=pk, kind=kind, on=on, at=event_rows[i].at, note=note, data=data, by_id=handler
                )
            cases.add(
                id=pk,
                number=number,
                source=source,
                status=status,
                enterprise_id=enterprise_id,
                project_id=project_id,
                industry=industry,
                summary=f"{workers} 名劳动者反映{self.enterprise_names[enterprise_id]}拖欠"
                f"{period_start:%Y年%m月}至{period_end:%Y年%m月}工资共计 {total_owed} 元。",
                period_start=period_start,
                period_end=period_end,
                received_on=received_on,
                handler_id=handler,
                complainant_name=names[0],
                complainant_phone=phone(rng),
                worker_count=workers,
                total_owed=total_owed,
                total_paid=total_paid,
                police_threshold_reached=threshold,
                mass_incident_risk=workers >= 30 and rng.random() < 0.5,
                is_major=workers >= 50 and rng.random() < 0.3,
                deadline=current.due if current else None,
                deadline_kind=current.kind if current else "",
                not_filed_reason=not_filed_reason,
                closure=closure,
                closed_on=closed_on,
                void_reason=void_reason,
                order_number=order_number,
                order_pay_by=pay_by,
                created_at=aware(received_on, rng),
                created_by_id=handler,
            )
            self.case_list.append(
                _Case(
                    pk,
                    status,
                    received_on,
                    closed_on,
                    enterprise_id,
                    project_id,
                    workers,
                    total_owed,
                    claim_ids,
                    amounts,
                    names,
                )
            )

    # --- interviews -------------------------------------------------------------------------------------

    def interviews(self) -> None:
        rng = self.rng
        table = self.table(Interview)
        count = 0
        for case in self.case_list:
            if case.enterprise_id is None or case.status in (Case.Status.NOT_FILED, Case.Status.VOIDED):
                continue
            if table.count and rng.random() > 0.06:  # one at least, then 6 % of cases
                continue
            count += 1
            notice = self.calendar.add(case.received_on, rng.randrange(5, 20))
            if notice > self.today:
                continue
            scheduled = self.calendar.add(notice, 3)
            values: dict[str, Any] = {
                "enterprise_id": case.enterprise_id,
                "case_id": case.id,
                "notice_number": f"柳东治欠约〔{notice.year}〕{count}号",
                "notice_date": notice,
                "legal_rep_name": person_name(rng),
                "scheduled_at": aware(scheduled, rng),
                "place": "柳东新区人社局三楼会议室",
                "matters": "拖欠农民工工资问题",
                "materials": "劳动合同、考勤记录、工资支付台账",
                "main_interviewer_id": rng.choice(self.handlers),
                "created_at": aware(notice, rng),
                "created_by_id": self.office_staff,
            }
            if scheduled < self.today:
                due = self.calendar.add(scheduled, 10)
                values |= {
                    "status": Interview.Status.HELD,
                    "held_at": values["scheduled_at"],
                    "attendees": values["legal_rep_name"],
                    "record_case_statement": "通报劳动者投诉情况。",
                    "record_answers": "承认拖欠，资金周转困难。",
                    "record_violations": "未按时足额支付劳动报酬。",
                    "record_rectification": "限期支付所欠工资并书面报告。",
                    "rectification_due": due,
                }
                if due < self.today - dt.timedelta(days=30):
                    if rng.random() < 0.93:
                        received = self.calendar.add(scheduled, rng.randrange(3, 12))
                        values |= {
                            "status": Interview.Status.RECTIFIED,
                            "report_received_on": received,
                            "report_summary": "已支付所欠工资。",
                        }
                    else:
                        values |= {
                            "status": Interview.Status.PENALISED,
                            "penalty_decision_number": f"柳东人社罚〔{due.year}〕{count}号",
                            "penalty_decided_on": self.calendar.add(due, 10),
                            "penalty_content": "罚款",
                        }
            table.add(**values)

    # --- the fund ---------------------------------------------------------------------------------------

    def fund(self) -> None:
        """Applications, payments, recoveries and write-offs, then the ledger in date order, topped up by
        appropriations so that the balance never goes below zero on any day."""
        rng = self.rng
        apps, lines, payments_t = (
            self.table(AdvanceApplication),
            self.table(AdvanceLine),
            self.table(AdvancePayment),
        )
        events = self.table(AdvanceEvent)
        target = scaled("ledger", self.scale)
        eligible = [
            c
            for c in self.case_list
            if c.status in (Case.Status.CLOSED, Case.Status.ORDER_ISSUED) and c.worker_count >= 3
        ]
        n_apps = min(len(eligible), max(1, target * 3 // 20))  # about 6.6 ledger entries each
        chosen = sorted(rng.sample(eligible, n_apps), key=lambda c: c.received_on)
        movements: list[tuple[dt.date, int, dict[str, Any]]] = []  # (date, order, ledger values)
        per_year: dict[int, int] = {}
        taken = set(AdvanceApplication.objects.values_list("number", flat=True))
        S, E = AdvanceApplication.Status, AdvanceEvent.Kind
        for seq, case in enumerate(chosen):
            created = self.calendar.add(case.received_on, rng.randrange(3, 15))
            if created > self.today:
                continue
            number = ""
            while not number or number in taken:
                per_year[created.year] = per_year.get(created.year, 0) + 1
                number = f"YJ{created.year}-{per_year[created.year]:04d}"
            pk = apps.next_id
            picked = rng.sample(range(case.worker_count), min(case.worker_count, rng.randrange(3, 12)))
            line_amounts = []
            for i in picked:
                amount = (case.claim_amounts[i] * Decimal("0.5")).quantize(CENT)
                line_amounts.append(amount)
                lines.add(
                    application_id=pk,
                    claim_id=case.claim_ids[i],
                    worker_name=case.claim_names[i],
                    purpose=AdvanceLine.Purpose.WAGES,
                    amount=amount,
                )
            requested = sum(line_amounts, Decimal(0))
            submitted = created
            decided = min(self.calendar.add(submitted, rng.randrange(1, 6)), self.today)
            values: dict[str, Any] = {
                "number": number,
                "case_id": case.id,
                "ground": AdvanceApplication.Ground.ARREARS_OR_FLIGHT,
                "ground_detail": "企业拖欠工资，劳动者生活困难，可能引发群体性事件。",
                "employer_absconded": rng.random() < 0.2,
                "total_requested": requested,
                "submitted_at": aware(submitted, rng),
                "submitted_by_id": self.office_staff,
                "created_at": aware(created, rng),
                "created_by_id": self.office_staff,
            }
            at = values["created_at"]
            events.add(application_id=pk, kind=E.CREATED, at=at, by_id=self.office_staff)
            events.add(
                application_id=pk, kind=E.SUBMITTED, at=values["submitted_at"], by_id=self.office_staff
            )
            recent = (self.today - created).days < 20
            if recent and rng.random() < 0.5:
                values["status"] = S.SUBMITTED
                apps.add(id=pk, **values)
                continue
            if rng.random() < 0.05:
                values |= {
                    "status": S.REJECTED,
                    "decided_at": aware(decided, rng),
                    "decided_by_id": self.approver,
                    "decision_reason": "不符合垫付情形。",
                    "finished_on": decided,
                }
                events.add(application_id=pk, kind=E.REJECTED, at=values["decided_at"], by_id=self.approver)
                apps.add(id=pk, **values)
                continue
            approved = requested
            values |= {
                "approved_amount": approved,
                "decided_at": aware(decided, rng),
                "decided_by_id": self.approver,
            }
            events.add(
                application_id=pk,
                kind=E.APPROVED,
                at=values["decided_at"],
                by_id=self.approver,
                amount=approved,
            )
            # Payments: one to three instalments adding up to the approved amount.
            parts = rng.randrange(1, 4)
            pay_amounts = [(approved / parts).quantize(CENT)] * (parts - 1)
            pay_amounts.append(approved - sum(pay_amounts, Decimal(0)))
            day = decided
            paid = Decimal(0)
            for amount in pay_amounts:
                day = self.calendar.add(day, rng.randrange(1, 5))
                if day > self.today:
                    break
                payment = payments_t.add(
                    application_id=pk,
                    amount=amount,
                    paid_on=day,
                    document_ref=f"柳东财支〔{day.year}〕{rng.randrange(1, 9999)}号",
                    created_at=aware(day, rng),
                    created_by_id=self.treasurer,
                )
                movements.append(
                    (
                        day,
                        1,
                        {
                            "kind": LedgerEntry.Kind.ADVANCE_PAYMENT,
                            "amount": amount,
                            "application_id": pk,
                            "payment_id": payment,
                            "document_ref": f"支付凭证 {payment}",
                            "note": f"{number} 垫付",
                            "recorded_by_id": self.treasurer,
                        },
                    )
                )
                events.add(
                    application_id=pk, kind=E.PAID, at=aware(day, rng), by_id=self.treasurer, amount=amount
                )
                paid += amount
            values["paid_amount"] = paid
            if paid == 0:
                values["status"] = S.APPROVED
                apps.add(id=pk, **values)
                continue
            values["status"] = S.PAID if paid == approved else S.APPROVED
            # Recovery: ordered after the payment, repaid in instalments, sometimes written off after a year.
            ordered = self.calendar.add(day, rng.randrange(5, 30))
            recovered = written_off = Decimal(0)
            if ordered <= self.today and paid == approved:
                values |= {
                    "status": S.RECOVERY_ORDERED,
                    "recovery_order_number": f"柳东人社偿〔{ordered.year}〕{seq}号",
                    "recovery_ordered_on": ordered,
                    "recovery_due_on": self.calendar.add(ordered, 30),
                }
                events.add(
                    application_id=pk,
                    kind=E.RECOVERY_ORDERED,
                    at=aware(ordered, rng),
                    by_id=self.office_staff,
                )
                instalments = rng.randrange(2, 10)
                share = (paid / instalments).quantize(CENT)
                rday = ordered
                full = rng.random() < 0.8
                for k in range(instalments if full else rng.randrange(1, instalments)):
                    rday = self.calendar.add(rday, rng.randrange(10, 60))
                    if rday > self.today:
                        break
                    amount = share if k < instalments - 1 else paid - recovered
                    movements.append(
                        (
                            rday,
                            2,
                            {
                                "kind": LedgerEntry.Kind.RECOVERY,
                                "amount": amount,
                                "application_id": pk,
                                "document_ref": f"缴款书 {pk}-{k + 1}",
                                "note": f"{number} 追回",
                                "recorded_by_id": self.treasurer,
                            },
                        )
                    )
                    events.add(
                        application_id=pk,
                        kind=E.RECOVERED,
                        at=aware(rday, rng),
                        by_id=self.treasurer,
                        amount=amount,
                    )
                    recovered += amount
                if recovered == paid:
                    values |= {"status": S.CLOSED, "finished_on": rday}
                    events.add(application_id=pk, kind=E.CLOSED, at=aware(rday, rng), by_id=self.office_staff)
                elif (
                    case.closed_on
                    and (woff := case.closed_on + dt.timedelta(days=400)) <= self.today
                    and (woff > rday and rng.random() < 0.5)
                ):
                    written_off = paid - recovered
                    movements.append(
                        (
                            woff,
                            3,
                            {
                                "kind": LedgerEntry.Kind.WRITE_OFF,
                                "amount": written_off,
                                "application_id": pk,
                                "document_ref": f"柳东管核〔{woff.year}〕号",
                                "note": f"{number} 核销",
                                "recorded_by_id": self.approver,
                            },
                        )
                    )
                    events.add(
                        application_id=pk,
                        kind=E.WRITTEN_OFF,
                        at=aware(woff, rng),
                        by_id=self.approver,
                        amount=written_off,
                    )
                    values |= {"status": S.WRITTEN_OFF, "finished_on": woff}
            values |= {"recovered_amount": recovered, "written_off_amount": written_off}
            apps.add(id=pk, **values)
        self._ledger(movements, target)

    def _ledger(self, movements: list[tuple[dt.date, int, dict[str, Any]]], target: int) -> None:
        rng = self.rng
        ledger = self.table(LedgerEntry)
        # Yearly appropriations, plus top-ups when a payment would overdraw the fund.
        for year in range(self.first_day.year, self.today.year + 1):
            day = max(dt.date(year, 1, 15), self.first_day)
            if day <= self.today:
                movements.append(
                    (
                        day,
                        0,
                        {
                            "kind": LedgerEntry.Kind.APPROPRIATION,
                            "amount": Decimal(2_000_000 * max(1, round(self.scale))),
                            "document_ref": f"柳东财预〔{year}〕1号",
                            "note": "年度预算拨入",
                            "recorded_by_id": self.treasurer,
                        },
                    )
                )
        movements.sort(key=lambda m: (m[0], m[1]))
        balance = Decimal(0)
        effects = {
            LedgerEntry.Kind.APPROPRIATION: (1, 0),
            LedgerEntry.Kind.ADVANCE_PAYMENT: (-1, 1),
            LedgerEntry.Kind.RECOVERY: (1, -1),
            LedgerEntry.Kind.WRITE_OFF: (0, -1),
        }
        # About one recovery in a hundred is entered wrongly and reversed: corrections as they look.
        reversals_left = len(movements) // 100
        for day, _order, values in movements:
            cash, advances = effects[values["kind"]]
            amount = values["amount"]
            if balance + cash * amount < 0:
                top_up = (amount * 3).quantize(Decimal(1))
                ledger.add(
                    kind=LedgerEntry.Kind.APPROPRIATION,
                    entry_date=day,
                    amount=top_up,
                    cash_effect=top_up,
                    advances_effect=Decimal(0),
                    document_ref=f"柳东财追〔{day.year}〕号",
                    note="追加拨入",
                    recorded_by_id=self.treasurer,
                    recorded_at=aware(day, rng),
                )
                balance += top_up
            entry = ledger.add(
                entry_date=day,
                cash_effect=cash * amount,
                advances_effect=advances * amount,
                recorded_at=aware(day, rng),
                **values,
            )
            balance += cash * amount
            # A mistaken recovery entry reversed the same day and entered again: how corrections look.
            mistaken = values["kind"] == LedgerEntry.Kind.RECOVERY and reversals_left and rng.random() < 0.02
            if mistaken and balance - amount >= 0:
                ledger.add(
                    kind=LedgerEntry.Kind.REVERSAL,
                    entry_date=day,
                    amount=amount,
                    cash_effect=-amount,
                    advances_effect=amount,
                    reverses_id=entry,
                    document_ref=values["document_ref"],
                    note="金额录入错误，冲销",
                    recorded_by_id=self.treasurer,
                    recorded_at=aware(day, rng),
                )
                ledger.add(
                    entry_date=day,
                    cash_effect=amount,
                    advances_effect=-amount,
                    recorded_at=aware(day, rng),
                    **values,
                )
                reversals_left -= 1
            assert balance >= 0

    # --- reports ----------------------------------------------------------------------------------------

    def reports(self) -> None:
        rng = self.rng
        reports, events = self.table(Report), self.table(ReportEvent)
        taken = set(Report.objects.values_list("unit__code", "report_type", "period"))
        for definition in definitions.periodic():
            unit = self.units.get(definition.unit_code)
            if unit is None:
                continue
            liaison = self.liaisons.get(f"lly_{definition.unit_code}", self.office_staff)
            months = 3 if definition.cadence == definitions.Cadence.QUARTERLY else 1
            period = definition.period_start(self.first_day)
            body = None
            while True:
                period = add_months(period, months)
                if definition.deadline(period) >= self.today + dt.timedelta(days=20):
                    break
                if (unit.code, definition.code, period) in taken:
                    continue
                deadline = definition.deadline(period)
                roll = rng.random()
                if roll < 0.03 or (deadline >= self.today and roll < 0.5):
                    continue  # missing (or not yet due)
                late = roll < 0.12
                submitted = (
                    deadline + dt.timedelta(days=rng.randrange(1, 15))
                    if late
                    else (deadline - dt.timedelta(days=rng.randrange(0, 9)))
                )
                if submitted > self.today:
                    continue
                body = body if body is not None and rng.random() < 0.8 else sample_body(definition, period)
                submitted_at = aware(submitted, rng)
                values = {
                    "unit_id": unit.pk,
                    "report_type": definition.code,
                    "period": period,
                    "body": body,
                    "status": Report.Status.SUBMITTED,
                    "submitted_at": submitted_at,
                    "first_submitted_at": submitted_at,
                    "created_at": submitted_at,
                    "created_by_id": liaison,
                }
                pk = reports.next_id
                events.add(report_id=pk, kind=ReportEvent.Kind.CREATED, at=submitted_at, by_id=liaison)
                events.add(report_id=pk, kind=ReportEvent.Kind.SUBMITTED, at=submitted_at, by_id=liaison)
                reviewed = submitted + dt.timedelta(days=rng.randrange(1, 5))
                if reviewed < self.today:
                    reviewed_at = aware(reviewed, rng)
                    values |= {
                        "status": Report.Status.ACCEPTED,
                        "reviewed_at": reviewed_at,
                        "reviewed_by_id": self.office_staff,
                    }
                    events.add(
                        report_id=pk, kind=ReportEvent.Kind.ACCEPTED, at=reviewed_at, by_id=self.office_staff
                    )
                reports.add(id=pk, **values)
