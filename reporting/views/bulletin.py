"""Pages of the quarterly bulletin: the list, one bulletin (texts, build with progress, publish, revise) and
its downloads at the fixed public URLs /reporting/bulletins/<year>q<quarter>.pdf and .xlsx."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liudong_wages import access
from liudong_wages.downloads import content_disposition
from liudong_wages.excel import XLSX_CONTENT_TYPE
from liudong_wages.models import MemberUnit
from liudong_wages.pdf import PDF_CONTENT_TYPE

from ..forms.bulletin import QuarterForm, ReviseForm, TextsForm
from ..models import Bulletin, BulletinDownload
from ..services import bulletin as service
from .common import show_errors


def _bulletin(request: HttpRequest, year: int, quarter: int, action: str = "view") -> Bulletin:
    return access.get_for_user(
        request.user,
        Bulletin.objects.select_related("build_requested_by"),
        action,
        year=year,
        quarter=quarter,
    )


@login_required
def bulletin_list(request: HttpRequest) -> HttpResponse:
    bulletins = access.list_for(request.user, Bulletin).select_related("published_by")
    may_create = request.user.has_perm("reporting.change_bulletin")
    year, quarter = service.quarter_before(timezone.localdate())
    return render(
        request,
        "reporting/bulletin_list.html",
        {
            "bulletins": bulletins,
            "may_create": may_create,
            "form": QuarterForm(initial={"year": year, "quarter": quarter}) if may_create else None,
        },
    )


@login_required
@require_POST
def bulletin_create(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("reporting.change_bulletin"), request.user)
    form = QuarterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写正确的年度和季度。"))
        return redirect("reporting:bulletins")
    bulletin = service.bulletin_for_quarter(
        year=form.cleaned_data["year"], quarter=form.cleaned_data["quarter"], by=request.user
    )
    return redirect(bulletin)


def _status_context(request: HttpRequest, bulletin: Bulletin) -> dict:
    """What the status fragment shows: the build and the buttons that depend on it (build, publish)."""
    return {
        "bulletin": bulletin,
        "may_change": access.may(request.user, bulletin, "change"),
        "may_publish": access.may(request.user, bulletin, "publish"),
    }


def _detail_context(request: HttpRequest, bulletin: Bulletin, texts_form: TextsForm | None = None) -> dict:
    user = request.user
    may_see_downloads = access.may(user, bulletin, "see_downloads")
    context = {
        **_status_context(request, bulletin),
        "may_revise": access.may(user, bulletin, "revise"),
        "texts_form": texts_form
        or TextsForm(initial={"summary": bulletin.summary, "next_quarter_work": bulletin.next_quarter_work}),
        "revise_form": ReviseForm(),
    }
    if may_see_downloads:
        first = {
            d.unit_id: d for d in BulletinDownload.objects.filter(bulletin=bulletin).select_related("user")
        }
        context["downloads"] = [
            (unit, first.get(unit.pk)) for unit in MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER)
        ]
    return context


@login_required
def bulletin_detail(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    bulletin = _bulletin(request, year, quarter)
    return render(request, "reporting/bulletin_detail.html", _detail_context(request, bulletin))


@login_required
@require_POST
def bulletin_texts(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    bulletin = _bulletin(request, year, quarter, "change")
    form = TextsForm(request.POST)
    if form.is_valid():
        try:
            service.bulletin_update_texts(bulletin=bulletin, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("文字已保存。请重新生成简报后再发布。"))
            return redirect(bulletin)
    return render(
        request, "reporting/bulletin_detail.html", _detail_context(request, bulletin, form), status=400
    )


@login_required
@require_POST
def bulletin_build(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    bulletin = _bulletin(request, year, quarter, "build")
    try:
        started = service.bulletin_request_build(bulletin=bulletin, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
        return redirect(bulletin)
    if request.headers.get("HX-Request"):
        bulletin.refresh_from_db()
        return render(request, "reporting/bulletin_status.html", _status_context(request, bulletin))
    if not started:
        messages.info(request, _("简报正在生成，请稍候。"))
    return redirect(bulletin)


@login_required
@require_GET
def bulletin_status(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    """The status fragment the bulletin page polls (htmx) while a build is queued or running. Once the build
    is done it comes back without polling and with "publish" enabled, so the page needs no reload."""
    bulletin = _bulletin(request, year, quarter, "build")
    return render(request, "reporting/bulletin_status.html", _status_context(request, bulletin))


@login_required
@require_POST
def bulletin_publish(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    bulletin = _bulletin(request, year, quarter, "publish")
    try:
        service.bulletin_publish(bulletin=bulletin, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("简报已发布，已通知各成员单位。"))
    return redirect(bulletin)


@login_required
@require_POST
def bulletin_revise(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    bulletin = _bulletin(request, year, quarter, "revise")
    form = ReviseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请写明修订理由。"))
        return redirect(bulletin)
    try:
        service.bulletin_revise(bulletin=bulletin, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("已建立新的修订版，修改并重新生成后再发布。"))
    return redirect(bulletin)


def _download(request: HttpRequest, year: int, quarter: int, file_format: str) -> FileResponse:
    bulletin = _bulletin(request, year, quarter)
    stored = bulletin.pdf_file if file_format == "pdf" else bulletin.xlsx_file
    if not stored:
        raise Http404(_("简报尚未生成。"))
    service.bulletin_record_download(bulletin=bulletin, user=request.user, file_format=file_format)
    suffix = "" if bulletin.is_published else _("（草稿）")
    annex = _("附表") if file_format == "xlsx" else ""
    filename = _("劳动保障信息简报%(year)d年第%(issue)d期%(annex)s%(draft)s.%(ext)s") % {
        "year": bulletin.year,
        "issue": bulletin.issue_number,
        "annex": annex,
        "draft": suffix,
        "ext": file_format,
    }
    response = FileResponse(
        stored.open("rb"), content_type=XLSX_CONTENT_TYPE if file_format == "xlsx" else PDF_CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition(filename, inline=file_format != "xlsx")
    return response


@login_required
@require_GET
def bulletin_pdf(request: HttpRequest, year: int, quarter: int) -> FileResponse:
    return _download(request, year, quarter, "pdf")


@login_required
@require_GET
def bulletin_xlsx(request: HttpRequest, year: int, quarter: int) -> FileResponse:
    return _download(request, year, quarter, "xlsx")
