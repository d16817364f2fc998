"""Issue 16, finding 7: the public report's limit per address. It held 8 of 12 parallel posts with a limit of
5 (counted, then inserted, without a lock), and keyed on REMOTE_ADDR, which behind the proxy is the proxy's
own address. Now the count and the insert are one step under a lock of the address, and the address is the
one the last trusted proxy saw."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.test import Client, RequestFactory

from cases.models import PublicReport
from liudong_wages.clients import client_ip

GOOD = {
    "reporter_name": "覃大力",
    "reporter_id_number": "450204199003071236",
    "reporter_phone": "13977200001",
    "employer_name": "柳州某劳务公司",
    "amount_owed": "12000",
    "period_start": "2026-07-01",
    "period_end": "2026-09-30",
    "worker_count": "3",
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twelve_parallel_reports_from_one_address_save_exactly_the_limit(settings, frozen, monkeypatch):
    frozen(dt.date(2026, 11, 2))
    settings.LIUDONG = {**settings.LIUDONG, "PUBLIC_REPORT_MAX_PER_HOUR": 5}
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", True)
    barrier = threading.Barrier(12)
    statuses: list[int] = []

    def post() -> None:
        try:
            client = Client(REMOTE_ADDR="203.0.113.7")
            barrier.wait(timeout=20)
            response = client.post("/report/", GOOD | {"captcha_0": "x", "captcha_1": "PASSED"})
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(statuses) == 12 and all(status < 500 for status in statuses)
    assert PublicReport.objects.filter(ip_address="203.0.113.7").count() == 5


@pytest.mark.parametrize(
    ("depth", "remote", "forwarded", "expected"),
    [
        (0, "10.0.0.2", "198.51.100.1", "10.0.0.2"),  # no proxy: the header is anyone's to write
        (1, "10.0.0.2", "198.51.100.1", "198.51.100.1"),
        (1, "10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # a forged entry at the left is ignored
        (2, "10.0.0.3", "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (2, "10.0.0.3", "198.51.100.1", "10.0.0.3"),  # fewer hops than proxies: only the connection counts
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", "", "10.0.0.2"),
        (1, "10.0.0.2", " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_from_the_trusted_proxy_depth(
    settings, depth, remote, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = depth
    request = RequestFactory().get("/report/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_behind_the_proxy_each_reporter_has_a_limit_of_their_own(client, db, settings, frozen, monkeypatch):
    frozen(dt.date(2026, 11, 2))
    settings.TRUSTED_PROXY_COUNT = 1
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", True)
    settings.LIUDONG = {**settings.LIUDONG, "PUBLIC_REPORT_MAX_PER_HOUR": 1}
    data = GOOD | {"captcha_0": "x", "captcha_1": "PASSED"}
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    assert client.post("/report/", data, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 200
    assert client.post("/report/", data, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code == 200
    assert client.post("/report/", data, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 429
    assert sorted(PublicReport.objects.values_list("ip_address", flat=True)) == [
        "198.51.100.1",
        "198.51.100.2",
    ]
