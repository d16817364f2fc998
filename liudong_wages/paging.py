"""Paging of every list, in one place so that its strategy can change for all lists at once.

A list of a hundred thousand cases must not COUNT them all on every page view: `paginate` fetches one row
more than a page to know whether a next page exists, and counts the rows only up to `COUNT_CAP` (a count that
stops early, cheap however long the list). Up to the cap the total and the page count are exact, as with
Django's paginator; beyond it the page says "more than 1,000" and offers no "last page" link. A list that fits
on its page costs one query, not two.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50
# Rows counted exactly; beyond, the total shows as "more than COUNT_CAP".
COUNT_CAP = 1000
# From this offset on, a page is read as keys first, then its rows (see CappedPaginator._rows).
DEFERRED_JOIN_OFFSET = 1000
# A page number beyond any list (and within PostgreSQL's OFFSET range); higher numbers mean the last page.
MAX_PAGE = 1_000_000


class CappedPaginator:
    """What a page and the pagination partial read of a paginator: `count`, `num_pages`, `per_page`,
    and `count_is_exact` (False when there are more than `cap` rows; `count` is then the cap)."""

    def __init__(self, queryset: QuerySet | Sequence, per_page: int, cap: int | None = None):
        self.object_list = queryset
        self.per_page = per_page
        self.cap = COUNT_CAP if cap is None else cap
        self.count = 0
        self.count_is_exact = True

    @property
    def num_pages(self) -> int | None:
        """The number of pages, or None when the total is not known exactly."""
        if not self.count_is_exact:
            return None
        return max(1, math.ceil(self.count / self.per_page))

    def _capped_count(self) -> int:
        rows = self.object_list
        if isinstance(rows, QuerySet):
            # SELECT COUNT(*) FROM (SELECT … LIMIT cap + 1): stops after cap + 1 rows. Of a plain list, the
            # keys alone: the shown columns and their joins cost the database and the ORM for nothing.
            if not (rows.query.distinct or rows.query.combinator or rows.query.group_by):
                rows = rows.values("pk")
            return rows.order_by()[: self.cap + 1].count()
        return min(len(rows), self.cap + 1)

    def _set_total(self, total: int) -> None:
        self.count_is_exact = total <= self.cap
        self.count = min(total, self.cap)

    def _rows(self, offset: int) -> list:
        rows = self.object_list
        end = offset + self.per_page + 1
        if (
            offset < DEFERRED_JOIN_OFFSET
            or not isinstance(rows, QuerySet)
            or rows.query.distinct
            or rows.query.combinator
        ):
            return list(rows[offset:end])
        # Deep in a long list, OFFSET makes the database build every skipped row with its joins and
        # annotations: walk the order for the keys only, then load the page's rows by key.
        keys = list(rows.values_list("pk", flat=True)[offset:end])
        loaded = {_key(row): row for row in rows.order_by().filter(pk__in=keys)}
        return [loaded[key] for key in keys if key in loaded]

    def page(self, number: int) -> ListPage:
        offset = (number - 1) * self.per_page
        rows = self._rows(offset)
        has_next = len(rows) > self.per_page
        rows = rows[: self.per_page]
        if not rows and number > 1:
            # Beyond the end (an old link, a hand-typed number): the last page, as Django's get_page does.
            total = self._exact_count()
            last = max(1, math.ceil(total / self.per_page))
            return self.page(last)
        if has_next:
            self._set_total(self._capped_count())
            if self.count_is_exact and self.count <= offset + len(rows):
                # Counted at another moment than the rows were read: never fewer than we have shown.
                self.count = offset + len(rows) + 1
        else:
            self._set_total(offset + len(rows))  # the last page: the total is known without counting
        return ListPage(rows, number, self, has_next)

    def _exact_count(self) -> int:
        rows = self.object_list
        return rows.count() if isinstance(rows, QuerySet) else len(rows)


def _key(row) -> object:
    """A row's primary key, of a model instance or of a dict from `values("pk", …)`."""
    return row["pk"] if isinstance(row, dict) else row.pk


class ListPage(Page):
    """A Django `Page` whose "next page" comes from the extra row fetched, not from a total."""

    def __init__(self, object_list, number: int, paginator: CappedPaginator, has_next: bool):
        # Page reads only `count`, `num_pages` and `per_page` of its paginator, which CappedPaginator has
        # without being a Django Paginator (that one would count every row).
        super().__init__(object_list, number, paginator)  # type: ignore[arg-type]
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        if not self.object_list:
            return 0
        return self.paginator.per_page * (self.number - 1) + 1

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0

    def __repr__(self) -> str:
        return f"<Page {self.number}>"


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PER_PAGE, param: str = "page") -> Page:
    """The page of `queryset` that `request` asks for (`?page=N`); a bad or too high number gives the
    nearest valid page, never an error. Templates render it with `{% include "partials/pagination.html" %}`.
    """
    try:
        number = min(max(1, int(request.GET.get(param) or 1)), MAX_PAGE)
    except (TypeError, ValueError):
        number = 1
    return CappedPaginator(queryset, per_page).page(number)
