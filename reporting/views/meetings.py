"""Pages of leading-group meetings and minutes, supervision tasks, and the yearly assessment of member units.

Every object comes through `liudong_wages.access` (404 when not visible, 403 when not allowed); each view
parses the request, calls one service and redirects or renders (STYLE.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liudong_wages import access, excel
from liudong_wages.models import Attachment, MemberUnit
from liudong_wages.paging import paginate
from liudong_wages.pdf import pdf_response, render_pdf

from .. import assessment as assessment_selectors
from .. import services
from ..meeting_forms import (
    AgreedItemFormSet,
    AttachmentForm,
    ConfirmForm,
    MeetingForm,
    MinutesForm,
    ReasonForm,
    TaskFilterForm,
    TaskForm,
    TaskReportForm,
    TaskReviewForm,
)
from ..models import AgreedItem, Meeting, Minutes, MinutesConfirmation, SupervisionTask

MinutesStatus = Minutes.Status
FIRST_YEAR = 2017  # the implementation plan dates from 2017-10-17


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _attachments(owner) -> list[Attachment]:
    return list(
        Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(type(owner)), object_id=str(owner.pk)
        ).select_related("created_by")
    )


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
            "attachments": _attachments(meeting),
            "confirm_form": ConfirmForm(),
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
        _form_errors(request, form)
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
        _errors(request, error)
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
                _errors(request, error)
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
        _errors(request, error)
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


@login_required
@require_POST
def confirmation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """A liaison confirms, or comments on, the circulated minutes for their own unit (another unit's: 404)."""
    confirmation = access.get_for_user(
        request.user, MinutesConfirmation.objects.select_related("minutes__meeting", "unit"), "change", pk=pk
    )
    meeting = confirmation.minutes.meeting
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(meeting)
    try:
        if form.cleaned_data["decision"] == "confirm":
            services.minutes_confirm(confirmation=confirmation, by=request.user)
            messages.success(request, _("已确认会议纪要。"))
        else:
            services.minutes_comment(
                confirmation=confirmation, by=request.user, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("意见已提交领导小组办公室。"))
    except ValidationError as error:
        _errors(request, error)
    return redirect(meeting)


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
        _errors(request, error)
    return redirect(meeting)


# Supervision tasks ---------------------------------------------------------------------------------------


@login_required
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    """A liaison's own unit's tasks (with what to report); the office's every task, filtered."""
    tasks = access.list_for(request.user, SupervisionTask).select_related("unit", "item__minutes__meeting")
    form = TaskFilterForm(request.GET or None)
    today = timezone.localdate()
    if form.is_valid():
        if form.cleaned_data["unit"]:
            tasks = tasks.filter(unit=form.cleaned_data["unit"])
        if form.cleaned_data["status"]:
            tasks = tasks.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["overdue"]:
            tasks = tasks.overdue(on=today)
    page = paginate(request, tasks.order_by("due_on", "pk"))
    return render(
        request,
        "reporting/task_list.html",
        {
            "form": form,
            "page_obj": page,
            "tasks": page.object_list,
            "today": today,
            "may_create": request.user.has_perm("reporting.add_supervisiontask"),
            "may_see_board": request.user.has_perm("liudong_wages.view_all_units"),
        },
    )


@login_required
@require_GET
def task_board(request: HttpRequest) -> HttpResponse:
    """Open and overdue tasks per member unit. Queries: the units and the open tasks, whatever their number."""
    access.require(
        lambda u: u.has_perm("reporting.view_supervisiontask") and u.has_perm("liudong_wages.view_all_units"),
        request.user,
    )
    today = timezone.localdate()
    units = list(MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER))
    by_unit: dict[int, list[SupervisionTask]] = {unit.pk: [] for unit in units}
    for task in SupervisionTask.objects.open().select_related("unit").order_by("due_on", "pk"):
        by_unit.setdefault(task.unit_id, []).append(task)
    rows = [
        {
            "unit": unit,
            "tasks": by_unit[unit.pk],
            "open": len(by_unit[unit.pk]),
            "overdue": sum(1 for task in by_unit[unit.pk] if task.due_on < today),
        }
        for unit in units
    ]
    return render(request, "reporting/task_board.html", {"rows": rows, "today": today})


