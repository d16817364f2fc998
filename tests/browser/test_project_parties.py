"""Journey: the office registers a project on a phone (390x844), naming its developer and general contractor
by what it knows of them, a few characters of the name or the credit code, never by scrolling a list of the
whole registry (enterprises.forms.lookup).

The box suggests enterprises as the user types (htmx fills its <datalist>); a full name two enterprises share
is refused with a request for the credit code; the edit form shows the parties chosen. A second test runs
axe-core over the form with its suggestions open and with its errors.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from enterprises.models import Enterprise, Project
from liudong_wages.roles import Role

from ..factories import EnterpriseFactory, UserFactory
from .screens import PHONE, axe_violations

OWNER = "柳州市东城投资开发集团有限公司"
CONTRACTOR = "广西建工集团第五建筑工程有限责任公司"
SHARED = "柳州同名建筑有限公司"


def _registry() -> tuple[Enterprise, Enterprise]:
    Enterprise.objects.bulk_create(EnterpriseFactory.build_batch(200))
    EnterpriseFactory(name=SHARED)
    EnterpriseFactory(name=SHARED)
    return EnterpriseFactory(name=OWNER, industry="other"), EnterpriseFactory(name=CONTRACTOR)


def _fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.clock("2026-11-09 09:30")
def test_the_office_registers_a_project_on_a_phone_by_typing_its_parties(journey, phone):
    owner, contractor = _registry()
    staff = UserFactory(roles=[Role.OFFICE], unit__code="rsj", full_name="覃文静")
    page = phone.page
    phone.login(staff)
    phone.go("/enterprises/projects/new/")
    page.get_by_label("项目名称").fill("柳东新区官塘大道安置房二期")
    page.get_by_label("合同金额").fill("12000000")

    # A few characters of the developer's name: the box suggests it, with its credit code as the value.
    developer = page.get_by_label("建设单位")
    developer.press_sequentially("东城投资")
    suggestions = page.locator("#id_construction_unit_options option")
    expect(suggestions).to_have_count(1)
    expect(suggestions.first).to_have_attribute("value", owner.credit_code)
    expect(suggestions.first).to_have_text(OWNER)
    # Choosing a suggestion puts its value in the box, as the browser's list does.
    developer.fill(suggestions.first.get_attribute("value"))
    _fits_the_phone(page)
    phone.shot("project-01-suggested", full_page=True)

    # A full name two enterprises share: refused, the box keeps it and says what to do.
    contractor_box = page.get_by_label("施工总承包单位")
    contractor_box.fill(SHARED)
    page.get_by_role("button", name="保存").click()
    phone.see(f"有多家企业名为“{SHARED}”，请填写其统一社会信用代码。")
    contractor_box = page.get_by_label("施工总承包单位")
    expect(contractor_box).to_have_value(SHARED)
    expect(contractor_box).to_have_attribute("aria-invalid", "true")
    # The developer, found, is named under its box.
    expect(page.get_by_label("建设单位")).to_have_value(owner.credit_code)
    expect(page.locator("#id_construction_unit_current")).to_have_text(
        f"已选：{OWNER}（{owner.credit_code}）"
    )
    assert not Project.objects.exists()
    _fits_the_phone(page)
    phone.shot("project-02-refused", full_page=True)

    # The credit code typed as it is printed on the licence, spaces and all.
    contractor_box.fill(
        f"{contractor.credit_code[:6]} {contractor.credit_code[6:12]} {contractor.credit_code[12:]}"
    )
    page.get_by_role("button", name="保存").click()
    phone.alert("项目已登记。")
    project = Project.objects.get()
    assert (project.construction_unit, project.general_contractor) == (owner, contractor)
    phone.see(OWNER)
    phone.see(CONTRACTOR)

    # The edit form starts from the parties: their codes in the boxes, their names under them.
    phone.go(f"/enterprises/projects/{project.pk}/edit/")
    expect(page.get_by_label("建设单位")).to_have_value(owner.credit_code)
    expect(page.locator("#id_general_contractor_current")).to_have_text(
        f"已选：{CONTRACTOR}（{contractor.credit_code}）"
    )
    _fits_the_phone(page)
    phone.shot("project-03-edit", full_page=True)


def test_the_project_form_with_suggestions_and_errors_passes_axe(open_as, transactional_db):
    _registry()
    staff = UserFactory(roles=[Role.OFFICE], unit__code="rsj")
    page = open_as(staff, viewport=PHONE, phone=True)
    page.goto("/enterprises/projects/new/")
    page.get_by_label("施工总承包单位").press_sequentially("建工集团")
    expect(page.locator("#id_general_contractor_options option")).to_have_count(1)
    assert axe_violations(page) == []
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    expect(page.locator("#id_construction_unit_error")).to_contain_text("请填写统一社会信用代码或企业全称。")
    assert axe_violations(page) == []
