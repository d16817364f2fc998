"""Personal data in every page and export (issue 9, DESIGN.md section 4): masked for roles without
`liudong_wages.view_personal_data`, shown in full only to roles with it, and each full view or export
logged (privacy.log_access → PersonalDataAccess).

PAGES lists each page or export that carries a legal representative's ID number or phone (enterprises), a
complainant's, worker's or reporter's (cases, public reports) or a worker's ID number in the fund, with the
roles that see it masked and the role that sees it in full.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from liudong_wages.models import PersonalDataAccess
from liudong_wages.privacy import mask_id_number, mask_phone

from .factories import (
    AdvanceApplicationFactory,
    CaseFactory,
    EnterpriseFactory,
    ProjectFactory,
    WorkerClaimFactory,
)

LEGAL_REP_ID = "450204199003071236"
LEGAL_REP_PHONE = "13877200001"
COMPLAINANT_PHONE = "13977200002"
SUPERVISOR_PHONE = "13977200009"
REPORTER_ID = "450204198505051234"
REPORTER_PHONE = "13877200003"


@pytest.fixture
def data(db, office_staff):
    from cases.models import PublicReport

    enterprise = EnterpriseFactory(legal_rep_id_number=LEGAL_REP_ID, legal_rep_phone=LEGAL_REP_PHONE)
    project = ProjectFactory(
        general_contractor=enterprise, wage_supervisor="黄专管", wage_supervisor_phone=SUPERVISOR_PHONE
    )
    case = CaseFactory(enterprise=enterprise, project=project, complainant_phone=COMPLAINANT_PHONE)
    claim = WorkerClaimFactory(case=case)
    application = AdvanceApplicationFactory(case=case, created_by=office_staff)
    application.lines.update(id_number=claim.id_number)
    today = dt.date.today()
    report = PublicReport.objects.create(
        reporter_name="覃某",
        reporter_id_number=REPORTER_ID,
        reporter_phone=REPORTER_PHONE,
        employer_name=enterprise.name,
        amount_owed=Decimal("8000.00"),
        period_start=dt.date(2026, 8, 1),
        period_end=dt.date(2026, 9, 1),
        worker_count=3,
        accept_due=today,
        answer_due=today,
    )
    return {
        "enterprise": enterprise,
        "project": project,
        "case": case,
        "claim": claim,
        "application": application,
        "public_report": report,
    }


@dataclass(frozen=True)
class Page:
    label: str
    url: Callable[[dict], str]
    secrets: Callable[[dict], list[str]]  # the full values the page carries
    masked: tuple[str, ...]  # roles that see it, masked, and no log
    full: str | None = "inspector"  # a role that sees it in full (with full_url), logged
    full_url: Callable[[dict], str] | None = None  # defaults to url + "?full=1"


def _claim_secrets(d):
    return [d["claim"].id_number, d["claim"].phone]


PAGES = [
    Page(
        "enterprise list",
        lambda d: "/enterprises/",
        lambda d: [LEGAL_REP_ID, LEGAL_REP_PHONE],
        ("liaison", "leader", "inspector"),
        full=None,
    ),
    Page(
        "enterprise page",
        lambda d: f"/enterprises/{d['enterprise'].pk}/",
        lambda d: [LEGAL_REP_ID, LEGAL_REP_PHONE],
        ("liaison", "leader", "police", "approver", "inspector"),
    ),
    Page(
        "enterprise export",
        lambda d: "/enterprises/export.xlsx",
        lambda d: [LEGAL_REP_ID, LEGAL_REP_PHONE],
        ("liaison", "leader", "treasurer"),
        full_url=lambda d: "/enterprises/export.xlsx",
    ),
    Page(
        "enterprise edit form",
        lambda d: f"/enterprises/{d['enterprise'].pk}/edit/",
        lambda d: [LEGAL_REP_ID],
        (),
        full_url=lambda d: f"/enterprises/{d['enterprise'].pk}/edit/",
    ),
    Page(
        "project page (wage supervisor's phone)",
        lambda d: f"/enterprises/projects/{d['project'].pk}/",
        lambda d: [SUPERVISOR_PHONE],
        ("liaison", "leader", "inspector"),
        full=None,
    ),
    Page(
        "project export",
        lambda d: "/enterprises/projects/export.xlsx",
        lambda d: [SUPERVISOR_PHONE],
        ("liaison", "leader", "inspector"),
        full=None,
    ),
    Page("case list", lambda d: "/cases/", lambda d: [COMPLAINANT_PHONE], ("leader", "inspector"), full=None),
    Page(
        "case page (complainant, worker claims)",
        lambda d: f"/cases/{d['case'].pk}/",
        lambda d: [COMPLAINANT_PHONE, *_claim_secrets(d)],
        ("leader", "inspector"),
    ),
    Page(
        "worker claim edit form",
        lambda d: f"/cases/{d['case'].pk}/claims/{d['claim'].pk}/",
        _claim_secrets,
        ("inspector",),
    ),
    Page(
        "case export",
        lambda d: "/cases/export.xlsx",
        lambda d: [COMPLAINANT_PHONE],
        ("leader", "police"),
        full_url=lambda d: "/cases/export.xlsx",
    ),
    Page(
        "public report page",
        lambda d: f"/cases/public-reports/{d['public_report'].pk}/",
        lambda d: [REPORTER_ID, REPORTER_PHONE],
        ("inspector",),
    ),
    Page(
        "public report list",
        lambda d: "/cases/public-reports/",
        lambda d: [REPORTER_ID, REPORTER_PHONE],
        ("inspector",),
        full=None,
    ),
    Page(
        "fund application page (worker lines)",
        lambda d: f"/funds/applications/{d['application'].pk}/",
        lambda d: [d["claim"].id_number],
        ("leader", "inspector"),
        full=None,
    ),
    Page(
        "fund application export",
        lambda d: "/funds/applications/export.xlsx",
        lambda d: [d["claim"].id_number],
        ("leader", "approver", "treasurer", "inspector"),
        full=None,
    ),
    Page(
        "fund application form (worker lines)",
        lambda d: f"/funds/applications/{d['application'].pk}/edit/",
        lambda d: [d["claim"].id_number],
        (),
        full="office",
        full_url=lambda d: f"/funds/applications/{d['application'].pk}/edit/",
    ),
    Page(
        "new fund application (lines from the case's claims)",
        lambda d: f"/funds/applications/new/?case={d['case'].pk}",
        lambda d: [d["claim"].id_number],
        (),
        full_url=lambda d: f"/funds/applications/new/?case={d['case'].pk}",
    ),
]


def _text(response) -> str:
    """What the user gets: the page's HTML, or every cell of a workbook."""
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        content = b"".join(response.streaming_content) if response.streaming else response.content
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return response.content.decode()


