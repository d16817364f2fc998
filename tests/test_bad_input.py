"""Bad input in every form users post to (issue 9), with hypothesis.

FORMS lists each form-handling page once, with the role allowed to use it and where its fields come from
(the form classes themselves, so a new field is fuzzed without touching this file). A URL pattern whose
view reads POST data and that is neither in FORMS nor in NO_FIELDS fails
`test_every_form_view_is_in_the_table`: whoever adds a form says here who fills it in.

Each example posts random, huge (10–100 KB), control-character, HTML, SQL-like and unicode edge values in
every field, and checks what a user would see:
- never a server error (the test client re-raises a view's exception, so a 500 fails with its traceback);
- a rejected post changes nothing in the database (the row count and digest of every project table);
- an accepted post never shows its stored values as live markup on the page it leads to.

Each example runs in a savepoint that is rolled back afterwards, so every example starts from the same data.
"""

from __future__ import annotations

import datetime as dt
import inspect
import io
import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django import forms
from django.contrib.messages import constants as message_levels
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from enterprises.forms.lookup import LookupField
from liudong_wages import backup

from .matrix_objects import make_objects

# Examples per form: FORMS has about 80 entries, so the run posts about 80 x EXAMPLES_PER_FORM times.
# bin/fuzz-deep (FUZZ_DEEP=1) runs 200 per form before each release (issue 16).
EXAMPLES_PER_FORM = 200 if os.environ.get("FUZZ_DEEP") else 5

# The markup an accepted value must never bring back unescaped.
SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(1)">'
MARKERS = ("<script>alert(1)", "<img src=x onerror")

EDGE_STRINGS = [
    "",
    " ",
    SCRIPT,
    IMG,
    f'"><{SCRIPT[1:]}',
    "'; DROP TABLE cases_case; --",
    "' OR '1'='1",
    "1; SELECT pg_sleep(0)",
    "%s %(x)s {0} {{ request }} {% debug %}",
    "\x00",
    "a\x00b",
    "\r\n\t\x0b\x0c\x1b[31m",
    "\u202eevil\u202c",  # right-to-left override
    "\u200b\ufeff",  # zero-width space, byte-order mark
    "𠀀𪚥🧧👷‍♀️",  # astral CJK and emoji with a joiner
    "e\u0301\u0301\u0301",  # combining marks
    "ＡＢＣ１２３",  # full-width
    "null",
    "None",
    "-1",
    "0",
    "NaN",
    "Infinity",
    "1e999999",
    "9" * 40,
    "../../etc/passwd",
    "javascript:alert(1)",
]

_chunk = st.sampled_from(["a", "中", "<", "\x01", "𠀀", SCRIPT, "'; DROP TABLE x; --"])
HUGE = st.tuples(_chunk, st.integers(10_000, 100_000)).map(lambda t: (t[0] * t[1])[: t[1]])
CONTROL = st.text(st.characters(categories=["Cc"]), min_size=1, max_size=20)
TEXT = st.one_of(
    st.sampled_from(EDGE_STRINGS),
    st.text(max_size=60),
    CONTROL,
    HUGE,
)
NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["0.001", "-0", "1,000.00", "１２３", "١٢٣", "1E+100", "-1e-100", "0x10", "1_000"]),
)
DATES = st.one_of(
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(lambda d: d.isoformat()),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).map(lambda d: d.isoformat()),
    st.sampled_from(["0000-00-00", "2026-02-30", "2026-13-01", "10000-01-01", "-1-01-01", "2026/10/08"]),
)
DATETIMES = st.one_of(
    st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31)).map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
    st.sampled_from(["2026-10-08T25:61", "2026-10-08T09:00:00+99:00", "2026-03-08T02:30"]),
)
BOOLS = st.sampled_from(["on", "", "true", "false", "0", "1", "是"])
FILE_HEADS = [
    b"",
    b"%PDF-1.4\n",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff\xe0",
    b"PK\x03\x04",
    b"GIF89a",
    b"<html>",
]


def _evil(kind: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly values of the field's kind, often anything at all."""
    return st.one_of(kind, TEXT)


def _xlsx(columns) -> st.SearchStrategy:
    """A workbook with the expected header row and a few rows of hostile cells."""
    cell = st.one_of(
        TEXT.filter(lambda s: len(s) < 40_000),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=True, allow_infinity=True),
        st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 31)),
        st.none(),
    )

    def build(rows) -> bytes:
        from openpyxl import Workbook
        from openpyxl.utils.exceptions import IllegalCharacterError

        workbook = Workbook()
        sheet = workbook.active
        sheet.append([str(column.title) for column in columns])
        for row in rows:
            values = []
            for value in row[: len(columns)]:
                try:
                    sheet.cell(row=1000, column=1, value=value)  # openpyxl refuses control characters
                except (IllegalCharacterError, ValueError):
                    value = "bad\\x01"
                values.append(value)
            sheet.append(values)
        sheet.delete_rows(1000)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    width = max(len(columns), 1)
    return st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=3).map(build)


def _file(xlsx_columns=None) -> st.SearchStrategy:
    contents = [st.binary(max_size=2000), st.sampled_from(FILE_HEADS).map(lambda h: h + b"\x00junk" * 50)]
    if xlsx_columns is not None:
        contents.append(_xlsx(xlsx_columns))
    names = st.one_of(
        st.sampled_from(["a.pdf", "a.xlsx", "a.png", "../../x.pdf", "a" * 300 + ".pdf", "报表.xlsx"]),
        st.text(max_size=30).map(lambda s: (s.replace("\x00", "") or "x") + ".pdf"),
    )
    return st.builds(
        lambda name, content: SimpleUploadedFile(name, content), names, st.one_of(*contents)
    ) | st.just("")


