"""Special campaigns: a period and scope, the cases, inspections and amounts inside them, the summary table
as a page, an Excel sheet and a PDF."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cases import services
from cases.models import Campaign
from cases.services.campaigns import campaign_create, campaign_summary

from ..factories import CaseFactory, EnterpriseFactory, WorkerClaimFactory

D = dt.date


@pytest.fixture
def campaign(db, director, frozen):
    frozen(D(2027, 1, 20))
    return campaign_create(
        by=director,
        name="2026年冬季根治欠薪专项行动",
        starts_on=D(2026, 11, 15),
        ends_on=D(2027, 2, 10),
        industries=["construction"],
    )


def cases_in(campaign_size: int, inspector):
    builder = EnterpriseFactory(industry="construction", industrial_park="阳和工业园")
    factory = EnterpriseFactory(industry="manufacturing")
    made = []
    for n in range(campaign_size):
        case = CaseFactory(
            enterprise=builder,
            industry="construction",
            received_on=D(2026, 12, 1) + dt.timedelta(days=n % 20),
        )
        WorkerClaimFactory(case=case, amount_owed=Decimal("5000.00"))
        made.append(case)
    # Outside the scope (another industry) and outside the period.
    CaseFactory(enterprise=factory, industry="manufacturing", received_on=D(2026, 12, 5))
    CaseFactory(enterprise=builder, industry="construction", received_on=D(2026, 10, 1))
    return made


def test_the_summary_counts_only_cases_in_the_period_and_scope(campaign, inspector):
    made = cases_in(3, inspector)
    services.worker_claims_add(
        case=made[0], by=inspector, claims=[services.ClaimData(name="韦工", amount_owed=Decimal("3000"))]
    )
    rows = campaign_summary(campaign)
    total = rows[-1]
    assert total["group"] == "合计" and total["cases"] == 3
    # The case's totals as the claim services keep them: its factory-made claim and the one added since.
    assert total["owed"] == Decimal("8000.00")
    assert len(rows) == 2  # one industry, and the total


def test_a_campaign_is_made_from_the_page_and_its_table_exports(client, director, inspector, frozen):
    frozen(D(2027, 1, 20))
    client.force_login(director)
    response = client.post(
        "/cases/campaigns/",
        {
            "name": "冬季专项行动",
            "starts_on": "2026-11-15",
            "ends_on": "2027-02-10",
            "industries": ["construction"],
            "areas": "阳和工业园、官塘片区",
        },
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and campaign.areas == ["官塘片区", "阳和工业园"]
    cases_in(2, inspector)
    page = client.get(f"/cases/campaigns/{campaign.pk}/").text
    assert "冬季专项行动" in page and "合计" in page
    book = load_workbook(
        io.BytesIO(b"".join(client.get(f"/cases/campaigns/{campaign.pk}/summary.xlsx").streaming_content))
    )
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "行业" and sheet.cell(sheet.max_row, 1).value == "合计"
    assert sheet.cell(sheet.max_row, 3).value == 2
    pdf = client.get(f"/cases/campaigns/{campaign.pk}/summary.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).replace("\n", "")
    assert "冬季专项行动" in text and "情况汇总表" in text and "阳和工业园" in text


@pytest.mark.parametrize(
    "data",
    [
        {"name": "倒置", "starts_on": "2027-02-10", "ends_on": "2026-11-15"},
        {"name": "", "starts_on": "2026-11-15", "ends_on": "2027-02-10"},
        {"name": "X", "starts_on": "2026-11-15", "ends_on": "2027-02-10", "industries": ["nonsense"]},
    ],
    ids=["reversed", "no-name", "bad-industry"],
)
def test_a_bad_campaign_is_refused(client, director, data):
    client.force_login(director)
    assert client.post("/cases/campaigns/", data).status_code == 400
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("size", [2, 20])
def test_the_campaign_page_runs_a_fixed_number_of_queries(
    client, campaign, director, inspector, size, django_assert_max_num_queries
):
    cases_in(size, inspector)
    client.force_login(director)
    # Session and user, the campaign, the cases grouped by industry, the inspections grouped, navigation.
    with django_assert_max_num_queries(12):
        assert client.get(f"/cases/campaigns/{campaign.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/cases/campaigns/").status_code == 200
