"""Every URL of the project against every role, with the expected answer kept in one table (issue 9).

A new URL pattern that is not in MATRIX fails `test_every_url_is_in_the_matrix`: whoever adds a page says
here who may open it. Answers: 200 (shown), 302 (to the login page, or a redirect after an action), 403
(seen but not allowed), 404 (not visible to this user), 405 (wrong method).

The object-level rows open another unit's or another user's objects: a liaison of 建设局 against 经发局's,
one user against another's notification.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from .matrix_objects import make_objects

ROLES = [
    "anonymous",
    "director",
    "office",
    "inspector",
    "liaison",
    "police",
    "stability",
    "approver",
    "treasurer",
    "leader",
    "outsider",
]
LOGGED_IN = ROLES[1:]
# Namespaces checked elsewhere: the Django admin guards itself (staff only, then model permissions).
SKIPPED_NAMESPACES = {"admin"}


def everyone(status: int = 200, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous, **dict.fromkeys(LOGGED_IN, status)}


def only(allowed: set[str], *, yes: int = 200, no: int = 403, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous, **{role: yes if role in allowed else no for role in LOGGED_IN}}


OFFICE_HISTORY = {"director", "office", "inspector", "leader"}


def codes(table_row: str) -> dict[str, int]:
    """One row of the table: the answers in the order of ROLES (anonymous, director, office, …, outsider)."""
    answers = [int(code) for code in table_row.split()]
    assert len(answers) == len(ROLES)
    return dict(zip(ROLES, answers, strict=True))


def new_subcontractor(o: dict):
    """A subcontractor of the project for each role to remove (removing it twice would say 404)."""
    from enterprises.models import Subcontractor

    from .factories import EnterpriseFactory

    return Subcontractor.objects.create(project=o["project"], enterprise=EnterpriseFactory())


def new_document(o: dict, *, issue: bool = False):
    """A draft (or issued) 询问通知书 of the matrix's case, one for each role to act on (each to another
    person: a second draft the same as one still waiting is that draft)."""
    from cases import services
    from cases.models import CaseDocument

    by = o["interview"].main_interviewer
    person = f"询问对象{CaseDocument.objects.filter(case=o['case']).count() + 1}"
    document = services.document_create(case=o["case"], by=by, kind="inquiry_notice", addressee=person)
    return services.document_issue(document=document, by=by) if issue else document


def roster_worker(o: dict):
    """A worker on the project's roster and a submitted wage sheet of last month (made once per test)."""
    if "worker" not in o:
        import datetime as dt

        from enterprises.models import Payroll, PayrollLine, ProjectWorker

        from .factories import valid_id_number

        project = o["project"]
        o["worker"] = ProjectWorker.objects.create(
            project=project,
            name="矩阵工人",
            id_number=valid_id_number(777),
            employer=project.general_contractor,
        )
        o["payroll"] = Payroll.objects.create(
            project=project, month=dt.date(2026, 10, 1), status=Payroll.Status.SUBMITTED, worker_count=1
        )
        PayrollLine.objects.create(payroll=o["payroll"], worker=o["worker"], payable=100, paid=100)
    return o["worker"]


def roster_payroll(o: dict):
    roster_worker(o)
    return o["payroll"]


def new_deposit_use(o: dict):
    """A use of the project's deposit for each role to record as topped up."""
    import datetime as dt

    from enterprises.models import DepositUse

    day = dt.date(2026, 10, 1)
    return DepositUse.objects.create(
        project=o["project"], case_ref=o["case"].pk, used_on=day, amount=100, top_up_due_on=day
    )


def red_alert(o: dict):
    """A red wage-payment warning of the project, for the case opened from it (made once per test)."""
    if "red_alert" not in o:
        import datetime as dt

        from enterprises.models import WageAlert

        day = dt.date(2026, 11, 16)
        o["red_alert"] = WageAlert.objects.create(
            project=o["project"],
            reason=WageAlert.Reason.UNDERPAID,
            month=dt.date(2026, 10, 1),
            level=WageAlert.Level.RED,
            opened_on=day,
            escalated_on=day,
            details={"workers": [{"name": "矩阵工人", "id_number": "", "unpaid": "100.00"}]},
        )
    return o["red_alert"]


def new_clue(o: dict):
    """An open clue from the platform, one for each role to act on."""
    from django.utils import timezone

    from cases.models import Clue

    today = timezone.localdate()
    return Clue.objects.create(
        platform_number=f"XS{Clue.objects.count() + 1:08d}",
        reported_on=today,
        reporter_name="蓝志强",
        employer_name="柳州市恒通建设工程有限公司",
        amount=8600,
        imported_on=today,
        answer_due=today,
    )


def new_handover(o: dict):
    """A hand-over from 建设局, the liaison's unit, waiting for the office: one for each role to act on."""
    import datetime as dt

    from cases.models import CaseHandover

    return CaseHandover.objects.create(
        unit=o["measure"].unit,
        employer_name="柳州市某建筑公司",
        worker_count=4,
        amount=26000,
        period_start=dt.date(2026, 8, 1),
        period_end=dt.date(2026, 10, 31),
        summary="班组工资未发。",
    )


def new_campaign(o: dict):
    from cases.models import Campaign

    campaign, _created = Campaign.objects.get_or_create(
        name="冬季专项行动", defaults={"starts_on": "2026-11-15", "ends_on": "2027-02-10"}
    )
    return campaign


def listed(o: dict):
    """A listing in force on the dishonest list, of the matrix's enterprise, one for each role."""
    import datetime as dt

    from django.utils import timezone

    from .factories import DishonestListingFactory

    today = timezone.localdate()
    return DishonestListingFactory(
        status="listed",
        notice_number="柳东治欠告〔2026〕1号",
        notified_on=today - dt.timedelta(days=20),
        objection_deadline=today - dt.timedelta(days=10),
        decision_number="柳东人社失信列〔2026〕1号",
        decided_on=today,
        listed_until=today + dt.timedelta(days=3 * 365),
    )


def listing_document(o: dict):
    from cases import services

    return services.listing_document_issue(
        listing=listed(o), by=o["interview"].main_interviewer, kind="listing_decision"
    )


def captcha_image(o: dict) -> str:
    from captcha.models import CaptchaStore

    return f"/captcha/image/{CaptchaStore.generate_key()}/"


