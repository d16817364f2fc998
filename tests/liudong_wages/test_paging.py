"""Paging of every list: the next page from one extra row, a count that stops at the cap."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from liudong_wages import paging
from liudong_wages.models import MemberUnit

pytestmark = pytest.mark.django_db


def page(number="", per_page=5, **params):
    request = RequestFactory().get("/", {"page": number, **params} if number != "" else params)
    return paging.paginate(request, MemberUnit.objects.order_by("code"), per_page=per_page), request


def test_a_list_that_fits_on_its_page_costs_one_query(django_assert_num_queries):
    total = MemberUnit.objects.count()
    with django_assert_num_queries(1):
        first, _request = page(per_page=100)
    assert first.paginator.count == total and first.paginator.count_is_exact
    assert not first.has_next() and first.paginator.num_pages == 1


def test_pages_know_their_neighbours_and_the_exact_total_under_the_cap(django_assert_num_queries):
    total = MemberUnit.objects.count()
    with django_assert_num_queries(2):  # the rows, and a count that stops at the cap
        first, _request = page()
    assert first.has_next() and not first.has_previous()
    assert first.paginator.count == total and first.paginator.num_pages == -(-total // 5)
    last, _request = page(first.paginator.num_pages)
    assert not last.has_next() and last.has_previous()
    assert last.start_index() == 5 * (last.number - 1) + 1 and last.end_index() == total


def test_a_long_list_shows_more_than_the_cap_and_no_last_page(monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 6)
    first, request = page()
    assert first.has_next()
    assert not first.paginator.count_is_exact and first.paginator.count == 6
    html = render_to_string("partials/pagination.html", {"page_obj": first}, request=request)
    assert "6 条以上" in html and "末页" not in html and "下一页" in html


@pytest.mark.parametrize("number", ["abc", "0", "-3", "99999999999999999999"])
def test_a_bad_or_too_high_page_number_gives_the_nearest_page(number):
    result, _request = page(number)
    total = MemberUnit.objects.count()
    expected = 1 if number in ("abc", "0", "-3") else -(-total // 5)
    assert result.number == expected and len(result) > 0


def test_the_partial_shows_the_exact_total_and_the_last_page_link():
    first, request = page()
    html = render_to_string("partials/pagination.html", {"page_obj": first}, request=request)
    assert f"共 {first.paginator.count} 条" in html and "末页" in html


def test_a_deep_page_reads_the_keys_first_and_keeps_the_order(monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(paging, "DEFERRED_JOIN_OFFSET", 1)
    shallow = [unit.code for unit in MemberUnit.objects.order_by("code")[5:10]]
    with django_assert_num_queries(3):  # the keys, the rows, the capped count
        second, _request = page(2)
    assert [unit.code for unit in second] == shallow


def test_the_count_reads_the_keys_only_and_keeps_a_distinct_list_whole(django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        first = paging.paginate(
            request, MemberUnit.objects.values("code", "name").order_by("code"), per_page=5
        )
    count = queries.captured_queries[-1]["sql"]
    assert count.startswith("SELECT COUNT(*)") and '"name"' not in count
    assert first.paginator.count == MemberUnit.objects.count()
    # A DISTINCT list is counted as it is shown: its keys alone could count other rows.
    names = MemberUnit.objects.values("kind").distinct().order_by("kind")
    assert paging.paginate(request, names, per_page=1).paginator.count == names.count()
