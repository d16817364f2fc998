"""Demo reports for a first run (issue 19, the demo year): twelve months of each unit's monthly report, most
on time, some late, a few missing and one returned, so that the board, the reminders, the dashboard's
timeliness chart and the bulletin's reporting table have something to show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from liudong_wages.excel import BOOL, CHOICE, DATE, DECIMAL, INT
from liudong_wages.models import MemberUnit, User

from . import definitions
from .definitions import ReportDefinition, add_months
from .models import Report, ReportEvent

DEMO_MONTHS = 12
# Which units slip, in which months back from the newest period (0): 工会 is late every third month,
# 工商 missed two months, 纪检 was late once.
LATE = {"gh": {1, 4, 7, 10}, "jczd": {5}}
MISSING = {"gsj": {3, 8}}


def sample_item(definition: ReportDefinition, period: dt.date, number: int = 1) -> dict[str, Any]:
    """A plausible, valid line item (demo data and tests)."""
    item: dict[str, Any] = {}
    for f in definition.item_columns:
        if f.kind == INT:
            item[f.key] = 20 + number
        elif f.kind == DECIMAL:
            item[f.key] = str(Decimal("1250000.00") * number)
        elif f.kind == DATE:
            item[f.key] = period.replace(day=min(5 + number, 28)).isoformat()
        elif f.kind == BOOL:
            item[f.key] = True
        elif f.kind == CHOICE:
            item[f.key] = f.choices[0][0]
        elif f.key == "credit_code" or f.key.endswith("credit_code"):
            item[f.key] = "91450200MA5K12347H"
        else:
            item[f.key] = f"柳东{f.header}{number}".replace("（元）", "")
    return item


def sample_body(definition: ReportDefinition, period: dt.date, items: int = 2) -> dict[str, Any]:
    rows = [sample_item(definition, period, n) for n in range(1, items + 1)]
    header: dict[str, Any] = {}
    for f in definition.header_fields:
        if f.kind == INT:
            header[f.key] = items
        elif f.kind == DECIMAL:
            header[f.key] = "500000.00"
        else:
            header[f.key] = None
    return definition.clean_body({"header": header, "items": rows})


@transaction.atomic
def seed_reports(today: dt.date | None = None) -> int:
    """Create the demo reports that do not exist yet; returns how many were created."""
    today = today or timezone.localdate()
    units = {unit.code: unit for unit in MemberUnit.objects.all()}
    liaisons = {user.username: user for user in User.objects.filter(username__startswith="lly_")}
    office = User.objects.filter(username="bangong").first()
    created = 0
    last = add_months(today.replace(day=1), -1)
    monthly = [d for d in definitions.periodic() if d.cadence == definitions.Cadence.MONTHLY]
    for index, definition in enumerate(monthly):
        unit = units.get(definition.unit_code)
        liaison = liaisons.get(f"lly_{definition.unit_code}")
        if unit is None or liaison is None:
            continue
        for back in range(DEMO_MONTHS):
            period = add_months(last, -back)
            # The newest month is still open for some units.
            if back in MISSING.get(definition.unit_code, ()) or (back == 0 and index % 3 == 0):
                continue
            deadline = definition.deadline(period)
            late = back in LATE.get(definition.unit_code, ())
            # Early in a month the newest period's deadline is still ahead: those units sent it yesterday.
            early = min(deadline - dt.timedelta(days=2), today - dt.timedelta(days=1))
            submitted_day = deadline + dt.timedelta(days=3) if late else early
            if submitted_day > today:
                continue
            submitted_at = timezone.make_aware(dt.datetime.combine(submitted_day, dt.time(10, 30)))
            report, was_created = Report.objects.get_or_create(
                unit=unit,
                report_type=definition.code,
                period=period,
                defaults={
                    "body": sample_body(definition, period),
                    "status": Report.Status.SUBMITTED,
                    "submitted_at": submitted_at,
                    "first_submitted_at": submitted_at,
                    "created_by": liaison,
                },
            )
            if not was_created:
                continue
            created += 1
            ReportEvent.objects.create(
                report=report, kind=ReportEvent.Kind.CREATED, by=liaison, at=submitted_at
            )
            ReportEvent.objects.create(
                report=report, kind=ReportEvent.Kind.SUBMITTED, by=liaison, at=submitted_at
            )
            if office is not None and back >= 1:
                reviewed_at = submitted_at + dt.timedelta(days=1)
                if definition.unit_code == "czj" and back == 1:
                    report.status = Report.Status.RETURNED
                    report.return_reason = "拨付明细缺少拨款文号，请补充后重新报送。"
                    kind = ReportEvent.Kind.RETURNED
                else:
                    report.status = Report.Status.ACCEPTED
                    kind = ReportEvent.Kind.ACCEPTED
                report.reviewed_at, report.reviewed_by = reviewed_at, office
                report.save()
                ReportEvent.objects.create(
                    report=report, kind=kind, by=office, at=reviewed_at, note=report.return_reason
                )
    return created


# Meetings ------------------------------------------------------------------------------------------------

DEMO_MEETING_TITLE = "治理拖欠农民工工资工作领导小组季度例会（演示）"

# The quarterly meetings of the year, newest first: (days before today, agenda, items as (text, unit code,
# days from the meeting to the item's due date or None)). The newest keeps DEMO_MEETING_TITLE.
MEETINGS = [
    (
        30,
        "一、通报本季度欠薪案件和信息报送情况；二、研究春节前欠薪专项整治工作；三、部署督办事项。",
        [
            ("柳东建设局对在建工程项目农民工工资专用账户开设情况开展全面排查。", "jsj", 50),
            ("新区经发局报送本季度新审批项目清单，纳入项目库管理。", "jfj", 25),
            ("新区工会开展工资集体协商专项宣传。", "gh", None),
        ],
    ),
    (
        120,
        "一、通报上半年治理欠薪工作；二、研究工程建设领域实名制管理；三、部署督办事项。",
        [
            ("新区财政局核实周转金垫付款追偿进度并书面报告。", "czj", 30),
            ("柳东建设局督促在建项目按月足额拨付人工费用。", "jsj", 60),
        ],
    ),
    (
        210,
        "一、通报一季度欠薪案件情况；二、研究失信联合惩戒工作；三、部署督办事项。",
        [
            ("工商分局对列入失信名单企业依法实施联合惩戒。", "gsj", 30),
            ("新区社会事务局排查劳动密集型企业欠薪隐患。", "shswj", 45),
        ],
    ),
    (
        300,
        "一、总结上年度治理欠薪工作；二、部署本年度工作要点；三、部署督办事项。",
        [("新区经发局建立新开工项目信息共享机制。", "jfj", 40)],
    ),
]


def seed_meetings(today: dt.date | None = None) -> int:
    """The year's quarterly meetings with issued minutes and supervision tasks from their items: the older
    tasks done and accepted (one of them overdue and still open), the newest meeting's one open and due
    ahead, one accepted; returns how many meetings were created."""
    today = today or timezone.localdate()
    users = {
        user.username: user for user in User.objects.filter(username__in=["zuzhang", "zhuren", "bangong"])
    }
    office = users.get("bangong") or users.get("zhuren")
    convener = users.get("zuzhang") or users.get("zhuren")
    if office is None or convener is None:
        return 0
    liaisons = {user.unit_id: user for user in User.objects.filter(username__startswith="lly_")}
    made = 0
    # Oldest first, so the minutes are numbered in the order they were issued.
    for n, spec in reversed(list(enumerate(MEETINGS))):
        held_on = today - dt.timedelta(days=spec[0])
        title = (
            DEMO_MEETING_TITLE if n == 0 else f"治理拖欠农民工工资工作领导小组{held_on:%Y年%m月}例会（演示）"
        )
        made += _meeting(title, held_on, spec, today, office, convener, liaisons, overdue=n == 1)
    return made


def _office_hours(day: dt.date, days_after: int) -> dt.datetime:
    """10:00 on the day `days_after` days after `day`, never later than now."""
    moment = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=days_after), dt.time(10, 0)))
    return min(moment, timezone.now())


@transaction.atomic
def _meeting(title, held_on, spec, today, office, convener, liaisons, *, overdue: bool) -> int:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from . import services
    from .models import Meeting

    if Meeting.objects.filter(title=title).exists():
        return 0
    _days, agenda, item_specs = spec
    codes = {"rsj", "jsj", "jfj", "czj", "gh", *(code for _text, code, _due in item_specs)}
    units = list(MemberUnit.objects.filter(code__in=codes))
    by_code = {unit.code: unit for unit in units}
    meeting = services.meeting_create(
        kind=Meeting.Kind.REGULAR,
        title=title,
        date=held_on,
        place="新区人社局三楼会议室",
        convener=convener,
        units=units,
        attendees="覃组长、张莉及各参会单位分管领导、联络员",
        agenda=agenda,
        by=office,
        now=_office_hours(held_on, -3),
    )
    minutes = services.minutes_update(
        minutes=meeting.minutes,
        text=(
            "会议听取了领导小组办公室关于本季度治理拖欠农民工工资工作的情况汇报。\n"
            "会议强调，各成员单位要对照实施方案的分工，压实责任，确保农民工工资按时足额支付。"
        ),
        items=[
            services.ItemInput(text, by_code.get(code), held_on + dt.timedelta(days=due) if due else None)
            for text, code, due in item_specs
        ],
        by=office,
        now=_office_hours(held_on, 0),
    )
    # Circulated the day after the meeting, confirmed the next, final and issued on the fourth day.
    services.minutes_circulate(minutes=minutes, by=office, now=_office_hours(held_on, 1))
    for confirmation in minutes.confirmations.select_related("unit"):
        liaison = liaisons.get(confirmation.unit_id)
        if liaison is not None:
            services.minutes_confirm(confirmation=confirmation, by=liaison, now=_office_hours(held_on, 2))
        else:
            services.minutes_override(
                confirmation=confirmation,
                by=office,
                reason="本单位为会议承办单位，会上已当场确认。",
                now=_office_hours(held_on, 2),
            )
    services.minutes_finalize(minutes=minutes, by=office, now=_office_hours(held_on, 3))
    services.minutes_issue(minutes=minutes, by=office, now=_office_hours(held_on, 4))
    for number, item in enumerate(minutes.items.filter(due_on__isnull=False).order_by("number")):
        task = services.task_create(
            unit=item.unit, content=item.text, due_on=item.due_on, item=item, by=office, today=held_on
        )
        liaison = liaisons.get(item.unit_id)
        # Done in time, except the first task of the meeting before last: past its due date, still open.
        if item.due_on >= today or liaison is None or (overdue and number == 0):
            continue
        evidence = SimpleUploadedFile("办理情况.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
        services.task_report_done(
            task=task, by=liaison, report="已按要求办结，附办理情况。", evidence=evidence
        )
        services.task_accept(task=task, by=office)
    return 1


# Bulletins -----------------------------------------------------------------------------------------------


def seed_bulletins(today: dt.date | None = None) -> int:
    """The bulletins of the last two full quarters, built as of a week after each quarter and published;
    returns how many were published now."""
    from . import services
    from .periods import Period
    from .services.bulletin import quarter_before

    today = today or timezone.localdate()
    users = {user.username: user for user in User.objects.filter(username__in=["zhuren", "bangong"])}
    office, director = users.get("bangong"), users.get("zhuren")
    if office is None or director is None:
        return 0
    last = quarter_before(today)
    earlier = quarter_before(dt.date(last[0], 3 * last[1] - 2, 1))
    made = 0
    for year, quarter in (earlier, last):
        bulletin = services.bulletin_for_quarter(year=year, quarter=quarter, by=office)
        if bulletin.is_published:
            continue
        services.bulletin_update_texts(
            bulletin=bulletin,
            summary=(
                "本季度，各成员单位按照实施方案的分工，加强欠薪源头治理和案件查处，"
                "欠薪案件受理、办结和周转金垫付、追回情况见附表。"
            ),
            next_quarter_work="继续开展欠薪隐患排查，督促在建项目按月足额支付农民工工资，做好节前欠薪专项整治。",
            by=office,
        )
        as_of = min(Period.quarter(year, quarter).end + dt.timedelta(days=7), today)
        bulletin = services.bulletin_build(bulletin_id=bulletin.pk, today=as_of)
        if bulletin is not None:
            services.bulletin_publish(bulletin=bulletin, by=director)
            made += 1
    return made