def strategy_for(form_field: forms.Field, xlsx_columns=None) -> st.SearchStrategy:
    """Hostile values for one field, by its type."""
    if isinstance(form_field, forms.FileField):
        return _file(xlsx_columns)
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        pks = [str(pk) for pk in form_field.queryset.values_list("pk", flat=True)[:10]] or ["1"]
        return st.lists(st.one_of(st.sampled_from(pks), NUMBERS, TEXT), max_size=4)
    if isinstance(form_field, forms.ModelChoiceField):
        pks = [str(pk) for pk in form_field.queryset.values_list("pk", flat=True)[:10]] or ["1"]
        return st.one_of(st.sampled_from(pks), NUMBERS, TEXT)
    if isinstance(form_field, LookupField):
        # An enterprise, a project or a case typed as its code, name or number: real ones (accepted), in any
        # letter case and spacing; a case box offers the cases of the user who fills the form in.
        keys = [form_field.key(row) for row in form_field.queryset()[:10]] or ["91450200MA5K00000X"]
        typed = st.sampled_from(keys).flatmap(
            lambda key: st.sampled_from([key, key.lower(), f" {key[:6]} {key[6:]} ", key[:-1]])
        )
        return st.one_of(typed, NUMBERS, TEXT)
    if isinstance(form_field, forms.MultipleChoiceField):
        values = [str(v) for v, _label in form_field.choices] or [""]
        return st.lists(st.one_of(st.sampled_from(values), TEXT), max_size=4)
    if isinstance(form_field, forms.ChoiceField):
        values = [str(v) for v, _label in form_field.choices if not isinstance(_label, list | tuple)] or [""]
        return st.one_of(st.sampled_from(values), TEXT)
    if isinstance(form_field, forms.BooleanField):
        return _evil(BOOLS)
    if isinstance(form_field, forms.DateTimeField):
        return _evil(DATETIMES)
    if isinstance(form_field, forms.DateField):
        return _evil(DATES)
    if isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return _evil(NUMBERS)
    if form_field.__class__.__name__ == "MoneyField":
        return _evil(NUMBERS)
    return TEXT


def fields_of(*parts) -> dict[str, forms.Field]:
    """Field names as posted (prefixes included) of forms and formsets (their management form and first
    form), built the way the view builds them."""
    result = {}
    for part in parts:
        if isinstance(part, forms.BaseFormSet):
            result |= fields_of(part.management_form, part.forms[0] if part.forms else part.empty_form)
        else:
            result |= {part.add_prefix(name): f for name, f in part.fields.items()}
    return result


def form(form_class, **kwargs) -> Callable[[dict], dict[str, forms.Field]]:
    return lambda o: fields_of(form_class(**kwargs))


def form_of(role: str, form_class, **kwargs) -> Callable[[dict], dict[str, forms.Field]]:
    """A form built for the user of `role` (a form with a case box finds only the cases that user may see)."""
    return lambda o: fields_of(form_class(user=o["users"][role], **kwargs))


@dataclass(frozen=True)
class FormEntry:
    name: str  # the URL pattern's full name
    role: str  # who fills it in (a role of tests/conftest.py users_by_role, or "anonymous")
    url: Callable[[dict], str]
    fields: Callable[[dict], dict[str, forms.Field]]
    fixed: Callable[[dict], dict] = lambda o: {}  # buttons and hidden values the page always sends
    method: str = "post"
    label: str = ""  # tells apart entries of one URL name (the step of a workflow)
    xlsx: Callable[[], list] | None = None  # the columns an uploaded workbook should have
    shows: Callable[[dict], list[str]] = lambda o: []  # more pages that show what was saved
    accepted_with_200: Callable = lambda response: False  # a page that answers a success in place
    saved_before_refusal: tuple[str, ...] = ()  # tables a refused post may still change (a draft saved first)

    def __str__(self) -> str:
        return f"{self.name}{':' + self.label if self.label else ''}"


def _monitoring_objects(o: dict) -> dict:
    """A roster worker of the project, its wage sheets submitted and checked, and a use of its deposit."""
    from decimal import Decimal

    from enterprises.models import DepositUse, Payroll, PayrollLine, ProjectWorker

    from .factories import valid_id_number

    project = o["project"]
    worker = ProjectWorker.objects.create(
        project=project, name="模糊工人", id_number=valid_id_number(555), employer=project.general_contractor
    )
    sheets = {}
    for key, month, status in (
        ("submitted_payroll", dt.date(2026, 8, 1), Payroll.Status.SUBMITTED),
        ("checked_payroll", dt.date(2026, 9, 1), Payroll.Status.CHECKED),
    ):
        sheets[key] = Payroll.objects.create(project=project, month=month, status=status, worker_count=1)
        PayrollLine.objects.create(
            payroll=sheets[key], worker=worker, payable=Decimal("100"), paid=Decimal("100")
        )
    use = DepositUse.objects.create(
        project=project,
        case_ref=o["case"].pk,
        used_on=dt.date(2026, 9, 1),
        amount=Decimal("100"),
        top_up_due_on=dt.date(2026, 9, 15),
    )
    return {"roster_worker": worker, "deposit_use": use, **sheets}


