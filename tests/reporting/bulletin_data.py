"""Known data for a quarter (2026 Q3, seen on 16 October 2026), shared by the figures, bulletin and dashboard
tests. `scale` repeats every record, for the query-count tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from cases.models import Interview
from enterprises.models import Project
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
        CaseFactory(
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
    ledger_appropriate(
        amount=D("100000.00") * scale,
        entry_date=dt.date(2026, 7, 1),
        document_ref="柳东财〔2026〕8号",
        by=treasurer,
    )
    # 建设局 reported July on time; 经发局 reported August late; the rest reported nothing.
    _report("jsj", dt.date(2026, 7, 1), dt.datetime(2026, 8, 5, 10, tzinfo=SHANGHAI))
    _report("jfj", dt.date(2026, 8, 1), dt.datetime(2026, 9, 15, 10, tzinfo=SHANGHAI))


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
