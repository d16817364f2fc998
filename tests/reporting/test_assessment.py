"""The yearly assessment of member units (督查考核): reports on time, late and missing as the reporting board
counts them, supervision tasks done on time, restriction measures recorded; the page, the PDF and the Excel
export, at a query count that does not grow with the data."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from enterprises.models import RestrictionMeasure
from reporting.models import Report, SupervisionTask
from reporting.selectors import assessment
from reporting.selectors import board as selectors

from ..factories import DishonestListingFactory, MemberUnitFactory, ReportFactory, SupervisionTaskFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 11, 16)


def _aware(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=SHANGHAI)


def _report(code: str, period: str, submitted: str | None, status=Report.Status.SUBMITTED) -> Report:
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


def _task(code: str, due: str, status=SupervisionTask.Status.OPEN, reported: str | None = None):
    when = _aware(reported) if reported else None
    return SupervisionTaskFactory(
        unit=MemberUnitFactory(code=code),
        due_on=dt.date.fromisoformat(due),
        status=status,
        reported_at=when,
        accepted_at=when + dt.timedelta(days=1) if status == SupervisionTask.Status.ACCEPTED else None,
    )


@pytest.fixture
def frozen_today():
    with time_machine.travel(_aware("2026-11-16"), tick=False):
        yield TODAY


@pytest.fixture
def known_data(db, frozen_today):
    _report("jsj", "2026-08-01", "2026-09-09")  # on time
    _report("jsj", "2026-09-01", "2026-10-12")  # late: due 10 October
    _report("jsj", "2026-10-01", "2026-11-10", Report.Status.RETURNED)
    _report("jfj", "2026-01-01", "2026-02-05")
    _report("jfj", "2025-12-01", "2026-01-05")  # another year's period
    _task("jsj", "2026-06-30", SupervisionTask.Status.ACCEPTED, reported="2026-06-30")  # on time
    _task("jsj", "2026-07-31", SupervisionTask.Status.ACCEPTED, reported="2026-08-03")  # late
    _task("jsj", "2026-10-31")  # open, overdue
    _task("jsj", "2026-12-31")  # open, not yet due
    _task("jsj", "2025-12-31")  # last year's
    _task("jfj", "2026-09-30", SupervisionTask.Status.REPORTED, reported="2026-09-29")
    listing = DishonestListingFactory()
    RestrictionMeasure.objects.create(
        listing=listing,
        unit=MemberUnitFactory(code="jsj"),
        status=RestrictionMeasure.Status.RECORDED,
        measures="限制参与新区政府投资项目招投标",
        taken_on=dt.date(2026, 5, 6),
    )
    RestrictionMeasure.objects.create(listing=listing, unit=MemberUnitFactory(code="jfj"))


def test_the_assessment_on_known_data(known_data):
    data = assessment.assessment(year=2026, today=TODAY)
    rows = {row.unit.code: row for row in data.rows}
    jsj, jfj = rows["jsj"], rows["jfj"]
    assert (jsj.reports_on_time, jsj.reports_late, jsj.reports_returned) == (1, 1, 1)
    # January to July were never reported; November is not due yet.
    assert jsj.reports_missing == 7
    assert (jfj.reports_on_time, jfj.reports_late, jfj.reports_missing) == (1, 0, 9)
    assert (jsj.tasks_total, jsj.tasks_on_time, jsj.tasks_late, jsj.tasks_overdue) == (4, 1, 1, 1)
    assert (jfj.tasks_total, jfj.tasks_on_time, jfj.tasks_overdue) == (1, 0, 0)
    assert (jsj.measures_recorded, jsj.measures_pending) == (1, 0)
    assert (jfj.measures_recorded, jfj.measures_pending) == (0, 1)
    assert rows["gaj"].reports_due == 0 and rows["gaj"].timeliness is None


def test_report_counts_equal_the_reporting_boards(known_data):
    data = assessment.assessment(year=2026, today=TODAY)
    board = selectors.board(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 1), today=TODAY)
    for row in data.rows:
        cells = [
            cell.state for board_row in board.rows if board_row.unit == row.unit for cell in board_row.cells
        ]
        assert row.reports_on_time == cells.count(selectors.CellState.ON_TIME), row.unit.code
        assert row.reports_late == cells.count(selectors.CellState.LATE), row.unit.code
        assert row.reports_missing == cells.count(selectors.CellState.MISSING), row.unit.code


def _page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_assessment_page_query_count_does_not_grow_with_rows(client, known_data, director):
    client.force_login(director)
    url = "/reporting/assessment/?year=2026"
    _page_queries(client, url)  # the calendar caches each year's entries: count from the second request on
    few = _page_queries(client, url)
    for code in ("czj", "gh", "gsj", "jczd"):
        for month in range(1, 11):
            _report(code, f"2026-{month:02d}-01", f"2026-{month + 1:02d}-08")
            _task(
                code, f"2026-{month:02d}-20", SupervisionTask.Status.ACCEPTED, reported=f"2026-{month:02d}-19"
            )
    many = _page_queries(client, url)
    # The session, the user, their roles, the header; the units, the board's reports and ad hoc counts, one
    # aggregate of the tasks and one of the measures.
    assert many == few
    czj = next(row for row in assessment.assessment(year=2026, today=TODAY).rows if row.unit.code == "czj")
    assert (czj.reports_on_time, czj.tasks_on_time) == (10, 10)


def test_the_page_pdf_and_workbook_show_the_same_figures(client, known_data, director):
    client.force_login(director)
    page = client.get("/reporting/assessment/?year=2026").content.decode()
    assert 'id="unit-jsj"' in page and "2026年度成员单位督查考核" in page

    workbook = load_workbook(
        io.BytesIO(b"".join(client.get("/reporting/assessment/2026.xlsx").streaming_content))
    )
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    jsj = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "柳东建设局")
    values = dict(zip(header, jsj, strict=True))
    assert (values["按时报送"], values["逾期报送"], values["未报"]) == (1, 1, 7)
    assert (values["按时办结"], values["逾期办结"], values["逾期未办结"]) == (1, 1, 1)
    assert values["已记录惩戒措施"] == 1

    response = client.get("/reporting/assessment/2026.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "柳东建设局" in text.replace(" ", "")


def test_a_year_outside_the_plan_is_not_found(client, director, frozen_today):
    client.force_login(director)
    assert client.get("/reporting/assessment/2016.xlsx").status_code == 404
    assert client.get("/reporting/assessment/2027.pdf").status_code == 404


def test_a_liaison_may_not_see_the_assessment(client, liaison):
    client.force_login(liaison)
    assert client.get("/reporting/assessment/").status_code == 403


def test_seed_demo_adds_an_issued_meeting_and_tasks_once(db, settings, tmp_path):
    from django.apps import apps

    from liudong_wages.demo import seed_users
    from reporting.demo import DEMO_MEETING_TITLE
    from reporting.models import Meeting

    settings.MEDIA_ROOT = tmp_path
    seed_users(password="Demo-password-2026")
    config = apps.get_app_config("reporting")
    for _ in range(2):
        config.seed_demo(io.StringIO())
    meeting = Meeting.objects.get(title=DEMO_MEETING_TITLE)
    assert meeting.minutes.status == "issued"
    tasks = SupervisionTask.objects.filter(item__minutes=meeting.minutes)
    assert tasks.count() == 2
    assert set(tasks.values_list("status", flat=True)) == {"open", "accepted"}
