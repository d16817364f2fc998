"""A case's documents (/cases/<pk>/documents/): drafts, issue, correction, service, and each one's PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liudong_wages import access, excel
from liudong_wages.pdf import pdf_response

from .. import document_forms as forms
from .. import exports, services
from ..models import Case, CaseDocument, DocumentPeriod


def _case(request: HttpRequest, pk: int, action: str = "view") -> Case:
    return access.get_for_user(request.user, Case.objects.select_related("enterprise"), action, pk=pk)


def _document(case: Case, doc_pk: int) -> CaseDocument:
    document = (
        CaseDocument.objects.filter(case=case, pk=doc_pk)
        .select_related("case", "enterprise", "served_document", "previous")
        .first()
    )
    if document is None:
        raise Http404(_("找不到该文书，或您无权查看。"))
    return document


def _page(
    request: HttpRequest, case: Case, *, create_form=None, errors=None, status: int = 200
) -> HttpResponse:
    documents = list(
        CaseDocument.objects.filter(case=case)
        .select_related("served_document", "issued_by")
        .order_by("kind", "-version", "id")
    )
    periods = list(DocumentPeriod.objects.filter(case=case).select_related("document"))
    return render(
        request,
        "cases/documents.html",
        {
            "case": case,
            "documents": documents,
            "periods": periods,
            "today": timezone.localdate(),
            "may_change": access.may(request.user, case, "change"),
            "create_form": create_form or forms.DocumentCreateForm(),
            "issue_form": forms.DocumentIssueForm(),
            "serve_form": forms.DocumentServeForm(),
            "errors": errors or {},
        },
        status=status,
    )


@login_required
def document_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's documents and a form for a new draft (POST makes the draft)."""
    if request.method != "POST":
        return _page(request, _case(request, pk))
    case = _case(request, pk, "change")
    form = forms.DocumentCreateForm(request.POST)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        try:
            document = services.document_create(case=case, by=request.user, **data)
        except ValidationError as error:
            if getattr(error, "code", None) == "duplicate" and error.params:
                # Sent twice: the draft the first post made opens, as the first answer would have.
                messages.info(request, error.messages[0])
                return redirect("cases:document_edit", case.pk, error.params["document"])
            form.add_error(None, error)
        else:
            messages.success(request, _("文书草稿已生成，请核对后签发。"))
            return redirect("cases:document_edit", case.pk, document.pk)
    return _page(request, case, create_form=form, status=400)


@login_required
def document_pdf(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    case = _case(request, pk)
    document = _document(case, doc_pk)
    name = document.number or _("草稿")
    return pdf_response(services.document_render(document), f"{document.get_kind_display()}-{name}.pdf")


@login_required
def document_edit(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    case = _case(request, pk, "change")
    document = _document(case, doc_pk)
    if not document.is_draft:
        messages.error(request, _("文书已签发，不能修改；如需更正，请制作更正版本。"))
        return redirect(document.get_absolute_url())
    initial = {name: getattr(document, name) for name in services.documents.EDITABLE_FIELDS}
    form = forms.DocumentFieldsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(document=document, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect(document.get_absolute_url())
    return render(
        request,
        "cases/document_edit.html",
        {"case": case, "document": document, "form": form},
        status=400 if form.errors else 200,
    )


def _act(request: HttpRequest, pk: int, doc_pk: int, form_class, call, success: str) -> HttpResponse:
    case = _case(request, pk, "change")
    document = _document(case, doc_pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        return _page(request, case, errors={document.pk: form.errors}, status=400)
    try:
        result = call(document, form.cleaned_data if form is not None else {})
    except ValidationError as error:
        return _page(request, case, errors={document.pk: error.messages}, status=400)
    messages.success(request, success)
    return redirect(
        result.get_absolute_url() if isinstance(result, CaseDocument) else document.get_absolute_url()
    )


@login_required
@require_POST
def document_issue(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        doc_pk,
        forms.DocumentIssueForm,
        lambda d, data: services.document_issue(document=d, by=request.user, on=data["issued_on"]),
        _("文书已签发并编号。"),
    )


@login_required
@require_POST
def document_serve(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        doc_pk,
        forms.DocumentServeForm,
        lambda d, data: services.document_serve(document=d, by=request.user, **data),
        _("送达已登记，送达回证已生成。"),
    )


@login_required
@require_POST
def document_correct(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        doc_pk,
        None,
        lambda d, data: services.document_correct(document=d, by=request.user),
        _("已生成更正版本草稿；签发后原文书作废但保留。"),
    )


@login_required
@require_POST
def document_delete(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    case = _case(request, pk, "change")
    document = _document(case, doc_pk)
    try:
        services.document_delete(document=document, by=request.user)
    except ValidationError as error:
        return _page(request, case, errors={document.pk: error.messages}, status=400)
    messages.success(request, _("草稿已删除。"))
    return redirect("cases:documents", case.pk)


# The dishonest list's decisions (列入决定书, 移出决定书) and the list the public website shows (issue 18).


def _listing(request: HttpRequest, pk: int, action: str = "view"):
    from enterprises.models import DishonestListing

    return access.get_for_user(
        request.user, DishonestListing.objects.select_related("enterprise"), action, pk=pk
    )


@login_required
def listing_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """A listing's decisions: GET lists them, POST issues one (kind=listing_decision or delisting_decision)."""
    listing = _listing(request, pk)
    errors: list[str] = []
    if request.method == "POST":
        access.require(
            lambda u: u.has_perm("cases.add_case") and u.has_perm("cases.view_all_case"), request.user
        )
        try:
            document = services.listing_document_issue(
                listing=listing, by=request.user, kind=request.POST.get("kind", "")
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("决定书已签发：%(number)s") % {"number": document.number})
            return redirect(document.get_absolute_url())
    documents = CaseDocument.objects.filter(listing=listing).order_by("created_at")
    return render(
        request,
        "cases/listing_documents.html",
        {
            "listing": listing,
            "documents": documents,
            "errors": errors,
            "may_issue": request.user.has_perm("cases.add_case")
            and request.user.has_perm("cases.view_all_case"),
        },
        status=400 if errors else 200,
    )


@login_required
def listing_document_pdf(request: HttpRequest, doc_pk: int) -> HttpResponse:
    document = CaseDocument.objects.filter(pk=doc_pk, case__isnull=True, listing__isnull=False).first()
    if document is None:
        raise Http404(_("找不到该文书。"))
    _listing(request, document.listing_id)
    return pdf_response(
        services.document_render(document), f"{document.get_kind_display()}-{document.number}.pdf"
    )


@login_required
def dishonest_public_export(request: HttpRequest) -> HttpResponse:
    """The dishonest list as the public website publishes it: enterprise, credit code, reason and term, no
    personal data (neither the workers nor the responsible persons named in the listing)."""
    from enterprises.models import DishonestListing

    access.require(lambda u: u.has_perm("cases.view_all_case"), request.user)
    today = timezone.localdate()
    listings = (
        DishonestListing.objects.filter(
            status=DishonestListing.Status.LISTED, decided_on__lte=today, listed_until__gte=today
        )
        .select_related("enterprise")
        .order_by("decided_on", "pk")
    )
    return excel.xlsx_response(
        filename=f"拖欠农民工工资失信联合惩戒对象名单-{today:%Y%m%d}.xlsx",
        sheets=[
            excel.Sheet(
                _("失信联合惩戒对象名单"), exports.public_list_columns(), exports.public_list_rows(listings)
            )
        ],
    )
