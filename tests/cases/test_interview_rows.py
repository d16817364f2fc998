"""The interviews list reads values, not Interviews (issue 21); `interview_row` computes what the list shows as
the model does. This keeps the copy honest: each row equals the Interview's own fields and properties."""

import datetime as dt

from django.utils import timezone

from cases import services, tables
from cases.models import Interview
from cases.selectors import interview_list_rows, interview_row, interview_status_labels

from ..factories import CaseFactory


def _schedule(inspector, enterprise, **fields) -> Interview:
    return services.interview_schedule(
        by=inspector,
        enterprise=enterprise,
        scheduled_at=timezone.now() + dt.timedelta(days=3),
        place="柳东新区人社局三楼会议室",
        matters="拖欠 12 名农民工工资 4.2 万元",
        materials="劳动合同、考勤记录、工资支付台账",
        main_interviewer=inspector,
        **fields,
    )


def test_each_row_reads_as_the_interview_itself_and_a_late_rectification_shows_red(inspector, enterprise):
    today = timezone.localdate()
    plain = _schedule(inspector, enterprise)
    with_case = _schedule(inspector, enterprise, case=CaseFactory(enterprise=enterprise))
    late, due_today = _schedule(inspector, enterprise), _schedule(inspector, enterprise)
    Interview.objects.filter(pk=late.pk).update(
        status=Interview.Status.HELD, rectification_due=today - dt.timedelta(days=1)
    )
    Interview.objects.filter(pk=due_today.pk).update(status=Interview.Status.HELD, rectification_due=today)
    listed = Interview.objects.filter(pk__in=[plain.pk, with_case.pk, late.pk, due_today.pk])
    labels = interview_status_labels()
    rows = {row["pk"]: interview_row(row, labels=labels, today=today) for row in interview_list_rows(listed)}
    assert len(rows) == 4
    for interview in listed.select_related("enterprise", "case"):
        row = rows[interview.pk]
        assert row["get_absolute_url"] == interview.get_absolute_url()
        assert row["enterprise__name"] == interview.enterprise.name
        assert row["get_status_display"] == interview.get_status_display()
        assert row["scheduled_at"] == interview.scheduled_at
        assert row["rectification_due"] == interview.rectification_due
        assert (row["case"] or {}).get("number") == (interview.case.number if interview.case else None)
        assert (row["case"] or {}).get("get_absolute_url") == (
            interview.case.get_absolute_url() if interview.case else None
        )
    assert [rows[i.pk]["overdue"] for i in (plain, with_case, late, due_today)] == [False, False, True, False]
    html = tables.INTERVIEWS.body(rows[i.pk] for i in (late, with_case))
    assert html.startswith('<tr class="table-danger">')
    assert f'<a href="{with_case.case.get_absolute_url()}">{with_case.case.number}</a>' in html
