# Over 400 lines: one page family, the case page and its steps, sharing the case's access helper.
"""Pages of cases: the list and its export, registration, the case page with its timeline, and the steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from enterprises.identity import id_number_warnings
from enterprises.models import SiteInspection
from liudong_wages import access, excel, params, privacy
from liudong_wages.compiled import CompiledGet
from liudong_wages.excel_stream import xlsx_streaming_response
from liudong_wages.formats import money
from liudong_wages.forms import add_service_errors
from liudong_wages.models import Attachment
from liudong_wages.paging import paginate
from liudong_wages.services import attachment_add

from .. import deadlines, exports, forms, services, tables
from ..filters import CaseFilter
from ..models import Case, DocumentPeriod, Instalment, PoliceReferral, WorkerClaim
from ..selectors import (
    case_claims,
    case_list_queryset,
    case_list_values,
    case_row,
    case_row_labels,
    case_timeline,
    case_url,
    with_page_flags,
)

CLAIM_COLUMNS = [
    excel.Column("name", gettext_lazy("姓名"), required=True, max_length=32),
    excel.Column("id_number", gettext_lazy("身份证号"), width=22, max_length=18),
    excel.Column("phone", gettext_lazy("电话"), max_length=20),
    excel.Column("amount_owed", gettext_lazy("欠薪金额"), excel.DECIMAL, required=True, min_value=0),
    excel.Column("amount_paid", gettext_lazy("已支付金额"), excel.DECIMAL, min_value=0),
    excel.Column("note", gettext_lazy("备注"), max_length=200, width=30),
]


def _case(request: HttpRequest, pk: int, action: str = "view") -> Case:
    return access.get_for_user(request.user, case_list_queryset().select_related("created_by"), action, pk=pk)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    cases = access.list_for(request.user, case_list_values())
    case_filter = CaseFilter(request.GET, queryset=cases)
    page = paginate(request, case_filter.qs)
    labels, today, url = case_row_labels(), timezone.localdate(), case_url()
    rows = [case_row(values, labels=labels, today=today, url=url) for values in page.object_list]
    return render(
        request,
        "cases/case_list.html",
        {
            "filter": case_filter,
            "page_obj": page,
            "table": tables.CASES.bind(rows),
            "may_add": request.user.has_perm("cases.add_case"),
        },
    )


@login_required
def case_export(request: HttpRequest) -> HttpResponse:
    cases = access.list_for(request.user, case_list_queryset())
    rows = CaseFilter(request.GET, queryset=cases).qs
    full = privacy.may_see_personal_data(request.user)
    today = timezone.localdate()
    data = exports.case_rows(rows, full=full, today=today)
    if full:
        privacy.log_access(
            user=request.user,
            action="export",
            what=_("案件列表导出（含投诉人电话）"),
            rows=rows.count(),
            request=request,
        )
    return xlsx_streaming_response(
        filename=f"欠薪案件-{today:%Y%m%d}.xlsx",
        sheets=[excel.Sheet(_("欠薪案件"), exports.case_columns(), data)],
    )


def _initial_from_link(request: HttpRequest) -> dict:
    """A project's or an inspection's page links here with ?source=inspection&inspection=…&enterprise=…&project=…
    to open a case from what it found; the form starts filled in from them."""
    initial = {key: request.GET[key] for key in ("source",) if request.GET.get(key)}
    # Ids through liudong_wages.params: ?inspection=² or ?project=abc are ignored, not a 500 (issue 16).
    initial |= {
        key: value
        for key in ("enterprise", "project", "inspection")
        if (value := params.pk(request.GET, key)) is not None
    }
    inspection_id = initial.get("inspection")
    if inspection_id is not None:
        inspection = SiteInspection.objects.filter(pk=inspection_id).first()
        if inspection is not None and inspection.findings:
            initial.setdefault("summary", _("巡视发现：%(findings)s") % {"findings": inspection.findings})
    return initial


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("cases.add_case"), request.user)
    form = forms.CaseReceiveForm(request.POST or None, initial=_initial_from_link(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("beyond_limitation_confirmed")
        try:
            case = services.case_receive(by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("案件 %(number)s 已登记。") % {"number": case.number})
            return redirect(case)
    return render(request, "cases/case_form.html", {"form": form})


# The case page's case with its parties, handler, referral, creator and the flags of its lists, in one statement
# compiled once per process: building it took the page longer than running it (issue 21).
_page_case = CompiledGet(lambda: with_page_flags(case_list_queryset().select_related("created_by")))


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case: Any = access.get_compiled(request.user, _page_case, pk)  # a Case with the flags of with_page_flags
    events = case_timeline(case)
    full = privacy.may_see_personal_data(request.user) and request.GET.get("full") == "1"
    claims = case_claims(case)
    if full and claims:
        privacy.log_access(
            user=request.user,
            action="view",
            what=_("案件 %(number)s 劳动者明细") % {"number": case.number},
            object_ref=case.pk,
            rows=len(claims),
            request=request,
        )
    # Loaded with the case (case_list_queryset selects it): no query of its own.
    referral = getattr(case, "police_referral", None)
    agreements = case.agreements.prefetch_related("instalments") if case.has_agreements else []
    today = timezone.localdate()
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "events": events,
            "deadlines": [(d, d.days_left(today), d.state(today)) for d in deadlines.compute(events)],
            "claims": claims,
            "full": full,
            "may_see_full": privacy.may_see_personal_data(request.user),
            "referral": referral,
            "agreements": agreements,
            "attachments": Attachment.objects.filter(content_type__model="case", object_id=str(case.pk))
            if case.has_attachments
            else [],
            "may_change": access.may(request.user, case, "change"),
            "may_refer": access.may(request.user, case, "refer"),
            "may_police": access.may(request.user, case, "police"),
            "steps": {name: step for name, step in STEPS.items() if step.available(case)},
            "interviews": case.interviews.select_related("enterprise") if case.has_interviews else [],
            "joint_handlings": case.joint_handlings.all() if case.has_joint_handlings else [],
            # Periods started by served documents (issue 18), the running ones with the past first.
            "document_periods": DocumentPeriod.objects.running().filter(case=case).select_related("document")
            if case.has_document_periods
            else [],
            "today": today,
        },
    )


@dataclass(frozen=True)
class Step:
    label: str
    form: type[django_forms.Form]
    service: Any
    action: str
    statuses: tuple[str, ...] | None = (
        None  # where the step button shows (the service decides what is allowed)
    )
    target: str = "case"

    def available(self, case: Case) -> bool:
        return self.statuses is None or case.status in self.statuses


S = Case.Status
WORKING = (S.FILED, S.INVESTIGATING, S.ORDER_ISSUED, S.AGREEMENT)
LIVE = tuple(s for s in S.values if s != S.VOIDED)

STEPS = {
    "file": Step(gettext_lazy("立案"), forms.DatedStepForm, services.case_file, "change", (S.RECEIVED,)),
    "decline": Step(
        gettext_lazy("不予立案"), forms.DeclineForm, services.case_decline, "change", (S.RECEIVED,)
    ),
    "investigate": Step(
        gettext_lazy("开始调查"), forms.DatedStepForm, services.case_start_investigation, "change", (S.FILED,)
    ),
    "extend": Step(gettext_lazy("延长办案期限"), forms.ExtendForm, services.case_extend, "change", WORKING),
    "order": Step(
        gettext_lazy("责令支付"), forms.OrderForm, services.case_issue_order, "change", (S.INVESTIGATING,)
    ),
    "agreement": Step(
        gettext_lazy("登记还款协议"),
        forms.AgreementForm,
        services.case_record_agreement,
        "change",
        (S.INVESTIGATING, S.ORDER_ISSUED, S.AGREEMENT),
    ),
    "close": Step(gettext_lazy("结案"), forms.CloseForm, services.case_close, "change", WORKING),
    "void": Step(gettext_lazy("作废"), forms.VoidForm, services.case_void, "change", LIVE),
    "legal_aid": Step(
        gettext_lazy("转法律援助"), forms.LegalAidForm, services.case_refer_legal_aid, "refer", LIVE
    ),
    "police": Step(
        gettext_lazy("移送公安"), forms.PoliceReferralForm, services.case_refer_police, "refer", WORKING
    ),
    "assign": Step(gettext_lazy("指定承办人"), forms.AssignForm, services.case_assign, "change", None),
    "flags": Step(gettext_lazy("风险标记"), forms.FlagsForm, services.case_set_flags, "change", LIVE),
    "police_decide": Step(
        gettext_lazy("登记公安受理情况"),
        forms.PoliceDecisionForm,
        services.police_referral_decide,
        "police",
        None,
        target="referral",
    ),
    "police_feedback": Step(
        gettext_lazy("登记处置反馈"),
        forms.PoliceFeedbackForm,
        services.police_referral_feedback,
        "police",
        None,
        target="referral",
    ),
}


@login_required
def case_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One step of the workflow: its form on GET, the service on POST (which checks the transition)."""
    if step not in STEPS:
        raise Http404
    definition = STEPS[step]
    case = _case(request, pk, definition.action)
    initial = {}
    if step == "flags":
        initial = {"mass_incident_risk": case.mass_incident_risk, "is_major": case.is_major}
    form = definition.form(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        target = {"case": case}
        if definition.target == "referral":
            referral = PoliceReferral.objects.filter(case=case).first()
            if referral is None:
                raise Http404
            target = {"referral": referral}
        try:
            definition.service(**target, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已完成：%(step)s。") % {"step": definition.label})
            return redirect(case)
    return render(request, "cases/case_step.html", {"case": case, "form": form, "step": definition})


@login_required
def claim_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, "change")
    form = forms.WorkerClaimForm(request.POST or None)
    import_form = forms.ClaimImportForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.worker_claims_add(
                case=case,
                by=request.user,
                claims=[services.ClaimData(**form.cleaned_data)],
                note=form.id_warning_note,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已添加。"))
            return redirect(case)
    return render(request, "cases/claims_form.html", {"case": case, "form": form, "import_form": import_form})


@login_required
def claim_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Import workers from the Excel template: every row is checked, and nothing is saved unless all are good."""
    case = _case(request, pk, "change")
    import_form = forms.ClaimImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and import_form.is_valid():
        try:
            result = excel.read_workbook(import_form.cleaned_data["file"], CLAIM_COLUMNS)
        except ValidationError as error:
            import_form.add_error("file", error)
        else:
            errors = excel.row_errors_as_text(result.errors)
            claims = []
            # An ID number's warning (an area code unknown or not yet in use in the birth year) does not stop
            # the import: the rows go in, and the warnings are shown and kept in the case's log.
            warnings: list[str] = []
            for row in result.rows:
                id_number = (row["id_number"] or "").upper()
                try:
                    id_number = forms.clean_id_number(id_number)
                except django_forms.ValidationError as error:
                    errors.append(
                        _("第 %(row)d 行：%(msg)s") % {"row": row["_row"], "msg": "；".join(error.messages)}
                    )
                    continue
                warnings.extend(
                    _("第 %(row)d 行：%(msg)s") % {"row": row["_row"], "msg": warning}
                    for warning in id_number_warnings(id_number)
                )
                claims.append(
                    services.ClaimData(
                        name=row["name"],
                        id_number=id_number,
                        phone=row["phone"] or "",
                        amount_owed=row["amount_owed"],
                        amount_paid=row["amount_paid"] or 0,
                        note=row["note"] or "",
                    )
                )
            if not errors:
                try:
                    services.worker_claims_add(
                        case=case,
                        by=request.user,
                        claims=claims,
                        note="；".join([_("从 Excel 导入 %(n)d 名劳动者") % {"n": len(claims)}, *warnings]),
                    )
                except ValidationError as error:
                    errors.extend(error.messages)
                else:
                    messages.success(request, _("已导入 %(n)d 名劳动者。") % {"n": len(claims)})
                    for warning in warnings:
                        messages.warning(
                            request, _("身份证号提示，请核实：%(warning)s") % {"warning": warning}
                        )
                    return redirect(case)
    return render(
        request,
        "cases/claims_form.html",
        {"case": case, "form": forms.WorkerClaimForm(), "import_form": import_form, "import_errors": errors},
    )


@login_required
def claim_template(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("cases.change_case"), request.user)
    return excel.template_response(
        filename="劳动者欠薪明细模板.xlsx",
        columns=CLAIM_COLUMNS,
        title=_("欠薪明细"),
        instructions=[
            _(
                "身份证号须为 18 位有效号码（居民身份证、港澳台居民居住证或外国人永久居留身份证）；"
                "同一案件中不能重复。"
            )
        ],
        examples=[
            {"name": "覃大力", "id_number": "450204199003071236", "phone": "13977200001", "amount_owed": 4800}
        ],
    )


def _claim(request: HttpRequest, pk: int, claim_pk: int) -> WorkerClaim:
    """A claim of case `pk` the user may correct: 404 when its case is not theirs to see, 403 when they may not
    change the case or the case is finished (its claims are then read-only)."""
    claim = access.get_for_user(
        request.user, WorkerClaim.objects.select_related("case").filter(case_id=pk), pk=claim_pk
    )
    if not access.may(request.user, claim, "change"):
        if access.may(request.user, claim.case, "change"):
            raise PermissionDenied(_("案件已办结或作废，欠薪明细只能查看，不能修改。"))
        raise PermissionDenied(_("您无权执行此操作。"))
    return claim


@login_required
def claim_edit(request: HttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    """Correct one worker's claim; the ID number and phone show masked unless ?full=1 (logged)."""
    claim = _claim(request, pk, claim_pk)
    case = claim.case
    may_see_full = privacy.may_see_personal_data(request.user)
    full = may_see_full and request.GET.get("full") == "1"
    if request.method == "GET" and full and (claim.id_number or claim.phone):
        privacy.log_access(
            user=request.user,
            action="view",
            what=_("案件 %(number)s 劳动者 %(name)s 的身份证号和电话（修改欠薪明细）")
            % {"number": case.number, "name": claim.name},
            object_ref=case.pk,
            request=request,
        )
    form = forms.WorkerClaimEditForm(request.POST or None, claim=claim, full=full)
    if request.method == "POST" and form.is_valid():
        try:
            services.worker_claim_update(claim=claim, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s 的欠薪明细已保存。") % {"name": form.cleaned_data["name"]})
            return redirect(case)
    return render(
        request,
        "cases/claim_edit.html",
        {"case": case, "claim": claim, "form": form, "full": full, "may_see_full": may_see_full},
    )


@login_required
@require_POST
def claim_remove(request: HttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    claim = _claim(request, pk, claim_pk)
    name = claim.name
    try:
        # PostgreSQL refuses NUL bytes in text (a form field would have refused them for us).
        reason = request.POST.get("reason", "").replace("\x00", "")
        services.worker_claim_remove(claim=claim, by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("cases:claim_edit", pk=claim.case_id, claim_pk=claim.pk)
    messages.success(request, _("已删除 %(name)s 的欠薪明细。") % {"name": name})
    return redirect(claim.case)


def _payment_page(
    request: HttpRequest,
    case: Case,
    *,
    record: Callable[..., Any],
    paid_now: Callable[[], Decimal],
    context: dict,
) -> HttpResponse:
    """The page of a payment to the case's workers: the amount, and what each worker got (or in proportion).
    `record` is the service that records it; `paid_now` what is paid so far, which the page carries so that
    the same form sent twice is refused the second time."""
    if not case.is_open:
        messages.error(request, _("案件已办结或作废，不能再登记还款。"))
        return redirect(case)
    claims = list(case.claims.all())
    form = forms.WorkerPaymentForm(request.POST or None, claims=claims, initial={"paid_before": paid_now()})
    if request.method == "POST" and form.is_valid():
        try:
            record(
                by=request.user,
                amount=form.cleaned_data["amount"],
                paid_on=form.cleaned_data["paid_on"],
                note=form.cleaned_data["note"],
                allocations=form.allocations(),
                paid_before=form.cleaned_data["paid_before"],
            )
        except ValidationError as error:
            if error.code == "stale":
                # Shown again with what is paid now: sending it once more records it, deliberately.
                claims = list(case.claims.all())
                data = request.POST.copy()
                data["paid_before"] = str(paid_now())
                form = forms.WorkerPaymentForm(data, claims=claims)
                form.is_valid()
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("已登记还款 %(amount)s 元，并计入劳动者欠薪明细。")
                % {"amount": money(form.cleaned_data["amount"])},
            )
            return redirect(case)
    unpaid = sum((claim.outstanding for claim in claims), Decimal(0))
    return render(
        request, "cases/payment_form.html", {"case": case, "form": form, "unpaid": unpaid, **context}
    )


@login_required
def instalment_pay(request: HttpRequest, pk: int, instalment_pk: int) -> HttpResponse:
    """Record a payment towards one instalment of a repayment agreement, and which workers it pays."""
    case = _case(request, pk, "change")
    instalment = (
        Instalment.objects.select_related("agreement").filter(agreement__case=case, pk=instalment_pk).first()
    )
    if instalment is None:
        raise Http404
    return _payment_page(
        request,
        case,
        record=partial(services.instalment_record_payment, instalment=instalment),
        paid_now=lambda: Instalment.objects.values_list("paid_amount", flat=True).get(pk=instalment.pk),
        context={"instalment": instalment},
    )


@login_required
def payment_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record wages the employer paid the workers outside a repayment agreement, and which workers."""
    case = _case(request, pk, "change")
    return _payment_page(
        request,
        case,
        record=partial(services.case_record_payment, case=case),
        paid_now=lambda: Case.objects.values_list("total_paid", flat=True).get(pk=case.pk),
        context={},
    )


@login_required
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, "change")
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        attachment_add(
            owner=case,
            file=form.cleaned_data["file"],
            by=request.user,
            category="case",
            description=form.cleaned_data["description"],
        )
        services.case_note(
            case=case,
            by=request.user,
            note=_("上传附件：%(name)s") % {"name": form.cleaned_data["file"].name},
        )
        messages.success(request, _("附件已上传。"))
        return redirect(case)
    return render(request, "cases/attachment_form.html", {"case": case, "form": form})
