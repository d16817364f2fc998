"""PostgreSQL prepares what a connection runs again and again (issue 21: planning the logged-in user's statement
was most of its cost on every page), and a list of choices is a statement compiled once that still reads the
rows of this moment."""

import pytest
from django.conf import settings
from django.db import connection

from cases.filters import handler_choices
from liudong_wages.compiled import CompiledRows
from liudong_wages.models import User
from liudong_wages.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

postgresql = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="PostgreSQL's statements",
)


@postgresql
def test_a_statement_run_five_times_is_prepared_on_its_connection(director):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["server_side_binding"] is True and options["prepare_threshold"] == 5
    for _ in range(6):
        row = User.objects.filter(pk=director.pk).values_list("username", "date_joined").get()
        assert row == (director.username, director.date_joined)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any(
        '"liudong_wages_user"."date_joined"' in statement and "$1" in statement for statement in prepared
    ), prepared


@postgresql
def test_a_prepared_statement_answers_for_each_parameter(director, office_staff):
    """The same statement prepared, each run with its own key, reads its own row."""
    for _ in range(3):
        for user in (director, office_staff):
            assert User.objects.get(pk=user.pk).username == user.username


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
