"""A demo year (issue 19): twelve months of cases before the day seed_demo runs, in every industry and every
state, with their workers' claims, payments and closures, so that the dashboard's charts and the bulletin's
tables show a meaningful picture. Deterministic (a fixed seed) and safe to run twice: nothing is added once
the year's cases exist. Everything goes through the services, so the event log and the deadlines stay true."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from enterprises import services as enterprise_services
from enterprises.models import DishonestListing, Enterprise
from liudong_wages import workdays
from liudong_wages.models import User

from . import services
from .models import Case, Clue
from .services import ClaimData
from .services.clues import clue_answer_due

MARK = "【演示年】"
SEED = 19
SURNAMES = "覃韦蓝莫黄梁陆廖罗潘石卢"
GIVEN = [
    "大力",
    "建新",
    "春生",
    "国华",
    "志强",
    "永福",
    "金山",
    "海波",
    "小军",
    "德明",
    "光辉",
    "明亮",
    "秀英",
    "桂兰",
]
STORIES = {
    Enterprise.Industry.CONSTRUCTION: "钢筋班组 {n} 人反映 {months} 工资未发，总包称工程款未到位。",
    Enterprise.Industry.MUNICIPAL: "道路改造项目 {n} 名工人反映 {months} 工资被拖欠。",
    Enterprise.Industry.TRANSPORT: "运输公司 {n} 名司机反映 {months} 工资未结清。",
    Enterprise.Industry.WATER: "水利工程 {n} 名工人反映 {months} 工资未发。",
    Enterprise.Industry.MANUFACTURING: "零部件厂 {n} 名工人反映停产后 {months} 工资未发。",
    Enterprise.Industry.CATERING: "餐饮店 {n} 名服务员反映 {months} 工资被拖欠。",
    Enterprise.Industry.OTHER: "物业公司 {n} 名保洁员反映 {months} 工资未发。",
}
# What becomes of a case received so many days ago (the older, the more likely it is finished).
OUTCOMES = [
    "received",
    "filed",
    "investigating",
    "order",
    "agreement",
    "paid",
    "paid",
    "not_established",
    "court",
]


def _month_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _unpaid_months(received_on: dt.date, rng: random.Random) -> tuple[dt.date, dt.date]:
    end = received_on.replace(day=1) - dt.timedelta(days=1)
    return _month_back(end, rng.randint(1, 3)), end


def _later(day: dt.date, working_days: int, today: dt.date) -> dt.date:
    return min(workdays.add_working_days(day, working_days), today)


def seed_year(stdout) -> int:
    """Creates about four cases a month for the twelve months before today. Returns how many."""
    if Case.objects.filter(summary__startswith=MARK).exists():
        return 0
    inspectors = list(User.objects.filter(username__in=["jiancha1", "jiancha2"]).order_by("username"))
    if not inspectors:
        return 0
    rng = random.Random(SEED)
    today = timezone.localdate()
    enterprises = {industry: list(Enterprise.objects.filter(industry=industry)) for industry in STORIES}
    industries = list(STORIES)
    created = 0
    for months_ago in range(11, -1, -1):
        first = _month_back(today, months_ago)
        last_day = min(_month_back(today, months_ago - 1) - dt.timedelta(days=1), today)
        for index in range(rng.randint(3, 5)):
            received_on = first + dt.timedelta(days=rng.randint(0, max(0, (last_day - first).days)))
            industry = industries[(created + index) % len(industries)]
            inspector = inspectors[created % len(inspectors)]
            count = rng.randint(2, 9)
            amount = Decimal(rng.randrange(2400, 9800, 100))
            start, end = _unpaid_months(received_on, rng)
            months = f"{start.month} 至 {end.month} 月"
            respondent = (
                {"enterprise": rng.choice(enterprises[industry])}
                if enterprises[industry]
                else {
                    "respondent_name": f"柳州市示例{Enterprise.Industry(industry).label}有限公司{created % 7 + 1}"
                }
            )
            case = services.case_receive(
                by=inspector,
                handler=inspector,
                received_on=received_on,
                source=rng.choice([Case.Source.COMPLAINT, Case.Source.COMPLAINT, Case.Source.TIP_OFF]),
                period_start=start,
                period_end=end,
                industry=industry,
                summary=MARK + STORIES[industry].format(n=count, months=months),
                claims=[
                    ClaimData(
                        name=SURNAMES[(created + i) % len(SURNAMES)] + GIVEN[(created * 3 + i) % len(GIVEN)],
                        amount_owed=amount,
                    )
                    for i in range(count)
                ],
                # The first case of each month is at risk of a mass incident, so every quarter has some.
                mass_incident_risk=count >= 8 or index == 0,
                is_major=count >= 9,
                **respondent,
            )
            _advance(case, inspector, _outcome(rng, (today - received_on).days), today, rng)
            created += 1
    interviews = seed_interviews(inspectors, today)
    listings = seed_listings(inspectors[0], today)
    clues = seed_clues(inspectors[0], today)
    stdout.write(
        f"  cases: {created} demo cases over twelve months, {interviews} interviews, {listings} dishonest listings,"
        f" {clues} platform clues"
    )
    return created


def _outcome(rng: random.Random, age: int) -> str:
    if age < 5:
        return "received"
    if age < 20:
        return rng.choice(OUTCOMES[:4])
    return rng.choice(OUTCOMES[1:])


def _advance(case: Case, by: User, outcome: str, today: dt.date, rng: random.Random) -> None:
    """Takes the case through the steps of its outcome, each on a working day after the previous one."""
    if outcome == "received":
        return
    on = _later(case.received_on, rng.randint(1, 4), today)
    services.case_file(case=case, by=by, on=on)
    if outcome == "filed":
        return
    on = _later(on, rng.randint(1, 5), today)
    services.case_start_investigation(case=case, by=by, on=on)
    if outcome == "investigating":
        return
    if outcome == "not_established":
        services.case_close(case=case, by=by, closure=Case.Closure.NOT_ESTABLISHED, on=_later(on, 15, today))
        return
    if outcome == "court":
        services.case_close(
            case=case, by=by, closure=Case.Closure.ARBITRATION_COURT, on=_later(on, 25, today)
        )
        return
    order_on = _later(on, rng.randint(5, 15), today)
    services.case_issue_order(
        case=case,
        by=by,
        order_number=f"柳东人社监令〔{order_on.year}〕演{case.pk}号",
        pay_by=order_on + dt.timedelta(days=15),
        on=order_on,
    )
    if outcome == "order":
        return
    paid_on = _later(order_on, rng.randint(3, 12), today)
    if outcome == "agreement":
        half = (case.total_outstanding / 2).quantize(Decimal("0.01"))
        services.case_record_agreement(
            case=case,
            by=by,
            signed_on=paid_on,
            instalments=[(paid_on + dt.timedelta(days=30), half), (paid_on + dt.timedelta(days=60), half)],
        )
        return
    services.case_record_payment(case=case, by=by, amount=case.total_outstanding, paid_on=paid_on)
    services.case_close(case=case, by=by, closure=Case.Closure.PAID, on=paid_on)


# Interviews and the dishonest list ------------------------------------------------------------------------


def _ordered():
    """The year's cases with an order to pay and a registered enterprise, oldest first."""
    return (
        Case.objects.filter(summary__startswith=MARK, enterprise__isnull=False, order_pay_by__isnull=False)
        .select_related("enterprise")
        .order_by("received_on", "pk")
    )


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 30)))


