"""PostgreSQL prepares what a connection runs again and again where no value could change the plan (issue 21:
planning the logged-in user's statement, and the unfiltered case list's, was most of their cost on every page),
and a list of choices is a statement compiled once that still reads the rows of this moment."""

import pytest
from django.db import connection, connections

from cases.filters import handler_choices
from cases.models import Case
from liudong_wages.backends import Backend
from liudong_wages.compiled import CompiledRows
from liudong_wages.models import User
from liudong_wages.postgresql.base import DatabaseWrapper, PreparingCursor, prepared
from liudong_wages.roles import Role
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db

postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statements")


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@postgresql
def test_the_engine_is_djangos_with_server_side_binding():
    assert isinstance(connections["default"], DatabaseWrapper)
    assert connection.settings_dict["OPTIONS"]["server_side_binding"] is True
    connection.ensure_connection()
    assert connection.connection.cursor_factory is PreparingCursor


@postgresql
def test_the_users_statement_is_prepared_and_the_orms_are_not(director, office_staff):
    for _ in range(3):
        for user in (director, office_staff):
            loaded = Backend().get_user(user.pk)
            assert loaded.pk == user.pk and loaded.username == user.username
        # An ORM statement with parameters run again and again stays unprepared: PostgreSQL could give it a
        # generic plan.
        for _ in range(3):
            assert User.objects.filter(pk=director.pk).values_list("date_joined", "email").get()
    statements = _prepared_statements()
    assert any('"liudong_wages_user"."unit_id"' in s and "ARRAY(" in s for s in statements), statements
    assert not any(
        '"liudong_wages_user"."date_joined", "liudong_wages_user"."email"' in s for s in statements
    )


@postgresql
def test_a_select_without_parameters_is_prepared_on_its_second_run(director):
    def rows():
        return list(Case.objects.order_by("-id").values_list("number", flat=True)[:7])

    assert rows() == []
    assert not any("LIMIT 7" in s for s in _prepared_statements())
    assert rows() == []
    assert any("LIMIT 7" in s and '"cases_case"."number"' in s for s in _prepared_statements())
    # A prepared statement reads the rows of the moment it runs.
    case = CaseFactory()
    assert rows() == [case.number]


@postgresql
def test_only_a_select_is_prepared():
    with connection.cursor() as cursor:
        for _ in range(3):
            cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS t_prepared (n integer)")
            cursor.execute("INSERT INTO t_prepared VALUES (1)")
    assert not any("t_prepared" in s for s in _prepared_statements())


@postgresql
def test_a_prepared_statement_answers_for_each_key_and_a_missing_one(director, office_staff):
    for _ in range(3):
        for user in (director, office_staff):
            assert Backend().get_user(user.pk).username == user.username
        assert Backend().get_user(2_000_000_000) is None


@postgresql
def test_prepared_marks_only_what_runs_inside():
    def run():
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s::integer + 40 AS keyed_sum", [2])
            assert cursor.fetchone() == (42,)

    for _ in range(3):
        run()
    assert not any("keyed_sum" in s for s in _prepared_statements())
    with prepared():
        run()
        run()
    assert any("keyed_sum" in s for s in _prepared_statements())


@postgresql
def test_without_server_side_binding_nothing_is_prepared(settings):
    settings_dict = {**connection.settings_dict}
    settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"], "server_side_binding": False}
    params = DatabaseWrapper(settings_dict).get_connection_params()
    assert params["cursor_factory"] is not PreparingCursor
    assert params["prepare_threshold"] is None


def test_compiled_rows_are_the_querysets_rows_read_again_each_time(office_staff, director):
    def build():
        return (
            User.objects.filter(groups__name=Role.OFFICE).order_by("username").values_list("pk", "username")
        )

    compiled = CompiledRows(build)
    assert compiled.rows() == list(build())
    newcomer = UserFactory(username="zz_newcomer")
    newcomer.groups.add(*office_staff.groups.all())
    assert compiled.rows() == list(build())
    assert compiled.rows()[-1] == (newcomer.pk, "zz_newcomer")


def test_the_handler_choices_name_whoever_may_handle_a_case_now(office_staff, inspector, liaison):
    choices = dict(handler_choices())
    assert office_staff.pk in choices and inspector.pk in choices and liaison.pk not in choices
    assert choices[office_staff.pk] == office_staff.display_name
    inspector.full_name = "王检查"
    inspector.save(update_fields=["full_name"])
    assert dict(handler_choices())[inspector.pk] == "王检查"
