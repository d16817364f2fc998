"""Legal deadlines from the event log and the working-day calendar (劳动保障监察条例 art. 17, rules art. 18)."""

import datetime as dt
from decimal import Decimal

import pytest

from cases import deadlines, services
from cases.models import Case, CaseEvent
from cases.tasks import send_case_deadline_warnings
from liudong_wages.models import Notification

from ..factories import CaseFactory

D = dt.date


def receive(by, on, **kwargs):
    return services.case_receive(
        by=by,
        source=Case.Source.COMPLAINT,
        respondent_name="柳州某劳务公司",
        summary="欠薪",
        period_start=D(2026, 6, 1),
        period_end=D(2026, 8, 31),
        received_on=on,
        **kwargs,
    )


def test_the_filing_decision_deadline_crosses_national_day(db, inspector, frozen):
    frozen(D(2026, 9, 29))
    # Received Tuesday 29 September: 30 Sep, 8, 9, 10 (adjusted Saturday) and 12 October.
    case = receive(inspector, D(2026, 9, 29))
    assert case.deadline == D(2026, 10, 12)
    filing = deadlines.current(case.events.all())
    assert filing.kind == Case.DeadlineKind.FILING
    assert not filing.estimated
    assert filing.days_left(D(2026, 9, 30)) == 4
    assert filing.days_left(D(2026, 10, 12)) == 0
    assert filing.state(D(2026, 10, 9)) == "near"
    assert filing.state(D(2026, 10, 13)) == "overdue"


def test_the_investigation_deadline_is_60_working_days_after_filing_plus_30_when_extended(
    db, inspector, frozen
):
    frozen(D(2026, 9, 1))
    case = receive(inspector, D(2026, 9, 1))
    services.case_file(case=case, by=inspector, on=D(2026, 9, 1))
    # 60 working days after Tuesday 1 September 2026: Mid-Autumn (25 Sep) and National Day are skipped, the
    # adjusted Sunday 20 September and Saturday 10 October count.
    assert case.deadline == D(2026, 11, 30)
    services.case_extend(
        case=case, by=inspector, approved_by="张莉", approval_reference="批 1", reason="复杂"
    )
    case.refresh_from_db()
    # 30 more: the 23 working days of December, then 1 January 2027 (estimated holiday) skipped, 4 to 12 January.
    assert case.deadline == D(2027, 1, 12)
    investigation = deadlines.current(case.events.all())
    assert investigation.extended
    assert investigation.estimated  # 2027 has no official schedule yet: the date is provisional


def test_a_deadline_into_a_year_without_an_official_schedule_does_not_crash(db, inspector, frozen):
    frozen(D(2026, 11, 27))
    case = receive(inspector, D(2026, 11, 27))
    services.case_file(case=case, by=inspector, on=D(2026, 11, 27))
    case.refresh_from_db()
    assert D(2027, 2, 1) < case.deadline < D(2027, 4, 1)
    current = deadlines.current(case.events.all())
    assert current.estimated
    assert current.days_left(D(2026, 11, 27)) == 60


def test_deadlines_come_from_the_events_not_from_todays_date(db, inspector, frozen):
    frozen(D(2026, 10, 20))
    case = receive(inspector, D(2026, 9, 29))
    services.case_file(case=case, by=inspector, on=D(2026, 10, 14))
    filing = deadlines.compute(case.events.all())[0]
    assert filing.met_on == D(2026, 10, 14)
    assert filing.state() == "late"  # decided two days after the 12 October deadline


def test_open_overdue_and_near_deadline_querysets(db, inspector, frozen):
    frozen(D(2026, 11, 2))
    on_time = receive(inspector, D(2026, 11, 2))  # due 9 November
    overdue = receive(inspector, D(2026, 10, 20))  # due 27 October
    near = receive(inspector, D(2026, 10, 28))  # due 4 November
    closed = receive(inspector, D(2026, 10, 20))
    services.case_decline(case=closed, by=inspector, reason="不属于受案范围")
    on = D(2026, 11, 2)
    assert set(Case.objects.open()) == {on_time, overdue, near}
    assert set(Case.objects.overdue(on=on)) == {overdue}
    assert set(Case.objects.near_deadline(on=on)) == {near}


def test_the_deadline_job_warns_handlers_once(db, inspector, office_staff, frozen):
    frozen(D(2026, 11, 2))
    overdue = receive(inspector, D(2026, 10, 20), handler=inspector)
    near = receive(inspector, D(2026, 10, 28), handler=inspector)
    receive(inspector, D(2026, 11, 2), handler=inspector)  # not yet near
    sent = send_case_deadline_warnings()
    again = send_case_deadline_warnings()
    assert sent == 2 and again == 0
    titles = list(Notification.objects.filter(recipient=inspector).values_list("title", flat=True))
    assert any(overdue.number in t and "已超期" in t for t in titles)
    assert any(near.number in t and "即将到期" in t for t in titles)


@pytest.mark.parametrize("n", [3, 30])
def test_case_factory_cases_have_a_filing_deadline(db, n):
    cases = CaseFactory.create_batch(n)
    assert all(c.deadline and c.deadline_kind == "filing" for c in cases)
    assert CaseEvent.objects.filter(kind="received").count() == n
    assert Decimal(0) == sum(c.total_owed for c in cases)
