"""The case pages: who sees what, the list's filters, paging, export and query counts."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cases import services
from cases.models import Case
from liudong_wages.models import PersonalDataAccess

from ..factories import CaseFactory, WorkerClaimFactory


@pytest.fixture
def referred(db, inspector):
    case = CaseFactory()
    services.case_file(case=case, by=inspector)
    services.case_refer_police(case=case, by=inspector, evidence="工资表")
    return case


def test_the_police_liaison_sees_only_cases_referred_to_police(client, police, referred):
    other = CaseFactory()
    client.force_login(police)
    assert client.get(f"/cases/{other.pk}/").status_code == 404
    assert client.get(f"/cases/{referred.pk}/").status_code == 200
    listing = client.get("/cases/")
    assert referred.number in listing.text and other.number not in listing.text


def test_the_police_record_acceptance_through_the_page(client, police, referred):
    client.force_login(police)
    response = client.post(
        f"/cases/{referred.pk}/step/police_decide/",
        {
            "on": referred.received_on.isoformat(),
            "accepted": "1",
            "police_case_number": "柳东公刑〔2026〕5号",
        },
    )
    assert response.status_code == 302
    referred.police_referral.refresh_from_db()
    assert referred.police_referral.police_case_number == "柳东公刑〔2026〕5号"
    # …but cannot take the office's steps.
    assert client.get(f"/cases/{referred.pk}/step/close/").status_code == 403


def test_a_liaison_and_an_outsider_see_no_case(client, liaison, outsider):
    case = CaseFactory()
    for user in (liaison, outsider):
        client.force_login(user)
        assert client.get(f"/cases/{case.pk}/").status_code == 404
        assert case.number not in client.get("/cases/").text


def test_the_office_takes_a_step_and_bad_input_saves_nothing(client, inspector):
    case = CaseFactory()
    client.force_login(inspector)
    response = client.post(
        f"/cases/{case.pk}/step/close/", {"on": case.received_on.isoformat(), "closure": "paid"}
    )
    assert response.status_code == 200
    assert "尚未立案" in response.text
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED
    assert (
        client.post(f"/cases/{case.pk}/step/file/", {"on": case.received_on.isoformat()}).status_code == 302
    )
    case.refresh_from_db()
    assert case.status == Case.Status.FILED


def test_registering_a_case_through_the_form(client, inspector, enterprise):
    # Received today, for a recent period: the form refuses a day after today, so the dates follow the clock.
    today = timezone.localdate()
    client.force_login(inspector)
    response = client.post(
        "/cases/new/",
        {
            "source": "complaint",
            "received_on": today.isoformat(),
            "enterprise": enterprise.credit_code,
            "summary": "拖欠 3 名木工工资",
            "period_start": (today - dt.timedelta(days=150)).isoformat(),
            "period_end": (today - dt.timedelta(days=60)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Case.objects.get().enterprise == enterprise


def test_an_old_period_needs_confirmation_at_intake(client, inspector, enterprise):
    client.force_login(inspector)
    today = timezone.localdate()
    data = {
        "source": "complaint",
        "received_on": today.isoformat(),
        "enterprise": enterprise.credit_code,
        "summary": "旧账",
        # Began more than two years before today.
        "period_start": dt.date(today.year - 3, 1, 1).isoformat(),
        "period_end": dt.date(today.year - 3, 3, 31).isoformat(),
    }
    response = client.post("/cases/new/", data)
    assert response.status_code == 200 and "第二十条" in response.text
    assert not Case.objects.exists()
    assert client.post("/cases/new/", {**data, "beyond_limitation_confirmed": "on"}).status_code == 302


def test_personal_data_is_masked_until_asked_for_and_the_full_view_is_logged(client, inspector):
    claim = WorkerClaimFactory(id_number="450204199003071236", phone="13977200001")
    client.force_login(inspector)
    page = client.get(f"/cases/{claim.case_id}/").text
    assert "4502**********1236" in page and "450204199003071236" not in page
    assert not PersonalDataAccess.objects.exists()
    page = client.get(f"/cases/{claim.case_id}/?full=1").text
    assert "450204199003071236" in page
    assert PersonalDataAccess.objects.get().user == inspector


def test_the_leader_sees_masked_data_only(client, leader):
    claim = WorkerClaimFactory(id_number="450204199003071236")
    client.force_login(leader)
    page = client.get(f"/cases/{claim.case_id}/?full=1").text
    assert "450204199003071236" not in page


def test_filters_by_status_and_search(client, inspector):
    filed = CaseFactory(respondent_name="", summary="甲")
    services.case_file(case=filed, by=inspector)
    received = CaseFactory()
    client.force_login(inspector)
    page = client.get("/cases/", {"status": "filed"}).text
    assert filed.number in page and received.number not in page
    page = client.get("/cases/", {"q": received.number}).text
    assert received.number in page and filed.number not in page


def test_export_applies_the_filters_and_masks_phones_for_the_leader(client, inspector, leader):
    open_case = CaseFactory(complainant_phone="13977200002")
    closed = CaseFactory()
    services.case_void(case=closed, by=inspector, reason="重复")
    client.force_login(leader)
    response = client.get("/cases/export.xlsx?status=open")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    numbers = [row[0] for row in rows[1:]]
    assert numbers == [open_case.number]
    assert rows[1][14] == "139****0002"


@pytest.mark.parametrize("count", [2, 20])
def test_the_case_list_runs_the_same_queries_for_few_and_many_rows(
    client, inspector, count, django_assert_max_num_queries
):
    for case in CaseFactory.create_batch(count):
        WorkerClaimFactory(case=case)
    client.force_login(inspector)
    # Session, user, groups and permissions, the unread count, the handler choices of the filter, the page
    # count and the page itself: a fixed number, whatever the rows.
    with django_assert_max_num_queries(14):
        response = client.get("/cases/")
    assert response.status_code == 200


def test_claims_import_from_excel_saves_all_rows_or_none(client, inspector):
    from openpyxl import Workbook

    case = CaseFactory()
    client.force_login(inspector)

    def upload(rows):
        book = Workbook()
        sheet = book.active
        sheet.append(["姓名*", "身份证号", "电话", "欠薪金额*", "已支付金额", "备注"])
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        buffer.seek(0)
        buffer.name = "claims.xlsx"
        return client.post(f"/cases/{case.pk}/claims/import/", {"file": buffer})

    bad = upload([["甲", "450204199003071236", "", 3000, 0, ""], ["乙", "450204199003071237", "", -5, 0, ""]])
    assert bad.status_code == 200 and "第 3 行" in bad.text
    assert case.claims.count() == 0
    good = upload([["甲", "450204199003071236", "", 3000, 0, ""], ["乙", "", "", 2000.5, 0, ""]])
    assert good.status_code == 302
    case.refresh_from_db()
    assert case.worker_count == 2 and case.total_owed == Decimal("5000.50")


def test_an_inspection_finding_opens_a_case_in_one_step(client, inspector):
    from tests.factories import SiteInspectionFactory

    inspection = SiteInspectionFactory(
        check_wage_payment="problem",
        findings="班组工资已拖欠两个月。",
        finding_status="open",
        follow_up_due=dt.date(2026, 12, 10),
    )
    client.force_login(inspector)
    page = client.get(f"/enterprises/inspections/{inspection.pk}/")
    link = next(line for line in page.text.splitlines() if "据此立案" in line)
    url = link.split('href="')[1].split('"')[0].replace("&amp;", "&")
    form = client.get(url)
    assert "巡视发现：班组工资已拖欠两个月。" in form.text

    response = client.post(
        url,
        {
            "source": "inspection",
            "inspection": inspection.pk,
            "enterprise": inspection.enterprise.credit_code,
            "project": inspection.project.name,
            "received_on": timezone.localdate().isoformat(),  # the form refuses a day after today
            "summary": "巡视发现：班组工资已拖欠两个月。",
            "period_start": (timezone.localdate() - dt.timedelta(days=90)).isoformat(),
            "period_end": (timezone.localdate() - dt.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    case = inspection.cases.get()
    assert case.source == "inspection"
    assert case.project == inspection.project
    assert case.number in client.get(f"/enterprises/inspections/{inspection.pk}/").text
