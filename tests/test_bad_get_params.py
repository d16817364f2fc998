"""Issue 16, finding 11: crafted GET parameters gave server errors. Each one the attack found, answered
without a 500; the fuzzer in tests/test_bad_input.py covers every GET parameter of every page beyond these."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from .matrix_objects import make_objects
from .test_bad_input import DATES, NUMBERS, TEXT

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
    assert "日期应在 2000年1月1日 至 2099年12月31日 之间" in response.text


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
    from reporting.forms.reports import forms_for

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


# The fuzzer of GET parameters --------------------------------------------------------------------------------
# Every page and export of the access matrix, requested by a role that may open it, with hostile values in every
# GET parameter the project reads: the names come from the code itself (each FilterSet's filters, each GET
# form's fields, every `request.GET[...]` / `params.get(...)` / `liudong_wages.params` read), so a new filter
# is fuzzed without touching this file.
#
# CI asks every page the same fixed queries (ODD_QUERIES): each odd value in every parameter at once, then the
# other odd values spread over the parameters, so every page sees year=99999, a NUL byte, page=-1, a digit
# that is not ASCII, dates outside the system's years. The pages of one app share one set of objects: building
# them is what costs (5 s), not the requests. `bin/fuzz-deep` (FUZZ_DEEP=1) adds 200 random hypothesis
# examples per page on top.

DEEP = bool(os.environ.get("FUZZ_DEEP"))
_READS = re.compile(
    r"""(?:request\.GET|params)(?:\.get\(|\[)["'](\w+)["']|params\.\w+\(request\.GET, ["'](\w+)["']"""
)


def _parameter_names() -> list[str]:
    import django_filters
    from django.apps import apps

    from .test_bad_input import FORMS

    names = {"page", "start", "end", "extra", "sort", "full"}
    for config in apps.get_app_configs():
        if not str(config.path).startswith(str(settings.BASE_DIR)):
            continue
        for path in Path(config.path).rglob("*.py"):
            if "migrations" not in path.parts:
                names |= {a or b for a, b in _READS.findall(path.read_text(encoding="utf-8"))}
    for filterset in _subclasses(django_filters.FilterSet):
        names |= set(getattr(filterset, "base_filters", {}))
    for entry in FORMS:
        if entry.method == "get":
            names |= (
                {name for name in entry.fields({}) if not name.startswith("_")}
                if _no_objects(entry)
                else set()
            )
    return sorted(names)


def _subclasses(cls) -> set:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def _no_objects(entry) -> bool:
    try:
        entry.fields({})
    except Exception:
        return False
    return True


def _pages() -> list[tuple[str, str, object]]:
    from .test_access_matrix import MATRIX

    preferred = ["director", "office", "inspector", "liaison", "treasurer", "approver", "police", "stability"]
    pages = []
    for entry in MATRIX:
        if entry.method != "get":
            continue
        role = next((r for r in [*preferred, "leader", "anonymous"] if entry.expect.get(r) == 200), None)
        if role is not None:
            pages.append((entry.name, role, entry.url))
    return pages


PARAMETERS = _parameter_names()
PAGES = _pages()
# Each of these in every parameter at once.
HEADLINE_VALUES = ["99999", "a\x00b", "-1", "²"]
# These spread over the parameters, a different one in each, three times round, so that each parameter gets
# three of them and a date parameter is not always refused for the same reason.
SPREAD_VALUES = [
    "%00",
    "١٢٣",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "0",
    "1e9",
    "abc",
    "9" * 40,
    "\r\n",
    "",
    "1" * 3000,
    ["1", "²"],
    ["open", "\x00", "1"],
]


def _odd_queries(parameters: list[str]) -> list[dict]:
    queries = [dict.fromkeys(parameters, value) for value in HEADLINE_VALUES]
    for turn in range(3):
        queries.append(
            {
                name: SPREAD_VALUES[(index * 3 + turn) % len(SPREAD_VALUES)]
                for index, name in enumerate(parameters)
            }
        )
    return queries


ODD_QUERIES = _odd_queries(PARAMETERS)
_GROUPS = ("enterprises", "cases", "reporting", "funds")


def _group(name: str) -> str:
    app = name.split(":", 1)[0]
    return app if app in _GROUPS else "core"


GET_VALUES = st.one_of(
    st.sampled_from(
        [
            "99999",
            "²",
            "١٢٣",
            "\\x00",
            "%00",
            "0001-01-01",
            "9999-12-31",
            "-1",
            "0",
            "1e9",
            "abc",
            "9" * 40,
            "1",
        ]
    ),
    st.sampled_from(["a\x00b", "\r\n", "²", "0001-01-01", "2026-02-30", "99999"]),
    TEXT.filter(lambda s: len(s) < 2000),
    NUMBERS,
    DATES,
    st.lists(st.sampled_from(["1", "²", "\x00", "open"]), min_size=2, max_size=3),
)


def test_the_fuzzer_knows_the_parameters_of_the_attack():
    assert {"year", "q", "start", "extra", "project", "status", "page", "case"} <= set(PARAMETERS)
    assert len(PAGES) > 50
    assert {_group(name) for name, _role, _url in PAGES} == {*_GROUPS, "core"}


def test_every_parameter_gets_every_odd_value():
    for name in PARAMETERS:
        values = [query[name] for query in ODD_QUERIES]
        assert set(HEADLINE_VALUES) <= set(map(str, values)), name
    spread = [str(query[name]) for query in ODD_QUERIES[len(HEADLINE_VALUES) :] for name in PARAMETERS]
    assert set(map(str, SPREAD_VALUES)) <= set(spread)


def _get(client, base: str, query: dict) -> int:
    with transaction.atomic():
        status = client.get(base, query).status_code
        transaction.set_rollback(True)
    return status


@pytest.mark.parametrize("group", [*_GROUPS, "core"])
def test_odd_get_parameters_never_give_a_server_error(client, users_by_role, objects, group):
    failures = []
    for name, role, url in PAGES:
        if _group(name) != group:
            continue
        if role == "anonymous":
            client.logout()
        else:
            client.force_login(users_by_role[role])
        base = url(objects).split("?", 1)[0]
        for query in ODD_QUERIES:
            status = _get(client, base, query)
            if status >= 500:
                failures.append(f"{name} as {role}: GET {base} {query!r} answered {status}")
    assert not failures, "\n".join(failures)


@pytest.mark.skipif(not DEEP, reason="the deep fuzz run only (bin/fuzz-deep)")
@pytest.mark.parametrize(("name", "role", "url"), PAGES, ids=[f"{name}:{role}" for name, role, _u in PAGES])
def test_hostile_get_parameters_never_give_a_server_error(client, users_by_role, objects, name, role, url):
    if role != "anonymous":
        client.force_login(users_by_role[role])
    address = url(objects)
    base = address.split("?", 1)[0]

    @hsettings(
        max_examples=200,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=st.dictionaries(st.sampled_from(PARAMETERS), GET_VALUES, min_size=1, max_size=6))
    def request(query):
        status = _get(client, base, query)
        assert status < 500, f"GET {base} {query!r} answered {status}"

    request()
