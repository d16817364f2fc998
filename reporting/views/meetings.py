"""Pages of leading-group meetings, their minutes and the units' confirmations (实施方案 二(三)1).

Every object comes through `liudong_wages.access` (404 when not visible, 403 when not allowed); each view
parses the request, calls one service and redirects or renders (STYLE.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liudong_wages import access, steps
from liudong_wages.paging import paginate
from liudong_wages.pdf import pdf_response, render_pdf

from .. import services
from ..forms.meetings import (
    AgreedItemFormSet,
    AttachmentForm,
    CommentForm,
    ConfirmForm,
    MeetingForm,
    MinutesForm,
    ReasonForm,
)
from ..models import Meeting, Minutes, MinutesConfirmation
from .common import attachments_of, show_errors, show_form_errors

MinutesStatus = Minutes.Status
FIRST_YEAR = 2017  # the implementation plan dates from 2017-10-17


def _meeting(request: HttpRequest, pk: int, action: str = access.VIEW) -> Meeting:
    return access.get_for_user(
        request.user, Meeting.objects.select_related("minutes", "convener", "case"), action, pk=pk
    )


# Meetings ------------------------------------------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = (
        access.list_for(request.user, Meeting).select_related("minutes", "convener").order_by("-date", "-id")
    )
    page = paginate(request, meetings)
    return render(
        request,
        "reporting/meeting_list.html",
        {
            "page_obj": page,
            "meetings": page.object_list,
            "may_create": request.user.has_perm("reporting.add_meeting"),
        },
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("reporting.add_meeting"), request.user)
    form = MeetingForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                kind=data["kind"],
                title=data["title"],
                date=data["date"],
                place=data["place"],
                convener=data["convener"],
                units=data["units"],
                attendees=data["attendees"],
                agenda=data["agenda"],
                case=data["case"],
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("会议已登记，请起草会议纪要。"))
            return redirect(meeting)
    return render(request, "reporting/meeting_form.html", {"form": form})


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    minutes = meeting.minutes
    user = request.user
    may_manage = access.may(user, meeting, "manage")
    units = list(meeting.units.all())
    confirmations = list(
        access.visible_to(user, MinutesConfirmation.objects.filter(minutes=minutes)).select_related(
            "unit", "by"
        )
    )
    mine = next((c for c in confirmations if user.unit_id and c.unit_id == user.unit_id), None)
    settled = {c.unit_id for c in confirmations if c.settled}
    items = list(minutes.items.select_related("unit").prefetch_related("tasks__unit"))
    return render(
        request,
        "reporting/meeting_detail.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "units": units,
            "items": items,
            # A draft is the office's work in progress: the units read the minutes once circulated.
            "show_text": may_manage or minutes.status != MinutesStatus.DRAFT,
            "confirmations": confirmations,
            "mine": mine,
            "may_answer": mine is not None
            and minutes.status == MinutesStatus.CIRCULATED
            and access.may(user, mine, "change"),
            "may_manage": may_manage,
            "may_override": minutes.status == MinutesStatus.CIRCULATED
            and user.has_perm("reporting.override_minutesconfirmation"),
            "may_create_tasks": user.has_perm("reporting.add_supervisiontask") and minutes.is_locked,
            "waiting": [unit for unit in units if unit.pk not in settled],
            "may_print": minutes.status != MinutesStatus.DRAFT or may_manage,
            "events": list(meeting.events.select_related("by")) if may_manage else [],
            "attachments": attachments_of(meeting),
            "comment_form": CommentForm(),
            "reason_form": ReasonForm(),
            "attachment_form": AttachmentForm(),
        },
    )


@login_required
@require_POST
def meeting_attach(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, "manage")
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(meeting)
    try:
        services.meeting_attach(
            meeting=meeting,
            file=form.cleaned_data["file"],
            by=request.user,
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("附件已上传。"))
    except ValidationError as error:
        show_errors(request, error)
    return redirect(meeting)


# Minutes -------------------------------------------------------------------------------------------------


@login_required
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, "manage")
    minutes = meeting.minutes
    if not minutes.is_editable:
        messages.error(request, _("纪要已定稿，不能再修改。"))
        return redirect(meeting)
    if request.method == "POST":
        form = MinutesForm(request.POST)
        formset = AgreedItemFormSet(request.POST, prefix="items")
        if form.is_valid() and formset.is_valid():
            items = [
                services.ItemInput(
                    text=f.cleaned_data["text"], unit=f.cleaned_data["unit"], due_on=f.cleaned_data["due_on"]
                )
                for f in formset.forms
                if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                services.minutes_update(
                    minutes=minutes,
                    text=form.cleaned_data["text"],
                    number=form.cleaned_data["number"],
                    items=items,
                    by=request.user,
                )
            except ValidationError as error:
                show_errors(request, error)
            else:
                if minutes.status == MinutesStatus.CIRCULATED:
                    messages.success(request, _("纪要已修改，已请与会单位重新确认。"))
                else:
                    messages.success(request, _("纪要已保存。"))
                return redirect(meeting)
    else:
        form = MinutesForm(initial={"number": minutes.number, "text": minutes.text})
        formset = AgreedItemFormSet(
            prefix="items",
            initial=[
                {"text": item.text, "unit": item.unit_id, "due_on": item.due_on}
                for item in minutes.items.all()
            ],
        )
    return render(
        request,
        "reporting/minutes_form.html",
        {"meeting": meeting, "minutes": minutes, "form": form, "formset": formset},
    )


def _minutes_step(request: HttpRequest, pk: int, step, done: str) -> HttpResponse:
    meeting = _meeting(request, pk, "manage")
    try:
        step(minutes=meeting.minutes, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, done)
    return redirect(meeting)


@login_required
@require_POST
def minutes_circulate(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_step(request, pk, services.minutes_circulate, _("纪要已分发与会单位征求意见。"))


@login_required
@require_POST
def minutes_finalize(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_step(request, pk, services.minutes_finalize, _("纪要已定稿。"))


@login_required
@require_POST
def minutes_issue(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_step(request, pk, services.minutes_issue, _("纪要已印发各成员单位，并报党工委备案。"))


@login_required
@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Issued minutes as they were issued (the stored PDF); before that, a marked draft for those who work on
    them or are asked to confirm them."""
    meeting = _meeting(request, pk)
    minutes = meeting.minutes
    filename = f"{minutes.number or meeting.title}_会议纪要.pdf"
    if minutes.status == MinutesStatus.ISSUED:
        stored = services.issued_pdf(meeting)
        if stored is not None:
            try:
                with stored.file.open("rb") as handle:
                    return pdf_response(handle.read(), filename)
            except FileNotFoundError:
                pass  # the stored copy is gone: print it again from the locked minutes
    elif minutes.status == MinutesStatus.DRAFT and not access.may(request.user, meeting, "manage"):
        raise Http404(_("找不到该记录，或您无权查看。"))
    context = services.minutes_context(minutes)
    context["draft"] = minutes.status != MinutesStatus.ISSUED
    return pdf_response(render_pdf("pdf/minutes.html", context), filename)


