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


def test_the_monitoring_clue_and_document_pages_are_in_english(client, inspector, frozen):
    import datetime as dt
    from decimal import Decimal

    from cases import services
    from cases.models import CaseDocument, Clue
    from enterprises.models import WageAlert

    from ..enterprises.monitoring_data import monitored_project
    from ..factories import CaseFactory, WorkerClaimFactory

    frozen(dt.date(2026, 11, 18))
    project = monitored_project()
    WageAlert.objects.create(
        project=project,
        reason=WageAlert.Reason.UNDERPAID,
        month=dt.date(2026, 10, 1),
        level=WageAlert.Level.RED,
        opened_on=dt.date(2026, 11, 16),
        escalated_on=dt.date(2026, 11, 17),
        workers_unpaid=3,
        amount_unpaid=Decimal("9000.00"),
    )
    clue = Clue.objects.create(
        platform_number="XS2026110001",
        reported_on=dt.date(2026, 11, 2),
        reporter_name="蓝志强",
        employer_name="柳州市恒通建设工程有限公司",
        amount=Decimal("8600.00"),
        worker_count=6,
        imported_on=dt.date(2026, 11, 9),
        answer_due=dt.date(2026, 11, 16),
    )
    case = CaseFactory(received_on=dt.date(2026, 11, 2), handler=inspector)
    WorkerClaimFactory(case=case)
    services.case_file(case=case, by=inspector, on=dt.date(2026, 11, 2))
    services.document_create(
        case=case, by=inspector, kind=CaseDocument.Kind.RECTIFICATION_ORDER, period_days=10
    )
    client = in_english(client, inspector)
    pages = {
        "/enterprises/monitoring/": (
            [
                "Wage-payment monitoring",
                "Reason for the warning",
                "Some workers paid less than due",
                "Red first",
            ],
            ["工资支付监控", "预警原因", "部分人员实发少于应发"],
        ),
        project.get_absolute_url(): (
            ["Real-name roster (3 on site)", "Rights notice board (PDF)", "File a case", "Payday"],
            ["实名制花名册", "转立案", "工资支付日"],
        ),
        "/cases/clues/": (
            ["Platform wage-arrears clues", "Import clues", "Clue number", "To be checked"],
            ["平台欠薪线索", "线索编号", "待核查"],
        ),
        clue.get_absolute_url(): (
            ["Turn into a case", "Close (no case filed)", "Feedback due"],
            ["转为案件"],
        ),
        f"/cases/{case.pk}/documents/": (
            ["Rectification order", "Draft", "Edit the draft", "Draw up a document", "Type of document"],
            ["限期整改指令书", "编辑草稿", "制作文书"],
        ),
    }
    for url, (english, chinese) in pages.items():
        page = html.unescape(client.get(url).content.decode())
        for label in english:
            assert label in page, (url, label)
        for label in chinese:
            assert label not in page, (url, label)


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
