"""Known data for a quarter (2026 Q3, seen on 16 October 2026), shared by the figures, bulletin and dashboard
tests. `scale` repeats every record, for the query-count tests."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from cases.models import Campaign, Clue, Interview
from enterprises.models import Project, WageAlert
from funds.services.ledger import ledger_appropriate
from liudong_wages.roles import Role

from ..factories import (
    CaseFactory,
    DishonestListingFactory,
    MemberUnitFactory,
    ProjectFactory,
    ReportFactory,
    SiteInspectionFactory,
    UserFactory,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 10, 16)
NOW = dt.datetime(2026, 10, 16, 10, 0, tzinfo=SHANGHAI)
D = Decimal


def make_quarter_data(scale: int = 1) -> None:
    inspector = UserFactory(roles=[Role.INSPECTOR], unit__code="rsj")
    treasurer = UserFactory(roles=[Role.TREASURER], unit__code="czj")
    for _ in range(scale):
        # This quarter: one open major case (its filing deadline long past) and one closed, fully paid.
        filed = CaseFactory(
            received_on=dt.date(2026, 8, 3),
            industry="construction",
            status="filed",
            worker_count=12,
            total_owed=D("60000.00"),
            is_major=True,
        )
        CaseFactory(
            received_on=dt.date(2026, 7, 10),
            industry="manufacturing",
            status="closed",
            closed_on=dt.date(2026, 9, 20),
            closure="paid",
            worker_count=3,
            total_owed=D("20000.00"),
            total_paid=D("20000.00"),
        )
        # Last quarter: still open, at risk of a mass incident. Same quarter last year: closed, part paid.
        CaseFactory(
            received_on=dt.date(2026, 5, 6),
            industry="construction",
            status="investigating",
            worker_count=5,
            total_owed=D("10000.00"),
            mass_incident_risk=True,
        )
        CaseFactory(
            received_on=dt.date(2025, 8, 15),
            industry="catering",
            status="closed",
            closed_on=dt.date(2025, 9, 1),
            closure="paid",
            worker_count=4,
            total_owed=D("8000.00"),
            total_paid=D("6000.00"),
        )
        listing = DishonestListingFactory(
            status="listed",
            notified_on=dt.date(2026, 7, 1),
            decided_on=dt.date(2026, 8, 10),
            listed_until=dt.date(2029, 8, 10),
        )
        project = ProjectFactory(start_date=dt.date(2026, 7, 20), general_contractor=listing.enterprise)
        # The risk is derived by the nightly refresh; here it is set as that job would leave it.
        Project.objects.filter(pk=project.pk).update(
            risk="red", risk_rank=3, risk_reasons=[{"level": "red", "reason": "未缴存工资保证金"}]
        )
        _monitoring(project)
        _clues(filed)
        SiteInspectionFactory(
            project=project,
            inspected_on=dt.date(2026, 9, 2),
            findings="未设置维权信息告示牌",
            finding_status="open",
            follow_up_due=dt.date(2026, 9, 30),
        )
        Interview.objects.create(
            enterprise=listing.enterprise,
            status=Interview.Status.HELD,
            notice_number="柳新治欠约〔2026〕9号",
            notice_date=dt.date(2026, 8, 20),
            legal_rep_name="韦建国",
            scheduled_at=NOW - dt.timedelta(days=50),
            held_at=NOW - dt.timedelta(days=50),
            place="新区人社局",
            matters="拖欠工资",
            materials="工资台账",
            main_interviewer=inspector,
            rectification_due=dt.date(2026, 10, 1),
        )
    # The autumn campaign runs today: it counts the open major case (received on 3 August, construction
    # like the campaign's scope) and the inspection of 2 September.
    Campaign.objects.get_or_create(
        name="2026年秋季根治欠薪专项行动",
        defaults={
            "starts_on": dt.date(2026, 8, 1),
            "ends_on": dt.date(2026, 10, 31),
            "industries": ["construction"],
        },
    )
    ledger_appropriate(
        amount=D("100000.00") * scale,
        entry_date=dt.date(2026, 7, 1),
        document_ref="柳东财〔2026〕8号",
        by=treasurer,
    )
    # 建设局 reported July on time; 经发局 reported August late; the rest reported nothing.
    _report("jsj", dt.date(2026, 7, 1), dt.datetime(2026, 8, 5, 10, tzinfo=SHANGHAI))
    _report("jfj", dt.date(2026, 8, 1), dt.datetime(2026, 9, 15, 10, tzinfo=SHANGHAI))


def _monitoring(project: Project) -> None:
    """Wage-payment monitoring of the quarter's project: August's sheet paid in part (raised in September,
    red before the quarter ended), September's labour costs not transferred (raised in October), July's
    sheet late (raised in August, closed in September when it came in)."""
    Alert = WageAlert
    Alert.objects.create(
        project=project,
        reason=Alert.Reason.UNDERPAID,
        month=dt.date(2026, 8, 1),
        level=Alert.Level.RED,
        opened_on=dt.date(2026, 9, 16),
        escalated_on=dt.date(2026, 9, 30),
        workers_unpaid=4,
        amount_unpaid=D("12000.00"),
    )
    Alert.objects.create(
        project=project,
        reason=Alert.Reason.TRANSFER_MISSING,
        month=dt.date(2026, 9, 1),
        opened_on=dt.date(2026, 10, 9),
    )
    Alert.objects.create(
        project=project,
        reason=Alert.Reason.SHEET_MISSING,
        month=dt.date(2026, 7, 1),
        opened_on=dt.date(2026, 8, 17),
        closed_on=dt.date(2026, 9, 5),
        close_reason="工资支付表已补报",
    )


_clue_numbers = itertools.count(1)


def _clues(case) -> None:
    """Clues from the national platform: in the quarter one turned into `case` on time, one closed with a
    reason after its deadline, one still open and overdue since 30 September; one received in October, not
    yet due; one of the quarter before, answered on time."""

    def clue(imported_on, answer_due, **fields):
        Clue.objects.create(
            platform_number=f"GX2026{next(_clue_numbers):06d}",
            reported_on=imported_on - dt.timedelta(days=2),
            reporter_name="黄师傅",
            employer_name="柳东某建筑劳务公司",
            amount=D("8600.00"),
            imported_on=imported_on,
            answer_due=answer_due,
            **fields,
        )

    clue(
        dt.date(2026, 7, 27),
        dt.date(2026, 8, 7),
        status=Clue.Status.CASE,
        case=case,
        answered_on=case.received_on,
        answer=f"已受理立案调查，案件编号 {case.number}。",
    )
    clue(
        dt.date(2026, 8, 3),
        dt.date(2026, 8, 17),
        status=Clue.Status.CLOSED,
        answered_on=dt.date(2026, 8, 25),
        answer="经核实已当场结清。",
    )
    clue(dt.date(2026, 9, 21), dt.date(2026, 9, 30))
    clue(dt.date(2026, 10, 12), dt.date(2026, 10, 26))
    clue(
        dt.date(2026, 5, 10),
        dt.date(2026, 5, 22),
        status=Clue.Status.CLOSED,
        answered_on=dt.date(2026, 5, 12),
        answer="不属于本区管辖，已转交。",
    )


def _report(code: str, period: dt.date, submitted: dt.datetime):
    from reporting.models import Report

    if Report.objects.filter(unit__code=code, period=period).exists():
        return
    ReportFactory(
        unit=MemberUnitFactory(code=code),
        report_type=f"{code}_monthly",
        period=period,
        status=Report.Status.ACCEPTED,
        first_submitted_at=submitted,
        submitted_at=submitted,
    )


def now() -> dt.datetime:
    return timezone.now()
