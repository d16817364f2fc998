"""Issue 16, finding 11: crafted GET parameters gave server errors. Each one the attack found, answered
without a 500; the fuzzer in tests/test_bad_input.py covers every GET parameter of every page beyond these."""

import datetime as dt

import pytest

from .matrix_objects import make_objects

CRAFTED = [
    ("inspector", "/funds/applications/?year=99999"),
    ("inspector", "/funds/applications/?year=²"),
    ("inspector", "/funds/applications/?q=%00"),
    ("inspector", "/funds/applications/export.xlsx?year=99999&q=%00"),
    ("inspector", "/funds/statement/?start=0001-01-01&end=0001-01-02"),
    ("inspector", "/funds/statement/?start=0001-01-01"),
    ("inspector", "/funds/statement.xlsx?start=0001-01-01&end=9999-12-31"),
    ("liaison", "/reporting/reports/{report}/edit/?extra=abc"),
    ("liaison", "/reporting/reports/{report}/edit/?extra=²"),
    ("inspector", "/enterprises/inspections/new/?project=²"),
    ("inspector", "/cases/interviews/new/?case=abc"),
    ("inspector", "/cases/interviews/new/?case=²"),
    ("inspector", "/cases/new/?inspection=²&project=abc&enterprise=%00"),
    ("office", "/funds/applications/new/?case=²"),
    ("inspector", "/reporting/reports/?year=99999&month=²&unit=abc"),
    ("inspector", "/cases/?page=²"),
]


@pytest.fixture
def objects(users_by_role, unit, other_unit, settings, tmp_path, frozen):
    # A fixed day, so that the report's period is open whatever the real date.
    frozen(dt.date(2026, 11, 10))
    settings.MEDIA_ROOT = tmp_path
    return make_objects(users_by_role, unit, other_unit)


@pytest.mark.parametrize(("role", "url"), CRAFTED, ids=[f"{role}:{url}" for role, url in CRAFTED])
def test_a_crafted_get_parameter_is_answered_without_a_server_error(
    client, users_by_role, objects, role, url
):
    client.force_login(users_by_role[role])
    url = url.format(report=objects["report"].pk)
    response = client.get(url)
    assert response.status_code < 500, f"{url} answered {response.status_code}"


def test_a_period_outside_the_systems_years_is_refused_in_chinese(client, inspector):
    client.force_login(inspector)
    response = client.get("/funds/statement/?start=0001-01-01&end=2026-11-30")
    assert response.status_code == 200
    assert "日期应在 2000-01-01 至 2099-12-31 之间" in response.text


def _as_posted(*parts) -> dict:
    """What the page's forms post unchanged: each field's value as rendered, the formsets' management forms."""
    from django import forms

    data = {}
    for part in parts:
        subforms = [part.management_form, *part.forms] if isinstance(part, forms.BaseFormSet) else [part]
        for form in subforms:
            for field in form:
                value = field.value()
                if value not in (None, False):
                    data[field.html_name] = "" if value is True else value
    return data


def test_adding_a_row_with_a_crafted_extra_parameter_is_not_a_server_error(client, liaison, objects):
    from reporting.forms import forms_for

    report = objects["report"]
    client.force_login(liaison)
    data = _as_posted(*forms_for(report.definition, report.body, extra=1)) | {"add_row": "1"}
    for extra in ("abc", "²", "-1", "9" * 30):
        response = client.post(f"/reporting/reports/{report.pk}/edit/?extra={extra}", data)
        context = response.context or {}
        assert response.status_code == 302, (
            context.get("header_form") and context["header_form"].errors,
            context.get("formset") and context["formset"].errors,
            [str(m) for m in context.get("messages", [])],
        )
        assert "extra=" in response["Location"]
