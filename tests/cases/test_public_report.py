"""The public report form at /report/ (no login) and the tracking page."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases import services
from cases.models import Case, PublicReport
from liudong_wages.models import Notification

GOOD = {
    "reporter_name": "覃大力",
    "reporter_id_number": "450204199003071236",
    "reporter_phone": "13977200001",
    "employer_name": "柳州某劳务公司",
    "project_name": "柳东新区某小区 3 号楼",
    "amount_owed": "12000",
    "period_start": "2026-07-01",
    "period_end": "2026-09-30",
    "worker_count": "3",
    "description": "完工后老板一直拖着不发。",
}


@pytest.fixture(autouse=True)
def today(frozen):
    frozen(dt.date(2026, 11, 2))


def test_a_report_gets_a_tracking_code_and_tells_the_office(client, db, office_staff):
    response = client.post("/report/", GOOD)
    assert response.status_code == 200
    report = PublicReport.objects.get()
    assert report.tracking_code in response.text
    assert report.accept_due == dt.date(2026, 11, 3)
    assert Notification.objects.filter(recipient=office_staff, kind="case_public_report").exists()
    track = client.get("/report/track/", {"code": report.tracking_code.lower()})
    assert "已提交，待处理" in track.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount_owed", "-100", "欠薪金额必须大于零"),
        ("period_start", "2026-12-01", "不能是将来的日期"),
        ("period_end", "2027-01-31", "不能是将来的日期"),
        ("reporter_id_number", "450204199003071235", "身份证号无效"),
        ("reporter_phone", "12345", "11 位手机号码"),
    ],
)
def test_bad_input_shows_a_clear_error_and_saves_nothing(client, db, field, value, message):
    response = client.post("/report/", {**GOOD, field: value})
    assert response.status_code == 200
    assert message in response.text
    assert not PublicReport.objects.exists()


def test_an_oversized_upload_is_refused_and_nothing_is_saved(client, db):
    big = SimpleUploadedFile("evidence.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 1), "application/pdf")
    response = client.post("/report/", {**GOOD, "evidence": big})
    assert response.status_code == 200
    assert "过大" in response.text
    assert not PublicReport.objects.exists()


def test_a_file_that_is_not_a_picture_or_pdf_is_refused(client, db):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a picture", "image/jpeg")
    response = client.post("/report/", {**GOOD, "evidence": fake})
    assert "不是允许的类型" in response.text
    assert not PublicReport.objects.exists()


def test_the_honeypot_drops_a_bot_silently(client, db):
    response = client.post("/report/", {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not PublicReport.objects.exists()


def test_the_rate_limit_per_address(client, db, settings, monkeypatch):
    settings.LIUDONG = {**settings.LIUDONG, "PUBLIC_REPORT_MAX_PER_HOUR": 2}
    # The captcha from an address's second report (tests/cases/test_public_report_captcha.py).
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", True)
    solved = {**GOOD, "captcha_0": "x", "captcha_1": "PASSED"}
    assert client.post("/report/", GOOD, REMOTE_ADDR="10.0.0.7").status_code == 200
    assert client.post("/report/", solved, REMOTE_ADDR="10.0.0.7").status_code == 200
    third = client.post("/report/", solved, REMOTE_ADDR="10.0.0.7")
    assert third.status_code == 429 and "过于频繁" in third.text
    assert PublicReport.objects.count() == 2
    assert client.post("/report/", GOOD, REMOTE_ADDR="10.0.0.8").status_code == 200


def test_the_office_accepts_into_a_new_case_and_the_reporter_sees_it(client, db, inspector):
    client.post("/report/", GOOD)
    report = PublicReport.objects.get()
    client.force_login(inspector)
    response = client.post(f"/cases/public-reports/{report.pk}/accept/", {"accept-reply": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == PublicReport.Status.ACCEPTED
    assert report.case.source == Case.Source.PUBLIC_REPORT
    client.logout()
    track = client.get("/report/track/", {"code": report.tracking_code})
    assert "已受理" in track.text and report.case.number in track.text


def test_the_office_joins_a_report_to_an_existing_case(db, inspector):
    report = services.public_report_submit(**{**_cleaned(), "ip_address": "10.0.0.1"})
    case = services.case_receive(
        by=inspector,
        source="complaint",
        respondent_name="柳州某劳务公司",
        summary="x",
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 9, 30),
    )
    services.public_report_accept(report=report, by=inspector, case=case)
    report.refresh_from_db()
    assert report.case == case
    assert Case.objects.count() == 1


def test_a_rejection_needs_a_reason_the_reporter_reads(client, db, inspector):
    report = services.public_report_submit(**_cleaned())
    with pytest.raises(Exception, match="理由"):
        services.public_report_reject(report=report, by=inspector, reason="")
    services.public_report_reject(report=report, by=inspector, reason="经核实已通过仲裁解决。")
    track = client.get("/report/track/", {"code": report.tracking_code})
    assert "不予受理" in track.text and "经核实已通过仲裁解决" in track.text


def _cleaned():
    from decimal import Decimal

    return {
        **{
            k: v
            for k, v in GOOD.items()
            if k not in ("amount_owed", "period_start", "period_end", "worker_count")
        },
        "amount_owed": Decimal("12000"),
        "period_start": dt.date(2026, 7, 1),
        "period_end": dt.date(2026, 9, 30),
        "worker_count": 3,
    }
