"""The report list's rows (issue 21) work each type and period's deadline out once; `report_rows` computes what
the list shows as the Report does. This keeps the copy honest: each row equals the Report's own properties."""

import datetime as dt
from zoneinfo import ZoneInfo

from reporting import tables
from reporting.models import Report
from reporting.selectors.board import report_rows

from ..factories import MemberUnitFactory, ReportFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_each_row_reads_as_the_report_itself(db):
    october = dt.date(2026, 10, 1)  # due on Tuesday 10 November 2026
    reports = [
        ReportFactory(period=october),  # a draft: never submitted
        # 23:30 in Liudong on the deadline is 15:30 UTC the same day: on time.
        ReportFactory(
            unit=MemberUnitFactory(code="jfj"),
            report_type="jfj_monthly",
            period=october,
            status=Report.Status.SUBMITTED,
            first_submitted_at=dt.datetime(2026, 11, 10, 23, 30, tzinfo=SHANGHAI),
        ),
        # 00:10 the day after is still the 10th in UTC: late all the same.
        ReportFactory(
            unit=MemberUnitFactory(code="czj"),
            report_type="czj_monthly",
            period=october,
            status=Report.Status.RETURNED,
            return_reason="缺少附件",
            first_submitted_at=dt.datetime(2026, 11, 11, 0, 10, tzinfo=SHANGHAI),
        ),
        ReportFactory(
            period=dt.date(2026, 9, 1),
            status=Report.Status.ACCEPTED,
            first_submitted_at=dt.datetime(2026, 10, 9, 9, 0, tzinfo=SHANGHAI),
        ),
    ]
    listed = Report.objects.filter(pk__in=[r.pk for r in reports]).select_related("unit")
    rows = {row["pk"]: row for row in report_rows(listed)}
    assert len(rows) == 4
    for report in listed:
        row = rows[report.pk]
        assert row["unit"] == report.unit.short_name
        assert row["title"] == report.definition.title
        assert row["period_label"] == report.period_label
        assert row["get_status_display"] == report.get_status_display()
        assert row["get_absolute_url"] == report.get_absolute_url()
        assert row["deadline"] == report.deadline
        assert row["on_time"] is report.on_time
    assert [rows[r.pk]["on_time"] for r in reports] == [None, True, False, True]


def test_the_list_shows_late_in_red_and_a_dash_before_the_first_submission(db):
    late = ReportFactory(
        status=Report.Status.SUBMITTED,
        first_submitted_at=dt.datetime(2026, 11, 11, 0, 10, tzinfo=SHANGHAI),
    )
    draft = ReportFactory(unit=MemberUnitFactory(code="jfj"), report_type="jfj_monthly")
    html = tables.REPORTS.body(report_rows(Report.objects.filter(pk__in=[late.pk, draft.pk])))
    assert '<td><span class="text-danger">逾期</span></td>' in html
    assert "<td>2026-11-11 00:10</td>" in html  # the moment in Liudong, not in UTC
    assert f'<span class="badge text-bg-secondary status-draft">{draft.get_status_display()}</span>' in html
    assert html.count("<td>—</td>") == 2  # the draft's first submission and on-time
