"""Demo data of wage-payment monitoring (DESIGN.md section 11) for a first run (`manage.py seed_demo`, after
the registry's demo in demo.py): four construction projects with rosters of tens of workers, a year of
monthly wage sheets and labour-cost transfers, and gaps chosen so that every kind of warning appears when
the daily check runs at the end:

- 官塘安置房: everything on time (no warning; its strip is all paid);
- 东延线: the latest due sheet and transfer missing, and the month before paid late (yellow or red);
- 标准厂房: some workers underpaid two months running (red, with amounts) and a worker left off the sheet;
- 学校: started last month, the special account not opened and the deposit not lodged in time.

Every date is relative to timezone.localdate(), nothing is random, and running it twice adds nothing (each
project, worker, sheet and transfer is looked up before it is made; the check is idempotent)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric

from liudong_wages.models import User

from . import rules, services
from .demo import credit_code
from .models import (
    Enterprise,
    LabourCostTransfer,
    Payroll,
    PayrollLine,
    Project,
    ProjectWorker,
    SiteInspection,
)

SURNAMES = "覃韦黄蓝莫梁陆廖潘罗唐谢李陈刘周吴杨卢邓"
GIVEN = [
    "建华",
    "志强",
    "海军",
    "立新",
    "德明",
    "晓东",
    "文涛",
    "国庆",
    "光辉",
    "秀英",
    "美玲",
    "永福",
    "小平",
    "春梅",
]
TEAMS = [
    ("木工班", "木工"),
    ("钢筋班", "钢筋工"),
    ("泥水班", "泥瓦工"),
    ("架子班", "架子工"),
    ("水电班", "水电工"),
]
BANKS = ["中国农业银行柳州分行", "柳州银行柳东支行", "中国建设银行柳州分行"]

# name, kind, owner index, contractor index, subcontractor indexes, value, months running, workers, scenario
PROJECTS = [
    ("柳东新区官塘安置房二期工程", "building", 6, 0, [1, 16], "98000000", 14, 45, "good"),
    ("柳东大道东延线市政道路工程", "municipal", 6, 3, [17], "64000000", 13, 32, "late"),
    ("雒容工业园标准厂房三期工程", "building", 5, 14, [18, 1], "52000000", 10, 38, "underpaid"),
    ("花岭片区九年一贯制学校建设工程", "building", 6, 0, [16], "73000000", 1, 24, "new"),
]
PAY = {"木工": "7200", "钢筋工": "7600", "泥瓦工": "6800", "架子工": "7000", "水电工": "7400"}


def _id_number(project_index: int, n: int) -> str:
    # Born 1968–1997: adults of working age on a site.
    birth = dt.date(1968, 1, 1) + dt.timedelta(days=(397 * n + 53 * project_index) % (30 * 365))
    body = f"450221{birth:%Y%m%d}{(project_index * 100 + n) % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def _enterprise(index: int) -> Enterprise | None:
    return Enterprise.objects.filter(credit_code=credit_code(index)).first()


def _project(index: int, spec, by: User | None, today: dt.date) -> Project | None:
    name, kind, owner, contractor, subs, value, months, _workers, scenario = spec
    project = Project.objects.filter(name=name).first()
    if project is not None:
        return project
    owner_e, contractor_e = _enterprise(owner), _enterprise(contractor)
    if owner_e is None or contractor_e is None:
        return None
    start = rules.add_months(rules.month_start(today), -months) + dt.timedelta(days=9)
    signed = start - dt.timedelta(days=20)
    fields = dict(
        name=name,
        kind=kind,
        location="柳州市柳东新区",
        permit_number=f"450200{start:%Y%m}{index:02d}0101",
        construction_unit=owner_e,
        general_contractor=contractor_e,
        approving_unit="柳东新区规划建设管理局",
        approved_on=signed,
        start_date=start,
        planned_end_date=rules.add_months(start, 24),
        contract_value=Decimal(value),
        worker_count=spec[7],
        wage_supervisor=["蓝海燕", "覃志明", "黄丽娟", "莫建新"][index],
        wage_supervisor_phone=f"1397720{index:04d}",
        labour_filed=True,
        real_name_management=True,
        notice_board=scenario != "new",
        contract_signed_on=signed,
        payday=[15, 15, 10, 15][index],
    )
    if scenario != "new":
        fields.update(
            wage_account_number=f"62284805{index:02d}0000{index + 7}",
            wage_account_bank=BANKS[index % len(BANKS)],
            wage_account_opened_on=signed + dt.timedelta(days=12),
            deposit_amount=(Decimal(value) * Decimal("0.02")).quantize(Decimal("0.01")),
            deposit_form="guarantee",
            deposit_paid_on=signed + dt.timedelta(days=15),
            deposit_checked_on=signed + dt.timedelta(days=15),
        )
    subcontractors = [
        {"enterprise": e, "role": "labour", "scope": "劳务分包"}
        for e in map(_enterprise, subs)
        if e is not None
    ]
    return services.project_create(by=by, subcontractors=subcontractors, **fields)


def _roster(index: int, project: Project, count: int, today: dt.date) -> list[ProjectWorker]:
    if project.workers.exists():
        return list(project.workers.order_by("pk"))
    employers = [project.general_contractor, *[s.enterprise for s in project.subcontractors.all()]]
    workers = []
    for n in range(count):
        team, trade = TEAMS[n % len(TEAMS)]
        started = project.start_date + dt.timedelta(days=7 * (n % 5))
        # A few workers left along the way (never after today).
        left = None
        if n % 11 == 10:
            left = min(started + dt.timedelta(days=120 + 9 * n), today - dt.timedelta(days=3))
            left = left if left >= started else None
        workers.append(
            ProjectWorker(
                project=project,
                name=SURNAMES[(n + index) % len(SURNAMES)] + GIVEN[(n * 3 + index) % len(GIVEN)],
                id_number=_id_number(index, n),
                phone=f"1387721{index}{n:03d}",
                bank_card=f"62284805{index:02d}{n:09d}",
                bank_name=BANKS[n % len(BANKS)],
                employer=employers[n % len(employers)],
                team=team,
                trade=trade,
                contract_signed=n % 9 != 8,
                contract_signed_on=started if n % 9 != 8 else None,
                started_on=started,
                left_on=left,
            )
        )
    ProjectWorker.objects.bulk_create(workers)
    ProjectWorker.history.bulk_history_create(workers)
    return workers


def _due_months(project: Project, today: dt.date) -> list[dt.date]:
    """The months of the project whose wages are due by today (their warning day has come), oldest first."""
    months = []
    month = rules.month_start(project.start_date)
    while month < rules.month_start(today):
        if today >= rules.warning_from(rules.payday_of(month, project.payday)):
            months.append(month)
        month = rules.next_month(month)
    return months[-12:]


def _sheets(project: Project, workers: list[ProjectWorker], scenario: str, today: dt.date) -> int:
    months = _due_months(project, today)
    if not months:
        return 0
    existing = set(Payroll.objects.filter(project=project).values_list("month", flat=True))
    latest, before = months[-1], (months[-2] if len(months) > 1 else None)
    made = 0
    for month in months:
        if month in existing or (scenario == "late" and month == latest):
            continue
        payday = rules.payday_of(month, project.payday)
        # Submitted three days before payday; the late project's month before last came in a week late.
        submitted = payday + dt.timedelta(days=7 if scenario == "late" and month == before else -3)
        at = timezone.make_aware(dt.datetime.combine(min(submitted, today), dt.time(10, 0)))
        old = month < rules.add_months(latest, -1)
        payroll = Payroll.objects.create(
            project=project,
            month=month,
            status=Payroll.Status.PAID if old else Payroll.Status.SUBMITTED,
            source=Payroll.Source.BANK if month.month % 3 == 0 else Payroll.Source.TEMPLATE,
            submitted_at=at,
            checked_at=at + dt.timedelta(days=1) if old else None,
            paid_on=payday if old else None,
        )
        lines = []
        for n, worker in enumerate(workers):
            if worker.started_on and worker.started_on >= rules.next_month(month):
                continue
            if worker.left_on and worker.left_on < month:
                continue
            if scenario == "underpaid" and month == latest and n == 5:
                continue  # on the roster, left off the sheet
            payable = Decimal(PAY[worker.trade]) - Decimal(40 * (n % 4))
            paid = payable
            if scenario == "underpaid" and month in (latest, before) and n % 6 == 1:
                paid = (payable * Decimal("0.4")).quantize(Decimal("0.01"))
            lines.append(
                PayrollLine(
                    payroll=payroll,
                    worker=worker,
                    days_worked=Decimal(22 + n % 4),
                    payable=payable,
                    paid=paid,
                    paid_on=payday,
                    bank_reference=f"DF{project.pk:04d}{month:%Y%m}{n:04d}",
                )
            )
        PayrollLine.objects.bulk_create(lines)
        payroll.worker_count = len(lines)
        payroll.total_payable = sum((line.payable for line in lines), Decimal("0.00"))
        payroll.total_paid = sum((line.paid for line in lines), Decimal("0.00"))
        payroll.unpaid_workers = sum(1 for line in lines if line.paid < line.payable)
        payroll.save(update_fields=["worker_count", "total_payable", "total_paid", "unpaid_workers"])
        made += 1
    return made


def _transfers(project: Project, scenario: str, today: dt.date) -> int:
    months = _due_months(project, today)
    made = 0
    for month in months:
        if scenario == "late" and month == months[-1]:
            continue
        reference = f"RG{project.pk:04d}{month:%Y%m}"
        if LabourCostTransfer.objects.filter(project=project, bank_reference=reference).exists():
            continue
        LabourCostTransfer.objects.create(
            project=project,
            period=month,
            transferred_on=min(month + dt.timedelta(days=24), today),
            amount=Decimal("260000.00") + Decimal(10000 * (month.month % 4)),
            bank_reference=reference,
            payer=project.construction_unit.name,
            source=LabourCostTransfer.Source.STATEMENT,
        )
        made += 1
    return made


@transaction.atomic
def seed_demo(stdout) -> None:
    today = timezone.localdate()
    by = User.objects.filter(username="jiancha1").first()
    projects = sheets = 0
    for index, spec in enumerate(PROJECTS):
        project = _project(index, spec, by, today)
        if project is None:
            continue
        projects += 1
        workers = _roster(index, project, spec[7], today)
        sheets += _sheets(project, workers, spec[8], today)
        _transfers(project, spec[8], today)
    inspections = _inspections(by, today) if by is not None else 0
    summary = services.wage_payments_check(today=today)
    for project in Project.objects.filter(name__in=[spec[0] for spec in PROJECTS]):
        services.project_risk_refresh(project=project, today=today)
    stdout.write(
        f"enterprises: 工资支付监控 {projects} 个项目，新增工资表 {sheets} 张，预警新增 {summary.raised} 条，"
        f"巡视 {inspections} 次"
    )


# Site visits over the year: every three weeks a project under way, every other visit finding a problem (the
# finding rectified within a month, except the latest ones).
FINDINGS = [
    ("check_notice_board", "维权信息告示牌未更新劳资专管员电话。"),
    ("check_real_name", "部分工人未录入实名制考勤系统。"),
    ("check_wage_payment", "班组工资由包工头代领，未直接发放到工人本人账户。"),
    ("check_filing", "新进场劳务班组未办理用工备案。"),
]


def _inspections(by: User, today: dt.date) -> int:
    if SiteInspection.objects.filter(inspected_on__lt=today).exists():
        return 0
    projects = list(
        Project.objects.exclude(status=Project.Status.VOIDED).select_related("general_contractor")
    )
    made = 0
    for n, days in enumerate(range(350, 0, -21)):
        day = today - dt.timedelta(days=days)
        running = [p for p in projects if p.start_date and p.start_date <= day]
        if not running:
            continue
        project = running[n % len(running)]
        checks = {name: SiteInspection.Check.OK for name, _label in SiteInspection.CHECKLIST}
        findings, due = "", None
        if n % 2 == 0:
            name, findings = FINDINGS[(n // 2) % len(FINDINGS)]
            checks[name] = SiteInspection.Check.PROBLEM
            due = day + dt.timedelta(days=15)
        inspection = services.inspection_create(
            by=by,
            project=project,
            inspected_on=day,
            inspectors=[by],
            checks=checks,
            findings=findings,
            follow_up_due=due,
        )
        made += 1
        if due is not None and due + dt.timedelta(days=10) < today:
            services.inspection_resolve(
                inspection=inspection,
                by=by,
                resolved_on=due - dt.timedelta(days=3),
                resolution="已按要求整改到位。",
            )
    return made
