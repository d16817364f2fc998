"""Paging of every list, in one place so that its strategy can change for all lists at once."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PER_PAGE, param: str = "page") -> Page:
    """The page of `queryset` that `request` asks for (`?page=N`); a bad or too high number gives the
    nearest valid page, never an error. Templates render it with `{% include "partials/pagination.html" %}`.
    """
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get(param))