def _issue_18_objects(o: dict, users: dict) -> dict:
    """A draft 限期整改指令书 and an issued 行政处罚告知书 of the case, an open clue, a hand-over from the liaison's unit
    waiting for the office, and a listing in force on the dishonest list (for its decisions)."""
    from django.utils import timezone

    from cases import services as case_services
    from cases.models import CaseHandover, Clue

    from .factories import DishonestListingFactory

    inspector = users["inspector"]
    today = timezone.localdate()
    kind = "rectification_order"
    draft = case_services.document_create(case=o["case"], by=inspector, kind=kind)
    issued = case_services.document_issue(
        document=case_services.document_create(case=o["case"], by=inspector, kind="penalty_notice"),
        by=inspector,
    )
    listing = DishonestListingFactory(
        status="listed",
        notice_number="柳东治欠告〔2026〕9号",
        notified_on=today - dt.timedelta(days=20),
        objection_deadline=today - dt.timedelta(days=10),
        decision_number="柳东人社失信列〔2026〕9号",
        decided_on=today,
        listed_until=today + dt.timedelta(days=3 * 365),
    )
    return {
        "draft_document": draft,
        "issued_document": issued,
        "clue": Clue.objects.create(
            platform_number="XS-FUZZ-0001",
            reported_on=today,
            reporter_name="蓝志强",
            employer_name="柳州市恒通建设工程有限公司",
            amount=8600,
            worker_count=3,
            imported_on=today,
            answer_due=today,
        ),
        "handover": CaseHandover.objects.create(
            unit=o["unit"],
            employer_name="柳州市某建筑公司",
            worker_count=4,
            amount=26000,
            period_start=dt.date(2026, 8, 1),
            period_end=dt.date(2026, 10, 31),
            summary="班组工资未发。",
        ),
        "listed": listing,
    }