def seed_interviews(inspectors: list[User], today: dt.date) -> int:
    """The legal representatives of two enterprises in three ordered to pay are interviewed a few days after
    the order: the older interviews rectified (or penalised), the recent ones awaiting the written report,
    one of them overdue."""
    made = 0
    for index, case in enumerate(_ordered()):
        if index % 3 == 2:
            continue
        notice_date = workdays.add_working_days(case.order_pay_by - dt.timedelta(days=15), 2)
        if notice_date >= today:
            continue
        main = inspectors[index % len(inspectors)]
        interview = services.interview_schedule(
            by=main,
            enterprise=case.enterprise,
            case=case,
            scheduled_at=_at(notice_date + dt.timedelta(days=4), 9),
            place="柳东新区人社局劳动监察大队二楼约谈室",
            matters=f"{case.number} 拖欠 {case.worker_count} 名劳动者工资问题",
            materials="营业执照副本、劳动合同、考勤记录、工资支付台账",
            main_interviewer=main,
            notice_date=notice_date,
        )
        made += 1
        held_on = notice_date + dt.timedelta(days=4)
        if held_on >= today:
            continue
        due = held_on + dt.timedelta(days=15)
        services.interview_record(
            interview=interview,
            by=main,
            held_at=_at(held_on, 9),
            rectification_due=due,
            attendees=f"法定代表人{case.enterprise.legal_rep_name}、财务负责人",
            record_violations="未按约定日期足额支付农民工工资，未建立工资支付台账。",
            record_rectification="限期足额支付拖欠工资，建立工资支付台账并书面报告整改情况。",
        )
        if due >= today or index % 10 == 4:
            continue  # awaiting the written report (one of them past its due date)
        if index % 10 == 8:
            services.interview_record_penalty(
                interview=interview,
                by=main,
                decision_number=f"柳东人社罚〔{due.year}〕演{interview.pk}号",
                decided_on=min(due + dt.timedelta(days=10), today),
                content="拒不整改，依法处以罚款。",
            )
        else:
            services.interview_record_rectification(
                interview=interview,
                by=main,
                received_on=due - dt.timedelta(days=2),
                summary="已足额支付拖欠工资，建立了工资支付台账。",
            )
    return made


