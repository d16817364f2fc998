"""The project's page reads its site inspections and wage warnings only when the project has some (issue 21):
the flags come with the project, and a list with rows shows as before."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enterprises.models import WageAlert
from tests.factories import ProjectFactory, SiteInspectionFactory

pytestmark = pytest.mark.django_db

LISTS = ("enterprises_siteinspection", "enterprises_wagealert")


def _page(client, project) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/enterprises/projects/{project.pk}/")
    assert response.status_code == 200
    statements = [query["sql"] for query in queries.captured_queries]
    # A statement reading a list's rows starts with its table; the project's own names them in its flags.
    return response.content.decode(), [
        table
        for table in LISTS
        if any(statement.startswith(f'SELECT "{table}".') for statement in statements)
    ]


def test_a_project_without_them_reads_neither_list(client, director):
    project = ProjectFactory()
    SiteInspectionFactory()  # another project's
    client.force_login(director)
    page, read = _page(client, project)
    assert read == [] and project.name in page


def test_a_project_with_them_shows_both(client, director):
    project = ProjectFactory()
    inspection = SiteInspectionFactory(project=project, findings="工资公示牌未更新")
    today = timezone.localdate()
    WageAlert.objects.create(
        project=project,
        reason=WageAlert.Reason.SHEET_MISSING,
        month=today.replace(day=1),
        level="red",
        opened_on=today,
        escalated_on=today,
    )
    client.force_login(director)
    page, read = _page(client, project)
    assert read == list(LISTS)
    assert f"/enterprises/inspections/{inspection.pk}/" in page and "红色" in page
