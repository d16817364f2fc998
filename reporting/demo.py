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


def seed_meetings(today: dt.date | None = None) -> int:
    """One issued meeting with its agreed items, and a couple of supervision tasks from them (one accepted,
    one open); returns how many meetings were created (0 when the demo meeting exists already)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from . import services
    from .models import Meeting

    today = today or timezone.localdate()
    if Meeting.objects.filter(title=DEMO_MEETING_TITLE).exists():
        return 0
    users = {
        user.username: user for user in User.objects.filter(username__in=["zuzhang", "zhuren", "bangong"])
    }
    office = users.get("bangong") or users.get("zhuren")
    convener = users.get("zuzhang") or users.get("zhuren")
    if office is None or convener is None:
        return 0
    units = list(MemberUnit.objects.filter(code__in=["rsj", "jsj", "jfj", "czj", "gh"]))
    by_code = {unit.code: unit for unit in units}
    held_on = today - dt.timedelta(days=30)
    with transaction.atomic():
        meeting = services.meeting_create(
            kind=Meeting.Kind.REGULAR,
            title=DEMO_MEETING_TITLE,
            date=held_on,
            place="新区人社局三楼会议室",
            convener=convener,
            units=units,
            attendees="覃组长、张莉及各参会单位分管领导、联络员",
            agenda="一、通报本季度欠薪案件和信息报送情况；二、研究春节前欠薪专项整治工作；三、部署督办事项。",
            by=office,
        )
        minutes = services.minutes_update(
            minutes=meeting.minutes,
            text=(
                "会议听取了领导小组办公室关于本季度治理拖欠农民工工资工作的情况汇报。\n"
                "会议强调，各成员单位要对照实施方案的分工，压实责任，确保春节前农民工工资按时足额支付。"
            ),
            items=[
                services.ItemInput(
                    "柳东建设局对在建工程项目农民工工资专用账户开设情况开展全面排查。",
                    by_code.get("jsj"),
                    today + dt.timedelta(days=20),
                ),
                services.ItemInput(
                    "新区经发局报送本季度新审批项目清单，纳入项目库管理。",
                    by_code.get("jfj"),
                    today - dt.timedelta(days=5),
                ),
                services.ItemInput("新区工会开展工资集体协商专项宣传。", by_code.get("gh"), None),
            ],
            by=office,
        )
        services.minutes_circulate(minutes=minutes, by=office)
        liaisons = {user.unit_id: user for user in User.objects.filter(username__startswith="lly_")}
        for confirmation in minutes.confirmations.select_related("unit"):
            liaison = liaisons.get(confirmation.unit_id)
            if liaison is not None:
                services.minutes_confirm(confirmation=confirmation, by=liaison)
            else:
                services.minutes_override(
                    confirmation=confirmation, by=office, reason="本单位为会议承办单位，会上已当场确认。"
                )
        services.minutes_finalize(minutes=minutes, by=office)
        services.minutes_issue(minutes=minutes, by=office)
        items = list(minutes.items.order_by("number"))
        for item in items[:2]:
            task = services.task_create(
                unit=item.unit, content=item.text, due_on=item.due_on, item=item, by=office, today=held_on
            )
            liaison = liaisons.get(item.unit_id)
            if item.due_on < today and liaison is not None:
                evidence = SimpleUploadedFile("项目清单.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
                services.task_report_done(
                    task=task, by=liaison, report="已报送项目清单 12 项。", evidence=evidence
                )
                services.task_accept(task=task, by=office)
    return 1
