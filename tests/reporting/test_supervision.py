"""Supervision tasks (督办): from agreed items to a unit, reported done with evidence, accepted or sent back;
the daily due-date job for tasks, never sending twice (interviews' rectification reports:
tests/cases/test_rectification_reminders.py)."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from liudong_wages.models import Notification
from reporting import services as meetings
from reporting.models import SupervisionReminderSent, SupervisionTask
from reporting.services import supervision_reminders_send
from reporting.tasks import send_supervision_reminders

from ..factories import MeetingFactory, SupervisionTaskFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
Status = SupervisionTask.Status


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pdf(name: str = "佐证.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", "application/pdf")


def _final_minutes_item(office, unit, other_unit):
    meeting = MeetingFactory(units=[unit, other_unit])
    meetings.minutes_update(
        minutes=meeting.minutes,
        text="纪要",
        items=[meetings.ItemInput("排查专用账户", unit, timezone.localdate() + dt.timedelta(days=30))],
        by=office,
    )
    return meeting


def test_a_task_comes_only_from_an_agreed_item_of_final_minutes(office_staff, unit, other_unit):
    meeting = _final_minutes_item(office_staff, unit, other_unit)
    item = meeting.minutes.items.get()
    due = timezone.localdate() + dt.timedelta(days=30)
    with pytest.raises(ValidationError):
        meetings.task_create(unit=unit, content=item.text, due_on=due, item=item, by=office_staff)
    meetings.minutes_circulate(minutes=meeting.minutes, by=office_staff)
    for confirmation in meeting.minutes.confirmations.all():
        meetings.minutes_override(confirmation=confirmation, by=office_staff, reason="会上同意")
    meetings.minutes_finalize(minutes=meeting.minutes, by=office_staff)
    task = meetings.task_create(unit=unit, content=item.text, due_on=due, item=item, by=office_staff)
    assert task.status == Status.OPEN and task.item == item
    assert task.events.get().kind == "created"
    with pytest.raises(ValidationError):
        meetings.task_create(
            unit=unit,
            content="过去的时限",
            due_on=timezone.localdate() - dt.timedelta(days=1),
            by=office_staff,
        )


def test_report_done_needs_evidence_then_the_office_sends_back_and_accepts(
    media, office_staff, liaison, unit
):
    task = SupervisionTaskFactory(unit=unit)
    with pytest.raises(ValidationError):
        meetings.task_report_done(task=task, by=liaison, report="已排查")
    meetings.task_report_done(task=task, by=liaison, report="已排查 12 个项目", evidence=_pdf())
    task.refresh_from_db()
    assert task.status == Status.REPORTED
    with pytest.raises(ValidationError):
        meetings.task_send_back(task=task, by=office_staff, reason="")
    meetings.task_send_back(task=task, by=office_staff, reason="缺少 3 个项目的开户证明")
    task.refresh_from_db()
    assert task.status == Status.RETURNED and task.is_open
    assert Notification.objects.filter(recipient=liaison, kind="supervision_task").count() == 1
    # The evidence already on file is enough the second time.
    meetings.task_report_done(task=task, by=liaison, report="已补充开户证明")
    meetings.task_accept(task=task, by=office_staff)
    task.refresh_from_db()
    assert task.status == Status.ACCEPTED and task.done_on_time is True
    assert [e.kind for e in task.events.all()] == ["reported", "returned", "reported", "accepted"]
    assert task.history.count() >= 4


def test_a_liaison_sees_only_their_units_tasks(client, liaison, unit, other_unit):
    mine = SupervisionTaskFactory(unit=unit, content="本单位的督办事项")
    theirs = SupervisionTaskFactory(unit=other_unit, content="经发局的督办事项")
    client.force_login(liaison)
    page = client.get("/reporting/tasks/").content.decode()
    assert "本单位的督办事项" in page and "经发局的督办事项" not in page
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.post(f"/reporting/tasks/{theirs.pk}/report/", {"report": "x"}).status_code == 404
    assert client.get("/reporting/tasks/board/").status_code == 403


def test_a_liaison_reports_done_with_evidence_through_the_page(client, media, liaison, office_staff, unit):
    task = SupervisionTaskFactory(unit=unit)
    client.force_login(liaison)
    response = client.post(
        f"/reporting/tasks/{task.pk}/report/", {"report": "已全部排查", "evidence": _pdf("排查表.pdf")}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Status.REPORTED and task.reported_by == liaison
    assert "排查表.pdf" in client.get(task.get_absolute_url()).content.decode()
    # Bad input: a file that is not a document changes nothing.
    other = SupervisionTaskFactory(unit=unit)
    client.post(
        f"/reporting/tasks/{other.pk}/report/",
        {"report": "已办", "evidence": SimpleUploadedFile("x.pdf", b"not a pdf", "application/pdf")},
    )
    other.refresh_from_db()
    assert other.status == Status.OPEN
    client.force_login(office_staff)
    page = client.get(task.get_absolute_url()).content.decode()
    assert f'action="/reporting/tasks/{task.pk}/accept/"' in page
    assert f'action="/reporting/tasks/{task.pk}/return/"' in page
    response = client.post(f"/reporting/tasks/{task.pk}/return/", {"reason": " "})
    # A send-back needs its reason: the step's form alone, with why, and nothing saved.
    assert response.status_code == 200 and response.templates[0].name == "step_form.html"
    assert response.context["form"].errors["reason"] == ["退回时必须说明理由。"]
    task.refresh_from_db()
    assert task.status == Status.REPORTED
    response = client.post(f"/reporting/tasks/{task.pk}/accept/")
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    task.refresh_from_db()
    assert task.status == Status.ACCEPTED and task.accepted_by == office_staff


def test_the_office_sends_a_task_back_at_its_own_url_and_a_liaison_may_not(
    client, media, liaison, office_staff, unit
):
    task = SupervisionTaskFactory(unit=unit)
    meetings.task_report_done(task=task, by=liaison, report="已办", evidence=_pdf())
    client.force_login(liaison)
    assert client.post(f"/reporting/tasks/{task.pk}/return/", {"reason": "x"}).status_code == 403
    assert client.post(f"/reporting/tasks/{task.pk}/accept/").status_code == 403
    client.force_login(office_staff)
    assert client.get(f"/reporting/tasks/{task.pk}/return/").templates[0].name == "step_form.html"
    assert client.post(f"/reporting/tasks/{task.pk}/review/", {"decision": "accept"}).status_code == 404
    response = client.post(f"/reporting/tasks/{task.pk}/return/", {"reason": "佐证材料不全"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Status.RETURNED and task.return_reason == "佐证材料不全"
    # Accepting what is no longer reported done is refused on the step's page, and changes nothing.
    response = client.post(f"/reporting/tasks/{task.pk}/accept/")
    assert response.status_code == 200 and "只能验收已报办结的督办事项。" in response.content.decode()
    task.refresh_from_db()
    assert task.status == Status.RETURNED and task.accepted_by is None


def test_the_office_gives_a_task_through_the_form(client, office_staff, unit):
    client.force_login(office_staff)
    due = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    response = client.post(
        "/reporting/tasks/new/", {"unit": unit.pk, "content": "开展专项检查", "due_on": due}
    )
    task = SupervisionTask.objects.get()
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    client.post("/reporting/tasks/new/", {"unit": unit.pk, "content": "", "due_on": due})
    assert SupervisionTask.objects.count() == 1


def _board_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/reporting/tasks/board/")
    assert response.status_code == 200
    return len(queries)


def test_the_task_board_query_count_does_not_grow_with_tasks(client, director, unit, other_unit):
    client.force_login(director)
    past = timezone.localdate() - dt.timedelta(days=3)
    for target in (unit, other_unit):
        SupervisionTaskFactory(unit=target)
        SupervisionTaskFactory(unit=target, due_on=past)
    few = _board_queries(client)
    for n in range(20):
        SupervisionTaskFactory(
            unit=unit if n % 2 else other_unit, due_on=past if n % 3 else past.replace(year=2030)
        )
    many = _board_queries(client)
    # The session, the user and their roles, the header's unread count, the units, the open tasks.
    assert many == few
    page = client.get("/reporting/tasks/board/").content.decode()
    assert "task-board" in page


# The due-date job ----------------------------------------------------------------------------------------


def _run(day: dt.date, capture) -> None:
    """The beat job at 08:45 Beijing time on `day`."""
    quarter_to_nine = dt.datetime.combine(day, dt.time(8, 45), tzinfo=SHANGHAI)
    with time_machine.travel(quarter_to_nine, tick=False), capture(execute=True):
        send_supervision_reminders.delay()


def _days(start: dt.date, end: dt.date):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def test_supervision_reminders_go_once_before_and_once_after_the_due_date(
    django_capture_on_commit_callbacks, liaison, director, unit
):
    # Due Friday 20 November 2026: the warning three working days before (Tuesday the 17th), the overdue
    # notice on the next working day after (Monday the 23rd); every other day of the month sends nothing.
    task = SupervisionTaskFactory(unit=unit, due_on=dt.date(2026, 11, 20))
    received = {}
    for day in _days(dt.date(2026, 11, 1), dt.date(2026, 11, 30)):
        before = set(Notification.objects.values_list("pk", flat=True))
        _run(day, django_capture_on_commit_callbacks)
        _run(day, django_capture_on_commit_callbacks)  # a second run, or a second worker, sends nothing
        new = Notification.objects.exclude(pk__in=before)
        if new:
            received[day] = sorted((n.recipient.username, n.key) for n in new)
    assert sorted(received) == [dt.date(2026, 11, 17), dt.date(2026, 11, 23)]
    assert received[dt.date(2026, 11, 17)] == [(liaison.username, f"supervision-due:{task.pk}:before")]
    assert sorted(name for name, _key in received[dt.date(2026, 11, 23)]) == sorted(
        [liaison.username, director.username]
    )
    assert SupervisionReminderSent.objects.filter(task=task).count() == 2


def test_a_task_done_in_time_hears_nothing_and_a_late_start_skips_the_warning(liaison, unit, media):
    done = SupervisionTaskFactory(unit=unit, due_on=dt.date(2026, 11, 20))
    meetings.task_report_done(task=done, by=liaison, report="已办结", evidence=_pdf())
    late = SupervisionTaskFactory(unit=unit, due_on=dt.date(2026, 11, 20))
    # The job was down all week: on Monday the 23rd only the overdue notice goes out, and the warning never.
    assert supervision_reminders_send(today=dt.date(2026, 11, 23)).sent == [("task", late.pk, "overdue")]
    assert supervision_reminders_send(today=dt.date(2026, 11, 24)).sent == []
    assert not SupervisionReminderSent.objects.filter(task=done).exists()
    assert not SupervisionReminderSent.objects.filter(task=late, kind="before").exists()


def test_the_management_command_takes_a_date(liaison, unit):
    SupervisionTaskFactory(unit=unit, due_on=dt.date(2026, 11, 20))
    out = io.StringIO()
    call_command("send_due_date_reminders", "--date", "2026-11-18", stdout=out)
    call_command("send_due_date_reminders", "--date", "2026-11-18", stdout=out)
    assert "发送 1 条" in out.getvalue() and "跳过 1 条" in out.getvalue()


def test_the_beat_schedule_runs_the_job_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["due-date-reminders"]
    assert entry["task"] == "reporting.tasks.send_supervision_reminders"
    assert entry["schedule"].hour == {8} and entry["schedule"].minute == {45}


def test_the_office_filters_the_tasks_and_odd_values_list_them_all(client, office_staff, unit, other_unit):
    # The list's filters are a django-filter FilterSet (reporting.filters.TaskFilter), as every list's.
    overdue = SupervisionTaskFactory(
        unit=unit, content="逾期的督办事项", due_on=timezone.localdate() - dt.timedelta(days=2)
    )
    SupervisionTaskFactory(unit=unit, content="未到期的督办事项")
    SupervisionTaskFactory(unit=other_unit, content="经发局的督办事项")
    client.force_login(office_staff)

    def listed(query: str) -> set[str]:
        page = client.get(f"/reporting/tasks/?{query}")
        assert page.status_code == 200
        return {task.content for task in page.context["tasks"]}

    assert listed("overdue=on") == {overdue.content}
    assert listed(f"unit={other_unit.pk}") == {"经发局的督办事项"}
    assert listed("status=open&unit=") == {"逾期的督办事项", "未到期的督办事项", "经发局的督办事项"}
    # An odd value marks its box and lists every task, as the report list does.
    assert len(listed("unit=abc&overdue=on")) == 3
    assert len(listed("status=%00")) == 3
