import datetime as dt

import pytest

from liudong_wages import workdays
from liudong_wages.services import holiday_year_set

D = dt.date


class TestNationalDay2026:
    """2026: 1–7 October off; Sunday 20 September and Saturday 10 October are adjusted working days."""

    @pytest.mark.parametrize("day", [D(2026, 10, 1), D(2026, 10, 5), D(2026, 10, 7), D(2026, 10, 11)])
    def test_holiday_and_weekend_are_not_working_days(self, db, day):
        assert not workdays.is_working_day(day)

    @pytest.mark.parametrize("day", [D(2026, 9, 20), D(2026, 10, 10)])
    def test_adjusted_weekend_days_are_working_days(self, db, day):
        assert workdays.is_working_day(day)

    def test_one_working_day_after_the_eve_of_the_holiday_is_the_day_after_it(self, db):
        assert workdays.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)

    def test_counting_crosses_the_adjusted_saturday(self, db):
        # 8, 9 and Saturday 10 October.
        assert workdays.add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)

    def test_five_working_days_to_decide_on_a_complaint_received_before_the_holiday(self, db):
        # Received Tuesday 29 September: 30 Sep, 8, 9, 10 (Sat, adjusted) and 12 October.
        assert workdays.add_working_days(D(2026, 9, 29), 5) == D(2026, 10, 12)

    def test_counting_backwards(self, db):
        assert workdays.add_working_days(D(2026, 10, 8), -1) == D(2026, 9, 30)

    def test_working_days_between_counts_after_start_up_to_end(self, db):
        assert workdays.working_days_between(D(2026, 9, 30), D(2026, 10, 12)) == 4
        assert workdays.working_days_between(D(2026, 10, 12), D(2026, 9, 30)) == -4
        assert workdays.working_days_between(D(2026, 10, 12), D(2026, 10, 12)) == 0

    def test_next_working_day_of_a_holiday(self, db):
        assert workdays.next_working_day(D(2026, 10, 3)) == D(2026, 10, 8)
        assert workdays.next_working_day(D(2026, 10, 8)) == D(2026, 10, 8)
        assert workdays.next_working_day(D(2026, 10, 8), include_today=False) == D(2026, 10, 9)

    def test_the_year_comes_from_the_package(self, db):
        source = workdays.year_source(2026)
        assert source.source == workdays.Source.PACKAGE
        assert not source.estimated


class TestYearWithoutSchedule:
    """The package knows nothing of 2027 yet: an estimate, flagged, never an exception."""

    def test_estimate_uses_weekends_and_known_holidays(self, db):
        assert workdays.year_source(2027).estimated
        assert not workdays.is_working_day(D(2027, 1, 1))  # New Year's Day, a Friday
        assert not workdays.is_working_day(D(2027, 1, 2))  # Saturday
        assert workdays.is_working_day(D(2027, 1, 4))  # Monday
        assert not workdays.is_working_day(D(2027, 10, 1))  # National Day

    def test_counting_into_an_unknown_year_does_not_fail(self, db):
        assert workdays.add_working_days(D(2026, 12, 30), 60) > D(2027, 3, 1)

    def test_estimated_years_lists_next_year_until_the_office_enters_it(self, db):
        assert [s.year for s in workdays.estimated_years(D(2026, 11, 28))] == [2027]
        holiday_year_set(
            year=2027,
            holidays={D(2027, 1, 1): "元旦"},
            working_days={},
            confirmed=True,
            source="国办发明电〔2026〕X号",
        )
        assert workdays.estimated_years(D(2026, 11, 28)) == []
        assert workdays.year_source(2027).source == workdays.Source.OFFICE


class TestOfficeTable:
    def test_a_confirmed_office_schedule_wins_over_the_estimate(self, db):
        holiday_year_set(
            year=2027,
            holidays={D(2027, 2, 8): "春节", D(2027, 2, 9): "春节"},
            working_days={D(2027, 2, 13): "春节调休"},  # a Saturday
            confirmed=True,
        )
        assert not workdays.is_working_day(D(2027, 2, 8))
        assert workdays.is_working_day(D(2027, 2, 13))
        # Not listed, so the weekday rule: Wednesday 10 February works, though the estimate had it off.
        assert workdays.is_working_day(D(2027, 2, 10))

    def test_a_correction_for_a_known_year_wins_over_the_package(self, db):
        # The office corrects one day of 2026 without confirming a whole schedule.
        holiday_year_set(year=2026, holidays={D(2026, 11, 30): "防汛停工"}, working_days={}, confirmed=False)
        assert not workdays.is_working_day(D(2026, 11, 30))
        assert workdays.is_working_day(D(2026, 12, 1))
        assert workdays.year_source(2026).source == workdays.Source.PACKAGE

    def test_the_packages_answers_remembered_are_its_answers_and_yield_to_a_correction(self, db):
        import chinese_calendar

        days = [D(2026, 1, 1) + dt.timedelta(days=n) for n in range(365)]
        for _ in range(2):  # asked, then answered from memory
            assert [workdays.is_working_day(day) for day in days] == [
                chinese_calendar.is_workday(d) for d in days
            ]
        friday = D(2026, 11, 27)
        assert workdays.is_working_day(friday)
        holiday_year_set(year=2026, holidays={friday: "停电检修"}, working_days={}, confirmed=False)
        assert not workdays.is_working_day(friday)

    def test_a_date_outside_the_year_is_refused(self, db):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError, match="不属于 2027 年"):
            holiday_year_set(year=2027, holidays={D(2026, 12, 31): "x"}, working_days={}, confirmed=True)

    def test_the_calendar_page_flags_an_estimated_year(self, client, director):
        client.force_login(director)
        response = client.get("/calendar/2027/")
        assert response.status_code == 200
        assert "估算" in response.text
        response = client.get("/calendar/2026/")
        assert "chinesecalendar" in response.text

    def test_the_office_sees_the_missing_schedule_on_its_start_page(self, client, director, liaison):
        import time_machine

        with time_machine.travel(dt.datetime(2026, 11, 28, 9, tzinfo=dt.UTC)):
            client.force_login(director)
            assert "2027 年的法定节假日安排尚未录入" in client.get("/").text
            client.force_login(liaison)
            assert "尚未录入" not in client.get("/").text
