"""Report definitions: deadlines, validation, and the content each unit owes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from liudong_wages.services import holiday_year_set
from reporting import definitions
from reporting.definitions import Cadence


@pytest.mark.parametrize(
    ("period", "deadline"),
    [
        ("2025-12-01", "2026-01-12"),  # 10 January 2026 is a Saturday
        ("2026-01-01", "2026-02-10"),
        ("2026-02-01", "2026-03-10"),
        ("2026-03-01", "2026-04-10"),
        ("2026-04-01", "2026-05-11"),  # 10 May is a Sunday
        ("2026-05-01", "2026-06-10"),
        ("2026-06-01", "2026-07-10"),
        ("2026-07-01", "2026-08-10"),
        ("2026-08-01", "2026-09-10"),
        ("2026-09-01", "2026-10-10"),  # a Saturday, but an adjusted working day after National Day
        ("2026-10-01", "2026-11-10"),
        ("2026-11-01", "2026-12-10"),
        ("2026-12-01", "2027-01-11"),  # 2027 has no official schedule yet: estimated, still no crash
    ],
)
def test_the_deadline_of_every_month_of_2026(db, period, deadline):
    definition = definitions.get("jsj_monthly")
    assert definition.deadline(dt.date.fromisoformat(period)) == dt.date.fromisoformat(deadline)


def test_a_tenth_that_is_a_spring_festival_holiday_moves_to_the_next_working_day(db):
    # 2024: the Spring Festival holiday ran from 10 to 17 February; Sunday 18 February was a working day.
    assert definitions.get("jfj_monthly").deadline(dt.date(2024, 1, 1)) == dt.date(2024, 2, 18)


def test_a_holiday_the_office_entered_moves_the_deadline(db):
    holiday_year_set(
        year=2027,
        holidays={dt.date(2027, 2, 10): "春节", dt.date(2027, 2, 11): "春节"},
        working_days={},
        confirmed=True,
    )
    assert definitions.get("gh_monthly").deadline(dt.date(2027, 1, 1)) == dt.date(2027, 2, 12)


def test_every_unit_with_a_duty_has_its_definition():
    codes = {d.unit_code: d for d in definitions.DEFINITIONS}
    for code in ["bgs", "jfj", "czj", "shswj", "gh", "jsj", "gsj", "jczd"]:
        assert codes[code].cadence == Cadence.MONTHLY
        assert codes[code].item_columns and codes[code].header_fields
        assert "每月10日前" in str(codes[code].content)
    assert codes["gaj"].cadence == codes["zzb"].cadence == Cadence.AD_HOC
    assert codes["gaj"].recorded_in == codes["zzb"].recorded_in == "cases"
    for definition in definitions.DEFINITIONS:
        for field in (*definition.header_fields, *definition.item_columns):
            assert field.header and field.kind in definitions.KINDS


def test_a_body_is_checked_against_its_definition():
    definition = definitions.get("jsj_monthly")
    with pytest.raises(ValidationError) as error:
        definition.clean_body(
            {
                "header": {"project_count": "两个"},
                "items": [
                    {
                        "name": "柳东小学",
                        "contract_amount": "很多",
                        "started_on": "2026-13-01",
                        "kind": "别墅",
                    }
                ],
            }
        )
    messages = error.value.messages
    assert "“上月新开工项目数”应为整数" in messages
    assert any(m.startswith("第 1 行：“合同金额（元）”") for m in messages)
    assert any(m.startswith("第 1 行：“开工日期”应为日期") for m in messages)
    assert any("项目类别" in m and "应为以下之一" in m for m in messages)
    assert any("“施工总承包单位”必须填写" in m for m in messages)


def test_a_count_above_zero_needs_its_line_items():
    definition = definitions.get("jfj_monthly")
    with pytest.raises(ValidationError, match="请逐项填写"):
        definition.clean_body({"header": {"project_count": 2}, "items": []})
    assert (
        definition.clean_body({"header": {"project_count": 0}, "items": []})["header"]["project_count"] == 0
    )


def test_a_draft_may_be_incomplete_but_not_of_the_wrong_type():
    definition = definitions.get("czj_monthly")
    body = definition.clean_body({"header": {"budget": "1,000.5"}, "items": []}, for_submit=False)
    assert body["header"]["budget"] == "1000.50"
    with pytest.raises(ValidationError):
        definition.clean_body({"header": {"budget": "一千"}}, for_submit=False)


def test_rows_give_python_values_to_other_parts(db):
    from reporting.demo import sample_body

    definition = definitions.get("shswj_monthly")
    body = sample_body(definition, dt.date(2026, 10, 1))
    rows = definition.rows(body)
    assert rows[0]["started_on"] == dt.date(2026, 10, 6)
    assert str(rows[0]["contract_amount"]) == "1250000.00"