def _mask(secret: str) -> str:
    return mask_id_number(secret) if len(secret) == 18 else mask_phone(secret)


@pytest.mark.parametrize("target", PAGES, ids=lambda p: p.label)
def test_personal_data_is_masked_for_roles_without_the_right(client, users_by_role, data, target):
    for role in target.masked:
        client.force_login(users_by_role[role])
        logged = PersonalDataAccess.objects.count()
        response = client.get(target.url(data))
        assert response.status_code == 200, f"{role}: {response.status_code}"
        text = _text(response)
        for secret in target.secrets(data):
            assert secret not in text, f"{target.label}: {role} sees {secret} in full"
        assert PersonalDataAccess.objects.count() == logged, f"{target.label}: a masked view was logged"


@pytest.mark.parametrize("target", [p for p in PAGES if p.full], ids=lambda p: p.label)
def test_a_full_view_is_shown_to_the_role_with_the_right_and_logged(client, users_by_role, data, target):
    user = users_by_role[target.full]
    assert user.has_perm("liudong_wages.view_personal_data")
    client.force_login(user)
    url = target.full_url(data) if target.full_url else f"{target.url(data)}?full=1"
    response = client.get(url)
    assert response.status_code == 200
    text = _text(response)
    for secret in target.secrets(data):
        assert secret in text, f"{target.label}: {secret} not shown in full"
    log = PersonalDataAccess.objects.filter(user=user).order_by("-pk").first()
    assert log is not None, f"{target.label}: the full view was not logged"
    assert log.action in ("view", "export")
    assert (log.action == "export") == url.endswith(".xlsx")


@pytest.mark.parametrize("role", ["liaison", "leader", "approver", "treasurer", "police", "stability"])
def test_roles_outside_the_office_may_not_see_personal_data(users_by_role, role):
    assert not users_by_role[role].has_perm("liudong_wages.view_personal_data")


def test_masked_values_keep_their_recognisable_ends(client, users_by_role, data):
    client.force_login(users_by_role["liaison"])
    text = client.get(f"/enterprises/{data['enterprise'].pk}/").content.decode()
    assert _mask(LEGAL_REP_ID) in text
    assert _mask(LEGAL_REP_PHONE) in text