@dataclass(frozen=True)
class Entry:
    name: str  # the URL pattern's full name
    url: Callable[[dict], str]  # builds the URL from the objects made by the `objects` fixture
    expect: dict[str, int]
    method: str = "get"
    # The data posted, or a function of the role giving each role its own (a form that refuses the same
    # thing twice, such as a campaign of the same name and start, would answer the second role with 400).
    data: dict | Callable[[str], dict] = field(default_factory=dict)


MATRIX: list[Entry] = [
    Entry("home", lambda o: "/", everyone()),
    Entry("healthz", lambda o: "/healthz", everyone(anonymous=200)),
    Entry("login", lambda o: "/accounts/login/", everyone(status=302, anonymous=200)),
    Entry("logout", lambda o: "/accounts/logout/", everyone(status=302, anonymous=302), method="post"),
    Entry("two_factor_verify", lambda o: "/accounts/two-factor/verify/", everyone()),
    Entry("two_factor_setup", lambda o: "/accounts/two-factor/setup/", everyone()),
    Entry("units:list", lambda o: "/units/", everyone()),
    Entry("units:detail", lambda o: f"/units/{o['other_unit'].code}/", everyone()),
    # A liaison edits their own unit only; the office edits any.
    Entry("units:edit", lambda o: f"/units/{o['other_unit'].code}/edit/", only({"director", "office"})),
    Entry(
        "units:edit",
        lambda o: f"/units/{o['unit'].code}/edit/",
        only({"director", "office", "liaison"}),
    ),
    Entry("notifications:inbox", lambda o: "/notifications/", everyone()),
    # Only the liaison received this one: for everyone else it does not exist.
    Entry(
        "notifications:open",
        lambda o: f"/notifications/{o['notification'].pk}/open/",
        only({"liaison"}, yes=302, no=404),
        method="post",
    ),
    Entry("notifications:read_all", lambda o: "/notifications/read-all/", everyone(302), method="post"),
    Entry("calendar", lambda o: "/calendar/", everyone()),
    Entry("calendar_year", lambda o: "/calendar/2027/", everyone()),
    Entry(
        "history",
        lambda o: f"/history/liudong_wages/memberunit/{o['unit'].pk}/",
        only(OFFICE_HISTORY),
    ),
    Entry("attachment", lambda o: o["attachment"].get_absolute_url(), only({"liaison"}, no=404)),
    Entry("audit", lambda o: "/audit/", only({"director", "office"})),
    # Help (issue 10): the index and the worker's page are public like the report form; the rest needs a login.
    Entry("help", lambda o: "/help/", codes("200 200 200 200 200 200 200 200 200 200 200")),
    Entry("help_page", lambda o: "/help/liaison/", codes("302 200 200 200 200 200 200 200 200 200 200")),
    Entry("help_page", lambda o: "/help/worker/", codes("200 200 200 200 200 200 200 200 200 200 200")),
    Entry("set_language", lambda o: "/i18n/setlang/", everyone(302, anonymous=302), method="post"),
    # The public report's captcha picture (issue 16): public like the form.
    Entry("captcha-image", captcha_image, everyone(anonymous=200)),
    # Domain apps. Columns: anonymous, director, office, inspector, liaison (建设局), police, stability,
    # approver, treasurer, leader, outsider. The liaison's unit owns `report` and `measure`; `case` is not
    # referred to police; `application` is a draft of the office's.
    Entry(
        "enterprises:list", lambda o: "/enterprises/", codes("302 200 200 200 200 200 200 200 200 200 403")
    ),
    Entry(
        "enterprises:export",
        lambda o: "/enterprises/export.xlsx",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    Entry(
        "enterprises:create",
        lambda o: "/enterprises/new/",
        codes("302 200 200 200 403 403 403 403 403 403 403"),
    ),
    Entry(
        "enterprises:internet_plus",
        lambda o: "/enterprises/internet-plus/",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    Entry(
        "enterprises:internet_plus_export",
        lambda o: "/enterprises/internet-plus/export.xlsx",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    Entry(
        "enterprises:import",
        lambda o: "/enterprises/import/enterprises/",
        codes("302 200 200 200 403 403 403 403 403 403 403"),
    ),
    Entry(
        "enterprises:import_template",
        lambda o: "/enterprises/import/projects/template.xlsx",
        codes("302 200 200 200 403 403 403 403 403 403 403"),
    ),
    Entry(
        "enterprises:detail",
        lambda o: f"/enterprises/{o['enterprise'].pk}/",
        codes("302 200 200 200 200 200 200 200 200 200 404"),
    ),
    Entry(
        "enterprises:edit",
        lambda o: f"/enterprises/{o['enterprise'].pk}/edit/",
        codes("302 200 200 200 403 403 403 403 403 403 404"),
    ),
    Entry(
        "enterprises:close",
        lambda o: f"/enterprises/{o['enterprise'].pk}/close/",
        codes("302 200 200 200 403 403 403 403 403 403 404"),
    ),
    Entry(
        "enterprises:assess",
        lambda o: f"/enterprises/{o['enterprise'].pk}/assess/",
        codes("302 200 200 200 403 403 403 403 403 403 404"),
    ),
    Entry(
        "enterprises:listing_propose",
        lambda o: f"/enterprises/{o['enterprise'].pk}/list/",
        codes("302 200 200 200 403 403 403 403 403 403 404"),
    ),
    Entry(
        "enterprises:assessment",
        lambda o: f"/enterprises/assessments/{o['assessment'].pk}/",
        codes("302 200 200 200 200 200 200 200 200 200 404"),
    ),
    Entry(
        "enterprises:project_list",
        lambda o: "/enterprises/projects/",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    Entry(
        "enterprises:project_export",
        lambda o: "/enterprises/projects/export.xlsx",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    Entry(
        "enterprises:project_create",
        lambda o: "/enterprises/projects/new/",
        codes("302 200 200 200 403 403 403 403 403 403 403"),
    ),
    Entry(
        "enterprises:project_detail",
        lambda o: f"/enterprises/projects/{o['project'].pk}/",
        codes("302 200 200 200 200 200 200 200 200 200 404"),
    ),
    Entry(
        "enterprises:project_edit",
        lambda o: f"/enterprises/projects/{o['project'].pk}/edit/",
        codes("302 200 200 200 403 403 403 403 403 403 404"),
    ),
    Entry(
        "enterprises:project_void",
        lambda o: f"/enterprises/projects/{o['project'].pk}/void/",
        codes("302 200 200 200 403 403 403 403 403 403 404"),
    ),
    Entry(
        "enterprises:project_deposit",
        lambda o: f"/enterprises/projects/{o['project'].pk}/deposit/pay/",
        codes("302 200 200 200 403 403 403 403 403 403 404"),
    ),
    Entry(
        "enterprises:subcontractor_add",
        lambda o: f"/enterprises/projects/{o['project'].pk}/subcontractors/",
        # An empty post: the project page again with the form's errors.
        codes("302 200 200 200 403 403 403 403 403 403 404"),
        method="post",
    ),
    # The enterprise boxes' suggestions (htmx, enterprises.forms.lookup): whoever may read the registry.
    Entry(
        "enterprises:search",
        lambda o: "/enterprises/search/?enterprise_code=9145",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    # The project boxes' suggestions (site inspections, case intake): whoever may read the projects.
    Entry(
        "enterprises:project_search",
        lambda o: "/enterprises/projects/search/?field=project&project=柳东",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    Entry(
        "enterprises:subcontractor_remove",
        lambda o: f"/enterprises/projects/{o['project'].pk}/subcontractors/{new_subcontractor(o).pk}/remove/",
        codes("302 302 302 302 403 403 403 403 403 403 404"),
        method="post",
    ),
    # Wage-payment monitoring (issue 17): the construction bureau's liaison reads rosters and checks sheets;
    # liaisons of other units (police, stability) get 404, as if there were no roster.
    Entry(
        "enterprises:monitoring",
        lambda o: "/enterprises/monitoring/",
        codes("302 200 200 200 200 403 403 403 403 200 403"),
    ),
    Entry(
        "enterprises:monitoring_export",
        lambda o: "/enterprises/monitoring/export.xlsx",
        codes("302 200 200 200 200 403 403 403 403 200 403"),
    ),
    Entry(
        "enterprises:notice_board",
        lambda o: f"/enterprises/projects/{o['project'].pk}/notice-board.pdf",
        codes("302 200 200 200 200 200 200 200 200 200 404"),
    ),
    Entry(
        "enterprises:project_workers",
        lambda o: f"/enterprises/projects/{o['project'].pk}/workers/",
        codes("302 200 200 200 200 404 404 404 404 200 404"),
    ),
    Entry(
        "enterprises:worker_template",
        lambda o: f"/enterprises/projects/{o['project'].pk}/workers/template.xlsx",
        codes("302 200 200 200 200 404 404 404 404 200 404"),
    ),
    Entry(
        "enterprises:worker_create",
        lambda o: f"/enterprises/projects/{o['project'].pk}/workers/new/",
        codes("302 200 200 200 403 404 404 404 404 403 404"),
    ),
    Entry(
        "enterprises:worker_import",
        lambda o: f"/enterprises/projects/{o['project'].pk}/workers/import/",
        codes("302 200 200 200 403 404 404 404 404 403 404"),
    ),
    Entry(
        "enterprises:worker_edit",
        lambda o: f"/enterprises/projects/{o['project'].pk}/workers/{roster_worker(o).pk}/edit/",
        codes("302 200 200 200 403 404 404 404 404 403 404"),
    ),
    Entry(
        "enterprises:worker_leave",
        lambda o: f"/enterprises/projects/{o['project'].pk}/workers/{roster_worker(o).pk}/leave/",
        codes("302 200 200 200 403 404 404 404 404 403 404"),
    ),
    Entry(
        "enterprises:payroll_list",
        lambda o: f"/enterprises/projects/{o['project'].pk}/payroll/",
        codes("302 200 200 200 200 404 404 404 404 200 404"),
    ),
    Entry(
        "enterprises:payroll_template",
        lambda o: f"/enterprises/projects/{o['project'].pk}/payroll/template.xlsx",
        codes("302 200 200 200 200 404 404 404 404 200 404"),
    ),
    Entry(
        "enterprises:payroll_import",
        lambda o: f"/enterprises/projects/{o['project'].pk}/payroll/import/",
        codes("302 200 200 200 403 404 404 404 404 403 404"),
    ),
    Entry(
        "enterprises:payroll_detail",
        lambda o: f"/enterprises/projects/{o['project'].pk}/payroll/{roster_payroll(o).pk}/",
        codes("302 200 200 200 200 404 404 404 404 200 404"),
    ),
    Entry(
        "enterprises:payroll_submit",
        lambda o: f"/enterprises/projects/{o['project'].pk}/payroll/{roster_payroll(o).pk}/submit/",
        codes("302 302 302 302 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "enterprises:payroll_check",
        lambda o: f"/enterprises/projects/{o['project'].pk}/payroll/{roster_payroll(o).pk}/check/",
        codes("302 302 302 302 302 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "enterprises:payroll_pay",
        lambda o: f"/enterprises/projects/{o['project'].pk}/payroll/{roster_payroll(o).pk}/paid/",
        codes("302 302 302 302 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "enterprises:payroll_correct",
        lambda o: f"/enterprises/projects/{o['project'].pk}/payroll/{roster_payroll(o).pk}/correct/",
        codes("302 200 200 200 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "enterprises:deposit_use",
        lambda o: f"/enterprises/projects/{o['project'].pk}/deposit-uses/new/",
        codes("302 200 200 200 403 404 404 404 404 403 404"),
    ),
    Entry(
        "enterprises:deposit_top_up",
        lambda o: f"/enterprises/projects/{o['project'].pk}/deposit-uses/{new_deposit_use(o).pk}/topped-up/",
        codes("302 302 302 302 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "enterprises:transfer_list",
        lambda o: f"/enterprises/projects/{o['project'].pk}/transfers/",
        codes("302 200 200 200 200 404 404 404 404 200 404"),
    ),
    Entry(
        "enterprises:transfer_create",
        lambda o: f"/enterprises/projects/{o['project'].pk}/transfers/new/",
        codes("302 200 200 200 403 404 404 404 404 403 404"),
    ),
    Entry(
        "enterprises:transfer_template",
        lambda o: f"/enterprises/projects/{o['project'].pk}/transfers/template.xlsx",
        codes("302 200 200 200 200 404 404 404 404 200 404"),
    ),
    Entry(
        "enterprises:transfer_import",
        lambda o: f"/enterprises/projects/{o['project'].pk}/transfers/import/",
        codes("302 200 200 200 403 404 404 404 404 403 404"),
    ),
    Entry(
        "cases:from_wage_alert",
        lambda o: f"/cases/from-warning/{red_alert(o).pk}/",
        codes("302 302 302 302 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "enterprises:inspection_list",
        lambda o: "/enterprises/inspections/",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    Entry(
        "enterprises:inspection_export",
        lambda o: "/enterprises/inspections/export.xlsx",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    Entry(
        "enterprises:inspection_create",
        lambda o: "/enterprises/inspections/new/",
        codes("302 200 200 200 403 403 403 403 403 403 403"),
    ),
    Entry(
        "enterprises:inspection_detail",
        lambda o: f"/enterprises/inspections/{o['inspection'].pk}/",
        codes("302 200 200 200 200 200 200 200 200 200 404"),
    ),
    Entry(
        "enterprises:inspection_resolve",
        lambda o: f"/enterprises/inspections/{o['inspection'].pk}/resolve/",
        codes("302 302 302 302 403 403 403 403 403 403 404"),
        method="post",
    ),
    Entry(
        "enterprises:inspection_photo",
        lambda o: f"/enterprises/inspections/{o['inspection'].pk}/photos/",
        codes("302 302 302 302 403 403 403 403 403 403 404"),
        method="post",
    ),
    Entry(
        "enterprises:listing_list",
        lambda o: "/enterprises/listings/",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    Entry(
        "enterprises:listing_export",
        lambda o: "/enterprises/listings/export.xlsx",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    Entry(
        "enterprises:measures_pending",
        lambda o: "/enterprises/listings/measures/pending/",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    Entry(
        "enterprises:measure_edit",
        lambda o: f"/enterprises/listings/measures/{o['measure'].pk}/",
        codes("302 403 403 403 200 404 404 404 404 403 404"),
    ),
    Entry(
        "enterprises:measure_edit",
        lambda o: f"/enterprises/listings/measures/{o['other_measure'].pk}/",
        codes("302 403 403 403 404 404 404 404 404 403 404"),
    ),
    Entry(
        "enterprises:listing_detail",
        lambda o: f"/enterprises/listings/{o['listing'].pk}/",
        codes("302 200 200 200 200 200 200 200 200 200 404"),
    ),
    Entry(
        "enterprises:listing_notice",
        lambda o: f"/enterprises/listings/{o['listing'].pk}/notice.pdf",
        codes("302 200 200 200 200 200 200 200 200 200 404"),
    ),
    Entry(
        "enterprises:listing_step",
        lambda o: f"/enterprises/listings/{o['listing'].pk}/notify/",
        codes("302 200 200 200 403 403 403 403 403 403 404"),
    ),
    Entry("cases:list", lambda o: "/cases/", codes("302 200 200 200 403 200 403 403 403 200 403")),
    Entry(
        "cases:export", lambda o: "/cases/export.xlsx", codes("302 200 200 200 403 200 403 403 403 200 403")
    ),
    # The case boxes' suggestions (htmx, cases.lookup.CaseField): whoever may list cases, each offered only the
    # cases they may see (the police those referred to them; tests/cases/test_case_lookup.py).
    Entry(
        "cases:search",
        lambda o: f"/cases/search/?field=case&case={o['case'].number[:6]}",
        codes("302 200 200 200 403 200 403 403 403 200 403"),
    ),
    Entry("cases:create", lambda o: "/cases/new/", codes("302 200 200 200 403 403 403 403 403 403 403")),
    Entry(
        "cases:claim_template",
        lambda o: "/cases/claims-template.xlsx",
        codes("302 200 200 200 403 403 403 403 403 403 403"),
    ),
    Entry(
        "cases:detail",
        lambda o: f"/cases/{o['case'].pk}/",
        codes("302 200 200 200 404 404 404 404 404 200 404"),
    ),
    Entry(
        "cases:step",
        lambda o: f"/cases/{o['case'].pk}/step/file/",
        codes("302 200 200 200 404 404 404 404 404 403 404"),
    ),
    Entry(
        "cases:claim_add",
        lambda o: f"/cases/{o['case'].pk}/claims/",
        codes("302 200 200 200 404 404 404 404 404 403 404"),
    ),
    Entry(
        "cases:claim_import",
        lambda o: f"/cases/{o['case'].pk}/claims/import/",
        codes("302 200 200 200 404 404 404 404 404 403 404"),
    ),
    Entry(
        "cases:claim_remove",
        lambda o: f"/cases/{o['case'].pk}/claims/{o['claim'].pk}/remove/",
        codes("302 302 302 302 404 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "cases:claim_edit",
        lambda o: f"/cases/{o['case'].pk}/claims/{o['claim'].pk}/",
        codes("302 200 200 200 404 404 404 404 404 403 404"),
    ),
    # A closed case's claims are read-only, also to those who may change cases.
    Entry(
        "cases:claim_edit",
        lambda o: f"/cases/{o['closed_claim'].case_id}/claims/{o['closed_claim'].pk}/",
        codes("302 403 403 403 404 404 404 404 404 403 404"),
    ),
    Entry(
        "cases:claim_remove",
        lambda o: f"/cases/{o['closed_claim'].case_id}/claims/{o['closed_claim'].pk}/remove/",
        codes("302 403 403 403 404 404 404 404 404 403 404"),
        method="post",
        data={"reason": "误录"},
    ),
    Entry(
        "cases:instalment_pay",
        lambda o: f"/cases/{o['instalment'].agreement.case_id}/instalments/{o['instalment'].pk}/pay/",
        codes("302 200 200 200 404 404 404 404 404 403 404"),
    ),
    Entry(
        "cases:payment_record",
        lambda o: f"/cases/{o['instalment'].agreement.case_id}/payments/new/",
        codes("302 200 200 200 404 404 404 404 404 403 404"),
    ),
    Entry(
        "cases:attachment_upload",
        lambda o: f"/cases/{o['case'].pk}/attachments/",
        codes("302 200 200 200 404 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "cases:joint_request",
        lambda o: f"/cases/{o['case'].pk}/joint/",
        codes("302 200 200 200 404 404 404 404 404 403 404"),
    ),
    # Clues from the national platform (issue 18): the office works them, leaders read them.
    Entry("cases:clues", lambda o: "/cases/clues/", codes("302 200 200 200 403 403 403 403 403 200 403")),
    Entry(
        "cases:clue_import",
        lambda o: "/cases/clues/import/",
        codes("302 200 200 200 403 403 403 403 403 403 403"),
    ),
    Entry(
        "cases:clue_template",
        lambda o: "/cases/clues/template.xlsx",
        codes("302 200 200 200 403 403 403 403 403 403 403"),
    ),
    Entry(
        "cases:clue_feedback",
        lambda o: "/cases/clues/feedback.xlsx",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    Entry(
        "cases:clue",
        lambda o: f"/cases/clues/{new_clue(o).pk}/",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    Entry(
        "cases:clue_to_case",
        lambda o: f"/cases/clues/{new_clue(o).pk}/case/",
        codes("302 302 302 302 403 403 403 403 403 403 403"),
        method="post",
        data={"period_start": "2026-01-01", "period_end": "2026-01-31"},
    ),
    Entry(
        "cases:clue_close",
        lambda o: f"/cases/clues/{new_clue(o).pk}/close/",
        codes("302 302 302 302 403 403 403 403 403 403 403"),
        method="post",
        data={"reason": "企业已支付"},
    ),
    # Special campaigns (issue 18): the office sets them up, leaders read them.
    Entry(
        "cases:campaigns", lambda o: "/cases/campaigns/", codes("302 200 200 200 403 403 403 403 403 200 403")
    ),
    Entry(
        "cases:campaigns",
        lambda o: "/cases/campaigns/",
        codes("302 302 302 302 403 403 403 403 403 403 403"),
        method="post",
        data=lambda role: {"name": f"夏季行动（{role}）", "starts_on": "2026-06-01", "ends_on": "2026-06-30"},
    ),
    Entry(
        "cases:campaign",
        lambda o: f"/cases/campaigns/{new_campaign(o).pk}/",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    Entry(
        "cases:campaign_xlsx",
        lambda o: f"/cases/campaigns/{new_campaign(o).pk}/summary.xlsx",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    Entry(
        "cases:campaign_pdf",
        lambda o: f"/cases/campaigns/{new_campaign(o).pk}/summary.pdf",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    # The dishonest list's decisions as documents, and the public list (issue 18).
    Entry(
        "cases:dishonest_public",
        lambda o: "/cases/dishonest/public.xlsx",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    Entry(
        "cases:listing_documents",
        lambda o: f"/cases/dishonest/{o['listing'].pk}/documents/",
        codes("302 200 200 200 200 200 200 200 200 200 404"),
    ),
    Entry(
        "cases:listing_documents",
        lambda o: f"/cases/dishonest/{listed(o).pk}/documents/",
        codes("302 302 302 302 403 403 403 403 403 403 404"),
        method="post",
        data={"kind": "listing_decision"},
    ),
    Entry(
        "cases:listing_document_pdf",
        lambda o: f"/cases/dishonest/documents/{listing_document(o).pk}.pdf",
        codes("302 200 200 200 200 200 200 200 200 200 404"),
    ),
    # Member units' hand-overs (issue 18): a unit hands over and sees its own; the office decides.
    Entry(
        "cases:handovers", lambda o: "/cases/handovers/", codes("302 200 200 200 200 200 200 200 200 200 200")
    ),
    Entry(
        "cases:handover_create",
        lambda o: "/cases/handovers/new/",
        codes("302 403 403 403 200 200 200 200 200 403 403"),
    ),
    Entry(
        "cases:handover",
        lambda o: f"/cases/handovers/{new_handover(o).pk}/",
        codes("302 200 200 200 200 404 404 404 404 200 404"),
    ),
    Entry(
        "cases:handover_accept",
        lambda o: f"/cases/handovers/{new_handover(o).pk}/accept/",
        codes("302 302 302 302 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "cases:handover_return",
        lambda o: f"/cases/handovers/{new_handover(o).pk}/return/",
        codes("302 302 302 302 403 404 404 404 404 403 404"),
        method="post",
        data={"reason": "属劳动争议"},
    ),
    # Case documents (issue 18): seen with the case, made and issued by those who may change it.
    Entry(
        "cases:documents",
        lambda o: f"/cases/{o['case'].pk}/documents/",
        codes("302 200 200 200 404 404 404 404 404 200 404"),
    ),
    Entry(
        "cases:documents",
        lambda o: f"/cases/{o['case'].pk}/documents/",
        codes("302 302 302 302 404 404 404 404 404 403 404"),
        method="post",
        data={"kind": "inquiry_notice"},
    ),
    Entry(
        "cases:document_pdf",
        lambda o: f"/cases/{o['case'].pk}/documents/{new_document(o).pk}.pdf",
        codes("302 200 200 200 404 404 404 404 404 200 404"),
    ),
    Entry(
        "cases:document_edit",
        lambda o: f"/cases/{o['case'].pk}/documents/{new_document(o).pk}/",
        codes("302 200 200 200 404 404 404 404 404 403 404"),
    ),
    Entry(
        "cases:document_issue",
        lambda o: f"/cases/{o['case'].pk}/documents/{new_document(o).pk}/issue/",
        codes("302 302 302 302 404 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "cases:document_delete",
        lambda o: f"/cases/{o['case'].pk}/documents/{new_document(o).pk}/delete/",
        codes("302 302 302 302 404 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "cases:document_correct",
        lambda o: f"/cases/{o['case'].pk}/documents/{new_document(o, issue=True).pk}/correct/",
        codes("302 302 302 302 404 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "cases:document_serve",
        lambda o: f"/cases/{o['case'].pk}/documents/{new_document(o, issue=True).pk}/serve/",
        codes("302 302 302 302 404 404 404 404 404 403 404"),
        method="post",
        data={"method": "post"},
    ),
    Entry(
        "cases:joint",
        lambda o: f"/cases/joint/{o['joint'].pk}/",
        codes("302 200 200 200 404 404 404 404 404 200 404"),
    ),
    # A step of the joint handling, its form alone (GET): the leader's approval is the leader's alone.
    Entry(
        "cases:joint_step",
        lambda o: f"/cases/joint/{o['joint'].pk}/approve/",
        codes("302 403 403 403 404 404 404 404 404 200 404"),
    ),
    Entry(
        "cases:joint_disagreement_step",
        lambda o: f"/cases/joint/{o['joint'].pk}/disagreements/{o['joint_disagreement'].pk}/resolve/",
        # The leader coordinates disagreements too (JointDisagreement.ResolvedBy.LEADER).
        codes("302 200 200 200 404 404 404 404 404 200 404"),
    ),
    Entry(
        "cases:interviews",
        lambda o: "/cases/interviews/",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    Entry(
        "cases:interview_export",
        lambda o: "/cases/interviews/export.xlsx",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    Entry(
        "cases:interview_create",
        lambda o: "/cases/interviews/new/",
        codes("302 200 200 200 403 403 403 403 403 403 403"),
    ),
    Entry(
        "cases:interview",
        lambda o: f"/cases/interviews/{o['interview'].pk}/",
        codes("302 200 200 200 404 404 404 404 404 200 404"),
    ),
    Entry(
        "cases:interview_record",
        lambda o: f"/cases/interviews/{o['interview'].pk}/record/",
        codes("302 200 200 200 404 404 404 404 404 403 404"),
    ),
    Entry(
        "cases:interview_outcome",
        lambda o: f"/cases/interviews/{o['interview'].pk}/rectification/",
        codes("302 200 200 200 404 404 404 404 404 403 404"),
    ),
    Entry(
        "cases:interview_notice_pdf",
        lambda o: f"/cases/interviews/{o['interview'].pk}/notice.pdf",
        codes("302 200 200 200 404 404 404 404 404 200 404"),
    ),
    Entry(
        "cases:interview_record_pdf",
        lambda o: f"/cases/interviews/{o['interview'].pk}/record.pdf",
        codes("302 200 200 200 404 404 404 404 404 200 404"),
    ),
    Entry(
        "cases:public_reports",
        lambda o: "/cases/public-reports/",
        codes("302 200 200 200 403 403 403 403 403 403 403"),
    ),
    Entry(
        "cases:public_report",
        lambda o: f"/cases/public-reports/{o['public_report'].pk}/",
        codes("302 200 200 200 404 404 404 404 404 404 404"),
    ),
    # The steps' forms alone (GET).
    Entry(
        "cases:public_report_accept",
        lambda o: f"/cases/public-reports/{o['public_report'].pk}/accept/",
        codes("302 200 200 200 404 404 404 404 404 404 404"),
    ),
    Entry(
        "cases:public_report_reject",
        lambda o: f"/cases/public-reports/{o['public_report'].pk}/reject/",
        codes("302 200 200 200 404 404 404 404 404 404 404"),
    ),
    Entry(
        "cases:petitions", lambda o: "/cases/petitions/", codes("302 200 200 200 403 403 200 403 403 200 403")
    ),
    Entry(
        "cases:petition_create",
        lambda o: "/cases/petitions/new/",
        codes("302 403 403 403 403 403 200 403 403 403 403"),
    ),
    Entry(
        "cases:petition",
        lambda o: f"/cases/petitions/{o['petition'].pk}/",
        codes("302 200 200 200 404 404 200 404 404 200 404"),
    ),
    Entry(
        "cases:petition_link",
        lambda o: f"/cases/petitions/{o['petition'].pk}/link/",
        codes("302 200 200 200 404 404 403 404 404 403 404"),
    ),
    Entry(
        "cases:warnings", lambda o: "/cases/warnings/", codes("302 200 200 200 403 200 403 403 403 200 403")
    ),
    Entry(
        "cases:warning_create",
        lambda o: "/cases/warnings/new/",
        codes("302 403 403 403 403 200 403 403 403 403 403"),
    ),
    Entry(
        "cases:warning",
        lambda o: f"/cases/warnings/{o['warning'].pk}/",
        codes("302 200 200 200 404 200 404 404 404 200 404"),
    ),
    Entry(
        "cases:warning_link",
        lambda o: f"/cases/warnings/{o['warning'].pk}/link/",
        codes("302 200 200 200 404 403 404 404 404 403 404"),
    ),
    Entry(
        "cases:warning_feedback",
        lambda o: f"/cases/warnings/{o['warning'].pk}/feedback/",
        codes("302 403 403 403 404 200 404 404 404 403 404"),
    ),
    Entry("report:form", lambda o: "/report/", codes("200 200 200 200 200 200 200 200 200 200 200")),
    Entry("report:track", lambda o: "/report/track/", codes("200 200 200 200 200 200 200 200 200 200 200")),
    Entry("funds:overview", lambda o: "/funds/", codes("302 200 200 200 403 403 403 200 200 200 403")),
    Entry(
        "funds:list", lambda o: "/funds/applications/", codes("302 200 200 200 403 403 403 200 200 200 403")
    ),
    Entry(
        "funds:export",
        lambda o: "/funds/applications/export.xlsx",
        codes("302 200 200 200 403 403 403 200 200 200 403"),
    ),
    Entry(
        "funds:create",
        lambda o: f"/funds/applications/new/?case={o['case'].pk}",
        codes("302 200 200 200 403 403 403 403 403 403 403"),
    ),
    Entry(
        "funds:detail",
        lambda o: f"/funds/applications/{o['application'].pk}/",
        codes("302 200 200 200 404 404 404 404 404 200 404"),
    ),
    Entry(
        "funds:edit",
        lambda o: f"/funds/applications/{o['application'].pk}/edit/",
        codes("302 200 200 200 404 404 404 404 404 403 404"),
    ),
    Entry(
        "funds:recovery_order_pdf",
        lambda o: f"/funds/applications/{o['application'].pk}/recovery-order.pdf",
        codes("302 404 404 404 404 404 404 404 404 404 404"),
    ),
    Entry(
        "funds:action",
        lambda o: f"/funds/applications/{o['application'].pk}/submit/",
        codes("302 302 302 302 404 404 404 403 403 403 404"),
        method="post",
    ),
    Entry("funds:ledger", lambda o: "/funds/ledger/", codes("302 200 200 200 403 403 403 200 200 200 403")),
    Entry(
        "funds:appropriate",
        lambda o: "/funds/ledger/appropriate/",
        codes("302 403 403 403 403 403 403 403 200 403 403"),
    ),
    Entry(
        "funds:reverse",
        lambda o: f"/funds/ledger/{o['ledger_entry'].pk}/reverse/",
        codes("302 403 403 403 404 404 404 403 200 403 404"),
    ),
    Entry(
        "funds:statement", lambda o: "/funds/statement/", codes("302 200 200 200 403 403 403 200 200 200 403")
    ),
    Entry(
        "funds:statement_xlsx",
        lambda o: "/funds/statement.xlsx",
        codes("302 200 200 200 403 403 403 200 200 200 403"),
    ),
    Entry(
        "funds:statement_pdf",
        lambda o: "/funds/statement.pdf",
        codes("302 200 200 200 403 403 403 200 200 200 403"),
    ),
    Entry(
        "reporting:list",
        lambda o: "/reporting/reports/",
        codes("302 200 200 200 200 200 200 403 403 200 403"),
    ),
    Entry(
        "reporting:export",
        lambda o: "/reporting/reports/export.xlsx",
        codes("302 200 200 200 200 200 200 403 403 200 403"),
    ),
    Entry(
        "reporting:detail",
        lambda o: f"/reporting/reports/{o['report'].pk}/",
        codes("302 200 200 200 200 404 404 404 404 200 404"),
    ),
    Entry(
        "reporting:edit",
        lambda o: f"/reporting/reports/{o['report'].pk}/edit/",
        codes("302 403 403 403 200 404 404 404 404 403 404"),
    ),
    Entry(
        "reporting:submit",
        lambda o: f"/reporting/reports/{o['report'].pk}/submit/",
        codes("302 403 403 403 302 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:accept",
        lambda o: f"/reporting/reports/{o['report'].pk}/accept/",
        codes("302 302 302 302 403 404 404 404 404 403 404"),
        method="post",
    ),
    # The return step's form alone (GET).
    Entry(
        "reporting:return",
        lambda o: f"/reporting/reports/{o['report'].pk}/return/",
        codes("302 200 200 200 403 404 404 404 404 403 404"),
    ),
    Entry(
        "reporting:upload",
        lambda o: f"/reporting/reports/{o['report'].pk}/upload/",
        codes("302 403 403 403 302 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:attach",
        lambda o: f"/reporting/reports/{o['report'].pk}/attach/",
        codes("302 403 403 403 302 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:item_project",
        lambda o: f"/reporting/reports/{o['report'].pk}/items/1/project/",
        codes("302 302 302 302 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:template",
        lambda o: "/reporting/types/jsj_monthly/template.xlsx",
        codes("302 200 200 200 200 200 200 403 403 200 403"),
    ),
    Entry(
        "reporting:start",
        lambda o: "/reporting/types/jsj_monthly/2026-09/",
        codes("302 404 404 404 200 404 404 404 404 404 404"),
    ),
    # Reopening is checked on the unit's report of the period (or the one it would create): who cannot see
    # that unit's reports gets 404, row or not; the liaison sees their own unit's, not 经发局's.
    Entry(
        "reporting:reopen",
        lambda o: "/reporting/types/jsj_monthly/2026-09/reopen/",
        codes("302 302 302 403 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:reopen",
        lambda o: "/reporting/types/jfj_monthly/2026-09/reopen/",
        codes("302 302 302 403 404 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:reopen",
        lambda o: f"/reporting/types/jsj_monthly/{o['report'].period:%Y-%m}/reopen/",
        codes("302 302 302 403 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:board", lambda o: "/reporting/board/", codes("302 200 200 200 403 403 403 403 403 200 403")
    ),
    Entry(
        "reporting:board_export",
        lambda o: "/reporting/board/export.xlsx",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    # Meetings: `meeting` is attended by the liaison's unit and 经发局, its minutes circulated (not issued);
    # `confirmation` and `task` are the liaison's unit's, `other_confirmation` and `other_task` 经发局's.
    Entry(
        "reporting:meetings",
        lambda o: "/reporting/meetings/",
        codes("302 200 200 200 200 200 200 403 403 200 403"),
    ),
    Entry(
        "reporting:meeting_create",
        lambda o: "/reporting/meetings/new/",
        codes("302 200 200 403 403 403 403 403 403 403 403"),
    ),
    Entry(
        "reporting:meeting",
        lambda o: f"/reporting/meetings/{o['meeting'].pk}/",
        codes("302 200 200 200 200 404 404 404 404 200 404"),
    ),
    Entry(
        "reporting:meeting_attach",
        lambda o: f"/reporting/meetings/{o['meeting'].pk}/attach/",
        codes("302 302 302 403 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:minutes_edit",
        lambda o: f"/reporting/meetings/{o['meeting'].pk}/minutes/",
        codes("302 200 200 403 403 404 404 404 404 403 404"),
    ),
    Entry(
        "reporting:minutes_circulate",
        lambda o: f"/reporting/meetings/{o['meeting'].pk}/minutes/circulate/",
        codes("302 302 302 403 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:minutes_finalize",
        lambda o: f"/reporting/meetings/{o['meeting'].pk}/minutes/finalize/",
        codes("302 302 302 403 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:minutes_issue",
        lambda o: f"/reporting/meetings/{o['meeting'].pk}/minutes/issue/",
        codes("302 302 302 403 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:minutes_pdf",
        lambda o: f"/reporting/meetings/{o['meeting'].pk}/minutes.pdf",
        codes("302 200 200 200 200 404 404 404 404 200 404"),
    ),
    # A unit's liaison confirms or comments on the circulated minutes, one step each (another unit's: 404).
    Entry(
        "reporting:confirmation_confirm",
        lambda o: f"/reporting/confirmations/{o['confirmation'].pk}/confirm/",
        codes("302 403 403 403 302 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:confirmation_confirm",
        lambda o: f"/reporting/confirmations/{o['other_confirmation'].pk}/confirm/",
        codes("302 403 403 403 404 404 404 404 404 403 404"),
        method="post",
    ),
    # The comment step's form alone (GET), and another unit's.
    Entry(
        "reporting:confirmation_comment",
        lambda o: f"/reporting/confirmations/{o['confirmation'].pk}/comment/",
        codes("302 403 403 403 200 404 404 404 404 403 404"),
    ),
    Entry(
        "reporting:confirmation_comment",
        lambda o: f"/reporting/confirmations/{o['other_confirmation'].pk}/comment/",
        codes("302 403 403 403 404 404 404 404 404 403 404"),
        method="post",
        data={"comment": "请修改第二项"},
    ),
    Entry(
        "reporting:confirmation_override",
        lambda o: f"/reporting/confirmations/{o['confirmation'].pk}/override/",
        codes("302 302 302 403 403 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:tasks", lambda o: "/reporting/tasks/", codes("302 200 200 200 200 200 200 403 403 200 403")
    ),
    Entry(
        "reporting:task_board",
        lambda o: "/reporting/tasks/board/",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    Entry(
        "reporting:task_create",
        lambda o: "/reporting/tasks/new/",
        codes("302 200 200 403 403 403 403 403 403 403 403"),
    ),
    Entry(
        "reporting:task",
        lambda o: f"/reporting/tasks/{o['task'].pk}/",
        codes("302 200 200 200 200 404 404 404 404 200 404"),
    ),
    Entry(
        "reporting:task",
        lambda o: f"/reporting/tasks/{o['other_task'].pk}/",
        codes("302 200 200 200 404 404 404 404 404 200 404"),
    ),
    Entry(
        "reporting:task_report",
        lambda o: f"/reporting/tasks/{o['task'].pk}/report/",
        codes("302 403 403 403 302 404 404 404 404 403 404"),
        method="post",
    ),
    # The office accepts a task or sends it back, one step each: the steps' forms alone (GET); the matrix's
    # task is still open, so a post is refused on the step's page (200) for those allowed.
    Entry(
        "reporting:task_accept",
        lambda o: f"/reporting/tasks/{o['task'].pk}/accept/",
        codes("302 200 200 403 403 404 404 404 404 403 404"),
    ),
    Entry(
        "reporting:task_accept",
        lambda o: f"/reporting/tasks/{o['other_task'].pk}/accept/",
        codes("302 200 200 403 404 404 404 404 404 403 404"),
        method="post",
    ),
    Entry(
        "reporting:task_return",
        lambda o: f"/reporting/tasks/{o['task'].pk}/return/",
        codes("302 200 200 403 403 404 404 404 404 403 404"),
    ),
    Entry(
        "reporting:task_return",
        lambda o: f"/reporting/tasks/{o['task'].pk}/return/",
        codes("302 200 200 403 403 404 404 404 404 403 404"),
        method="post",
        data={"reason": "佐证材料不全"},
    ),
    Entry(
        "reporting:assessment",
        lambda o: "/reporting/assessment/",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    Entry(
        "reporting:assessment_pdf",
        lambda o: f"/reporting/assessment/{o['today'].year}.pdf",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    Entry(
        "reporting:assessment_xlsx",
        lambda o: f"/reporting/assessment/{o['today'].year}.xlsx",
        codes("302 200 200 200 403 403 403 403 403 200 403"),
    ),
    # The quarterly bulletin: everyone with a role reads published ones; the office drafts; the director publishes.
    Entry(
        "reporting:bulletins",
        lambda o: "/reporting/bulletins/",
        codes("302 200 200 200 200 200 200 200 200 200 403"),
    ),
    Entry(
        "reporting:bulletin_create",
        lambda o: "/reporting/bulletins/new/",
        codes("302 302 302 302 403 403 403 403 403 403 403"),
        method="post",
        data={"year": 2026, "quarter": 2},
    ),
    Entry(
        "reporting:bulletin",
        lambda o: "/reporting/bulletins/2026/3/",
        codes("302 200 200 200 200 200 200 200 200 200 404"),
    ),
    Entry(
        "reporting:bulletin_texts",
        lambda o: "/reporting/bulletins/2026/2/texts/",
        codes("302 302 302 302 404 404 404 404 404 404 404"),
        method="post",
        data={"summary": "本季度", "next_quarter_work": "下季度"},
    ),
    Entry(
        "reporting:bulletin_build",
        lambda o: "/reporting/bulletins/2026/2/build/",
        codes("302 302 302 302 404 404 404 404 404 404 404"),
        method="post",
    ),
    Entry(
        "reporting:bulletin_status",
        lambda o: "/reporting/bulletins/2026/2/status/",
        codes("302 200 200 200 404 404 404 404 404 404 404"),
    ),
    Entry(
        "reporting:bulletin_publish",
        lambda o: "/reporting/bulletins/2026/2/publish/",
        codes("302 302 403 403 404 404 404 404 404 404 404"),
        method="post",
    ),
    Entry(
        "reporting:bulletin_revise",
        lambda o: "/reporting/bulletins/2026/3/revise/",
        codes("302 302 403 403 403 403 403 403 403 403 404"),
        method="post",
    ),
    Entry(
        "reporting:bulletin_pdf",
        lambda o: "/reporting/bulletins/2026q3.pdf",
        codes("302 200 200 200 200 200 200 200 200 200 404"),
    ),
    Entry(
        "reporting:bulletin_xlsx",
        lambda o: "/reporting/bulletins/2026q3.xlsx",
        codes("302 200 200 200 200 200 200 200 200 200 404"),
    ),
    # The director's dashboard (DESIGN.md section 7): the director, the office and the leaders.
    Entry("dashboard:index", lambda o: "/dashboard/", codes("302 200 200 403 403 403 403 403 403 200 403")),
    Entry(
        "dashboard:pdf",
        lambda o: "/dashboard/export.pdf",
        codes("302 200 200 403 403 403 403 403 403 200 403"),
    ),
    Entry(
        "dashboard:xlsx",
        lambda o: "/dashboard/export.xlsx",
        codes("302 200 200 403 403 403 403 403 403 200 403"),
    ),
]


def _named_patterns(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            names |= _named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, (
                f"URL pattern {pattern.pattern} has no name: give it one and add it to MATRIX"
            )
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_matrix():
    missing = _named_patterns(get_resolver().url_patterns) - {entry.name for entry in MATRIX}
    assert not missing, f"Add these URLs to MATRIX with the answer each role gets: {sorted(missing)}"


@pytest.fixture
def objects(users_by_role, unit, other_unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_objects(users_by_role, unit, other_unit)


@pytest.mark.parametrize("entry", MATRIX, ids=lambda e: f"{e.name}:{e.method}")
def test_each_role_gets_the_expected_answer(client, users_by_role, objects, entry):
    wrong = []
    for role in ROLES:
        url = entry.url(objects)
        client.logout()
        if role != "anonymous":
            client.force_login(users_by_role[role])
        data = entry.data(role) if callable(entry.data) else entry.data
        response = getattr(client, entry.method)(url, data)
        if response.status_code != entry.expect[role]:
            wrong.append(f"{role}: expected {entry.expect[role]}, got {response.status_code}")
    assert not wrong, f"{entry.method.upper()} {url}\n" + "\n".join(wrong)
