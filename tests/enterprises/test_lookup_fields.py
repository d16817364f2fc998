"""An enterprise or a project is named on every form by its code or its exact name (enterprises.forms.lookup),
never picked from a <select> of the registry: at scale 10 that is 50,000 enterprises, and the form pages must
cost the same bytes and queries at any size. The server decides from what was typed and says in Chinese when
nothing or several rows match; the box suggests rows while typing and works without JavaScript."""

from __future__ import annotations

import datetime as dt
import re

import django_filters
import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enterprises.forms.lookup import EnterpriseField, ProjectField
from enterprises.models import Enterprise, Event, Project, SiteInspection

from ..factories import CaseFactory, EnterpriseFactory, ProjectFactory
from ..test_bad_get_params import _subclasses

TODAY = dt.date(2026, 11, 18)
PROJECT_APPS = ("liudong_wages.", "enterprises.", "cases.", "funds.", "reporting.")
# Selects that stay selects, and why: the list is a project's own parties, a handful of rows. (The deposit's
# use, enterprises.forms.monitoring.DepositUseForm, lists the project's own open cases, at most 50, as choices.)
NARROWED = {"WorkerForm.employer"}


@pytest.fixture
def today(frozen):
    frozen(TODAY)
    return TODAY


def _registry(enterprises: int, projects: int) -> None:
    rows = Enterprise.objects.bulk_create(EnterpriseFactory.build_batch(enterprises))
    Project.objects.bulk_create(
        [ProjectFactory.build(construction_unit=row, general_contractor=row) for row in rows[:projects]]
    )


def _project_data(owner: str, contractor: str, **overrides) -> dict:
    return {
        "name": "柳东新区官塘大道安置房二期",
        "kind": "building",
        "construction_unit": owner,
        "general_contractor": contractor,
        "contract_value": "12000000.00",
        "worker_count": "150",
        **overrides,
    }