def _extra_objects(o: dict, users: dict) -> dict:
    """Records in the states the later steps need: a referred case, submitted and approved applications,
    a submitted report, a supervision task reported done, a disagreement of the joint handling."""
    from decimal import Decimal

    from cases import services as case_services
    from cases.models import JointDisagreement
    from funds import services as fund_services
    from reporting import services as report_services

    from .factories import AdvanceApplicationFactory, CaseFactory, ReportFactory, SupervisionTaskFactory

    office, inspector = users["office"], users["inspector"]
    referred = CaseFactory()
    case_services.case_file(case=referred, by=inspector)
    case_services.case_refer_police(case=referred, by=inspector, evidence="工资表、询问笔录")
    submitted = fund_services.advance_submit(
        application=AdvanceApplicationFactory(case=o["case"], created_by=office), by=office
    )
    approved = fund_services.advance_approve(
        application=fund_services.advance_submit(
            application=AdvanceApplicationFactory(case=o["case"], created_by=office), by=office
        ),
        by=users["approver"],
    )
    from liudong_wages.roles import Role

    from .factories import UserFactory

    # 经发局's report of the current month, submitted (a month that has begun and is never locked, whatever
    # the date): 建设局's is the liaison's draft of the same month.
    report = ReportFactory(unit=o["other_unit"], report_type="jfj_monthly", period=o["report"].period)
    other_liaison = UserFactory(roles=[Role.LIAISON], unit=o["other_unit"])
    report_services.report_submit(report=report, by=other_liaison)
    # 经发局's supervision task reported done, for the office to send back.
    reported_task = report_services.task_report_done(
        task=SupervisionTaskFactory(unit=o["other_unit"]),
        by=other_liaison,
        report="已全部排查",
        evidence=SimpleUploadedFile("排查表.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    monitoring = _monitoring_objects(o)
    return {
        **monitoring,
        **_issue_18_objects(o, users),
        "referred_case": referred,
        "submitted_application": submitted,
        "approved_application": approved,
        "submitted_report": report,
        "reported_task": reported_task,
        "disagreement": JointDisagreement.objects.create(
            handling=o["joint"], subject="垫付比例", positions="财政局：五成；人社局：七成"
        ),
        "money": Decimal("1.00"),
        # The forms with a case box find the cases of the user who fills them in (cases.lookup.CaseField).
        "users": users,
    }


def _entries() -> list[FormEntry]:
    from django.contrib.auth.forms import AuthenticationForm

    from cases import document_forms as dcf
    from cases import forms as cf
    from cases.services.clues import clue_columns
    from cases.views.cases import CLAIM_COLUMNS, STEPS
    from cases.views.joint import DISAGREEMENT_STEPS as JOINT_DISAGREEMENT_STEPS
    from cases.views.joint import STEPS as JOINT_STEPS
    from enterprises.forms import monitoring as mof
    from enterprises.forms import registry as ef
    from enterprises.imports.monitoring import PAYROLL_COLUMNS, ROSTER_COLUMNS, STATEMENT_COLUMNS
    from enterprises.views.imports import KINDS as IMPORT_KINDS
    from enterprises.views.listings import STEPS as LISTING_STEPS
    from enterprises.views.projects import DEPOSIT_STEPS
    from funds import forms as ff
    from funds.views import ACTION_FORMS
    from liudong_wages.forms import TokenForm, UnitContactForm
    from reporting import definitions
    from reporting.filters import ReportFilter
    from reporting.forms import meetings as mf
    from reporting.forms import reports as rf
    from reporting.views import bulletin as bv

    def report_fields(o):
        report = o["report"]
        return fields_of(*rf.forms_for(report.definition, report.body, extra=1))

    def report_items_total(o):
        return {"items-TOTAL_FORMS": str(len(o["report"].body.get("items") or []) + 1)}

    def funds_lines(o, instance=None):
        return fields_of(ff.ApplicationForm(instance=instance), ff.LineFormSet())

    entries = [
        FormEntry(
            "login",
            "anonymous",
            lambda o: "/accounts/login/",
            lambda o: fields_of(AuthenticationForm()),
            accepted_with_200=lambda r: False,
        ),
        FormEntry("two_factor_verify", "liaison", lambda o: "/accounts/two-factor/verify/", form(TokenForm)),
        FormEntry("two_factor_setup", "liaison", lambda o: "/accounts/two-factor/setup/", form(TokenForm)),
        FormEntry(
            "set_language",
            "liaison",
            lambda o: "/i18n/setlang/",
            lambda o: {"language": forms.CharField(), "next": forms.CharField()},
        ),
        FormEntry(
            "units:edit",
            "liaison",
            lambda o: f"/units/{o['unit'].code}/edit/",
            lambda o: fields_of(UnitContactForm(instance=o["unit"])),
            shows=lambda o: [f"/units/{o['unit'].code}/", "/units/"],
        ),
        # enterprises
        FormEntry(
            "enterprises:create",
            "inspector",
            lambda o: "/enterprises/new/",
            form(ef.EnterpriseForm),
            shows=lambda o: ["/enterprises/"],
        ),
        FormEntry(
            "enterprises:edit",
            "inspector",
            lambda o: f"/enterprises/{o['enterprise'].pk}/edit/",
            lambda o: fields_of(ef.EnterpriseForm(instance=o["enterprise"])),
            shows=lambda o: ["/enterprises/"],
        ),
        FormEntry(
            "enterprises:close",
            "inspector",
            lambda o: f"/enterprises/{o['enterprise'].pk}/close/",
            form(ef.ReasonForm),
        ),
        FormEntry(
            "enterprises:assess",
            "inspector",
            lambda o: f"/enterprises/{o['enterprise'].pk}/assess/",
            form(ef.AssessmentForm),
        ),
        FormEntry(
            "enterprises:listing_propose",
            "inspector",
            lambda o: f"/enterprises/{o['enterprise'].pk}/list/",
            form(ef.ListingProposeForm),
            shows=lambda o: ["/enterprises/listings/"],
        ),
        FormEntry(
            "enterprises:project_create",
            "inspector",
            lambda o: "/enterprises/projects/new/",
            form(ef.ProjectForm),
            shows=lambda o: ["/enterprises/projects/"],
        ),
        FormEntry(
            "enterprises:project_edit",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/edit/",
            lambda o: fields_of(ef.ProjectForm(instance=o["project"])),
            shows=lambda o: ["/enterprises/projects/"],
        ),
        FormEntry(
            "enterprises:project_void",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/void/",
            form(ef.ReasonForm),
        ),
        # Wage-payment monitoring (issue 17).
        FormEntry(
            "enterprises:worker_create",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/workers/new/",
            lambda o: fields_of(mof.WorkerForm(project=o["project"])),
        ),
        FormEntry(
            "enterprises:worker_edit",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/workers/{o['roster_worker'].pk}/edit/",
            lambda o: fields_of(mof.WorkerForm(project=o["project"])),
        ),
        FormEntry(
            "enterprises:worker_leave",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/workers/{o['roster_worker'].pk}/leave/",
            form(mof.LeaveForm),
        ),
        FormEntry(
            "enterprises:worker_import",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/workers/import/",
            form(mof.UploadForm),
            xlsx=lambda: ROSTER_COLUMNS,
        ),
        FormEntry(
            "enterprises:payroll_import",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/payroll/import/",
            form(mof.PayrollImportForm),
            xlsx=lambda: PAYROLL_COLUMNS,
        ),
        FormEntry(
            "enterprises:payroll_check",
            "liaison",
            lambda o: f"/enterprises/projects/{o['project'].pk}/payroll/{o['submitted_payroll'].pk}/check/",
            lambda o: {"note": forms.CharField(required=False)},
            fixed=lambda o: {"status": "submitted"},
        ),
        FormEntry(
            "enterprises:payroll_pay",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/payroll/{o['checked_payroll'].pk}/paid/",
            form(mof.PaidForm),
            fixed=lambda o: {"status": "checked"},
        ),
        FormEntry(
            "enterprises:payroll_correct",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/payroll/{o['submitted_payroll'].pk}/correct/",
            form(mof.CorrectionForm),
            fixed=lambda o: {"status": "submitted"},
            xlsx=lambda: PAYROLL_COLUMNS,
        ),
        FormEntry(
            "enterprises:transfer_create",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/transfers/new/",
            form(mof.TransferForm),
        ),
        FormEntry(
            "enterprises:transfer_import",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/transfers/import/",
            form(mof.UploadForm),
            xlsx=lambda: STATEMENT_COLUMNS,
        ),
        FormEntry(
            "enterprises:deposit_use",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/deposit-uses/new/",
            lambda o: fields_of(mof.DepositUseForm(cases=[])),
        ),
        FormEntry(
            "enterprises:deposit_top_up",
            "inspector",
            lambda o: (
                f"/enterprises/projects/{o['project'].pk}/deposit-uses/{o['deposit_use'].pk}/topped-up/"
            ),
            form(mof.TopUpForm),
        ),
        *[
            FormEntry(
                "enterprises:project_deposit",
                "inspector",
                lambda o, step=step: f"/enterprises/projects/{o['project'].pk}/deposit/{step}/",
                form(form_class),
                label=step,
            )
            for step, (form_class, _service, _title) in DEPOSIT_STEPS.items()
        ],
        FormEntry(
            "enterprises:subcontractor_add",
            "inspector",
            lambda o: f"/enterprises/projects/{o['project'].pk}/subcontractors/",
            form(ef.SubcontractorForm),
        ),
        FormEntry(
            "enterprises:inspection_create",
            "inspector",
            lambda o: "/enterprises/inspections/new/",
            form(ef.InspectionForm),
            shows=lambda o: ["/enterprises/inspections/"],
        ),
        FormEntry(
            "enterprises:inspection_resolve",
            "inspector",
            lambda o: f"/enterprises/inspections/{o['inspection'].pk}/resolve/",
            form(ef.ResolveForm),
        ),
        FormEntry(
            "enterprises:inspection_photo",
            "inspector",
            lambda o: f"/enterprises/inspections/{o['inspection'].pk}/photos/",
            form(ef.PhotoForm),
        ),
        *[
            FormEntry(
                "enterprises:import",
                "inspector",
                lambda o, kind=kind: f"/enterprises/import/{kind}/",
                form(ef.ImportForm),
                label=kind,
                xlsx=lambda spec=spec: spec["columns"],
                shows=lambda o, spec=spec: [f"/{spec['next'].split(':')[0]}/"],
            )
            for kind, spec in IMPORT_KINDS.items()
        ],
        *[
            FormEntry(
                "enterprises:listing_step",
                "inspector",
                lambda o, step=step: f"/enterprises/listings/{o['listing'].pk}/{step}/",
                form(form_class),
                label=step,
            )
            for step, (form_class, _service, _title, _states) in LISTING_STEPS.items()
        ],
        FormEntry(
            "enterprises:measure_edit",
            "liaison",
            lambda o: f"/enterprises/listings/measures/{o['measure'].pk}/",
            form(ef.MeasureForm),
        ),
        # cases
        FormEntry(
            "cases:create",
            "inspector",
            lambda o: "/cases/new/",
            form(cf.CaseReceiveForm),
            shows=lambda o: ["/cases/"],
        ),
        *[
            FormEntry(
                "cases:step",
                "police" if step.target == "referral" else "inspector",
                (
                    (lambda o, name=name: f"/cases/{o['referred_case'].pk}/step/{name}/")
                    if step.target == "referral" or name == "police"
                    else (lambda o, name=name: f"/cases/{o['case'].pk}/step/{name}/")
                ),
                form(step.form),
                label=name,
            )
            for name, step in STEPS.items()
        ],
        FormEntry(
            "cases:claim_add",
            "inspector",
            lambda o: f"/cases/{o['case'].pk}/claims/",
            form(cf.WorkerClaimForm),
        ),
        FormEntry(
            "cases:claim_import",
            "inspector",
            lambda o: f"/cases/{o['case'].pk}/claims/import/",
            form(cf.ClaimImportForm),
            xlsx=lambda: CLAIM_COLUMNS,
        ),
        FormEntry(
            "cases:claim_remove",
            "inspector",
            lambda o: f"/cases/{o['case'].pk}/claims/{o['claim'].pk}/remove/",
            lambda o: {"reason": forms.CharField()},
        ),
        FormEntry(
            "cases:claim_edit",
            "inspector",
            lambda o: f"/cases/{o['case'].pk}/claims/{o['claim'].pk}/",
            lambda o: fields_of(cf.WorkerClaimEditForm(claim=o["claim"])),
            shows=lambda o: [f"/cases/{o['case'].pk}/"],
        ),
        FormEntry(
            "cases:instalment_pay",
            "inspector",
            lambda o: f"/cases/{o['instalment'].agreement.case_id}/instalments/{o['instalment'].pk}/pay/",
            lambda o: fields_of(
                cf.WorkerPaymentForm(claims=list(o["instalment"].agreement.case.claims.all()))
            ),
            shows=lambda o: [f"/cases/{o['instalment'].agreement.case_id}/"],
        ),
        FormEntry(
            "cases:payment_record",
            "inspector",
            lambda o: f"/cases/{o['instalment'].agreement.case_id}/payments/new/",
            lambda o: fields_of(
                cf.WorkerPaymentForm(claims=list(o["instalment"].agreement.case.claims.all()))
            ),
            shows=lambda o: [f"/cases/{o['instalment'].agreement.case_id}/"],
        ),
        FormEntry(
            "cases:attachment_upload",
            "inspector",
            lambda o: f"/cases/{o['case'].pk}/attachments/",
            form(cf.AttachmentForm),
        ),
        FormEntry(
            "cases:joint_request",
            "inspector",
            lambda o: f"/cases/{o['case'].pk}/joint/",
            form(cf.JointRequestForm),
        ),
        *[
            FormEntry(
                "cases:joint_step",
                "leader" if step.permission == "approve" else "inspector",
                lambda o, name=name: f"/cases/joint/{o['joint'].pk}/{name}/",
                form(step.form),
                label=name,
            )
            for name, step in JOINT_STEPS.items()
        ],
        *[
            FormEntry(
                "cases:joint_disagreement_step",
                "inspector",
                lambda o, name=name: (
                    f"/cases/joint/{o['joint'].pk}/disagreements/{o['joint_disagreement'].pk}/{name}/"
                ),
                form(step.form),
                label=name,
            )
            for name, step in JOINT_DISAGREEMENT_STEPS.items()
        ],
        FormEntry(
            "cases:interview_create",
            "inspector",
            lambda o: "/cases/interviews/new/",
            form_of("inspector", cf.InterviewScheduleForm),
            shows=lambda o: ["/cases/interviews/"],
        ),
        FormEntry(
            "cases:interview_record",
            "inspector",
            lambda o: f"/cases/interviews/{o['interview'].pk}/record/",
            lambda o: fields_of(cf.InterviewRecordForm(instance=o["interview"])),
        ),
        *[
            FormEntry(
                "cases:interview_outcome",
                "inspector",
                lambda o, outcome=outcome: f"/cases/interviews/{o['interview'].pk}/{outcome}/",
                form(form_class),
                label=outcome,
            )
            for outcome, form_class in (("rectification", cf.RectificationForm), ("penalty", cf.PenaltyForm))
        ],
        FormEntry(
            "cases:public_report_accept",
            "inspector",
            lambda o: f"/cases/public-reports/{o['public_report'].pk}/accept/",
            form_of("inspector", cf.PublicReportAcceptForm, prefix="accept"),
        ),
        FormEntry(
            "cases:public_report_reject",
            "inspector",
            lambda o: f"/cases/public-reports/{o['public_report'].pk}/reject/",
            form(cf.PublicReportRejectForm, prefix="reject"),
        ),
        FormEntry(
            "cases:petition_create",
            "stability",
            lambda o: "/cases/petitions/new/",
            form(cf.PetitionForm),
            shows=lambda o: ["/cases/petitions/"],
        ),
        FormEntry(
            "cases:petition_link",
            "inspector",
            lambda o: f"/cases/petitions/{o['petition'].pk}/link/",
            form_of("inspector", cf.LinkForm),
        ),
        FormEntry(
            "cases:warning_create",
            "police",
            lambda o: "/cases/warnings/new/",
            form(cf.PoliceWarningForm),
            shows=lambda o: ["/cases/warnings/"],
        ),
        FormEntry(
            "cases:warning_link",
            "inspector",
            lambda o: f"/cases/warnings/{o['warning'].pk}/link/",
            form_of("inspector", cf.LinkForm),
        ),
        FormEntry(
            "cases:warning_feedback",
            "police",
            lambda o: f"/cases/warnings/{o['warning'].pk}/feedback/",
            form(cf.WarningFeedbackForm),
        ),
        # Case documents, clues, hand-overs and campaigns (issue 18).
        FormEntry(
            "cases:documents",
            "inspector",
            lambda o: f"/cases/{o['case'].pk}/documents/",
            form(dcf.DocumentCreateForm),
            shows=lambda o: [f"/cases/{o['case'].pk}/documents/"],
        ),
        FormEntry(
            "cases:document_edit",
            "inspector",
            lambda o: f"/cases/{o['case'].pk}/documents/{o['draft_document'].pk}/",
            form(dcf.DocumentFieldsForm),
            shows=lambda o: [f"/cases/{o['case'].pk}/documents/{o['draft_document'].pk}/"],
        ),
        FormEntry(
            "cases:document_issue",
            "inspector",
            lambda o: f"/cases/{o['case'].pk}/documents/{o['draft_document'].pk}/issue/",
            form(dcf.DocumentIssueForm),
        ),
        FormEntry(
            "cases:document_delete",
            "inspector",
            lambda o: f"/cases/{o['case'].pk}/documents/{o['draft_document'].pk}/delete/",
            lambda o: {},
        ),
        FormEntry(
            "cases:document_serve",
            "inspector",
            lambda o: f"/cases/{o['case'].pk}/documents/{o['issued_document'].pk}/serve/",
            form(dcf.DocumentServeForm),
            shows=lambda o: [f"/cases/{o['case'].pk}/documents/", f"/cases/{o['case'].pk}/"],
        ),
        FormEntry(
            "cases:document_correct",
            "inspector",
            lambda o: f"/cases/{o['case'].pk}/documents/{o['issued_document'].pk}/correct/",
            lambda o: {},
        ),
        FormEntry(
            "cases:listing_documents",
            "office",
            lambda o: f"/cases/dishonest/{o['listed'].pk}/documents/",
            lambda o: {
                "kind": forms.ChoiceField(
                    choices=[("listing_decision", "列入"), ("delisting_decision", "移出")]
                )
            },
        ),
        FormEntry(
            "cases:clue_import",
            "office",
            lambda o: "/cases/clues/import/",
            form(dcf.ClueImportForm),
            xlsx=clue_columns,
            shows=lambda o: ["/cases/clues/"],
        ),
        FormEntry(
            "cases:clue_to_case",
            "office",
            lambda o: f"/cases/clues/{o['clue'].pk}/case/",
            form(dcf.ClueToCaseForm),
            shows=lambda o: ["/cases/", f"/cases/clues/{o['clue'].pk}/"],
        ),
        FormEntry(
            "cases:clue_close",
            "office",
            lambda o: f"/cases/clues/{o['clue'].pk}/close/",
            form(dcf.ClueCloseForm),
            shows=lambda o: ["/cases/clues/", f"/cases/clues/{o['clue'].pk}/"],
        ),
        FormEntry(
            "cases:handover_create",
            "liaison",
            lambda o: "/cases/handovers/new/",
            form(dcf.HandoverForm),
            shows=lambda o: ["/cases/handovers/"],
        ),
        FormEntry(
            "cases:handover_accept",
            "office",
            lambda o: f"/cases/handovers/{o['handover'].pk}/accept/",
            form(dcf.HandoverAcceptForm),
            shows=lambda o: [f"/cases/handovers/{o['handover'].pk}/"],
        ),
        FormEntry(
            "cases:handover_return",
            "office",
            lambda o: f"/cases/handovers/{o['handover'].pk}/return/",
            form(dcf.HandoverReturnForm),
            shows=lambda o: [f"/cases/handovers/{o['handover'].pk}/"],
        ),
        FormEntry(
            "cases:campaigns",
            "office",
            lambda o: "/cases/campaigns/",
            form(dcf.CampaignForm),
            shows=lambda o: ["/cases/campaigns/"],
        ),
        FormEntry(
            "report:form",
            "anonymous",
            lambda o: "/report/",
            form(cf.PublicReportForm),
            accepted_with_200=lambda r: bool(r.context and r.context.get("report")),
            shows=lambda o: ["/cases/public-reports/", _latest_public_report_url()],
        ),
        FormEntry("report:track", "anonymous", lambda o: "/report/track/", form(cf.TrackForm), method="get"),
        # funds
        FormEntry(
            "funds:create",
            "inspector",
            lambda o: f"/funds/applications/new/?case={o['case'].pk}",
            funds_lines,
            fixed=lambda o: {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0"},
            shows=lambda o: ["/funds/applications/"],
        ),
        FormEntry(
            "funds:edit",
            "office",
            lambda o: f"/funds/applications/{o['application'].pk}/edit/",
            lambda o: funds_lines(o, o["application"]),
            fixed=lambda o: {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0"},
        ),
        *[
            FormEntry(
                "funds:action",
                _FUND_ACTION_ROLE[action][0],
                lambda o, action=action: (
                    f"/funds/applications/{o[_FUND_ACTION_ROLE[action][1]].pk}/{action}/"
                ),
                form(form_class),
                label=action,
            )
            for action, form_class in ACTION_FORMS.items()
        ],
        FormEntry(
            "funds:appropriate",
            "treasurer",
            lambda o: "/funds/ledger/appropriate/",
            form(ff.AppropriationForm),
        ),
        FormEntry(
            "funds:reverse",
            "treasurer",
            lambda o: f"/funds/ledger/{o['ledger_entry'].pk}/reverse/",
            form(ff.ReverseForm),
        ),
        FormEntry(
            "funds:statement", "inspector", lambda o: "/funds/statement/", form(ff.PeriodForm), method="get"
        ),
        # reporting
        FormEntry(
            "reporting:edit",
            "liaison",
            lambda o: f"/reporting/reports/{o['report'].pk}/edit/",
            report_fields,
            fixed=report_items_total,
            shows=lambda o: [f"/reporting/reports/{o['report'].pk}/"],
        ),
        FormEntry(
            "reporting:edit",
            "liaison",
            lambda o: f"/reporting/reports/{o['report'].pk}/edit/",
            report_fields,
            fixed=lambda o: {**report_items_total(o), "submit": "1"},
            label="submit",
            # "Save and submit" keeps the draft when the submission is refused (the page says which).
            saved_before_refusal=("reporting_report", "reporting_historicalreport", "reporting_reportevent"),
            shows=lambda o: [f"/reporting/reports/{o['report'].pk}/"],
        ),
        FormEntry(
            "reporting:return",
            "office",
            lambda o: f"/reporting/reports/{o['submitted_report'].pk}/return/",
            form(rf.ReturnForm),
            shows=lambda o: [f"/reporting/reports/{o['submitted_report'].pk}/"],
        ),
        FormEntry(
            "reporting:upload",
            "liaison",
            lambda o: f"/reporting/reports/{o['report'].pk}/upload/",
            form(rf.UploadItemsForm),
            xlsx=lambda: definitions.get("jsj_monthly").excel_columns(),
            shows=lambda o: [f"/reporting/reports/{o['report'].pk}/"],
        ),
        FormEntry(
            "reporting:attach",
            "liaison",
            lambda o: f"/reporting/reports/{o['report'].pk}/attach/",
            form(rf.AttachmentForm),
        ),
        FormEntry(
            "reporting:item_project",
            "office",
            lambda o: f"/reporting/reports/{o['submitted_report'].pk}/items/1/project/",
            lambda o: {"construction_unit": forms.CharField(), "general_contractor": forms.CharField()},
        ),
        FormEntry(
            "reporting:reopen",
            "office",
            lambda o: "/reporting/types/jsj_monthly/2026-08/reopen/",
            form(rf.ReopenForm),
        ),
        FormEntry(
            "reporting:list",
            "inspector",
            lambda o: "/reporting/reports/",
            lambda o: fields_of(ReportFilter().form),
            method="get",
        ),
        FormEntry(
            "reporting:board",
            "inspector",
            lambda o: "/reporting/board/",
            form(rf.BoardRangeForm),
            method="get",
        ),
        # meetings, minutes, supervision tasks, the bulletin
        FormEntry(
            "reporting:meeting_create",
            "office",
            lambda o: "/reporting/meetings/new/",
            form(mf.MeetingForm),
            shows=lambda o: ["/reporting/meetings/"],
        ),
        FormEntry(
            "reporting:meeting_attach",
            "office",
            lambda o: f"/reporting/meetings/{o['meeting'].pk}/attach/",
            form(mf.AttachmentForm),
        ),
        FormEntry(
            "reporting:minutes_edit",
            "office",
            lambda o: f"/reporting/meetings/{o['meeting'].pk}/minutes/",
            lambda o: fields_of(mf.MinutesForm(), mf.AgreedItemFormSet(prefix="items")),
            fixed=lambda o: {"items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0"},
            shows=lambda o: [f"/reporting/meetings/{o['meeting'].pk}/"],
        ),
        FormEntry(
            "reporting:confirmation_comment",
            "liaison",
            lambda o: f"/reporting/confirmations/{o['confirmation'].pk}/comment/",
            form(mf.CommentForm),
            shows=lambda o: [f"/reporting/meetings/{o['meeting'].pk}/"],
        ),
        FormEntry(
            "reporting:confirmation_override",
            "office",
            lambda o: f"/reporting/confirmations/{o['confirmation'].pk}/override/",
            form(mf.ReasonForm),
        ),
        FormEntry(
            "reporting:task_create",
            "office",
            lambda o: "/reporting/tasks/new/",
            lambda o: {"item": forms.IntegerField(), **fields_of(mf.TaskForm())},
            shows=lambda o: ["/reporting/tasks/"],
        ),
        FormEntry(
            "reporting:task_report",
            "liaison",
            lambda o: f"/reporting/tasks/{o['task'].pk}/report/",
            form(mf.TaskReportForm),
            shows=lambda o: [f"/reporting/tasks/{o['task'].pk}/"],
        ),
        FormEntry(
            "reporting:task_return",
            "office",
            lambda o: f"/reporting/tasks/{o['reported_task'].pk}/return/",
            form(mf.TaskReturnForm),
            shows=lambda o: [f"/reporting/tasks/{o['reported_task'].pk}/"],
        ),
        FormEntry(
            "reporting:bulletin_create", "office", lambda o: "/reporting/bulletins/new/", form(bv.QuarterForm)
        ),
        FormEntry(
            "reporting:bulletin_texts",
            "office",
            lambda o: "/reporting/bulletins/2026/2/texts/",
            form(bv.TextsForm),
            shows=lambda o: ["/reporting/bulletins/2026/2/"],
        ),
        FormEntry(
            "reporting:bulletin_revise",
            "director",
            lambda o: "/reporting/bulletins/2026/3/revise/",
            form(bv.ReviseForm),
        ),
    ]
    return entries


# Who does each action of an application, and on which application (by its state).
_FUND_ACTION_ROLE = {
    "approve": ("approver", "submitted_application"),
    "reject": ("approver", "submitted_application"),
    "pay": ("treasurer", "approved_application"),
    "order_recovery": ("office", "approved_application"),
    "record_recovery": ("treasurer", "approved_application"),
    "write_off": ("office", "approved_application"),
    "attach": ("office", "application"),
}


def _latest_public_report_url() -> str:
    from cases.models import PublicReport

    return f"/cases/public-reports/{PublicReport.objects.latest('pk').pk}/"


FORMS = _entries()

# Views that read POST but have no field to fuzz: a button and nothing else.
NO_FIELDS = {
    "logout": "a button",
    "notifications:open": "a button",
    "notifications:read_all": "a button",
    "enterprises:subcontractor_remove": "a button",
    "enterprises:payroll_submit": "a button (with the status the page showed)",
    "cases:from_wage_alert": "a button",
    "reporting:start": "a button (starts the report of the period in the URL)",
    "reporting:submit": "a button",
    "reporting:accept": "a button",
    "reporting:task_accept": "a button",
    "reporting:confirmation_confirm": "a button",
    "reporting:minutes_circulate": "a button",
    "reporting:minutes_finalize": "a button",
    "reporting:minutes_issue": "a button",
    "reporting:bulletin_build": "a button (builds the PDF)",
    "reporting:bulletin_publish": "a button",
}
SKIPPED_NAMESPACES = {"admin"}  # the Django admin's own forms


def _reads_post(callback) -> bool:
    view = getattr(callback, "view_class", None) or inspect.unwrap(callback)
    try:
        source = inspect.getsource(view)
    except (OSError, TypeError):
        return False
    return "POST" in source or "post" in {name.lower() for name in getattr(view, "http_method_names", [])}


def _form_views(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _form_views(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and _reads_post(pattern.callback):
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_form_view_is_in_the_table():
    found = _form_views(get_resolver().url_patterns)
    missing = found - {entry.name for entry in FORMS} - set(NO_FIELDS)
    assert not missing, f"Add these form pages to FORMS (or NO_FIELDS) in {__file__}: {sorted(missing)}"
    assert {"units:edit", "cases:create", "funds:create", "reporting:edit"} <= found


def snapshot() -> dict[str, tuple[int, str]]:
    """Row count and digest of every project table, in one query (backup.table_checksums reads each
    table into Python; this is the same idea, fast enough to run twice per example)."""
    tables = backup._tables()
    if connection.vendor != "postgresql":
        return {name: (v["rows"], v["sha256"]) for name, v in backup.table_checksums().items()}
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT %s, count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {quote(name)} t"
        for name in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, tables)
        return {name: (count, digest) for name, count, digest in cursor.fetchall()}


def _changed(before: dict, after: dict) -> list[str]:
    return sorted(name for name in after if before.get(name) != after[name])


def _error_messages(response) -> list[str]:
    storage = getattr(response.wsgi_request, "_messages", None)
    if storage is None:
        return []
    return [str(m) for m in storage._queued_messages if m.level >= message_levels.ERROR]


def _assert_no_live_markup(client: Client, url: str) -> None:
    if not url.startswith("/"):
        return
    response = client.get(url)
    assert response.status_code < 500, f"GET {url} answered {response.status_code}"
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        body = response.content.decode()
        for marker in MARKERS:
            assert marker not in body, f"{url} shows {marker!r} unescaped"


@pytest.fixture
def objects(users_by_role, unit, other_unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    o = make_objects(users_by_role, unit, other_unit)
    return o | _extra_objects(o, users_by_role)


@pytest.mark.parametrize("entry", FORMS, ids=str)
def test_bad_input_is_refused_or_stored_harmlessly(entry, objects, users_by_role):
    client = Client()
    if entry.role != "anonymous":
        client.force_login(users_by_role[entry.role])
    viewer = Client()  # sees the office's pages where the accepted value shows
    viewer.force_login(users_by_role["inspector"])
    url = entry.url(objects)
    form_fields = entry.fields(objects)
    xlsx_columns = entry.xlsx() if entry.xlsx else None
    strategies = {name: strategy_for(f, xlsx_columns) for name, f in form_fields.items()}

    @hsettings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(data=st.fixed_dictionaries(strategies))
    def post(data):
        data = {k: v for k, v in data.items() if v is not None} | entry.fixed(objects)
        with transaction.atomic():
            before = snapshot()
            response = getattr(client, entry.method)(url, data)
            assert response.status_code < 500
            accepted = (
                response.status_code == 302 and not _error_messages(response)
            ) or entry.accepted_with_200(response)
            if entry.method == "get" or not accepted:
                changed = [t for t in _changed(before, snapshot()) if t not in entry.saved_before_refusal]
                assert not changed, f"refused ({response.status_code}) but changed {changed}"
            else:
                _assert_no_live_markup(client, response.get("Location", ""))
                for page in entry.shows(objects):
                    _assert_no_live_markup(viewer, page)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                body = response.content.decode()
                for marker in MARKERS:
                    assert marker not in body, f"the form page echoes {marker!r} unescaped"
            transaction.set_rollback(True)

    # Besides the random ones, every field at once holding a NUL byte, and holding markup.
    for value in ("a\x00b", f"{SCRIPT}{IMG}"):
        post = example(
            data={name: "" if isinstance(f, forms.FileField) else value for name, f in form_fields.items()}
        )(post)
    post()


def test_the_fuzzing_covers_each_kind_of_hostile_value():
    """The text strategy can produce each kind the issue names (a guard against a strategy edited away)."""
    kinds = {
        "html": lambda s: SCRIPT in s or IMG in s,
        "sql": lambda s: "DROP TABLE" in s,
        "control": lambda s: any(ord(c) < 32 for c in s),
        "huge": lambda s: len(s) >= 10_000,
        "astral": lambda s: any(ord(c) > 0xFFFF for c in s),
    }
    from hypothesis import find

    for name, predicate in kinds.items():
        assert find(TEXT, predicate, settings=hsettings(database=None, max_examples=2000)), name
