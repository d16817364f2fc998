"""The rows of the long lists written in Python (liudong_wages.tables, issue 21): escaped as the template
engine escaped them, right-aligned numbers, a dash for nothing, the empty message, the same addresses."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from liudong_wages.tables import Column, Table, UrlFor, badge, joined, link, short_date

TABLE = Table(
    columns=(
        Column("名称", lambda row: link(row["url"], row["name"])),
        Column("金额", lambda row: row["amount"], numeric=True),
        Column("标记", lambda row: joined(row["flag"] and badge("重大", "dark"))),
    ),
    empty="没有记录。",
    row_class=lambda row: "table-danger" if row["flag"] else "",
)


def test_text_is_escaped_and_html_of_the_cells_is_kept():
    html = TABLE.body(
        [{"url": "/x/?a=1&b=2", "name": '<script>alert("x")</script>', "amount": Decimal("5"), "flag": True}]
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'href="/x/?a=1&amp;b=2"' in html
    assert '<tr class="table-danger">' in html
    assert '<td class="text-end">5</td>' in html
    assert '<span class="badge text-bg-dark">重大</span>' in html


def test_nothing_shows_a_dash_and_an_empty_list_its_message():
    html = TABLE.body([{"url": "/x/", "name": "某公司", "amount": None, "flag": False}])
    assert '<td class="text-end">—</td>' in html and "<tr>" in html
    assert TABLE.body([]) == '<tr><td colspan="3" class="text-muted">没有记录。</td></tr>'
    assert TABLE.head() == (
        '<tr><th scope="col">名称</th><th scope="col" class="text-end">金额</th><th scope="col">标记</th></tr>'
    )


@pytest.mark.parametrize("pk", [1, 42, 99999])
def test_the_address_of_each_row_is_what_reverse_gives(pk):
    assert UrlFor("cases:detail")(pk) == reverse("cases:detail", args=[pk])
    assert UrlFor("enterprises:project_detail")(pk) == reverse("enterprises:project_detail", args=[pk])


def test_a_date_in_a_cell_follows_the_language():
    day = dt.date(2026, 12, 6)
    with translation.override("zh-hans"):
        assert short_date(day) == "2026-12-06"
    assert short_date(None) == "—"
