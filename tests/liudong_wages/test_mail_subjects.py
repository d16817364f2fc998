"""Issue 16, finding 12: a line break in an employer's name made every alert e-mail about it fail (Django
refuses a header with a line break; five retries, then failed). Subjects are built from single-line text."""

import datetime as dt

import pytest
from django.core import mail

from liudong_wages import notifications
from liudong_wages.models import Notification


@pytest.mark.parametrize(
    "name", ["柳州某劳务\n公司", "柳州某劳务\r\n公司", "柳州某劳务\u2028公司", "柳州\x0b某劳务\t公司"]
)
def test_a_title_with_a_line_break_is_sent_on_one_line(django_capture_on_commit_callbacks, liaison, name):
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(
            recipients=[liaison],
            kind="generic",
            template="generic",
            context={"title": f"网上举报：{name} 拖欠 3 人工资", "body": "请受理。"},
        )
    notification = Notification.objects.get(recipient=liaison)
    assert notification.email_status == Notification.EmailStatus.SENT
    assert len(mail.outbox) == 1
    subject = mail.outbox[0].subject
    assert "\n" not in subject and "\r" not in subject
    assert subject.startswith("网上举报：柳州") and subject.endswith("公司 拖欠 3 人工资")
    assert "\n" not in notification.title


def test_a_message_queued_with_a_line_break_before_the_fix_is_still_delivered(liaison):
    Notification.objects.create(
        recipient=liaison,
        kind="generic",
        title="网上举报：柳州某劳务\n公司",
        body="请受理。",
        email_status=Notification.EmailStatus.PENDING,
    )
    assert notifications.deliver_pending() == 1
    assert mail.outbox[0].subject == "网上举报：柳州某劳务 公司"


def test_a_public_report_naming_an_employer_over_two_lines_reaches_the_office_by_mail(
    client, office_staff, frozen, django_capture_on_commit_callbacks
):
    frozen(dt.date(2026, 11, 2))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/report/",
            {
                "reporter_name": "覃大力",
                "reporter_id_number": "450204199003071236",
                "reporter_phone": "13977200001",
                "employer_name": "柳州某劳务\r\n有限公司",
                "amount_owed": "12000",
                "period_start": "2026-07-01",
                "period_end": "2026-09-30",
                "worker_count": "3",
            },
        )
    assert response.status_code == 200
    sent = [m for m in mail.outbox if office_staff.email in m.to]
    assert sent and all("\n" not in m.subject for m in sent)
    assert (
        not Notification.objects.filter(recipient=office_staff)
        .exclude(email_status=Notification.EmailStatus.SENT)
        .exists()
    )
