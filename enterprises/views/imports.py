from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from liudong_wages import access
from liudong_wages.excel import template_response

from ..forms.registry import ImportForm
from ..imports import registry as imports
from ..imports.registry import ENTERPRISE_EXAMPLE, ENTERPRISE_IMPORT, PROJECT_EXAMPLE, PROJECT_IMPORT

KINDS = {
    "enterprises": {
        "perm": "enterprises.add_enterprise",
        "columns": ENTERPRISE_IMPORT,
        "sheet": _("企业"),
        "title": _("导入企业"),
        "check": imports.enterprises_check,
        "save": imports.enterprises_save,
        "done": _("已导入 %(n)d 家企业。"),
        "next": "enterprises:list",
        "example": ENTERPRISE_EXAMPLE,
    },
    "projects": {
        "perm": "enterprises.add_project",
        "columns": PROJECT_IMPORT,
        "sheet": _("工程项目"),
        "title": _("导入工程项目"),
        "check": imports.projects_check,
        "save": imports.projects_save,
        "done": _("已导入 %(n)d 个项目。"),
        "next": "enterprises:project_list",
        "example": PROJECT_EXAMPLE,
    },
}


def _kind(kind: str, request: HttpRequest) -> dict:
    if kind not in KINDS:
        raise Http404
    spec = KINDS[kind]
    access.require(lambda u: u.has_perm(spec["perm"]), request.user)
    return spec


@login_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    spec = _kind(kind, request)
    return template_response(
        filename=f"{spec['title']}模板.xlsx",
        columns=spec["columns"],
        title=str(spec["sheet"]),
        instructions=[_("所有行都检查无误后才会保存；有任何一行出错，整个文件都不会导入。")],
        examples=[spec["example"]],
    )


@login_required
def import_upload(request: HttpRequest, kind: str) -> HttpResponse:
    spec = _kind(kind, request)
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = spec["check"](form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if result.ok:
                try:
                    saved = spec["save"](rows=result.rows, by=request.user)
                except (
                    ValidationError
                ) as error:  # a row that became invalid meanwhile (a duplicate just entered)
                    form.add_error(None, error)
                else:
                    messages.success(request, spec["done"] % {"n": len(saved)})
                    return redirect(spec["next"])
            else:
                row_errors = [str(error) for error in result.errors]
                form.add_error(
                    None,
                    _("共 %(bad)d 行有错误，整个文件未导入。请改正后重新上传。")
                    % {"bad": len(result.errors)},
                )
    return render(
        request,
        "enterprises/import.html",
        {"form": form, "row_errors": row_errors, "title": spec["title"], "kind": kind},
    )
