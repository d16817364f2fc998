"""A project's subcontractors are named by their unified social credit code (or exact name), never picked from a
list of the whole registry, so the project page costs the same few queries at 10,000 enterprises as at ten
(issue 17: the page with a 500-worker roster within 15 queries, flat)."""

from __future__ import annotations

import datetime as dt

import pytest

from enterprises.models import Enterprise, Project

from ..factories import CaseFactory, EnterpriseFactory, ProjectFactory
from .monitoring_data import add_sheet, monitored_project

TODAY = dt.date(2026, 11, 18)


@pytest.fixture
def today(frozen):
    frozen(TODAY)
    return TODAY


def _registry(count: int) -> list[Enterprise]:
    return Enterprise.objects.bulk_create(EnterpriseFactory.build_batch(count))


def _page_with(*, enterprises: int, workers: int, cases: int) -> tuple[Project, list[Enterprise]]:
    project = monitored_project(workers=workers)
    for month in (dt.date(2026, 9, 1), dt.date(2026, 10, 1)):
        add_sheet(project, month)
    registry = _registry(enterprises)
    for _n in range(cases):
        CaseFactory(project=project, enterprise=EnterpriseFactory())
    return project, registry


@pytest.mark.parametrize(("enterprises", "workers", "cases"), [(3, 5, 1), (400, 500, 8)])
def test_the_project_page_costs_the_same_queries_whatever_the_registry_roster_and_cases(
    client, director, django_assert_max_num_queries, today, enterprises, workers, cases
):
    project, registry = _page_with(enterprises=enterprises, workers=workers, cases=cases)
    client.force_login(director)
    client.get(f"/enterprises/projects/{project.pk}/")
    # Session, user, device and permissions; the project with its parties and subcontractors; deposit, events,
    # inspections and cases (with their enterprise); warnings, roster counts, sheets, transfers, deposit uses;
    # the unread notifications. Nothing per enterprise of the registry, per worker or per case.
    with django_assert_max_num_queries(15) as captured:
        response = client.get(f"/enterprises/projects/{project.pk}/")
    assert response.status_code == 200
    assert len(captured.captured_queries) <= 15
    body = response.content.decode()
    assert f"在场 {workers} 人" in body
    # No <select> of the registry: an enterprise unrelated to the project is nowhere on the page.
    assert registry[0].name not in body and registry[-1].name not in body
    assert 'name="enterprise_code"' in body


def test_a_subcontractor_is_added_by_its_credit_code_typed_in_any_case(client, office_staff, today):
    project = ProjectFactory()
    sub = EnterpriseFactory(name="柳州劳务分包有限公司")
    client.force_login(office_staff)
    typed = f" {sub.credit_code[:6].lower()} {sub.credit_code[6:]} "
    response = client.post(
        f"/enterprises/projects/{project.pk}/subcontractors/",
        {"enterprise_code": typed, "role": "labour", "scope": "主体结构劳务"},
    )
    assert response.status_code == 302
    added = project.subcontractors.get()
    assert (added.enterprise, added.role, added.scope) == (sub, "labour", "主体结构劳务")
    assert "柳州劳务分包有限公司" in client.get(f"/enterprises/projects/{project.pk}/").content.decode()


def test_a_subcontractor_is_added_by_its_exact_name(client, office_staff, today):
    project = ProjectFactory()
    sub = EnterpriseFactory(name="柳州钢筋班组劳务有限公司")
    client.force_login(office_staff)
    client.post(
        f"/enterprises/projects/{project.pk}/subcontractors/",
        {"enterprise_code": "柳州钢筋班组劳务有限公司", "role": "labour"},
    )
    assert project.subcontractors.get().enterprise == sub


def test_an_unknown_code_is_refused_in_chinese_and_what_was_typed_stays(client, office_staff, today):
    project = ProjectFactory()
    client.force_login(office_staff)
    response = client.post(
        f"/enterprises/projects/{project.pk}/subcontractors/",
        {"enterprise_code": "91450200MA5K99999X", "role": "labour", "scope": "外墙"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "企业库中没有统一社会信用代码或全称为“91450200MA5K99999X”的在营企业" in body
    assert 'value="91450200MA5K99999X"' in body
    assert 'value="外墙"' in body
    assert not project.subcontractors.exists()


def test_a_name_two_enterprises_share_asks_for_the_code(client, office_staff, today):
    project = ProjectFactory()
    EnterpriseFactory(name="柳州同名建筑公司")
    EnterpriseFactory(name="柳州同名建筑公司")
    client.force_login(office_staff)
    response = client.post(
        f"/enterprises/projects/{project.pk}/subcontractors/",
        {"enterprise_code": "柳州同名建筑公司", "role": "labour"},
    )
    assert "有多家企业名为“柳州同名建筑公司”，请填写其统一社会信用代码。" in response.content.decode()
    assert not project.subcontractors.exists()


def test_a_closed_enterprise_cannot_become_a_subcontractor(client, office_staff, today):
    project = ProjectFactory()
    closed = EnterpriseFactory(status=Enterprise.Status.CLOSED, closed_reason="已注销")
    client.force_login(office_staff)
    response = client.post(
        f"/enterprises/projects/{project.pk}/subcontractors/",
        {"enterprise_code": closed.credit_code, "role": "labour"},
    )
    assert "在营企业" in response.content.decode()
    assert not project.subcontractors.exists()


def test_the_search_suggests_at_most_ten_codes_for_what_was_typed(client, office_staff, today):
    for n in range(12):
        EnterpriseFactory(name=f"柳州鑫达劳务{n}号有限公司")
    other = EnterpriseFactory(name="南宁别家公司")
    client.force_login(office_staff)
    body = client.get("/enterprises/search/", {"enterprise_code": "鑫达劳务"}).content.decode()
    assert body.count("<option") == 10
    assert other.name not in body
    found = Enterprise.objects.get(name="柳州鑫达劳务0号有限公司")
    assert f'<option value="{found.credit_code}">柳州鑫达劳务0号有限公司</option>' in body
    assert "<option" not in client.get("/enterprises/search/", {"enterprise_code": "鑫"}).content.decode()


def test_the_search_is_closed_to_an_outsider(client, outsider, today):
    client.force_login(outsider)
    assert client.get("/enterprises/search/", {"enterprise_code": "柳州"}).status_code == 403
