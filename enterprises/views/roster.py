"""A project's real-name roster (实名制花名册, issue 17): the list with personal data masked for roles that
may not see it (a full view is logged), a worker's form and leave date, the Excel template and the import
that saves nothing while any row is wrong."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages import access, privacy
from liudong_wages.compiled import CompiledGet
from liudong_wages.forms import add_service_errors
from liudong_wages.paging import paginate

from .. import selectors, services, tables
from ..forms.monitoring import LeaveForm, UploadForm, WorkerForm
from ..imports.monitoring import roster_check, roster_template_response
from ..models import Project, ProjectWorker
from .common import refuse_import

# The monitoring pages' project with its parties: one statement compiled once per process (issue 21).
_project_with_parties = CompiledGet(
    lambda: Project.objects.select_related("construction_unit", "general_contractor")
)


def monitored_project(request: HttpRequest, pk: int, model=ProjectWorker, action: str = "view") -> Project:
    """The project whose `model` records (roster, sheets, transfers) the user may see, else 404, and may do
    `action` to, else 403. A liaison of a unit other than the construction bureau sees the project but not
    its roster: that is personal data (条例 art. 28), so it answers 404 as if there were none."""
    project = access.get_compiled(request.user, _project_with_parties, pk)
    probe = model(project=project)
    if not access.may(request.user, probe, "view"):
        raise Http404(_("找不到该记录，或您无权查看。"))
    if action != "view" and not access.may(request.user, probe, action):
        raise PermissionDenied(_("您无权执行此操作。"))
    return project


def _worker(request: HttpRequest, pk: int, worker_pk: int) -> tuple[Project, ProjectWorker]:
    project = monitored_project(request, pk, action="change")
    worker = ProjectWorker.objects.filter(project=project, pk=worker_pk).first()
    if worker is None:
        raise Http404(_("找不到该记录，或您无权查看。"))
    return project, worker


ROSTER_LIST_FIELDS = (
    *("project_id", "name", "id_number", "phone", "bank_card", "bank_name", "team", "trade"),
    *("contract_signed", "contract_signed_on", "started_on", "left_on", "employer__name"),
)


@login_required
def roster_list(request: HttpRequest, pk: int) -> HttpResponse:
    project = monitored_project(request, pk)
    state = request.GET.get("state", "")
    workers = ProjectWorker.objects.filter(project=project).select_related("employer")
    if state == "active":
        workers = workers.filter(left_on__isnull=True)
    elif state == "left":
        workers = workers.filter(left_on__isnull=False)
    workers = workers.search(request.GET.get("q", "")[:40].replace("\x00", "")).order_by(
        F("left_on").desc(nulls_first=True), "team", "name", "pk"
    )
    # The columns tables.roster_table shows, not the rows' and their employers' every column.
    page = paginate(request, workers.only(*ROSTER_LIST_FIELDS), per_page=100)
    rows = list(page.object_list)
    # One query: the same ID numbers on other projects' current rosters (a worker on two sites is shown).
    others = selectors.workers_on_other_projects(project, [w.id_number for w in rows])
    for worker in rows:
        worker.other_projects = others.get(worker.id_number, [])
    may_see_full = privacy.may_see_personal_data(request.user)
    full = may_see_full and request.GET.get("full") == "1"
    if full and rows:
        privacy.log_access(
            user=request.user,
            action="view",
            what=_("项目 %(name)s 实名制花名册") % {"name": project.name},
            object_ref=project.pk,
            rows=len(rows),
            request=request,
        )
    may_change = (
        access.may(request.user, ProjectWorker(project=project), "change")
        and project.status == Project.Status.ACTIVE
    )
    context = {
        "project": project,
        "page_obj": page,
        "rows": rows,
        "table": tables.roster_table(project_pk=project.pk, full=full, may_change=may_change).bind(rows),
        "state": state,
        "counts": selectors.roster_counts(project),
        "full": full,
        "may_see_full": may_see_full,
        "may_change": may_change,
    }
    return render(request, "enterprises/roster_list.html", context)


@login_required
def worker_template(request: HttpRequest, pk: int) -> HttpResponse:
    return roster_template_response(monitored_project(request, pk))


@login_required
def worker_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = monitored_project(request, pk, action="add")
    form = WorkerForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            worker = services.worker_add(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已登记 %(name)s。") % {"name": worker.name})
            return redirect("enterprises:project_workers", project.pk)
    return _form_page(request, project, form, _("登记花名册人员"))


@login_required
def worker_edit(request: HttpRequest, pk: int, worker_pk: int) -> HttpResponse:
    project, worker = _worker(request, pk, worker_pk)
    form = WorkerForm(request.POST or None, instance=worker, project=project)
    # The ID number is the worker's key on the roster: a wrong one is corrected by a leave and a new entry.
    form.fields["id_number"].disabled = True
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "id_number"}
        try:
            services.worker_update(worker=ProjectWorker.objects.get(pk=worker.pk), by=request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect("enterprises:project_workers", project.pk)
    return _form_page(request, project, form, _("修改人员：%(name)s") % {"name": worker.name})


@login_required
def worker_leave(request: HttpRequest, pk: int, worker_pk: int) -> HttpResponse:
    project, worker = _worker(request, pk, worker_pk)
    if worker.left_on is not None and request.method == "POST":
        # Sent twice (a double click, the back button): the leave is already recorded.
        messages.info(
            request,
            _("%(name)s 已于 %(date)s 退场。") % {"name": worker.name, "date": date_format(worker.left_on)},
        )
        return redirect("enterprises:project_workers", project.pk)
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.worker_leave(worker=worker, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已登记 %(name)s 退场。") % {"name": worker.name})
            return redirect("enterprises:project_workers", project.pk)
    return _form_page(request, project, form, _("人员退场：%(name)s") % {"name": worker.name})


def _form_page(request: HttpRequest, project: Project, form, title: str) -> HttpResponse:
    return render(
        request,
        "enterprises/monitoring_form.html",
        {
            "form": form,
            "title": title,
            "project": project,
            "back_url": reverse("enterprises:project_workers", args=[project.pk]),
            "back_label": _("实名制花名册"),
        },
    )


@login_required
def worker_import(request: HttpRequest, pk: int) -> HttpResponse:
    project = monitored_project(request, pk, action="add")
    form = UploadForm(request.POST or None, request.FILES or None)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = roster_check(form.cleaned_data["file"], project=project)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if result.ok:
                try:
                    saved = services.roster_import(project=project, rows=result.rows, by=request.user)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(
                        request,
                        _("花名册已导入：新增 %(created)d 人，更新 %(updated)d 人，未变 %(unchanged)d 人。")
                        % {"created": saved.created, "updated": saved.updated, "unchanged": saved.unchanged},
                    )
                    return redirect("enterprises:project_workers", project.pk)
            else:
                row_errors = refuse_import(form, result.errors)
    return render(
        request,
        "enterprises/monitoring_import.html",
        {
            "form": form,
            "row_errors": row_errors,
            "project": project,
            "title": _("导入实名制花名册"),
            "template_url": reverse("enterprises:worker_template", args=[project.pk]),
            "notes": [_("再次导入时按身份证号更新已有人员，不会重复登记。")],
            "back_url": reverse("enterprises:project_workers", args=[project.pk]),
            "back_label": _("实名制花名册"),
        },
    )
