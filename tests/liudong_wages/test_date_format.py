"""One display format for dates on every main page (issue 19).

Dense table cells write a day as 2026-12-06 and a moment as 2026-12-06 14:05 (SHORT_DATE_FORMAT,
SHORT_DATETIME_FORMAT); headings, sentences and a record's described fields write 2026年12月6日 (DATE_FORMAT).
Every role opens its menu's pages and the detail pages of records of every kind; no date may take another shape
(2026/12/6, 12-6, 12月6日 without its year), no table cell the long one, no heading or sentence the short one.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format

from liudong_wages import navigation

from ..matrix_objects import make_objects

SHORT = r"\d{4}-\d{2}-\d{2}"
LONG = r"\d{4}年\d{1,2}月\d{1,2}日"
# Anything that reads as a day: year-month-day with any separator, or a month and day without the year.
DAY_LIKE = re.compile(
    r"(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:日|(?!\d))|(?<![\d年])\d{1,2}月\d{1,2}日"
)
ONE_OF_THE_TWO = re.compile(rf"^(?:{SHORT}|{LONG})$")

CELLS = {"td", "th"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "title"}
SENTENCES = {"p", "dd"}
KINDS = CELLS | HEADINGS | SENTENCES | {"li"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Texts(HTMLParser):
    """The text of a page, each piece with the innermost table cell, heading, sentence or list item it is in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.pieces: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if "script" in self.stack or "style" in self.stack or not data.strip():
            return
        kind = next((tag for tag in reversed(self.stack) if tag in KINDS), "")
        self.pieces.append((kind, data))


def deviations(html: str) -> list[str]:
    parser = Texts()
    parser.feed(html)
    found = []
    for kind, text in parser.pieces:
        for match in DAY_LIKE.finditer(text):
            day = re.sub(r"\s+", "", match.group())
            wrong = (
                not ONE_OF_THE_TWO.match(day)
                or (kind in CELLS and not re.match(SHORT, day))
                or (kind in HEADINGS | SENTENCES and not re.match(LONG, day))
            )
            if wrong:
                found.append(f"<{kind or '?'}> {text.strip()[:80]}")
    return found


def detail_pages(objects: dict) -> list[str]:
    names = [
        "case",
        "application",
        "project",
        "listing",
        "enterprise",
        "public_report",
        "interview",
        "joint",
        "inspection",
        "assessment",
        "petition",
        "warning",
        "report",
        "meeting",
        "task",
        "bulletin",
        "published_bulletin",
    ]
    return [objects[name].get_absolute_url() for name in names] + [
        objects["instalment"].agreement.case.get_absolute_url(),
        f"{objects['case'].get_absolute_url()}documents/",
    ]


def more_records(enterprise) -> list[str]:
    """A platform clue, a hand-over, a campaign and a listing in force, which the matrix's objects lack, with
    their pages; their dates fill the clue, hand-over, campaign and dishonest lists."""
    from cases.models import Campaign, CaseHandover, Clue
    from liudong_wages.models import MemberUnit

    from ..factories import DishonestListingFactory

    today = timezone.localdate()
    records = [
        Clue.objects.create(
            platform_number="XS2026120001",
            reported_on=today - dt.timedelta(days=12),
            reporter_name="蓝志强",
            employer_name=enterprise.name,
            amount=8600,
            imported_on=today - dt.timedelta(days=10),
            answer_due=today + dt.timedelta(days=3),
        ),
        CaseHandover.objects.create(
            unit=MemberUnit.objects.first(),
            employer_name=enterprise.name,
            worker_count=4,
            amount=26000,
            period_start=today - dt.timedelta(days=120),
            period_end=today - dt.timedelta(days=30),
            summary="班组工资未发。",
        ),
        Campaign.objects.create(
            name="冬季专项行动",
            starts_on=today - dt.timedelta(days=20),
            ends_on=today + dt.timedelta(days=60),
        ),
        DishonestListingFactory(  # of an enterprise of its own: one open listing per enterprise
            status="listed",
            notice_number="柳东治欠告〔2026〕1号",
            notified_on=today - dt.timedelta(days=20),
            objection_deadline=today - dt.timedelta(days=10),
            decision_number="柳东人社失信列〔2026〕1号",
            decided_on=today,
            listed_until=today + dt.timedelta(days=3 * 365),
        ),
    ]
    return [record.get_absolute_url() for record in records]


@pytest.mark.django_db
def test_every_date_on_the_main_pages_takes_the_format_of_its_place(
    client, users_by_role, unit, other_unit, frozen
):
    frozen(dt.date(2026, 12, 7))
    objects = make_objects(users_by_role, unit, other_unit)
    details = detail_pages(objects) + more_records(objects["enterprise"])
    found: dict[str, str] = {}
    for role, user in users_by_role.items():
        if role == "outsider":
            continue
        client.force_login(user)
        pages = [item.url() for item in navigation.items_for(user) if not item.url_name.startswith("admin:")]
        for path in pages + details:
            response = client.get(path)
            if response.status_code != 200:
                assert path in details, (role, path, response.status_code)
                continue
            for piece in deviations(response.content.decode()):
                found.setdefault(piece, f"{role} {path}")
    assert not found, "\n".join(f"{where}: {piece}" for piece, where in found.items())


def test_the_checker_tells_the_places_apart():
    assert not deviations("<table><tr><td>2026-12-06</td><td>2026-12-06 14:05</td></tr></table>")
    assert not deviations(
        "<h1>2026年12月6日</h1><p>将在 2026年12月6日 前答复</p><dl><dd>2026年12月6日</dd></dl>"
    )
    assert deviations("<td>2026年12月6日</td>")
    assert deviations("<h2>2026-12-06</h2>")
    assert deviations("<p>2026-12-06 到期</p>")
    for odd in ["2026/12/6", "2026-12-6", "12月6日", "2026.12.06"]:
        assert deviations(f"<li>{odd}</li>"), odd


@pytest.mark.parametrize(
    ("language", "short", "long"), [("zh-hans", "Y-m-d", "Y年n月j日"), ("en", "Y-m-d", "j F Y")]
)
def test_the_formats_module_gives_the_two_shapes_in_each_language(language, short, long):
    from django.utils.dateformat import format as dateformat

    today = timezone.localdate()
    moment = timezone.localtime()
    with translation.override(language):
        rendered = Template(
            '{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d|date }}|{{ t|date:"SHORT_DATETIME_FORMAT" }}'
        ).render(Context({"d": today, "t": moment}))
        assert (
            rendered
            == f"{dateformat(today, short)}|{dateformat(today, long)}|{dateformat(moment, 'Y-m-d H:i')}"
        )
        assert date_format(today) == dateformat(today, long)
