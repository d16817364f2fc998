"""PostgreSQL prepares what a connection runs again and again (issue 21: planning the logged-in user's statement
was most of its cost on every page), and a list of choices is a statement compiled once that still reads the
rows of this moment."""

import pytest
from django.conf import settings
from django.db import connection

from cases.filters import handler_choices
from liudong_wages.backends import Backend
from liudong_wages.compiled import CompiledRows, prepared
from liudong_wages.models import User
from liudong_wages.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

postgresql = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="PostgreSQL's statements",
)


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@postgresql
def test_the_users_statement_is_prepared_and_the_orms_are_not(director, office_staff):
    assert settings.DATABASES["default"]["OPTIONS"]["server_side_binding"] is True
    for _ in range(3):
        for user in (director, office_staff):
            loaded = Backend().get_user(user.pk)
            assert loaded.pk == user.pk and loaded.username == user.username
        # An ORM statement run again and again stays unprepared: PostgreSQL could give it a generic plan.
        for _ in range(3):
            assert User.objects.filter(pk=director.pk).values_list("date_joined", "email").get()
    statements = _prepared_statements()
    assert any('"liudong_wages_user"."unit_id"' in s and "ARRAY(" in s for s in statements), statements
    assert not any(
        '"liudong_wages_user"."date_joined", "liudong_wages_user"."email"' in s for s in statements
    )


@postgresql
def test_a_prepared_statement_answers_for_each_key_and_a_missing_one(director, office_staff):
    for _ in range(3):
        for user in (director, office_staff):
            assert Backend().get_user(user.pk).username == user.username
        assert Backend().get_user(2_000_000_000) is None


@postgresql
def test_without_prepared_statements_nothing_is_prepared(director, settings):
    options = settings.DATABASES["default"]["OPTIONS"]
    settings.DATABASES["default"]["OPTIONS"] = {**options, "server_side_binding": False}
    try:
        with prepared(connection):
            assert connection.connection.prepare_threshold is None
    finally:
        settings.DATABASES["default"]["OPTIONS"] = options
    with prepared(connection):
        assert connection.connection.prepare_threshold == 0
    assert connection.connection.prepare_threshold is None


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