def _my_confirmation(request: HttpRequest, pk: int) -> MinutesConfirmation:
    """The user's own unit's confirmation (another unit's: 404)."""
    return access.get_for_user(
        request.user, MinutesConfirmation.objects.select_related("minutes__meeting", "unit"), "change", pk=pk
    )


@login_required
def confirmation_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """A liaison agrees with the circulated minutes for their own unit (a button)."""
    confirmation = _my_confirmation(request, pk)
    meeting = confirmation.minutes.meeting
    return steps.run_step(
        request,
        form=ConfirmForm(request.POST if request.method == "POST" else None),
        service=lambda data: services.minutes_confirm(confirmation=confirmation, by=request.user),
        title=_("同意纪要：%(meeting)s") % {"meeting": meeting.title},
        back=meeting,
        done=_("已确认会议纪要。"),
    )


@login_required
def confirmation_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """A liaison asks for a change to the circulated minutes for their own unit, saying what."""
    confirmation = _my_confirmation(request, pk)
    meeting = confirmation.minutes.meeting
    return steps.run_step(
        request,
        form=CommentForm(request.POST if request.method == "POST" else None),
        service=lambda data: services.minutes_comment(confirmation=confirmation, by=request.user, **data),
        title=_("对纪要提出意见：%(meeting)s") % {"meeting": meeting.title},
        back=meeting,
        done=_("意见已提交领导小组办公室。"),
    )


@login_required
@require_POST
def confirmation_override(request: HttpRequest, pk: int) -> HttpResponse:
    confirmation = access.get_for_user(
        request.user,
        MinutesConfirmation.objects.select_related("minutes__meeting", "unit"),
        "override",
        pk=pk,
    )
    meeting = confirmation.minutes.meeting
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("办公室代为确认时必须说明理由。"))
        return redirect(meeting)
    try:
        services.minutes_override(
            confirmation=confirmation, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("已代%(unit)s确认。") % {"unit": confirmation.unit.short_name})
    except ValidationError as error:
        show_errors(request, error)
    return redirect(meeting)
