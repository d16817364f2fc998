"""The office's reporting board, the list and their exports: states, rates, and a flat query count."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

from reporting import definitions
from reporting.models import Report
from reporting.selectors import board as selectors

from ..factories import MemberUnitFactory, ReportFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _aware(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=SHANGHAI)


def _make(code: str, period: str, submitted: str | None, status=Report.Status.SUBMITTED) -> Report:
    when = _aware(submitted) if submitted else None
    return ReportFactory(
        unit=MemberUnitFactory(code=code),
        report_type=f"{code}_monthly",
        period=dt.date.fromisoformat(period),
        status=status if submitted else Report.Status.DRAFT,
        first_submitted_at=when,
        submitted_at=when,
        return_reason="请补充" if status == Report.Status.RETURNED else "",
    )


@pytest.fixture
def frozen_today():
    with time_machine.travel(_aware("2026-11-16"), tick=False):
        yield dt.date(2026, 11, 16)


def test_board_cells_and_rates(db, frozen_today):
    _make("jsj", "2026-08-01", "2026-09-09")  # on time
    _make("jsj", "2026-09-01", "2026-10-12")  # late: the deadline was 10 October
    _make("jsj", "2026-10-01", "2026-11-10", Report.Status.RETURNED)
    _make("jfj", "2026-11-01", "2026-11-15")  # early, before the month's deadline
    data = selectors.board(start=dt.date(2026, 8, 1), end=dt.date(2026, 11, 1), today=frozen_today)
    rows = {row.definition.code: row for row in data.rows}
    assert [c.state for c in rows["jsj_monthly"].cells] == ["on_time", "late", "returned", "not_due"]
    assert [c.state for c in rows["jfj_monthly"].cells] == ["missing", "missing", "missing", "on_time"]
    assert rows["jsj_monthly"].completeness == 1 and rows["jsj_monthly"].timeliness == pytest.approx(1 / 3)
    assert rows["jfj_monthly"].completeness == pytest.approx(1 / 4)
    # Police and stability office report at any time, in the cases app.
    assert {c.label for c in rows["gaj_ad_hoc"].cells} <= {"随时报送", *map(str, range(100))}


def test_ad_hoc_reports_are_counted_from_the_cases_app(db, frozen_today, police, stability):
    from cases.models import Petition, PoliceWarning

    for day in (dt.date(2026, 10, 2), dt.date(2026, 10, 31), dt.date(2026, 10, 31)):
        PoliceWarning.objects.create(
            reported_on=day, employer_name="某劳务公司", summary="预警", created_by=police
        )
    Petition.objects.create(
        received_on=dt.date(2026, 9, 30),
        petitioner_name="韦某",
        employer_name="某建筑公司",
        summary="上访",
        created_by=stability,
    )
    data = selectors.board(start=dt.date(2026, 9, 1), end=dt.date(2026, 10, 1), today=frozen_today)
    rows = {row.unit.code: row for row in data.rows}
    assert [c.label for c in rows["gaj"].cells] == ["0", "3"]
    assert [c.label for c in rows["zzb"].cells] == ["1", "0"]


def _seed(months: int) -> None:
    start = dt.date(2026, 11 - months, 1)
    for code in ["bgs", "jfj", "czj", "shswj", "gh", "jsj", "gsj", "jczd"]:
        period = start
        for _ in range(months):
            _make(code, period.isoformat(), (period.replace(day=28) + dt.timedelta(days=10)).isoformat())
            period = (period + dt.timedelta(days=32)).replace(day=1)


@pytest.mark.parametrize("months", [2, 8])
def test_the_board_query_count_does_not_grow(
    client, director, months, django_assert_max_num_queries, frozen_today
):
    _seed(months)
    client.force_login(director)
    start = dt.date(2026, 11 - months, 1)
    # Session, user and groups/permissions (5), unread count (1), units (1), reports (1), the calendar's
    # office entries for each year touched (2 per year, cached), plus slack for the provider.
    with django_assert_max_num_queries(14):
        response = client.get(f"/reporting/board/?start={start:%Y-%m}&end=2026-10")
    assert response.status_code == 200
    assert response.text.count("cell-on_time") == 8 * months


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_query_count_does_not_grow(
    client, office_staff, count, django_assert_max_num_queries, frozen_today
):
    for n in range(count):
        ReportFactory(period=dt.date(2026 - n // 10, 10 - n % 10, 1))
    client.force_login(office_staff)
    # Session, user, permissions (5), unread count, the count and the page of reports, calendar entries.
    with django_assert_max_num_queries(16):
        response = client.get("/reporting/reports/?report_type=jsj_monthly")
    assert response.status_code == 200
    assert len(response.context["reports"]) == count


def test_the_list_filters_pages_and_exports(client, office_staff, frozen_today):
    for month in range(1, 11):
        ReportFactory(period=dt.date(2026, month, 1))
    ReportFactory(unit=MemberUnitFactory(code="jfj"), report_type="jfj_monthly", period=dt.date(2026, 10, 1))
    client.force_login(office_staff)
    page = client.get("/reporting/reports/?report_type=jfj_monthly")
    assert len(page.context["reports"]) == 1
    export = client.get("/reporting/reports/export.xlsx?report_type=jsj_monthly&year=2026")
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("单位", "报表", "期间")
    assert len(rows) == 11 and rows[1][0] == "柳东建设局" and rows[1][2] == "2026年10月"


def test_the_list_filters_by_unit_status_year_and_month_and_an_odd_value_lists_everything(
    client, office_staff, frozen_today
):
    """reporting.filters.ReportFilter: each box narrows the list and its export alike; a value that cannot be
    read (a year out of range, an unknown unit) marks its box and lists every report, never a part."""
    jsj = MemberUnitFactory(code="jsj")
    for month in (9, 10):
        ReportFactory(unit=jsj, period=dt.date(2026, month, 1))
    _make("jsj", "2025-10-01", "2025-11-10", status=Report.Status.ACCEPTED)
    jfj = ReportFactory(
        unit=MemberUnitFactory(code="jfj"), report_type="jfj_monthly", period=dt.date(2026, 10, 1)
    )
    client.force_login(office_staff)

    def listed(query: str) -> list[tuple[str, str]]:
        response = client.get(f"/reporting/reports/?{query}")
        assert response.status_code == 200
        return [(r.unit.code, r.period.isoformat()) for r in response.context["reports"]]

    assert listed(f"unit={jfj.unit.pk}") == [("jfj", "2026-10-01")]
    assert listed("year=2025") == [("jsj", "2025-10-01")]
    assert listed("status=accepted") == [("jsj", "2025-10-01")]
    assert sorted(listed("month=10&year=2026")) == [("jfj", "2026-10-01"), ("jsj", "2026-10-01")]
    assert listed("month=9&report_type=jsj_monthly") == [("jsj", "2026-09-01")]
    for odd in ("year=99999&month=9", "month=9&unit=abc", "month=9.5", "month=9&status=gone", "year=%00"):
        response = client.get(f"/reporting/reports/?{odd}")
        assert response.status_code == 200 and len(response.context["reports"]) == 4, odd
        assert response.context["form"].errors, odd
        assert "is-invalid" in response.content.decode(), odd
    form = client.get("/reporting/reports/").context["form"]
    assert list(form.fields["status"].choices) == [("", "—"), *Report.Status.choices]
    assert list(form.fields["report_type"].choices) == [("", "—"), *definitions.choices()]
    export = client.get("/reporting/reports/export.xlsx?year=2025")
    rows = list(
        load_workbook(io.BytesIO(b"".join(export.streaming_content)))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    assert len(rows) == 2 and rows[1][2] == "2025年10月"
    export = client.get("/reporting/reports/export.xlsx?year=99999")
    assert len(list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).worksheets[0].rows)) == 5


def test_the_board_exports_to_excel(client, director, frozen_today):
    _make("jsj", "2026-09-01", "2026-10-12")
    client.force_login(director)
    response = client.get("/reporting/board/export.xlsx?start=2026-09&end=2026-10")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert rows["单位"][2:] == ("2026-09", "2026-10", "报送率", "及时率")
    assert rows["柳东建设局"][2:] == ("逾期", "未报", "50%", "0%")


def test_a_liaison_does_not_see_the_board(client, liaison):
    client.force_login(liaison)
    assert client.get("/reporting/board/").status_code == 403
    assert "报送看板" not in client.get("/reporting/reports/").text
