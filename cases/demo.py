"""Demo cases for a first run (manage.py seed_demo): a handful of realistic cases on the demo enterprises.
Safe to run twice: nothing is added when demo cases already exist."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from liudong_wages import workdays
from liudong_wages.models import User

from . import services
from .models import Case
from .services import ClaimData

SURNAMES = "覃韦蓝莫黄梁陆廖罗潘"
GIVEN = ["大力", "建新", "春生", "国华", "志强", "永福", "金山", "海波", "小军", "德明", "光辉", "明亮"]


def _claims(count: int, amount: str) -> list[ClaimData]:
    return [
        ClaimData(name=SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)], amount_owed=Decimal(amount))
        for i in range(count)
    ]


def _unpaid_months(received_on: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the three months before the month of `received_on`."""
    end = received_on.replace(day=1) - dt.timedelta(days=1)
    months = end.year * 12 + end.month - 1 - 2
    start = dt.date(months // 12, months % 12 + 1, 1)
    return start, end


def seed_demo(stdout) -> None:
    if Case.objects.filter(summary__startswith="【演示】").exists():
        return
    from enterprises.models import Enterprise, Project

    inspector = User.objects.filter(username="jiancha1").first()
    enterprises = list(Enterprise.objects.order_by("pk")[:4])
    projects = list(Project.objects.select_related("general_contractor").order_by("pk")[:2])
    today = timezone.localdate()
    back = lambda n: workdays.add_working_days(today, -n)  # noqa: E731

    def receive(days_ago: int, summary: str, **kwargs) -> Case:
        # Whatever day the demo runs: the wages of the three months before the month of receipt.
        received_on = back(days_ago)
        start, end = _unpaid_months(received_on)
        return services.case_receive(
            by=inspector,
            handler=inspector,
            received_on=received_on,
            source=Case.Source.COMPLAINT,
            period_start=start,
            period_end=end,
            summary=summary.format(months=f"{start.month} 至 {end.month} 月"),
            **kwargs,
        )

    def respondent(i: int) -> dict:
        if i < len(projects):
            return {"enterprise": projects[i].general_contractor, "project": projects[i]}
        if i < len(enterprises):
            return {"enterprise": enterprises[i]}
        return {"respondent_name": f"柳州市示例劳务有限公司{i}"}

    fresh = receive(
        1,
        summary="【演示】钢筋班组 3 人反映 {months}工资未发。",
        claims=_claims(3, "6200.00"),
        **respondent(0),
    )
    near = receive(
        4,
        summary="【演示】装修工人投诉拖欠工资，待决定是否立案。",
        claims=_claims(2, "3800.00"),
        **respondent(1),
    )
    investigating = receive(
        30,
        summary="【演示】12 名木工集体投诉，项目停工，有聚集讨薪风险。",
        claims=_claims(12, "3500.00"),
        mass_incident_risk=True,
        is_major=True,
        **respondent(2),
    )
    services.case_file(case=investigating, by=inspector, on=back(28))
    services.case_start_investigation(case=investigating, by=inspector, on=back(27))
    overdue = receive(
        80,
        summary="【演示】餐饮店拖欠服务员工资，调查期限已过。",
        claims=_claims(4, "2600.00"),
        **respondent(3),
    )
    services.case_file(case=overdue, by=inspector, on=back(75))
    stdout.write(f"  cases: {Case.objects.count()} demo cases ({fresh.number}, {near.number}, …)")
