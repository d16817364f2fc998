"""The enterprises app's long lists write their rows in Python (enterprises/tables.py, issue 21): each cell
shows what the template showed, in the language of the request."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from enterprises.models import DishonestListing, Enterprise, Payroll, WageAlert
from liudong_wages.privacy import mask_account, mask_id_number

from ..factories import (
    DishonestListingFactory,
    EnterpriseFactory,
    ProjectFactory,
    SiteInspectionFactory,
    valid_id_number,
)
from .test_monitoring_pages import TODAY, add_alert, add_sheet, add_worker


def test_a_warnings_cells_name_its_colour_days_handling_and_amounts(client, inspector, frozen):
    frozen(TODAY)
    project = ProjectFactory(name="柳东<一期>", general_contractor=EnterpriseFactory(name="广西某建工"))
    inspection = SiteInspectionFactory(project=project)
    add_alert(
        project,
        level="red",
        red_reason="逾期 10 日仍未补报",
        inspection=inspection,
        workers_unpaid=12,
        amount_unpaid=Decimal("48000.50"),
        opened_on=dt.date(2026, 11, 7),
    )
    add_alert(project, reason=WageAlert.Reason.UNDERPAID, case_number="柳东欠薪〔2026〕9号")
    add_alert(project, month=dt.date(2026, 9, 1), closed_on=dt.date(2026, 11, 17), close_reason="已补报")
    client.force_login(inspector)
    page = client.get("/enterprises/monitoring/?state=all").content.decode()
    assert page.count(f'<a href="/enterprises/projects/{project.pk}/#monitoring">柳东&lt;一期&gt;</a>') == 3
    assert '<span class="badge text-bg-danger">红色</span>' in page
    assert "逾期 10 日仍未补报</div>" in page and "<td>广西某建工</td>" in page
    assert '<td>2026-11-07<div class="small text-muted">已 11 天</div></td>' in page
    assert '<div class="small text-muted">2026-11-17 解除</div>' in page
    assert f'<a href="/enterprises/inspections/{inspection.pk}/">督办巡视</a>' in page
    assert '<td class="small">已立案 柳东欠薪〔2026〕9号</td>' in page
    assert '<td class="text-end">12</td><td class="text-end">48,000.50</td>' in page
    assert '<td class="text-end">—</td><td class="text-end">—</td>' in page  # nobody unpaid yet
    english = client.get("/enterprises/monitoring/?state=all", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "11 days" in english and "cleared 2026-11-17" in english and ">Red</span>" in english


def test_a_roster_row_shows_contract_dates_and_the_editors_links_and_a_liaison_sees_it_masked(
    client, office_staff, liaison
):
    project = ProjectFactory()
    here = add_worker(project, 1, contract_signed=True, contract_signed_on=dt.date(2026, 3, 2), team="")
    gone = add_worker(project, 2, left_on=dt.date(2026, 9, 30), phone="", bank_name="")
    client.force_login(office_staff)
    page = client.get(f"/enterprises/projects/{project.pk}/workers/").content.decode()
    assert "<td>已签 2026-03-02</td>" in page and '<td><span class="overdue">未签</span></td>' in page
    assert "<td>— / 钢筋工</td>" in page
    assert '<td class="text-nowrap">2026-03-01 / 在场</td>' in page
    assert (
        '<tr class="text-muted">' in page and '<td class="text-nowrap">2026-03-01 / 2026-09-30</td>' in page
    )
    edit = f"/enterprises/projects/{project.pk}/workers/{{}}/edit/"
    leave = f"/enterprises/projects/{project.pk}/workers/{here.pk}/leave/"
    assert page.count('class="btn btn-link btn-sm p-0"') == 3  # the one who left cannot leave again
    assert edit.format(here.pk) in page and edit.format(gone.pk) in page and leave in page
    assert (
        "138****0001" in page
        and f'{mask_account(here.bank_card)}<div class="small text-muted">中国工商银行</div>' in page
    )
    client.force_login(liaison)
    masked = client.get(f"/enterprises/projects/{project.pk}/workers/?full=1").content.decode()
    assert mask_id_number(valid_id_number(2)) in masked and valid_id_number(2) not in masked
    assert "btn-link btn-sm p-0" not in masked and '<th scope="col"></th>' not in masked


def test_an_enterprise_row_shows_its_stars_and_a_dishonest_listing(client, inspector):
    listed = EnterpriseFactory(name="失信<企业>", industrial_park="", legal_rep_name="")
    DishonestListingFactory(
        enterprise=listed,
        status=DishonestListing.Status.LISTED,
        notified_on=dt.date(2026, 3, 10),
        decided_on=dt.date(2026, 4, 1),
        listed_until=dt.date(2029, 4, 1),
    )
    Enterprise.objects.filter(pk=listed.pk).update(star_rating=None)
    starred = EnterpriseFactory(name="三星企业")
    Enterprise.objects.filter(pk=starred.pk).update(star_rating=3)
    client.force_login(inspector)
    page = client.get("/enterprises/").content.decode()
    assert (
        f'<a href="/enterprises/{listed.pk}/">失信&lt;企业&gt;</a> <span class="badge text-bg-danger">失信</span>'
        in page
    )
    assert f'<td class="font-monospace small">{listed.credit_code}</td>' in page
    assert (
        '<td>—</td><td>—</td><td class="text-end">80</td><td><span class="text-muted">未评定</span></td>'
        in page
    )
    assert '<span class="text-warning" title="3 星">★★★</span>' in page
    english = client.get("/enterprises/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Not assessed" in english and '<span class="badge text-bg-danger">Listed</span>' in english


def test_a_wage_sheet_row_marks_what_is_unpaid_or_outside_the_account_and_a_superseded_version(
    client, office_staff
):
    project = ProjectFactory()
    workers = [add_worker(project, n) for n in (1, 2)]
    old = add_sheet(project, dt.date(2026, 8, 1), workers)
    Payroll.objects.filter(pk=old.pk).update(
        status=Payroll.Status.SUPERSEDED,
        superseded_at=dt.datetime(2026, 10, 20, 9, 0, tzinfo=dt.UTC),
        # 17:30 UTC on 30 September is already 1 October in Liudong.
        submitted_at=dt.datetime(2026, 9, 30, 17, 30, tzinfo=dt.UTC),
    )
    new = add_sheet(project, dt.date(2026, 9, 1), workers, paid_ratio=Decimal("0.5"))
    Payroll.objects.filter(pk=new.pk).update(version=2, total_outside=Decimal("1200.00"))
    client.force_login(office_staff)
    page = client.get(f"/enterprises/projects/{project.pk}/payroll/?versions=all").content.decode()
    assert (
        f'<a href="/enterprises/projects/{project.pk}/payroll/{new.pk}/">2026-09</a>'
        ' <span class="badge text-bg-light border">第 2 版</span>' in page
    )
    assert '<td class="text-end overdue">6,000.00<div class="small">2 人未足额</div></td>' in page
    assert '<td class="text-end near-deadline">1,200.00</td>' in page
    assert (
        '<tr class="text-muted">' in page and '<span class="badge text-bg-secondary">已被更正</span>' in page
    )
    assert '<td class="small">2026-10-01 / —</td>' in page
    english = client.get(
        f"/enterprises/projects/{project.pk}/payroll/?versions=all", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "version 2" in english.content.decode() and "2 not paid in full" in english.content.decode()


def test_the_park_box_lists_each_park_once_in_order_as_distinct_did(client, office_staff, db):
    from enterprises import selectors

    for park in [
        "官塘创业园",
        "",
        "柳东新区汽车城",
        "官塘创业园",
        "A 区",
        "柳东新区汽车城",
        "a 区",
        "",
        "雒容工业园",
    ]:
        EnterpriseFactory(industrial_park=park)
    distinct = list(
        Enterprise.objects.exclude(industrial_park="")
        .order_by("industrial_park")
        .values_list("industrial_park", flat=True)
        .distinct()
    )
    assert selectors.industrial_parks() == distinct
    assert len(distinct) == 5
    client.force_login(office_staff)
    box = client.get("/enterprises/").text
    box = box[box.index('name="park"') : box.index("</select>", box.index('name="park"'))]
    assert [park for park in distinct if f">{park}</option>" in box] == distinct


def test_no_park_at_all(db):
    from enterprises import selectors

    EnterpriseFactory(industrial_park="")
    assert selectors.industrial_parks() == []
