"""One money format on every main page (issue 19): amounts grouped by thousands with two decimals; working
days left phrased one way.

Every role opens its menu's pages and the detail pages of records holding amounts of a thousand yuan and
more; no amount may show ungrouped (481400.00 instead of 481,400.00).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from liudong_wages import navigation

from ..matrix_objects import make_objects

UNGROUPED = re.compile(r"(?<![\d,.])\d{4,}\.\d{2}(?![\d])")
TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.S)


def detail_pages(objects: dict) -> list[str]:
    return [
        objects[name].get_absolute_url()
        for name in ("case", "application", "project", "listing", "enterprise", "public_report")
    ] + [objects["instalment"].agreement.case.get_absolute_url()]


def ungrouped_amounts(html: str) -> list[str]:
    text = TAGS.sub(" ", html)
    return [text[max(0, m.start() - 30) : m.end() + 10].strip() for m in UNGROUPED.finditer(text)]


@pytest.mark.django_db
def test_every_amount_on_the_main_pages_is_grouped_by_thousands(
    client, users_by_role, unit, other_unit, frozen
):
    frozen(dt.date(2026, 12, 7))
    objects = make_objects(users_by_role, unit, other_unit)
    details = detail_pages(objects)
    found = {}
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
            if bad := ungrouped_amounts(response.content.decode()):
                found[f"{role} {path}"] = bad
    assert not found, found


def test_working_days_are_said_one_way():
    from django.utils import translation

    from liudong_wages.formats import working_days_left

    assert working_days_left(3) == "还剩 3 个工作日"
    assert working_days_left(0) == "今天到期"
    assert working_days_left(-2) == "已超期 2 个工作日"
    with translation.override("en"):
        assert working_days_left(1) == "1 working day left"
        assert working_days_left(-4) == "4 working days overdue"
