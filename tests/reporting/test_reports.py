"""A unit's report through its life: draft, submitted, returned, submitted again, accepted; access; locking."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from reporting import services
from reporting.models import Report, ReportEvent

from ..factories import ReportFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(day: str, hour: int = 10):
    """That day at that hour in Beijing. Log in inside it: a login of the real day has expired by then."""
    return time_machine.travel(dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=SHANGHAI), tick=False)


def _form_data(**header):
    data = {
        "h-project_count": "1",
        "h-remarks": "",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "500",
        "items-0-name": "柳东新区第二小学",
        "items-0-location": "柳东新区官塘大道",
        "items-0-owner": "柳东新区教育局",
        "items-0-contractor": "广西建工集团",
        "items-0-kind": "房屋建筑",
        "items-0-contract_amount": "36000000",
        "items-0-started_on": "2026-10-12",
        "items-0-workers": "120",
        "items-0-wage_account": "是",
    }
    data.update(header)
    return data


def test_a_liaison_fills_in_and_submits_last_months_report(client, liaison):
    with _at("2026-11-04"):
        client.force_login(liaison)
        page = client.get("/reporting/reports/")
        assert "新开工项目信息（2026年10月）" in page.text
        assert client.get("/reporting/types/jsj_monthly/2026-10/").status_code == 200
        response = client.post("/reporting/types/jsj_monthly/2026-10/", {**_form_data(), "submit": "1"})
        detail = client.get(response.url)
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == f"/reporting/reports/{report.pk}/"
    assert report.unit == liaison.unit
    assert report.status == Report.Status.SUBMITTED
    assert report.body["items"][0]["contract_amount"] == "36000000.00"
    assert report.body["items"][0]["wage_account"] is True
    assert report.on_time is True
    assert list(report.events.values_list("kind", flat=True)) == ["created", "saved", "submitted"]
    assert "柳东新区第二小学" in detail.text and "36,000,000.00" in detail.text


def test_a_report_missing_required_cells_is_saved_as_a_draft_but_not_submitted(client, liaison):
    data = _form_data()
    data["items-0-contractor"] = ""
    with _at("2026-11-04"):
        client.force_login(liaison)
        client.post("/reporting/types/jsj_monthly/2026-10/", {**data, "submit": "1"})
        report = Report.objects.get()
        page = client.get(f"/reporting/reports/{report.pk}/edit/")
    assert report.status == Report.Status.DRAFT
    assert "“施工总承包单位”必须填写" in page.text


def test_bad_input_shows_the_form_again_and_saves_nothing(client, liaison):
    data = _form_data(**{"items-0-started_on": "下个月"})
    with _at("2026-11-04"):
        client.force_login(liaison)
        response = client.post("/reporting/types/jsj_monthly/2026-10/", data)
        assert response.status_code == 200
        report = Report.objects.get()  # the draft exists, its content was not saved
    assert report.body["items"] == []


def test_returned_then_submitted_again_stays_on_time(liaison, office_staff):
    report = ReportFactory(unit=liaison.unit)
    with _at("2026-11-09"):
        services.report_submit(report=report, by=liaison)
    with _at("2026-11-12"):
        services.report_return(report=report, by=office_staff, reason="请补充施工许可证号。")
        report.refresh_from_db()
        assert report.status == Report.Status.RETURNED
        services.report_submit(report=report, by=liaison)
        services.report_accept(report=report, by=office_staff)
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED
    assert report.on_time is True
    assert report.first_submitted_at.astimezone(SHANGHAI).date() == dt.date(2026, 11, 9)
    assert list(report.events.values_list("kind", flat=True)) == [
        "submitted",
        "returned",
        "submitted",
        "accepted",
    ]


def test_a_first_submission_after_the_deadline_is_late(liaison):
    report = ReportFactory(unit=liaison.unit)
    with _at("2026-11-11"):
        services.report_submit(report=report, by=liaison)
    report.refresh_from_db()
    assert report.on_time is False


def test_returning_needs_a_reason(liaison, office_staff):
    report = ReportFactory(unit=liaison.unit)
    with _at("2026-11-09"):
        services.report_submit(report=report, by=liaison)
    with pytest.raises(ValidationError, match="理由"):
        services.report_return(report=report, by=office_staff, reason="  ")


def test_a_period_locks_and_the_office_reopens_it(client, liaison, office_staff):
    # October's deadline is 10 November; it locks 20 days later, after 30 November.
    report = ReportFactory(unit=liaison.unit)
    with _at("2026-12-01"):
        client.force_login(liaison)
        with pytest.raises(ValidationError, match="锁定"):
            services.report_submit(report=report, by=liaison)
        client.force_login(office_staff)
        response = client.post("/reporting/types/jsj_monthly/2026-10/reopen/", {"reason": "单位人员变动"})
        assert response.status_code == 302
        services.report_submit(report=report, by=liaison)
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert report.reopened_at is None  # the next submission closes it again
    assert report.on_time is False
    assert report.events.filter(kind=ReportEvent.Kind.REOPENED, by=office_staff).exists()


def test_a_missing_locked_period_cannot_be_started_until_reopened(liaison, office_staff):
    with _at("2026-12-01"):
        with pytest.raises(ValidationError, match="锁定"):
            services.report_start(
                unit=liaison.unit, report_type="jsj_monthly", period=dt.date(2026, 10, 1), by=liaison
            )
        report = services.report_reopen(
            unit=liaison.unit,
            report_type="jsj_monthly",
            period=dt.date(2026, 10, 1),
            by=office_staff,
            reason="联络员调整，经主任同意补报",
        )
    assert report.status == Report.Status.DRAFT and report.reopened_at is not None


def test_no_report_for_a_future_period(liaison):
    with _at("2026-11-04"), pytest.raises(ValidationError, match="尚未开始"):
        services.report_start(
            unit=liaison.unit, report_type="jsj_monthly", period=dt.date(2026, 12, 1), by=liaison
        )


def test_a_liaison_cannot_open_or_submit_another_units_report(client, liaison, other_unit):
    report = ReportFactory(unit=other_unit, report_type="jfj_monthly")
    client.force_login(liaison)
    assert client.get(f"/reporting/reports/{report.pk}/").status_code == 404
    assert client.get(f"/reporting/reports/{report.pk}/edit/").status_code == 404
    assert client.post(f"/reporting/reports/{report.pk}/submit/").status_code == 404
    assert client.get("/reporting/types/jfj_monthly/2026-10/").status_code == 404
    assert client.post("/reporting/types/jfj_monthly/2026-10/", {"submit": "1"}).status_code == 404
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    assert report.pk not in [r.pk for r in client.get("/reporting/reports/").context["reports"]]


def test_a_liaison_cannot_review_and_the_office_cannot_submit(client, liaison, office_staff):
    report = ReportFactory(unit=liaison.unit)
    with _at("2026-11-09"):
        client.force_login(office_staff)
        assert client.post(f"/reporting/reports/{report.pk}/submit/").status_code == 403
        assert client.get(f"/reporting/reports/{report.pk}/edit/").status_code == 403
        services.report_submit(report=report, by=liaison)
        client.force_login(liaison)
        assert client.post(f"/reporting/reports/{report.pk}/accept/").status_code == 403
        client.force_login(office_staff)
        response = client.post(f"/reporting/reports/{report.pk}/return/", {"reason": "请补充"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED and report.return_reason == "请补充"


def test_an_outsider_sees_no_reports(client, outsider):
    report = ReportFactory()
    client.force_login(outsider)
    assert client.get(f"/reporting/reports/{report.pk}/").status_code == 404
    assert client.get("/reporting/reports/").status_code == 403
    assert client.get("/reporting/board/").status_code == 403


def test_a_report_takes_an_attachment(client, liaison):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = ReportFactory(unit=liaison.unit)
    pdf = SimpleUploadedFile("说明.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    with _at("2026-11-04"):
        client.force_login(liaison)
        client.post(f"/reporting/reports/{report.pk}/attach/", {"file": pdf, "description": "项目清单"})
        page = client.get(f"/reporting/reports/{report.pk}/")
    assert "说明.pdf" in page.text
    fake = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    with _at("2026-11-04"):
        client.post(f"/reporting/reports/{report.pk}/attach/", {"file": fake})
    from liudong_wages.models import Attachment

    assert Attachment.objects.count() == 1
