"""Journey: the office joins a second public report about the same employer to the case the first one opened,
by typing a few characters of the employer's name into the case box and taking its suggestion
(cases.lookup.CaseField), never by scrolling a list of every open case. A number that finds no case is refused
in Chinese with the box kept; axe-core passes on the page with the suggestions open and with the error."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cases import services
from cases.models import Case, PublicReport
from liudong_wages.roles import Role

from ..cases.test_public_report import _cleaned
from ..factories import CaseFactory, EnterpriseFactory, UserFactory
from .screens import axe_violations

EMPLOYER = "柳州市恒建劳务有限公司"


@pytest.mark.clock("2026-11-09 09:30")
def test_a_second_report_joins_the_employers_open_case_by_its_suggestion(open_as, clock):
    inspector = UserFactory(roles=[Role.INSPECTOR], unit__code="rsj")
    others = EnterpriseFactory()
    Case.objects.bulk_create(CaseFactory.build_batch(200, enterprise=others))
    enterprise = EnterpriseFactory(name=EMPLOYER)
    CaseFactory(number="LD2026-0041", enterprise=enterprise, status=Case.Status.CLOSED, closure="paid")
    case = CaseFactory(number="LD2026-0042", enterprise=enterprise)
    report = services.public_report_submit(
        **{**_cleaned(), "employer_name": EMPLOYER, "ip_address": "10.0.0.1"}
    )

    page = open_as(inspector)
    page.goto(f"/cases/public-reports/{report.pk}/")
    assert page.locator("option[value^='T2026'], option[value^='LD2026']").count() == 0
    box = page.get_by_label("并入已有案件")
    box.press_sequentially("恒建")
    # Only the open case: a report does not join a closed one.
    suggestions = page.locator("#id_accept-case_options option")
    expect(suggestions).to_have_count(1)
    expect(suggestions.first).to_have_attribute("value", "LD2026-0042")
    expect(suggestions.first).to_have_text(f"LD2026-0042 {EMPLOYER}（已登记待立案）")
    assert axe_violations(page) == []

    # A mistyped number: refused, the step's form alone with the box as typed and why.
    box.fill("LD2026-0024")
    page.get_by_role("button", name="受理", exact=True).click()
    expect(page.locator("#id_accept-case_error")).to_have_text(
        "没有编号为“LD2026-0024”的未办结案件，请核对。"
    )
    box = page.get_by_label("并入已有案件")
    expect(box).to_have_value("LD2026-0024")
    expect(box).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []
    report.refresh_from_db()
    assert report.status == PublicReport.Status.SUBMITTED

    # The suggestion, found again by a part of the number, puts the case's number in the box.
    box.fill("")
    box.press_sequentially("26-0042")
    suggestions = page.locator("#id_accept-case_options option")
    expect(suggestions).to_have_count(1)
    box.fill(suggestions.first.get_attribute("value"))
    page.get_by_role("button", name="确定").click()
    expect(page.get_by_role("alert").filter(has_text="已受理。").first).to_be_visible()
    report.refresh_from_db()
    assert (report.status, report.case) == (PublicReport.Status.ACCEPTED, case)
    assert Case.objects.filter(enterprise=enterprise).count() == 2
