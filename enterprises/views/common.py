"""What the lists share (filter, sort, page, export with the same filters) and what the imports share (a file
refused whole, with its rows' errors)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liudong_wages.paging import paginate


def filtered(request: HttpRequest, filterset_class, queryset: QuerySet, **kwargs):
    """The filter form and the filtered, sorted queryset (an invalid filter value is ignored, not an error)."""
    filterset = filterset_class(request.GET or None, queryset=queryset, **kwargs)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    return filterset, filterset.sorted(rows, request.GET.get("sort"))


def list_context(request: HttpRequest, filterset, rows: QuerySet, **extra) -> dict:
    page = paginate(request, rows)
    return {
        "filter": filterset,
        "page_obj": page,
        "rows": list(page.object_list),
        "sorts": filterset.sorts(),
        "sort": request.GET.get("sort", ""),
        "export_query": request.GET.urlencode(),
        **extra,
    }


def export_name(stem: str) -> str:
    return f"{stem}-{timezone.localdate():%Y%m%d}.xlsx"


def refuse_import(form, errors) -> list[str]:
    """A file with any wrong row is refused whole: the form says so, and the page lists each row's error."""
    form.add_error(None, _("共 %(bad)d 行有错误，整个文件未导入。请改正后重新上传。") % {"bad": len(errors)})
    return [str(error) for error in errors]
