"""Reopening a locked period (DESIGN.md section 4, "the office can reopen one unit's period"): from its cell on
the board or from the report's page, by the office only, for what it may see, with a reason, by POST."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from reporting.models import Report, ReportEvent

from ..factories import ReportFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
# On 16 November 2026 August and September are locked (deadlines 10 September and 10 October, locked 20 days
# later); October's deadline (10 November) has passed, but it locks only after 30 November.
BOARD = "/reporting/board/?start=2026-08&end=2026-10"
REOPEN_SEPTEMBER = "/reporting/types/jfj_monthly/2026-09/reopen/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 11, 16, 10, tzinfo=SHANGHAI), tick=False):
        yield


def _reopen_forms(html: str) -> list[str]:
    """The reopen addresses the board offers, one per locked cell."""
    return re.findall(r'action="(/reporting/types/[^"]+/reopen/)"', html)


def _row(html: str, title: str) -> str:
    """The board's row of one report type."""
    return next(row for row in html.split("<tr>") if title in row)


def test_the_board_offers_to_reopen_only_the_locked_periods(client, director):
    client.force_login(director)
    row = _row(client.get(BOARD).text, "新审批项目")  # 经发局 reported nothing
    assert _reopen_forms(row) == [
        "/reporting/types/jfj_monthly/2026-08/reopen/",
        "/reporting/types/jfj_monthly/2026-09/reopen/",
    ]
    assert row.count("cell-missing") == 3  # October is missing too, but the unit can still send it
    assert 'name="reason"' in row and "required" in row


def test_the_office_reopens_a_missing_period_from_the_board(client, office_staff, other_liaison):
    client.force_login(office_staff)
    response = client.post(REOPEN_SEPTEMBER, {"reason": "联络员调整，经主任同意补报"})
    report = Report.objects.get(
        unit=other_liaison.unit, report_type="jfj_monthly", period=dt.date(2026, 9, 1)
    )
    assert response.status_code == 302 and response.url == f"/reporting/reports/{report.pk}/"
    assert report.status == Report.Status.DRAFT and report.reopened_at is not None
    event = report.events.get(kind=ReportEvent.Kind.REOPENED)
    assert (event.by, event.note) == (office_staff, "联络员调整，经主任同意补报")
    assert "联络员调整，经主任同意补报" in client.get(response.url).text

    # The board says so instead of offering it again; the unit can now write and send September.
    row = _row(client.get(BOARD).text, "新审批项目")
    assert _reopen_forms(row) == ["/reporting/types/jfj_monthly/2026-08/reopen/"]
    assert "已重新开放" in row
    client.force_login(other_liaison)
    assert client.get("/reporting/types/jfj_monthly/2026-09/").url == f"/reporting/reports/{report.pk}/edit/"


def test_a_returned_report_locked_since_is_reopened_from_its_page(client, office_staff, liaison):
    report = ReportFactory(
        unit=liaison.unit,
        period=dt.date(2026, 9, 1),
        status=Report.Status.RETURNED,
        first_submitted_at=dt.datetime(2026, 10, 9, 10, tzinfo=SHANGHAI),
        submitted_at=dt.datetime(2026, 10, 9, 10, tzinfo=SHANGHAI),
        return_reason="请补充合同金额",
    )
    client.force_login(office_staff)
    page = client.get(f"/reporting/reports/{report.pk}/").text
    assert 'id="report-reopen"' in page and "重新开放理由" in page
    assert _reopen_forms(_row(client.get(BOARD).text, "新开工项目")) == [
        "/reporting/types/jsj_monthly/2026-08/reopen/",
        "/reporting/types/jsj_monthly/2026-09/reopen/",
    ]
    client.post("/reporting/types/jsj_monthly/2026-09/reopen/", {"reason": "退回后单位未及时改正"})
    report.refresh_from_db()
    assert report.reopened_at is not None and report.status == Report.Status.RETURNED
    assert 'id="report-reopen"' not in client.get(f"/reporting/reports/{report.pk}/").text


@pytest.mark.parametrize(
    ("data", "url", "message"),
    [
        ({}, REOPEN_SEPTEMBER, "必须说明理由"),
        ({"reason": "   "}, REOPEN_SEPTEMBER, "必须说明理由"),
        ({"reason": "长" * 501}, REOPEN_SEPTEMBER, "必须说明理由"),
        ({"reason": "提前开放"}, "/reporting/types/jfj_monthly/2026-10/reopen/", "才锁定"),
    ],
)
def test_reopening_needs_a_reason_and_a_locked_period(client, office_staff, data, url, message):
    client.force_login(office_staff)
    response = client.post(url, data, follow=True)
    assert message in response.text
    assert not Report.objects.exists() and not ReportEvent.objects.exists()


def test_a_period_is_reopened_once(client, office_staff):
    client.force_login(office_staff)
    client.post(REOPEN_SEPTEMBER, {"reason": "补报"})
    response = client.post(REOPEN_SEPTEMBER, {"reason": "再次补报"}, follow=True)
    assert "已重新开放" in response.text
    assert ReportEvent.objects.filter(kind=ReportEvent.Kind.REOPENED).count() == 1


def test_reopening_is_a_post(client, office_staff):
    client.force_login(office_staff)
    assert client.get(REOPEN_SEPTEMBER).status_code == 405
    assert not Report.objects.exists()


def test_only_the_office_reopens_and_only_what_it_may_see(client, inspector, liaison, other_liaison):
    own = ReportFactory(unit=liaison.unit, period=dt.date(2026, 9, 1))
    data = {"reason": "补报"}
    # The inspector sees every unit's reports but may not reopen: refused, and offered nothing on the board.
    client.force_login(inspector)
    assert client.post(REOPEN_SEPTEMBER, data).status_code == 403
    assert client.post("/reporting/types/jsj_monthly/2026-09/reopen/", data).status_code == 403
    assert _reopen_forms(client.get(BOARD).text) == []
    # A liaison may not reopen their own unit's period, and does not see another unit's, row or not.
    client.force_login(liaison)
    assert client.post("/reporting/types/jsj_monthly/2026-09/reopen/", data).status_code == 403
    assert client.post(REOPEN_SEPTEMBER, data).status_code == 404
    client.force_login(other_liaison)
    assert client.post("/reporting/types/jsj_monthly/2026-09/reopen/", data).status_code == 404
    own.refresh_from_db()
    assert own.reopened_at is None
    assert not Report.objects.filter(report_type="jfj_monthly").exists()
    assert not ReportEvent.objects.filter(kind=ReportEvent.Kind.REOPENED).exists()


@pytest.mark.parametrize("units", [2, 8])
def test_the_board_with_locked_cells_costs_the_same_queries(
    client, director, units, django_assert_max_num_queries
):
    from liudong_wages.models import MemberUnit
    from reporting import definitions

    for definition in definitions.periodic()[:units]:  # started and never sent: locked drafts with their rows
        for month in (8, 9):
            ReportFactory(
                unit=MemberUnit.objects.get(code=definition.unit_code),
                report_type=definition.code,
                period=dt.date(2026, month, 1),
            )
    client.force_login(director)
    # As the board's own count (tests/reporting/test_board.py), plus one: which locked reports were reopened.
    with django_assert_max_num_queries(15):
        response = client.get(BOARD)
    assert response.status_code == 200
