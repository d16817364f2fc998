"""The daily job that reminds of interviews' rectification reports (实施方案 二(三)3): the inspector who led the
interview hears before the due date, and with the director once it is overdue; never twice, never for an
interview already rectified."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from cases.models import Interview, RectificationReminderSent
from cases.services import rectification_reminders_send
from cases.tasks import send_rectification_reminders
from liudong_wages.models import Notification

from ..factories import EnterpriseFactory, SupervisionTaskFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _days(start: dt.date, end: dt.date):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def _interview(*, inspector, office_staff, number: str, status=Interview.Status.HELD) -> Interview:
    enterprise = EnterpriseFactory()
    return Interview.objects.create(
        enterprise=enterprise,
        status=status,
        notice_number=number,
        notice_date=dt.date(2026, 11, 2),
        legal_rep_name=enterprise.legal_rep_name,
        scheduled_at=dt.datetime(2026, 11, 5, 9, tzinfo=SHANGHAI),
        place="新区人社局三楼会议室",
        matters="拖欠工资",
        materials="工资台账",
        main_interviewer=inspector,
        rectification_due=dt.date(2026, 11, 20),
        created_by=office_staff,
    )


@pytest.fixture
def held(inspector, office_staff):
    return _interview(inspector=inspector, office_staff=office_staff, number="柳新治欠约〔2026〕9号")


def test_rectification_reminders_are_sent_once(held, liaison, inspector, director, office_staff):
    rectified = _interview(
        inspector=inspector,
        office_staff=office_staff,
        number="柳新治欠约〔2026〕10号",
        status=Interview.Status.RECTIFIED,
    )
    for _ in range(2):
        for day in _days(dt.date(2026, 11, 16), dt.date(2026, 11, 27)):
            rectification_reminders_send(today=day)
    keys = sorted(
        Notification.objects.filter(kind="rectification_due").values_list("recipient__username", "key")
    )
    assert keys == sorted(
        [
            (inspector.username, f"rectification-due:{held.pk}:before"),
            (inspector.username, f"rectification-due:{held.pk}:overdue"),
            (director.username, f"rectification-due:{held.pk}:overdue"),
        ]
    )
    assert sorted(
        RectificationReminderSent.objects.filter(interview=held).values_list("kind", "recipients")
    ) == [
        ("before", 1),
        ("overdue", 2),
    ]
    assert not RectificationReminderSent.objects.filter(interview=rectified).exists()


def test_the_job_warns_three_working_days_before_and_says_overdue_the_next_working_day(
    held, inspector, django_capture_on_commit_callbacks
):
    # Due Friday 20 November 2026: the warning on Tuesday the 17th, the overdue notice on Monday the 23rd.
    sent_on = {}
    for day in _days(dt.date(2026, 11, 1), dt.date(2026, 11, 30)):
        quarter_to_nine = dt.datetime.combine(day, dt.time(8, 45), tzinfo=SHANGHAI)
        with (
            time_machine.travel(quarter_to_nine, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            if send_rectification_reminders.delay().get():
                sent_on[day] = list(Notification.objects.filter(recipient=inspector).order_by("-pk")[:1])
    assert sorted(sent_on) == [dt.date(2026, 11, 17), dt.date(2026, 11, 23)]
    assert sent_on[dt.date(2026, 11, 17)][0].title == f"整改报告即将到期：{held.enterprise.name}"
    assert sent_on[dt.date(2026, 11, 23)][0].title == f"整改报告逾期未交：{held.enterprise.name}"


def test_the_management_command_sends_the_tasks_and_the_interviews_reminders(held, liaison, unit):
    task = SupervisionTaskFactory(unit=unit, due_on=dt.date(2026, 11, 20))
    out = io.StringIO()
    call_command("send_due_date_reminders", "--date", "2026-11-18", stdout=out)
    call_command("send_due_date_reminders", "--date", "2026-11-18", stdout=out)
    lines = out.getvalue()
    assert f"2026-11-18 task {task.pk} before" in lines
    assert f"2026-11-18 interview {held.pk} before" in lines
    assert "发送 2 条" in lines and "跳过 2 条" in lines


def test_the_beat_schedule_runs_the_job_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["rectification-reminders"]
    assert entry["task"] == "cases.tasks.send_rectification_reminders"
    assert entry["schedule"].hour == {8} and entry["schedule"].minute == {45}
