"""The reminder job: who gets what, when; never twice; catching up once after downtime."""

import datetime as dt
import io
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection

from liudong_wages.models import Notification
from reporting.models import ReminderSent, Report
from reporting.services import reminders
from reporting.tasks import send_report_reminders

from ..factories import ReportFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _run_daily(day: dt.date, capture) -> None:
    """The beat job at 09:00 Beijing time on `day`."""
    nine_am = dt.datetime.combine(day, dt.time(9, 0), tzinfo=SHANGHAI)
    with time_machine.travel(nine_am, tick=False), capture(execute=True):
        send_report_reminders.delay()


def _kinds(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("key", flat=True))


def test_the_reminder_schedule_across_november_2026(
    django_capture_on_commit_callbacks, liaisons, director_with_mail
):
    # October's reports are due on Tuesday 10 November 2026: reminders on 3, 9 and 10 November, the overdue
    # notice and the director's summary on the 11th. 经发局 submits on the 5th and hears nothing more.
    jfj_report = ReportFactory(
        unit=liaisons["jfj"].unit, report_type="jfj_monthly", period=dt.date(2026, 10, 1)
    )
    received: dict[dt.date, list[tuple[str, str]]] = {}
    day = dt.date(2026, 11, 1)
    while day <= dt.date(2026, 11, 30):
        before = set(Notification.objects.values_list("pk", flat=True))
        if day == dt.date(2026, 11, 5):
            with time_machine.travel(dt.datetime(2026, 11, 5, 16, tzinfo=SHANGHAI), tick=False):
                from reporting.services import report_submit

                report_submit(report=jfj_report, by=liaisons["jfj"])
        _run_daily(day, django_capture_on_commit_callbacks)
        new = Notification.objects.exclude(pk__in=before).select_related("recipient")
        if new:
            received[day] = sorted({(n.recipient.username, n.kind) for n in new})
        day += dt.timedelta(days=1)

    assert sorted(received) == [
        dt.date(2026, 11, 3),
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 10),
        dt.date(2026, 11, 11),
    ]
    assert ("lly_jsj", "report_reminder") in received[dt.date(2026, 11, 3)]
    assert ("lly_jfj", "report_reminder") in received[dt.date(2026, 11, 3)]
    assert all(name != "lly_jfj" for name, _kind in received[dt.date(2026, 11, 9)])
    assert ("lly_jsj", "report_overdue") in received[dt.date(2026, 11, 11)]
    assert (director_with_mail.username, "report_summary") in received[dt.date(2026, 11, 11)]
    assert _kinds(liaisons["jsj"]) == [
        f"report-reminder:jsj:jsj_monthly:2026-10:{kind}" for kind in ["d0", "d1", "d5", "overdue"]
    ]
    assert _kinds(liaisons["jfj"]) == ["report-reminder:jfj:jfj_monthly:2026-10:d5"]
    # Eight units x (d5, d1, d0, overdue) minus 经发局's three, plus one summary.
    assert ReminderSent.objects.count() == 8 * 4 - 3 + 1
    summary = Notification.objects.get(recipient=director_with_mail)
    assert "新区经发局" in summary.body and "按时报送" in summary.body
    assert "柳东建设局" in summary.body and "未报送" in summary.body
    # In-app and by e-mail.
    assert len([m for m in mail.outbox if m.to == [liaisons["jsj"].email]]) == 4
    assert "今天截止" in next(m.subject for m in mail.outbox if "今天截止" in m.subject)


def test_a_unit_that_submitted_early_gets_nothing(django_capture_on_commit_callbacks, liaisons):
    report = ReportFactory(unit=liaisons["jsj"].unit, period=dt.date(2026, 10, 1))
    with time_machine.travel(dt.datetime(2026, 11, 2, 10, tzinfo=SHANGHAI), tick=False):
        from reporting.services import report_submit

        report_submit(report=report, by=liaisons["jsj"])
    for day in [dt.date(2026, 11, 3), dt.date(2026, 11, 9), dt.date(2026, 11, 10), dt.date(2026, 11, 11)]:
        _run_daily(day, django_capture_on_commit_callbacks)
    assert not Notification.objects.filter(recipient=liaisons["jsj"]).exists()
    assert not ReminderSent.objects.filter(unit__code="jsj", period="2026-10-01").exists()


def test_running_the_job_twice_sends_each_reminder_once(django_capture_on_commit_callbacks, liaisons):
    _run_daily(dt.date(2026, 11, 3), django_capture_on_commit_callbacks)
    _run_daily(dt.date(2026, 11, 3), django_capture_on_commit_callbacks)
    call_command("send_report_reminders", "--date", "2026-11-03", stdout=io.StringIO())
    assert Notification.objects.filter(recipient=liaisons["jsj"]).count() == 1
    assert len([m for m in mail.outbox if m.to == [liaisons["jsj"].email]]) == 1
    assert ReminderSent.objects.count() == 8


def test_after_days_of_downtime_only_the_latest_reminder_goes_out(
    django_capture_on_commit_callbacks, liaisons
):
    # The job was down from 1 to 10 November: on the 10th it sends the deadline-day reminder, not d5 and d1.
    _run_daily(dt.date(2026, 11, 10), django_capture_on_commit_callbacks)
    assert _kinds(liaisons["jsj"]) == ["report-reminder:jsj:jsj_monthly:2026-10:d0"]
    _run_daily(dt.date(2026, 11, 10), django_capture_on_commit_callbacks)
    assert Notification.objects.filter(recipient=liaisons["jsj"]).count() == 1


def test_a_late_run_after_the_deadline_sends_one_overdue_notice(django_capture_on_commit_callbacks, liaisons):
    _run_daily(dt.date(2026, 11, 16), django_capture_on_commit_callbacks)
    assert _kinds(liaisons["jsj"]) == ["report-reminder:jsj:jsj_monthly:2026-10:overdue"]


def test_nothing_is_sent_on_a_weekend_or_once_the_period_is_locked(
    django_capture_on_commit_callbacks, liaisons
):
    _run_daily(dt.date(2026, 11, 7), django_capture_on_commit_callbacks)  # a Saturday
    _run_daily(dt.date(2026, 12, 1), django_capture_on_commit_callbacks)  # October locked on 30 November
    assert not Notification.objects.filter(recipient=liaisons["jsj"]).exists()


def test_the_command_takes_a_date(liaisons, capsys):
    call_command("send_report_reminders", "--date", "2026-11-09")
    out = capsys.readouterr().out
    assert "jsj jsj_monthly 2026-10 d1" in out
    assert Report.objects.count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_each_reminder_once(liaisons):
    barrier = threading.Barrier(2)
    errors = []

    def work():
        try:
            barrier.wait()
            reminders.reminders_send(today=dt.date(2026, 11, 9))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Notification.objects.filter(recipient=liaisons["jsj"]).count() == 1
    assert ReminderSent.objects.filter(kind="d1").count() == 8
    assert Notification.objects.count() == 8


def test_the_job_runs_a_bounded_number_of_queries(django_assert_max_num_queries, liaisons):
    # Per unit: the submitted check, the later-reminder check, the claim, the recipients and the notification
    # (with its savepoint); the units and the calendar once. Eight units.
    with django_assert_max_num_queries(8 * 14 + 10):
        reminders.reminders_send(today=dt.date(2026, 11, 9))
