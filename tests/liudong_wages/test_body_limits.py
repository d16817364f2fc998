"""Issue 16, finding 8: anonymous bodies of any size were read before the size check. A post without a login
is refused with 413 and a Chinese page from its Content-Length alone, before a byte of the body is read."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from liudong_wages.limits import AnonymousBodyLimitMiddleware


class Untouchable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        raise AssertionError("the body was read")


def _request(length: str, user=None):
    request = RequestFactory().post("/report/", data=b"", content_type="application/octet-stream")
    request.META["CONTENT_LENGTH"] = length
    request.META["wsgi.input"] = Untouchable()
    request._stream = Untouchable()
    request.user = user or AnonymousUser()
    return request


def _reads_post(request) -> HttpResponse:
    request.POST  # noqa: B018 (what a view or the CSRF check would do)
    return HttpResponse("read")


@pytest.mark.parametrize("length", [str(6 * 1024 * 1024 + 1), str(2**40), "-1", "1e9", "１２"])
def test_an_anonymous_oversized_or_malformed_body_is_refused_unread(db, length):
    response = AnonymousBodyLimitMiddleware(_reads_post)(_request(length))
    assert response.status_code in (400, 413)
    if length.isdigit() and length.isascii():
        assert response.status_code == 413
        assert "提交的内容过大" in response.content.decode()


def test_a_signed_in_user_keeps_djangos_own_limits(liaison):
    calls = []
    middleware = AnonymousBodyLimitMiddleware(lambda request: calls.append(request) or HttpResponse("ok"))
    response = middleware(_request(str(8 * 1024 * 1024), user=liaison))
    assert response.status_code == 200 and calls


@pytest.mark.parametrize("url", ["/report/", "/accounts/login/"])
def test_the_public_pages_answer_413_to_a_huge_post(client, db, url):
    response = client.generic(
        "POST", url, data=b"x" * (6 * 1024 * 1024 + 10), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "提交的内容过大" in response.text


def test_a_report_with_its_largest_evidence_still_goes_through(client, db, frozen):
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.models import PublicReport

    frozen(dt.date(2026, 11, 2))
    evidence = SimpleUploadedFile("证据.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 - 100))
    response = client.post(
        "/report/",
        {
            "reporter_name": "覃大力",
            "reporter_id_number": "450204199003071236",
            "reporter_phone": "13977200001",
            "employer_name": "柳州某劳务公司",
            "amount_owed": "12000",
            "period_start": "2026-07-01",
            "period_end": "2026-09-30",
            "worker_count": "3",
            "evidence": evidence,
        },
    )
    assert response.status_code == 200
    assert PublicReport.objects.count() == 1
