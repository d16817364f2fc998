"""Pages of supervision tasks (督办事项): the list, the board per member unit, giving a task, reporting it done,
and accepting it or sending it back (a step each, at its own URL: `liudong_wages.steps`). Each view parses the
request, calls one service and redirects or renders (STYLE.md)."""

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
from liudong_wages.models import MemberUnit
from liudong_wages.paging import paginate

from .. import services
from ..filters import TaskFilter
from ..forms.meetings import (
    TaskAcceptForm,
    TaskForm,
    TaskReportForm,
    TaskReturnForm,
)
from ..models import AgreedItem, Minutes, SupervisionTask
from .common import attachments_of, show_errors, show_form_errors

MinutesStatus = Minutes.Status


@login_required
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    """A liaison's own unit's tasks (with what to report); the office's every task, filtered."""
    tasks = access.list_for(request.user, SupervisionTask).select_related("unit", "item__minutes__meeting")
    task_filter = TaskFilter(request.GET, queryset=tasks)
    today = timezone.localdate()
    page = paginate(request, task_filter.qs.order_by("due_on", "pk"))
    return render(
        request,
        "reporting/task_list.html",
        {
            "form": task_filter.form,
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
            "attachments": attachments_of(task),
            "may_report": task.is_open and access.may(request.user, task, "report"),
            "may_review": task.status == SupervisionTask.Status.REPORTED
            and access.may(request.user, task, "review"),
            "report_form": TaskReportForm(initial={"report": task.report}),
            "return_form": TaskReturnForm(),
        },
    )


@login_required
@require_POST
def task_report(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.get_for_user(request.user, SupervisionTask, "report", pk=pk)
    form = TaskReportForm(request.POST, request.FILES)
    if not form.is_valid():
        show_form_errors(request, form)
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
        show_errors(request, error)
    return redirect(task)


def _reviewed_task(request: HttpRequest, pk: int) -> SupervisionTask:
    return access.get_for_user(request.user, SupervisionTask.objects.select_related("unit"), "review", pk=pk)


@login_required
def task_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """The office accepts a task reported done (a button; its URL alone asks to confirm)."""
    task = _reviewed_task(request, pk)
    return steps.run_step(
        request,
        form=TaskAcceptForm(request.POST if request.method == "POST" else None),
        service=lambda data: services.task_accept(task=task, by=request.user),
        title=_("验收办结：%(unit)s的督办事项") % {"unit": task.unit.short_name},
        back=task,
        done=_("已验收办结。"),
    )


@login_required
def task_return(request: HttpRequest, pk: int) -> HttpResponse:
    """The office sends a task reported done back to its unit, with the reason."""
    task = _reviewed_task(request, pk)
    return steps.run_step(
        request,
        form=TaskReturnForm(request.POST if request.method == "POST" else None),
        service=lambda data: services.task_send_back(task=task, by=request.user, **data),
        title=_("退回：%(unit)s的督办事项") % {"unit": task.unit.short_name},
        back=task,
        done=_("已退回责任单位继续办理。"),
    )