@login_required
def task_create(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("reporting.add_supervisiontask"), request.user)
    item = None
    item_pk = request.POST.get("item") or request.GET.get("item")
    if item_pk:
        item = (
            AgreedItem.objects.select_related("minutes__meeting", "unit")
            .filter(pk=item_pk if str(item_pk).isdecimal() else 0)
            .filter(minutes__status__in=[MinutesStatus.FINAL, MinutesStatus.ISSUED])
            .first()
        )
        if item is None:
            raise Http404(_("找不到该议定事项，或纪要尚未定稿。"))
    initial = {"unit": item.unit_id, "content": item.text, "due_on": item.due_on} if item else {}
    form = TaskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(
                unit=form.cleaned_data["unit"],
                content=form.cleaned_data["content"],
                due_on=form.cleaned_data["due_on"],
                item=item,
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("督办事项已交办%(unit)s。") % {"unit": task.unit.short_name})
            return redirect(task)
    return render(request, "reporting/task_form.html", {"form": form, "item": item})


@login_required
@require_GET
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_for_user(
        request.user,
        SupervisionTask.objects.select_related(
            "unit", "item__minutes__meeting", "reported_by", "accepted_by", "created_by"
        ),
        pk=pk,
    )
    return render(
        request,
        "reporting/task_detail.html",
        {
            "task": task,
            "overdue": task.is_overdue(),
            "events": list(task.events.select_related("by")),
            "attachments": _attachments(task),
            "may_report": task.is_open and access.may(request.user, task, "report"),
            "may_review": task.status == SupervisionTask.Status.REPORTED
            and access.may(request.user, task, "review"),
            "report_form": TaskReportForm(initial={"report": task.report}),
            "review_form": TaskReviewForm(),
        },
    )


@login_required
@require_POST
def task_report(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_for_user(request.user, SupervisionTask, "report", pk=pk)
    form = TaskReportForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(task)
    try:
        services.task_report_done(
            task=task,
            by=request.user,
            report=form.cleaned_data["report"],
            evidence=form.cleaned_data["evidence"],
        )
        messages.success(request, _("已报办结，等待领导小组办公室验收。"))
    except ValidationError as error:
        _errors(request, error)
    return redirect(task)


@login_required
@require_POST
def task_review(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_for_user(request.user, SupervisionTask, "review", pk=pk)
    form = TaskReviewForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(task)
    try:
        if form.cleaned_data["decision"] == "accept":
            services.task_accept(task=task, by=request.user)
            messages.success(request, _("已验收办结。"))
        else:
            services.task_send_back(task=task, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("已退回责任单位继续办理。"))
    except ValidationError as error:
        _errors(request, error)
    return redirect(task)


# The yearly assessment -----------------------------------------------------------------------------------


def _assessment(request: HttpRequest, year: int | None) -> assessment_selectors.Assessment:
    access.require(
        lambda u: u.has_perm("reporting.view_report") and u.has_perm("liudong_wages.view_all_units"),
        request.user,
    )
    today = timezone.localdate()
    if year is None:
        try:
            year = int(request.GET.get("year") or today.year)
        except ValueError:
            year = today.year
    if not FIRST_YEAR <= year <= today.year:
        raise Http404(_("没有该年度的考核数据。"))
    return assessment_selectors.assessment(year=year, today=today)


@login_required
@require_GET
def assessment_page(request: HttpRequest) -> HttpResponse:
    data = _assessment(request, None)
    return render(
        request,
        "reporting/assessment.html",
        {"data": data, "years": list(range(data.today.year, FIRST_YEAR - 1, -1))},
    )


@login_required
@require_GET
def assessment_pdf(request: HttpRequest, year: int) -> HttpResponse:
    data = _assessment(request, year)
    content = render_pdf(
        "pdf/assessment.html",
        {
            "data": data,
            "rows": assessment_selectors.table_rows(data),
            "columns": assessment_selectors.COLUMNS,
        },
    )
    return pdf_response(content, f"{year}年度成员单位督查考核.pdf")


@login_required
@require_GET
def assessment_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    data = _assessment(request, year)
    return excel.xlsx_response(
        filename=f"{year}年度成员单位督查考核.xlsx",
        sheets=[
            excel.Sheet(
                _("%(year)d年度考核") % {"year": year},
                assessment_selectors.COLUMNS,
                assessment_selectors.table_rows(data),
            )
        ],
    )