# Decisions this many days before today: a quarter always holds at least one of them.
LISTING_DAYS = (45, 110, 175)


def seed_listings(by: User, today: dt.date) -> int:
    """Three enterprises that ignored an order to pay, listed as dishonest on the days of LISTING_DAYS."""
    if DishonestListing.objects.exists():
        return 0
    ordered = sorted(
        _ordered(), key=lambda c: (c.status != Case.Status.ORDER_ISSUED, -c.received_on.toordinal())
    )
    used: set[int] = set()
    made = 0
    for n, days in enumerate(LISTING_DAYS):
        decided_on = workdays.next_working_day(today - dt.timedelta(days=days))
        proposed_on = decided_on - dt.timedelta(days=20)
        case = next(
            (c for c in ordered if c.enterprise_id not in used and c.order_pay_by <= proposed_on), None
        )
        if case is None:
            continue
        used.add(case.enterprise_id)
        listing = enterprise_services.listing_propose(
            enterprise=case.enterprise,
            by=by,
            grounds=DishonestListing.Grounds.MASS_INCIDENT
            if case.mass_incident_risk
            else DishonestListing.Grounds.CRIMINAL_THRESHOLD,
            facts=f"{case.number}：责令支付期限届满仍未支付 {case.worker_count} 名农民工工资。",
            payment_order_number=case.order_number,
            payment_order_date=case.order_pay_by - dt.timedelta(days=15),
            amount_owed=case.total_outstanding,
            workers_affected=case.worker_count,
            responsible_persons=case.enterprise.legal_rep_name,
            on=proposed_on,
        )
        listing = enterprise_services.listing_notify(
            listing=listing,
            by=by,
            notice_number=f"柳东人社失告〔{proposed_on.year}〕演{n + 1}号",
            notified_on=proposed_on + dt.timedelta(days=2),
        )
        enterprise_services.listing_decide(
            listing=listing,
            by=by,
            decided_on=max(decided_on, listing.objection_deadline + dt.timedelta(days=1)),
            decision_number=f"柳东人社失决〔{decided_on.year}〕演{n + 1}号",
        )
        made += 1
    return made


CLUE_REASONS = ["经核实已当场结清工资。", "不属于本区管辖，已转交属地处理。", "反映人撤回，双方已协商解决。"]


def seed_clues(by: User, today: dt.date) -> int:
    """Two clues from the national platform a month, as if imported from its export: those of past months
    closed with a reason (every third one after its deadline), the newest still open, one of them overdue;
    none turned into a case, so the demo's cases stay as they are."""
    if Clue.objects.filter(platform_number__startswith="DEMO").exists():
        return 0
    created = 0
    for months_ago in range(11, -1, -1):
        first = _month_back(today, months_ago)
        for day in (5, 18):
            imported_on = first.replace(day=day)
            if imported_on > today:
                continue
            clue = Clue.objects.create(
                platform_number=f"DEMO{imported_on:%Y%m%d}",
                reported_on=imported_on - dt.timedelta(days=1),
                reporter_name=SURNAMES[created % len(SURNAMES)] + GIVEN[created % len(GIVEN)],
                employer_name=f"柳州市示例劳务有限公司{created % 5 + 1}",
                amount=Decimal(3000 + 400 * (created % 9)),
                worker_count=1 + created % 4,
                imported_on=imported_on,
                answer_due=clue_answer_due(imported_on),
                created_by=by,
            )
            late = created % 3 == 2
            answered_on = (
                clue.answer_due + dt.timedelta(days=3) if late else imported_on + dt.timedelta(days=2)
            )
            if months_ago and answered_on <= today:
                services.clue_close(
                    clue=clue, by=by, reason=CLUE_REASONS[created % len(CLUE_REASONS)], on=answered_on
                )
            created += 1
    return created
