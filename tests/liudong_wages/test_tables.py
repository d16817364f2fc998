"""The rows of the long lists written in Python (liudong_wages.tables, issue 21): escaped as the template
engine escaped them, right-aligned numbers, a dash for nothing, the empty message, the same addresses."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from liudong_wages.tables import (
    Column,
    Table,
    UrlFor,
    badge,
    joined,
    link,
    short_date,
    short_datetime,
    short_month,
    text,
    writing,
)

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
    assert UrlFor("enterprises:worker_edit")(7, pk) == reverse("enterprises:worker_edit", args=[7, pk])
    assert UrlFor("enterprises:worker_leave")(pk, 3) == reverse("enterprises:worker_leave", args=[pk, 3])


def test_a_date_in_a_cell_follows_the_language():
    day = dt.date(2026, 12, 6)
    with translation.override("zh-hans"):
        assert short_date(day) == "2026-12-06"
    assert short_date(None) == "—"


def test_a_moment_in_a_cell_is_written_in_liudongs_time_as_the_date_filter_writes_it():
    # 16:30 UTC on 5 December is 00:30 on the 6th in Asia/Shanghai.
    moment = dt.datetime(2026, 12, 5, 16, 30, tzinfo=dt.UTC)
    template = Template('{{ m|date:"SHORT_DATETIME_FORMAT" }} {{ m|date:"SHORT_DATE_FORMAT" }}')
    for language in ("zh-hans", "en"):
        with translation.override(language):
            assert short_datetime(moment) == "2026-12-06 00:30"
            assert short_date(moment) == "2026-12-06"
            assert template.render(Context({"m": moment})) == f"{short_datetime(moment)} {short_date(moment)}"
    shanghai = dt.datetime(2026, 12, 6, 9, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert short_datetime(shanghai) == "2026-12-06 09:05"
    assert short_datetime(None) == short_month(None) == "—"
    assert short_month(dt.date(2026, 3, 1)) == "2026-03"


def test_a_cell_may_take_a_class_of_its_own_row():
    table = Table(
        columns=(
            Column(
                "未发",
                lambda row: row["unpaid"],
                numeric=True,
                row_css=lambda r: "overdue" if r["unpaid"] else "",
            ),
        ),
        empty="没有记录。",
    )
    html = table.body([{"unpaid": Decimal("5")}, {"unpaid": Decimal("0")}])
    assert html == ('<tr><td class="text-end overdue">5</td></tr><tr><td class="text-end">0</td></tr>')


OVERDUE = gettext_lazy("已超期")
LABELLED = Table(
    columns=(
        Column(gettext_lazy("重大"), lambda row: badge(OVERDUE, "danger")),
        Column("金额", lambda row: row["amount"], numeric=True),
    ),
    empty=gettext_lazy("已超期"),
)


def test_labels_declared_once_follow_the_language_of_each_page():
    # The header row and the badges are translated once per language and remembered: each language gets its
    # own, in any order, as str() of the label gives it.
    for language in ("zh-hans", "en", "zh-hans", "en"):
        with translation.override(language):
            head, body = LABELLED.head(), LABELLED.body([{"amount": Decimal("1")}])
            assert (
                head
                == f'<tr><th scope="col">{gettext_lazy("重大")}</th><th scope="col" class="text-end">金额</th></tr>'
            )
            assert f'<span class="badge text-bg-danger">{OVERDUE}</span>' in body
            assert text(OVERDUE) == str(OVERDUE)
            assert LABELLED.body([]) == f'<tr><td colspan="2" class="text-muted">{OVERDUE}</td></tr>'
    with translation.override("en"):
        assert "Overdue" in LABELLED.body([{"amount": 1}]) and "Major" in LABELLED.head()
    with translation.override("zh-hans"):
        assert "已超期" in LABELLED.body([{"amount": 1}]) and "重大" in LABELLED.head()


def test_a_label_made_on_each_call_is_translated_each_time():
    # A new lazy object each time: never answered with another object's translation.
    for language, expected in (("en", "Overdue"), ("zh-hans", "已超期"), ("en", "Overdue")):
        with translation.override(language):
            assert text(gettext_lazy("已超期")) == expected
            assert text(gettext_lazy("重大")) == str(gettext_lazy("重大"))


def test_within_a_body_the_language_is_the_one_read_when_it_began():
    with translation.override("en"), writing():
        assert text(OVERDUE) == "Overdue"
        with translation.override("zh-hans"):  # not done inside a table: the language read when it began
            assert text(OVERDUE) == "Overdue"
    with translation.override("zh-hans"):
        assert text(OVERDUE) == "已超期"
        # Outside any body, the active language.
        with translation.override("en"):
            assert text(OVERDUE) == "Overdue"
