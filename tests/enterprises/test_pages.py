"""The registry's pages: who may see and change what, forms, timelines, exports and the PDF notice."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from enterprises.models import DishonestListing, Enterprise, Project, RestrictionMeasure
from enterprises.services import assessment_create, listing_decide, listing_notify
from liudong_wages.models import PersonalDataAccess
from liudong_wages.roles import Role

from ..factories import (
    DishonestListingFactory,
    EnterpriseFactory,
    ProjectFactory,
    SiteInspectionFactory,
    UserFactory,
    valid_credit_code,
)


def _sheet(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.worksheets[0].iter_rows(values_only=True))


def _enterprise_post(**overrides):
    data = {
        "name": "柳州市宏盛劳务有限公司",
        "credit_code": "9145 0200 ma5k 1234 7h",
        "industry": "construction",
        "legal_rep_name": "覃宏",
        "legal_rep_id_number": "450204199003071236",
        "legal_rep_phone": "13877212345",
        "address": "柳东新区",
        "industrial_park": "官塘创业园",
        "headcount": "50",
        "migrant_worker_count": "40",
    }
    return {**data, **overrides}


# --- who may do what ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/enterprises/", "/enterprises/projects/", "/enterprises/inspections/", "/enterprises/listings/"]
)
def test_every_list_opens_for_a_member_unit_liaison(client, liaison, url):
    client.force_login(liaison)
    assert client.get(url).status_code == 200


def test_a_liaison_cannot_change_an_enterprise(client, liaison):
    enterprise = EnterpriseFactory(name="原名称")
    client.force_login(liaison)
    assert client.get(f"/enterprises/{enterprise.pk}/").status_code == 200
    assert client.get(f"/enterprises/{enterprise.pk}/edit/").status_code == 403
    response = client.post(f"/enterprises/{enterprise.pk}/edit/", _enterprise_post(name="冒改名称"))
    assert response.status_code == 403
    enterprise.refresh_from_db()
    assert enterprise.name == "原名称"
    assert client.post(f"/enterprises/{enterprise.pk}/close/", {"reason": "x"}).status_code == 403
    assert client.get("/enterprises/new/").status_code == 403


def test_an_outsider_sees_no_enterprise(client, outsider):
    enterprise = EnterpriseFactory()
    client.force_login(outsider)
    assert client.get(f"/enterprises/{enterprise.pk}/").status_code == 404
    assert enterprise.name not in client.get("/enterprises/").text


def test_the_office_registers_an_enterprise_with_a_normalised_code(client, office_staff):
    client.force_login(office_staff)
    response = client.post("/enterprises/new/", _enterprise_post())
    enterprise = Enterprise.objects.get()
    assert response.status_code == 302 and response.url == f"/enterprises/{enterprise.pk}/"
    assert enterprise.credit_code == "91450200MA5K12347H"
    assert "企业登记" in client.get(response.url).text


def test_a_bad_credit_code_shows_a_chinese_error_and_saves_nothing(client, inspector):
    client.force_login(inspector)
    response = client.post("/enterprises/new/", _enterprise_post(credit_code="91450200MA5K12347A"))
    assert response.status_code == 200
    assert "校验位不正确" in response.text
    assert not Enterprise.objects.exists()


def test_a_duplicate_credit_code_shows_an_error(client, inspector):
    EnterpriseFactory(credit_code="91450200MA5K12347H")
    client.force_login(inspector)
    response = client.post("/enterprises/new/", _enterprise_post())
    assert "已登记" in response.text
    assert Enterprise.objects.count() == 1


def test_the_id_number_is_masked_and_a_full_view_is_logged(client, office_staff, liaison):
    enterprise = EnterpriseFactory(legal_rep_id_number="450204199003071236")
    client.force_login(liaison)
    page = client.get(f"/enterprises/{enterprise.pk}/?full=1").text
    assert "450204199003071236" not in page and "4502**********1236" in page
    client.force_login(office_staff)
    assert "450204199003071236" in client.get(f"/enterprises/{enterprise.pk}/?full=1").text
    assert PersonalDataAccess.objects.filter(user=office_staff, action="view").count() == 1


# --- details and timelines ----------------------------------------------------------------------------------


def test_the_enterprise_page_tells_the_whole_story(client, office_staff, inspector):
    enterprise = EnterpriseFactory()
    project = ProjectFactory(general_contractor=enterprise, name="柳东安置房二期")
    client.force_login(office_staff)
    client.post(
        f"/enterprises/projects/{project.pk}/deposit/pay/",
        {"amount": "100000.00", "form": "cash", "paid_on": "2026-06-20"},
    )
    assessment_create(
        enterprise=enterprise,
        by=office_staff,
        assessor=office_staff,
        assessed_on=dt.date(2026, 5, 1),
        items={
            key: (9, "材料齐全")
            for key in [
                "contracts",
                "bargaining",
                "wage_growth",
                "standards",
                "rules",
                "culture",
                "insurance",
                "safety",
                "union",
                "coordination",
            ]
        },
    )
    page = client.get(f"/enterprises/{enterprise.pk}/").text
    assert "柳东安置房二期" in page
    assert "缴存工资保证金" in page
    assert "“十个全面”评定" in page and "总分 90" in page
    enterprise.refresh_from_db()
    assert enterprise.star_rating == 4


def test_the_project_page_shows_its_risk_reasons(client, liaison):
    project = ProjectFactory(wage_account_number="", start_date=dt.date(2026, 1, 5))
    from enterprises.services import project_risk_refresh

    project_risk_refresh(project=project, today=dt.date(2026, 7, 1))
    client.force_login(liaison)
    page = client.get(f"/enterprises/projects/{project.pk}/").text
    assert "未开设农民工工资专用账户" in page
    assert "橙色" in page


def test_the_office_creates_a_project_through_the_form(client, office_staff):
    owner, contractor = EnterpriseFactory(), EnterpriseFactory()
    client.force_login(office_staff)
    data = {
        "name": "柳东新区管委会投资道路工程",
        "kind": "municipal",
        "construction_unit": owner.credit_code,
        "general_contractor": contractor.name,
        "management_invested": "on",
        "contract_value": "8000000.00",
        "worker_count": "80",
    }
    response = client.post("/enterprises/projects/new/", data)
    assert response.status_code == 200 and "项目负责人" in response.text
    assert not Project.objects.exists()
    response = client.post("/enterprises/projects/new/", {**data, "responsible_person": "覃项目"})
    assert response.status_code == 302
    assert Project.objects.get().responsible_person == "覃项目"


# --- lists: filters, export, query counts -------------------------------------------------------------------


def test_the_enterprise_export_applies_the_current_filters(client, office_staff):
    EnterpriseFactory(name="建筑甲", industry="construction")
    EnterpriseFactory(name="餐饮乙", industry="catering")
    client.force_login(office_staff)
    response = client.get("/enterprises/export.xlsx?industry=construction")
    assert response.status_code == 200
    rows = _sheet(response)
    assert rows[0][0] == "企业名称"
    assert [row[0] for row in rows[1:]] == ["建筑甲"]
    assert rows[1][2] == "建筑"
    assert PersonalDataAccess.objects.filter(user=office_staff, action="export").exists()


def test_a_liaison_exports_masked_id_numbers(client, liaison):
    EnterpriseFactory(legal_rep_id_number="450204199003071236")
    client.force_login(liaison)
    rows = _sheet(client.get("/enterprises/export.xlsx"))
    assert rows[1][4] == "4502**********1236"


def test_the_project_list_filters_by_risk_and_exports_reasons(client, office_staff):
    from enterprises.services import project_risk_refresh

    risky = ProjectFactory(name="高风险项目", wage_account_number="", start_date=dt.date(2026, 1, 5))
    ProjectFactory(name="平稳项目", start_date=dt.date(2026, 1, 5), contract_value=Decimal("1000000"))
    for project in Project.objects.all():
        project_risk_refresh(project=project, today=dt.date(2026, 7, 1))
    client.force_login(office_staff)
    page = client.get("/enterprises/projects/?risk=orange").text
    assert "高风险项目" in page and "平稳项目" not in page
    rows = _sheet(client.get("/enterprises/projects/export.xlsx?risk=orange"))
    assert len(rows) == 2 and rows[1][0] == risky.name
    assert "未开设农民工工资专用账户" in rows[1][-1]


def test_search_finds_an_enterprise_by_a_lowercase_code(client, liaison):
    EnterpriseFactory(name="可找到的公司", credit_code=valid_credit_code(77))
    EnterpriseFactory(name="另一家公司")
    client.force_login(liaison)
    page = client.get("/enterprises/", {"q": valid_credit_code(77).lower()}).text
    assert "可找到的公司" in page and "另一家公司" not in page


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/enterprises/", lambda n: EnterpriseFactory.create_batch(n)),
        ("/enterprises/projects/", lambda n: ProjectFactory.create_batch(n)),
        ("/enterprises/inspections/", lambda n: SiteInspectionFactory.create_batch(n)),
        ("/enterprises/listings/", lambda n: DishonestListingFactory.create_batch(n)),
    ],
)
def test_a_lists_query_count_does_not_grow_with_its_rows(
    client, office_staff, django_assert_max_num_queries, url, make
):
    client.force_login(office_staff)
    make(5)
    client.get(url)  # warm the permission and calendar caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    make(45)
    # Session, user, groups/permissions, the count, the page, the parks list, a prefetch: the same for 50 rows.
    with django_assert_max_num_queries(len(five.captured_queries)):
        assert client.get(url).status_code == 200


# --- the listing procedure through the pages ----------------------------------------------------------------


def test_the_notice_pdf_names_the_enterprise(client, office_staff):
    listing = DishonestListingFactory(enterprise__name="柳州恒达建筑工程有限公司")
    listing_notify(
        listing=listing,
        by=office_staff,
        notice_number="柳东人社失告〔2026〕3号",
        notified_on=dt.date(2026, 3, 2),
    )
    client.force_login(office_staff)
    response = client.get(f"/enterprises/listings/{listing.pk}/notice.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "柳州恒达建筑工程有限公司" in text
    assert "告知书" in text


def test_a_unit_records_its_own_measure_and_not_another_units(client, office_staff):
    listing = DishonestListingFactory()
    listing_notify(listing=listing, by=office_staff, notice_number="告1", notified_on=dt.date(2026, 3, 2))
    listing_decide(listing=listing, by=office_staff, decided_on=dt.date(2026, 3, 20), decision_number="决1")
    jfj = UserFactory(roles=[Role.LIAISON], unit__code="jfj")
    mine = RestrictionMeasure.objects.get(listing=listing, unit__code="jfj")
    theirs = RestrictionMeasure.objects.get(listing=listing, unit__code="jsj")
    client.force_login(jfj)
    assert client.get(f"/enterprises/listings/measures/{theirs.pk}/").status_code == 404
    response = client.post(
        f"/enterprises/listings/measures/{mine.pk}/",
        {"measures": "暂停其新项目核准", "taken_on": "2026-03-25"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == RestrictionMeasure.Status.RECORDED
    assert client.post(f"/enterprises/listings/{listing.pk}/remove/", {}).status_code == 403
    client.force_login(office_staff)
    page = client.get(f"/enterprises/listings/{listing.pk}/").text
    start = page.index('id="pending-units"')
    pending = page[start : page.index("</p>", start)]
    assert "经发局" not in pending and "建设局" in pending


def test_the_office_steps_through_the_procedure_on_the_pages(client, office_staff):
    enterprise = EnterpriseFactory()
    client.force_login(office_staff)
    response = client.post(
        f"/enterprises/{enterprise.pk}/list/",
        {
            "grounds": "incident",
            "facts": "拖欠工资引发 60 余人聚集讨薪",
            "amount_owed": "600000.00",
            "workers_affected": "62",
            "payment_order_number": "柳东人社监令〔2026〕20号",
            "payment_order_date": "2026-04-01",
        },
    )
    listing = DishonestListing.objects.get()
    assert response.url == f"/enterprises/listings/{listing.pk}/"
    client.post(
        f"/enterprises/listings/{listing.pk}/notify/", {"notice_number": "告2", "notified_on": "2026-04-20"}
    )
    response = client.post(
        f"/enterprises/listings/{listing.pk}/decide/", {"decision_number": "决2", "decided_on": "2026-04-21"}
    )
    assert response.status_code == 200 and "期满后方可作出列入决定" in response.text
    client.post(
        f"/enterprises/listings/{listing.pk}/decide/", {"decision_number": "决2", "decided_on": "2026-05-08"}
    )
    listing.refresh_from_db()
    assert listing.status == DishonestListing.Status.LISTED


def test_the_internet_plus_list_holds_rated_enterprises_without_trouble(client, office_staff, liaison):
    good, listed = EnterpriseFactory(name="星级好企业"), EnterpriseFactory(name="失信企业")
    Enterprise.objects.filter(pk__in=[good.pk, listed.pk]).update(star_rating=4, rated_on=dt.date(2026, 5, 1))
    EnterpriseFactory(name="未评定企业")
    listing = DishonestListingFactory(enterprise=listed)
    listing_notify(listing=listing, by=office_staff, notice_number="告1", notified_on=dt.date(2026, 3, 2))
    listing_decide(listing=listing, by=office_staff, decided_on=dt.date(2026, 3, 20), decision_number="决1")
    client.force_login(liaison)
    page = client.get("/enterprises/internet-plus/").text
    assert "星级好企业" in page and "失信企业" not in page and "未评定企业" not in page
    rows = _sheet(client.get("/enterprises/internet-plus/export.xlsx"))
    assert [row[0] for row in rows[1:]] == ["星级好企业"]


def test_the_enterprise_list_filters_by_rating_and_listing(client, office_staff):
    rated, listed = EnterpriseFactory(name="三星企业"), EnterpriseFactory(name="名单企业")
    Enterprise.objects.filter(pk=rated.pk).update(star_rating=3)
    listing = DishonestListingFactory(enterprise=listed)
    listing_notify(listing=listing, by=office_staff, notice_number="告1", notified_on=dt.date(2026, 3, 2))
    listing_decide(listing=listing, by=office_staff, decided_on=dt.date(2026, 3, 20), decision_number="决1")
    client.force_login(office_staff)
    page = client.get("/enterprises/?rating=3").text
    assert "三星企业" in page and "名单企业" not in page
    page = client.get("/enterprises/?listed=yes").text
    assert "名单企业" in page and "三星企业" not in page
    page = client.get("/enterprises/?rating=bogus").text  # an invalid filter is ignored, not an error
    assert "三星企业" in page


def test_the_dashboard_selector_orders_projects_by_risk(db):
    from enterprises.selectors import projects_most_at_risk
    from enterprises.services import project_risk_refresh

    orange = ProjectFactory(name="橙", wage_account_number="", start_date=dt.date(2026, 1, 5))
    yellow = ProjectFactory(
        name="黄", labour_filed=False, start_date=dt.date(2026, 1, 5), contract_value=Decimal("1")
    )
    for project in (orange, yellow):
        project_risk_refresh(project=project, today=dt.date(2026, 7, 1))
    assert [p.name for p in projects_most_at_risk(Project.objects.all())] == ["橙", "黄"]


def test_the_remaining_pages_render_and_work(client, office_staff):
    enterprise = EnterpriseFactory()
    sub = EnterpriseFactory(name="劳务分包公司")
    project = ProjectFactory(general_contractor=enterprise)
    client.force_login(office_staff)
    for url in [
        f"/enterprises/{enterprise.pk}/edit/",
        f"/enterprises/{enterprise.pk}/close/",
        f"/enterprises/{enterprise.pk}/assess/",
        f"/enterprises/{enterprise.pk}/list/",
        f"/enterprises/projects/{project.pk}/edit/",
        "/enterprises/projects/new/",
        "/enterprises/inspections/new/",
        "/enterprises/listings/measures/pending/",
        "/enterprises/import/projects/",
    ]:
        assert client.get(url).status_code == 200, url
    client.post(
        f"/enterprises/projects/{project.pk}/subcontractors/",
        {"enterprise_code": sub.credit_code, "role": "labour"},
    )
    assert project.subcontractors.get().enterprise == sub
    assert "劳务分包公司" in client.get(f"/enterprises/{sub.pk}/").text
    client.post(
        f"/enterprises/projects/{project.pk}/subcontractors/{project.subcontractors.get().pk}/remove/"
    )
    assert not project.subcontractors.exists()
    scores = {
        f"score_{key}": "8"
        for key in [
            "contracts",
            "bargaining",
            "wage_growth",
            "standards",
            "rules",
            "culture",
            "insurance",
            "safety",
            "union",
            "coordination",
        ]
    }
    response = client.post(f"/enterprises/{enterprise.pk}/assess/", {"assessed_on": "2026-05-01", **scores})
    assert response.status_code == 302
    assessment = enterprise.assessments.get()
    assert assessment.total_score == 80 and assessment.star_rating == 3
    assert "全面推进劳动合同制度" in client.get(f"/enterprises/assessments/{assessment.pk}/").text
    response = client.post(f"/enterprises/{enterprise.pk}/close/", {"reason": "已注销营业执照"})
    enterprise.refresh_from_db()
    assert enterprise.status == Enterprise.Status.CLOSED


@pytest.mark.parametrize(
    "url", ["/enterprises/", "/enterprises/projects/", "/enterprises/listings/measures/pending/"]
)
def test_a_user_without_a_role_may_not_open_the_lists(client, outsider, url):
    client.force_login(outsider)
    assert client.get(url).status_code == 403