def _errors(response) -> str:
    """The text of the page's field errors."""
    return " ".join(
        re.findall(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</div>\s*</div>', response.text, re.S)
    )


# Every form of the project -----------------------------------------------------------------------------------


def test_no_form_or_filter_of_the_project_lists_every_enterprise_project_or_case():
    """A case too: 100,000 of them at scale 10 (cases.lookup.CaseField, tests/cases/test_case_lookup.py)."""
    from cases.models import Case

    registries = (Enterprise, Project, Case)
    offenders = []
    for form_class in _subclasses(forms.BaseForm):
        if not form_class.__module__.startswith(PROJECT_APPS):
            continue
        for name, field in form_class.base_fields.items():
            queryset = getattr(field, "queryset", None)
            model = getattr(queryset, "model", None)
            if model in registries and f"{form_class.__name__}.{name}" not in NARROWED:
                offenders.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    for filterset in _subclasses(django_filters.FilterSet):
        for name, item in filterset.base_filters.items():
            if getattr(item.extra.get("queryset"), "model", None) in registries:
                offenders.append(f"{filterset.__name__}.{name}")
    assert offenders == [], (
        "use EnterpriseField / ProjectField (enterprises.forms.lookup) or CaseField (cases.lookup)"
    )


def _pages(project: Project, case) -> list[str]:
    return [
        "/enterprises/projects/new/",
        f"/enterprises/projects/{project.pk}/edit/",
        f"/enterprises/inspections/new/?project={project.pk}",
        f"/cases/new/?enterprise={project.general_contractor_id}&project={project.pk}",
        f"/cases/interviews/new/?case={case.pk}",
    ]


def _measure(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(response.content), len(captured.captured_queries)


def test_the_form_pages_cost_the_same_bytes_and_queries_at_any_registry_size(client, director, today):
    project = ProjectFactory(permit_number="450200202605010101")
    case = CaseFactory(project=project, enterprise=project.general_contractor)
    client.force_login(director)
    pages = _pages(project, case)
    for url in pages:
        client.get(url)  # the session's and the menu's first reads
    small = {url: _measure(client, url) for url in pages}
    _registry(enterprises=300, projects=60)
    large = {url: _measure(client, url) for url in pages}
    for url in pages:
        size, queries = large[url]
        # The same page to the byte (the CSRF token is random but of fixed length) and the same queries:
        # session, user, device and permissions, the menu's unread count, the form's own rows (the project
        # edited or linked, with its parties; the case and its enterprise; the handlers and inspectors).
        assert (size, queries) == small[url], url
        assert queries <= 12, url
    body = client.get("/enterprises/projects/new/").text.strip()
    assert "<option" not in body.split('name="construction_unit"')[1].split("</div>")[0]
    assert Enterprise.objects.order_by("-pk").first().name not in body


# The project form ---------------------------------------------------------------------------------------------


def test_a_project_is_created_with_a_credit_code_typed_in_any_case_and_a_full_name(
    client, office_staff, today
):
    owner = EnterpriseFactory(name="柳州市东城投资开发集团有限公司", industry="other")
    contractor = EnterpriseFactory(name="广西建工集团第五建筑工程有限责任公司")
    client.force_login(office_staff)
    typed = f" {owner.credit_code[:8].lower()}-{owner.credit_code[8:]} "
    response = client.post("/enterprises/projects/new/", _project_data(typed, contractor.name))
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == f"/enterprises/projects/{project.pk}/"
    assert (project.construction_unit, project.general_contractor) == (owner, contractor)
    assert Event.objects.filter(project=project, kind=Event.Kind.PROJECT_CREATED).count() == 1
    page = client.get(response.url).text.strip()
    assert owner.name in page and contractor.name in page


def test_an_unknown_credit_code_is_refused_in_chinese_and_nothing_is_saved(client, office_staff, today):
    contractor = EnterpriseFactory()
    client.force_login(office_staff)
    response = client.post(
        "/enterprises/projects/new/", _project_data("91450200MA5K99999X", contractor.credit_code)
    )
    assert response.status_code == 200
    assert (
        "企业库中没有统一社会信用代码或全称为“91450200MA5K99999X”的在营企业，请核对，或先登记该企业。"
        in _errors(response)
    )
    # What was typed stays in the boxes.
    assert 'value="91450200MA5K99999X"' in response.text
    assert f'value="{contractor.credit_code}"' in response.text
    assert not Project.objects.exists()


def test_a_name_two_enterprises_share_asks_for_the_credit_code(client, office_staff, today):
    first = EnterpriseFactory(name="柳州同名建筑有限公司")
    EnterpriseFactory(name="柳州同名建筑有限公司")
    owner = EnterpriseFactory()
    client.force_login(office_staff)
    response = client.post(
        "/enterprises/projects/new/", _project_data(owner.credit_code, "柳州同名建筑有限公司")
    )
    assert "有多家企业名为“柳州同名建筑有限公司”，请填写其统一社会信用代码。" in _errors(response)
    assert not Project.objects.exists()
    # The developer, found, comes back named under its box.
    assert (
        f'<div class="form-text" id="id_construction_unit_current">已选：{owner.name}（{owner.credit_code}）</div>'
        in (response.text)
    )
    # The code of one of them settles it.
    response = client.post("/enterprises/projects/new/", _project_data(owner.credit_code, first.credit_code))
    assert response.status_code == 302
    assert Project.objects.get().general_contractor == first


def test_an_empty_party_is_required_and_a_closed_enterprise_cannot_become_one(client, office_staff, today):
    closed = EnterpriseFactory(status=Enterprise.Status.CLOSED, closed_reason="已注销")
    client.force_login(office_staff)
    response = client.post("/enterprises/projects/new/", _project_data("", closed.credit_code))
    errors = _errors(response)
    assert "请填写统一社会信用代码或企业全称。" in errors
    assert f"企业库中没有统一社会信用代码或全称为“{closed.credit_code}”的在营企业" in errors
    assert not Project.objects.exists()


def test_the_edit_form_shows_the_parties_and_keeps_a_developer_that_has_since_closed(
    client, office_staff, today
):
    project = ProjectFactory(name="柳东新区标准厂房三期", construction_unit__name="柳州已注销投资有限公司")
    owner, contractor = project.construction_unit, project.general_contractor
    Enterprise.objects.filter(pk=owner.pk).update(status=Enterprise.Status.CLOSED, closed_reason="已注销")
    client.force_login(office_staff)
    page = client.get(f"/enterprises/projects/{project.pk}/edit/").text.strip()
    box = re.search(r'<input type="text" name="construction_unit"[^>]*>', page).group(0)
    assert f'value="{owner.credit_code}"' in box
    assert 'aria-describedby="id_construction_unit_helptext id_construction_unit_current"' in box
    assert f"已选：柳州已注销投资有限公司（{owner.credit_code}） 已关闭" in page
    assert f"已选：{contractor.name}（{contractor.credit_code}）" in page

    newer = EnterpriseFactory(name="中建八局广西有限公司")
    data = _project_data(owner.credit_code, newer.credit_code, name=project.name)
    response = client.post(f"/enterprises/projects/{project.pk}/edit/", {**data, "status": "active"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.construction_unit, project.general_contractor) == (owner, newer)
    # Another closed enterprise is still refused: only the project's own developer is kept.
    other = EnterpriseFactory(status=Enterprise.Status.CLOSED, closed_reason="已吊销")
    data = _project_data(owner.credit_code, other.credit_code, name=project.name)
    response = client.post(f"/enterprises/projects/{project.pk}/edit/", {**data, "status": "active"})
    assert response.status_code == 200 and "在营企业" in _errors(response)
    project.refresh_from_db()
    assert project.general_contractor == newer


def test_another_units_liaison_can_neither_create_nor_edit_a_project(client, other_liaison, today):
    project = ProjectFactory()
    contractor = project.general_contractor
    newer = EnterpriseFactory()
    client.force_login(other_liaison)
    data = _project_data(project.construction_unit.credit_code, newer.credit_code, name="改名")
    assert client.get("/enterprises/projects/new/").status_code == 403
    assert client.post("/enterprises/projects/new/", data).status_code == 403
    assert client.get(f"/enterprises/projects/{project.pk}/edit/").status_code == 403
    assert client.post(f"/enterprises/projects/{project.pk}/edit/", data).status_code == 403
    project.refresh_from_db()
    assert (Project.objects.count(), project.general_contractor, project.name) == (
        1,
        contractor,
        project.name,
    )
    # Reading the registry, and so the boxes' suggestions, stays open to them as before.
    assert client.get("/enterprises/search/", {"field": "x", "x": contractor.name}).status_code == 200


# The box and its suggestions ----------------------------------------------------------------------------------


def test_the_box_is_labelled_and_its_suggestions_are_a_datalist_it_fills_as_the_user_types(
    client, office_staff
):
    client.force_login(office_staff)
    page = client.get("/enterprises/projects/new/").text.strip()
    assert '<label class="form-label" for="id_general_contractor">施工总承包单位' in page
    box = re.search(r'<input type="text" name="general_contractor"[^>]*>', page).group(0)
    for attribute in (
        'id="id_general_contractor"',
        'list="id_general_contractor_options"',
        'hx-get="/enterprises/search/?field=general_contractor"',
        'hx-target="#id_general_contractor_options"',
        'autocomplete="off"',
        "required",
    ):
        assert attribute in box
    assert '<datalist id="id_general_contractor_options"></datalist>' in page
    assert (
        '<div class="form-text" id="id_general_contractor_helptext">填写统一社会信用代码或企业全称</div>'
        in page
    )


def test_the_suggestions_answer_the_box_that_asked_and_closed_enterprises_only_when_it_takes_them(
    client, office_staff
):
    active = EnterpriseFactory(name="柳州鑫达劳务有限公司")
    closed = EnterpriseFactory(
        name="柳州鑫达建材有限公司", status=Enterprise.Status.CLOSED, closed_reason="注销"
    )
    client.force_login(office_staff)
    body = client.get(
        "/enterprises/search/", {"field": "general_contractor", "general_contractor": "鑫达"}
    ).text.strip()
    assert body == f'<option value="{active.credit_code}">柳州鑫达劳务有限公司</option>'
    body = client.get(
        "/enterprises/search/", {"field": "accept-enterprise", "accept-enterprise": "鑫达", "all": "1"}
    )
    assert (
        f'<option value="{closed.credit_code}">柳州鑫达建材有限公司（{closed.credit_code}） 已关闭</option>'
        in (body.text)
    )
    # The box's own parameter only: another one's text is not searched.
    assert client.get("/enterprises/search/", {"field": "a", "b": "鑫达"}).text.strip() == ""


def test_the_project_suggestions_name_the_permit_and_the_contractor(client, inspector):
    built = ProjectFactory(name="柳东新区鑫达厂房", permit_number="450200202605010101")
    ProjectFactory(name="柳东新区鑫达仓库", status=Project.Status.COMPLETED)
    client.force_login(inspector)
    body = client.get("/enterprises/projects/search/", {"field": "project", "project": "鑫达"}).text.strip()
    expected = f"柳东新区鑫达厂房（450200202605010101） · {built.general_contractor.name}"
    assert body == f'<option value="450200202605010101">{expected}</option>'
    body = client.get(
        "/enterprises/projects/search/", {"field": "project", "project": "鑫达", "all": "1"}
    ).text.strip()
    assert body.count("<option") == 2 and "柳东新区鑫达仓库 已完工" in body


def test_the_search_answers_at_most_ten_rows_and_nothing_for_one_character(client, office_staff):
    Enterprise.objects.bulk_create(EnterpriseFactory.build_batch(12, name="柳州同名劳务有限公司"))
    client.force_login(office_staff)
    assert client.get("/enterprises/search/", {"field": "q", "q": "同名"}).text.count("<option") == 10
    assert client.get("/enterprises/search/", {"field": "q", "q": "同"}).text.strip() == ""


# The other forms that name an enterprise or a project --------------------------------------------------------


def test_an_inspection_names_its_project_by_permit_number_and_refuses_an_unknown_one(
    client, inspector, today
):
    project = ProjectFactory(permit_number="450200202605010101")
    client.force_login(inspector)
    data = {
        "project": "450200202605010101",
        "inspected_on": "2026-11-17",
        "inspectors": [inspector.pk],
        **{name: "ok" for name, _label in SiteInspection.CHECKLIST},
    }
    response = client.post("/enterprises/inspections/new/", {**data, "project": "4502009999"})
    assert "没有施工许可证号或全称为“4502009999”的在建项目，请核对。" in _errors(response)
    assert not SiteInspection.objects.exists()
    assert client.post("/enterprises/inspections/new/", data).status_code == 302
    inspection = SiteInspection.objects.get()
    assert (inspection.project, inspection.enterprise) == (project, project.general_contractor)


def test_two_projects_of_one_name_ask_for_the_permit_number(client, inspector, today):
    ProjectFactory(name="柳东新区同名工程", permit_number="450200202605010101")
    ProjectFactory(name="柳东新区同名工程")
    client.force_login(inspector)
    response = client.post(
        "/enterprises/inspections/new/",
        {"project": "柳东新区同名工程", "inspected_on": "2026-11-17", "inspectors": [inspector.pk]},
    )
    assert "有多个项目名为“柳东新区同名工程”，请填写其施工许可证号。" in _errors(response)
    assert not SiteInspection.objects.exists()


def test_a_case_is_received_against_an_employer_that_has_since_closed_named_by_its_full_name(
    client, inspector, today
):
    from cases.models import Case

    closed = EnterpriseFactory(
        name="柳州已注销劳务有限公司", status=Enterprise.Status.CLOSED, closed_reason="注销"
    )
    client.force_login(inspector)
    response = client.post(
        "/cases/new/",
        {
            "source": "complaint",
            "received_on": TODAY.isoformat(),
            "enterprise": "柳州已注销劳务有限公司",
            "summary": "拖欠 5 名工人工资",
            "period_start": "2026-07-01",
            "period_end": "2026-09-30",
        },
    )
    assert response.status_code == 302
    assert Case.objects.get().enterprise == closed


def test_each_kind_names_its_rows_by_their_code_and_says_when_one_is_not_active():
    enterprise = EnterpriseFactory.build(name="柳州甲公司", credit_code="91450200MA5K00000X")
    project = ProjectFactory.build(name="甲工程", permit_number="", status=Project.Status.VOIDED)
    assert EnterpriseField.key(enterprise) == "91450200MA5K00000X"
    assert EnterpriseField.describe(enterprise) == "柳州甲公司（91450200MA5K00000X）"
    assert ProjectField.key(project) == "甲工程"
    assert ProjectField.describe(project) == "甲工程 已作废"
