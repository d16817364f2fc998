from unittest import mock

from django.core import mail

from liudong_wages import notifications
from liudong_wages.models import Notification


def _send(django_capture_on_commit_callbacks, **kwargs):
    defaults = {
        "kind": "generic",
        "template": "generic",
        "context": {
            "title": "请于10日前报送10月份新开工项目信息",
            "body": "柳东建设局：距截止日还有5个工作日。",
        },
        "url": "/units/jsj/",
    }
    with django_capture_on_commit_callbacks(execute=True):
        return notifications.notify(**{**defaults, **kwargs})


def test_notify_writes_the_inbox_and_sends_the_email(django_capture_on_commit_callbacks, liaison, client):
    _send(django_capture_on_commit_callbacks, recipients=[liaison])
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.subject == "请于10日前报送10月份新开工项目信息"
    assert email.to == [liaison.email]
    assert "距截止日还有5个工作日" in email.body
    assert "/units/jsj/" in email.body
    assert email.alternatives and "text/html" in email.alternatives[0][1]
    notification = Notification.objects.get(recipient=liaison)
    assert notification.email_status == Notification.EmailStatus.SENT

    client.force_login(liaison)
    assert "请于10日前报送10月份新开工项目信息" in client.get("/notifications/").text


def test_the_same_key_is_sent_once(django_capture_on_commit_callbacks, liaison):
    first = _send(django_capture_on_commit_callbacks, recipients=[liaison], key="reminder:jsj:2026-10:d5")
    second = _send(django_capture_on_commit_callbacks, recipients=[liaison], key="reminder:jsj:2026-10:d5")
    assert len(first) == 1
    assert second == []
    assert Notification.objects.filter(recipient=liaison).count() == 1
    assert len(mail.outbox) == 1


def test_notify_units_reaches_every_active_user_of_the_units(
    django_capture_on_commit_callbacks, liaison, unit
):
    from ..factories import UserFactory

    colleague = UserFactory(unit=unit)
    UserFactory(unit=unit, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_units(
            units=[unit], kind="generic", template="generic", context={"title": "通知", "body": ""}
        )
    assert set(Notification.objects.values_list("recipient", flat=True)) == {liaison.pk, colleague.pk}


def test_with_the_broker_down_the_email_waits_in_the_outbox(django_capture_on_commit_callbacks, liaison):
    with mock.patch(
        "liudong_wages.tasks.deliver_pending_email.delay", side_effect=ConnectionError("redis down")
    ):
        _send(django_capture_on_commit_callbacks, recipients=[liaison])
    assert mail.outbox == []
    assert Notification.objects.get().email_status == Notification.EmailStatus.PENDING
    # The minute job runs once the broker is back.
    assert notifications.deliver_pending() == 1
    assert notifications.deliver_pending() == 0
    assert len(mail.outbox) == 1


def test_a_failed_smtp_send_is_retried_later(django_capture_on_commit_callbacks, liaison):
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down")):
        _send(django_capture_on_commit_callbacks, recipients=[liaison])
    notification = Notification.objects.get()
    assert notification.email_status == Notification.EmailStatus.PENDING
    assert notification.email_attempts == 1
    assert notifications.deliver_pending() == 1
    assert len(mail.outbox) == 1


def test_a_claim_left_by_a_dead_worker_is_sent_after_the_timeout(liaison):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from ..factories import NotificationFactory

    now = timezone.now()
    NotificationFactory(
        recipient=liaison,
        email_status=Notification.EmailStatus.SENDING,
        emailed_at=now - dt.timedelta(minutes=2),
    )
    assert notifications.deliver_pending() == 0  # another worker may still be sending it
    with time_machine.travel(now + notifications.CLAIM_TIMEOUT, tick=False):
        assert notifications.deliver_pending() == 1
    assert len(mail.outbox) == 1


def test_a_user_without_email_gets_the_inbox_message_only(django_capture_on_commit_callbacks, liaison):
    liaison.email = ""
    liaison.save()
    _send(django_capture_on_commit_callbacks, recipients=[liaison])
    assert Notification.objects.get().email_status == Notification.EmailStatus.NONE
    assert mail.outbox == []


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, liaison):
    from ..factories import NotificationFactory

    notification = NotificationFactory(recipient=liaison, url="/units/jsj/")
    client.force_login(liaison)
    response = client.post(f"/notifications/{notification.pk}/open/")
    assert response["Location"] == "/units/jsj/"
    notification.refresh_from_db()
    assert notification.is_read


def test_a_link_to_another_site_is_not_followed(client, liaison):
    from ..factories import NotificationFactory

    notification = NotificationFactory(recipient=liaison, url="https://evil.example/")
    client.force_login(liaison)
    assert client.post(f"/notifications/{notification.pk}/open/")["Location"] == "/notifications/"


def test_nobody_opens_another_users_notification(client, liaison, other_liaison):
    from ..factories import NotificationFactory

    notification = NotificationFactory(recipient=other_liaison)
    client.force_login(liaison)
    assert client.post(f"/notifications/{notification.pk}/open/").status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read
