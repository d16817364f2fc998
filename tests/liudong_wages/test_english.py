"""English through the language switch in the footer: the interface is Chinese first, with every message
of locale/en translated (issue 8)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import trans_real

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


@pytest.fixture(scope="module", autouse=True)
def _compiled_messages():
    # bin/setup compiles the catalogue (the .mo is not in git); a plain pytest run may come before it.
    if not MO.exists() or MO.stat().st_mtime < PO.stat().st_mtime:
        call_command("compilemessages", locale=["en"], ignore_patterns=[".venv", "node_modules"], verbosity=0)
        trans_real._translations = {}
        trans_real._default = None


def in_english(client, user):
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def test_the_start_page_and_navigation_are_in_english_after_the_switch(client, liaison):
    page = html.unescape(in_english(client, liaison).get("/").content.decode())
    assert '<html lang="en"' in page
    for label in [
        "Start page",
        "Member units",
        "Reports",
        "Log out",
        "My unit's reports",
        "Latest notifications",
    ]:
        assert label in page, label
    for chinese in ["工作台", "退出登录", "本单位信息报送", "最新通知"]:
        assert chinese not in page, chinese


def test_a_list_page_is_in_english(client, inspector):
    page = in_english(client, inspector).get("/cases/").content.decode()
    for label in ["Wage-arrears cases", "Register a case", "Export to Excel", "Status", "Deadline"]:
        assert label in page, label
    assert "登记案件" not in page


def test_statuses_and_choices_are_in_english(client, inspector):
    from ..factories import CaseFactory

    CaseFactory(handler=inspector)
    page = in_english(client, inspector).get("/cases/").content.decode()
    assert "Received, filing pending" in page
    assert "已登记待立案" not in page


# Every message of the core and every navigation label must be in English; whoever runs makemessages
# after adding strings there translates them.
MUST_TRANSLATE = (
    "liudong_wages/",
    "templates/base.html",
    "templates/registration/",
    "templates/liudong_wages/",
    "templates/partials/",
    "/apps.py",
    "/start.py",
)


def test_the_core_and_the_navigation_have_no_untranslated_message():
    entries = PO.read_text(encoding="utf-8").split("\n\n")[1:]  # after the header
    untranslated = [
        entry
        for entry in entries
        if entry.splitlines()[-1:] == ['msgstr ""']
        and "msgid_plural" not in entry
        and any(
            path in line for line in entry.splitlines() if line.startswith("#:") for path in MUST_TRANSLATE
        )
    ]
    assert not untranslated, untranslated[:5]


def test_chinese_stays_the_default(client, liaison):
    client.force_login(liaison)
    page = client.get("/").content.decode()
    assert "工作台" in page
    assert "退出登录" in page
