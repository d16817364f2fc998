"""Wage-payment monitoring, the platform's clues and the running campaign on the dashboard and in the
bulletin (issues 17 and 18): each card equals the list it links to, the bulletin's monitoring table equals
the monitoring list for the same quarter, and a bulletin published before these sections keeps its files."""

import datetime as dt
import io
import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from openpyxl import load_workbook
from pypdf import PdfReader

from cases.models import Campaign, Clue
from cases.services.campaigns import campaign_summary
from enterprises.filters import WageAlertFilter
from enterprises.models import WageAlert
from reporting.bulletin.pdf import render_bulletin_html
from reporting.periods import Period
from reporting.selectors.figures import period_figures
from reporting.services import bulletin as service

from ..factories import ProjectFactory
from .bulletin_data import NOW, TODAY, make_quarter_data

QUARTER = "/dashboard/?period=quarter&year=2026&quarter=3"
MONITORING = "/enterprises/monitoring/"
IN_Q3 = "2026-07-01", "2026-09-30"
WATCH_TABLES = {"monitoring_counts", "monitoring_money", "clues"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _cards(client) -> dict:
    return {card.key: card for card in client.get(QUARTER).context["cards"]}


def _listed(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


def _rows(table) -> dict[str, list]:
    return {row[0]: row[1:] for row in table.rows}


def test_the_monitoring_cards_equal_the_monitoring_lists_counts(client, db, frozen, director):
    make_quarter_data(scale=2)
    client.force_login(director)
    cards = _cards(client)
    everything = client.get(cards["monitoring_projects"].url).context
    assert cards["monitoring_projects"].value == everything["counts"]["projects"] == 2
    assert everything["page_obj"].paginator.count == everything["counts"]["total"] == 4
    assert cards["monitoring_projects"].note == "预警共 4 条"
    for key, level in (("alerts_red", "red"), ("alerts_yellow", "yellow")):
        assert parse_qs(urlsplit(cards[key].url).query) == {"level": [level]}
        assert _listed(client, cards[key].url) == cards[key].list_count == cards[key].value == 2
    assert cards["alerts_red"].alert and not cards["alerts_yellow"].alert
    # Workers and wages unpaid: the list of underpaid warnings sums them in its counts line.
    assert cards["workers_unpaid"].url == cards["amount_unpaid"].url
    underpaid = client.get(cards["workers_unpaid"].url).context["counts"]
    assert (cards["workers_unpaid"].value, cards["amount_unpaid"].value) == (
        underpaid["workers_unpaid"],
        underpaid["amount_unpaid"],
    )
    assert (underpaid["workers_unpaid"], underpaid["amount_unpaid"]) == (8, Decimal("24000.00"))
    # Every parameter a card links to is one the monitoring filterset reads.
    for card in cards.values():
        if card.group == "monitoring":
            assert set(parse_qs(urlsplit(card.url).query)) <= set(WageAlertFilter.base_filters), card.url


def test_the_clue_cards_count_the_platforms_clues_apart(client, db, frozen, director):
    make_quarter_data()
    client.force_login(director)
    cards = _cards(client)
    clue_keys = ["clues_received", "clues_to_case", "clues_closed", "clues_on_time", "clues_overdue"]
    assert [cards[key].value for key in clue_keys] == [3, 1, 1, 1, 1]
    assert cards["clues_received"].previous == 1  # the second quarter's one
    assert cards["clues_on_time"].note == "逾期反馈 1 条"
    # Overdue today: the one due on 30 September, as the clue list shows it; not the one due on 26 October.
    overdue = client.get(cards["clues_overdue"].url)
    assert [clue.answer_due for clue in overdue.context["page_obj"]] == [dt.date(2026, 9, 30)]
    assert overdue.context["page_obj"].paginator.count == cards["clues_overdue"].list_count
    assert cards["clues_overdue"].alert
    for key, status in (("clues_to_case", Clue.Status.CASE), ("clues_closed", Clue.Status.CLOSED)):
        assert parse_qs(urlsplit(cards[key].url).query) == {"status": [status]}
    # The cases' own cards are those of the quarter without clues (one case came from a clue).
    assert (cards["cases_open"].value, cards["cases_overdue"].value) == (2, 2)


def test_the_page_shows_each_part_in_its_own_section(client, db, frozen, director):
    make_quarter_data()
    client.force_login(director)
    html = client.get(QUARTER).text
    for section in ('id="figures"', 'id="figures-monitoring"', 'id="figures-clues"', 'id="campaign-panel"'):
        assert section in html
    assert html.index('id="figure-alerts_red"') > html.index('id="figures-monitoring"')
    assert html.index('id="figure-clues_overdue"') > html.index('id="figures-clues"')


def test_the_running_campaign_shows_what_its_page_totals(client, db, frozen, director):
    make_quarter_data(scale=2)
    client.force_login(director)
    page = client.get("/dashboard/")
    panel = page.context["campaign"]
    total = campaign_summary(panel.campaign)[-1]
    assert (panel.inspections, panel.cases, panel.closed, panel.workers, panel.owed, panel.paid) == (
        total["inspections"],
        total["cases"],
        total["closed"],
        total["workers"],
        total["owed"],
        total["paid"],
    )
    assert (panel.inspections, panel.cases, panel.workers, panel.owed) == (2, 2, 24, Decimal("120000.00"))
    assert (panel.day, panel.days) == (77, 92)
    assert f'href="{panel.url}"' in page.text and "2026年秋季根治欠薪专项行动" in page.text
    assert "120,000.00" in page.text
    assert client.get(panel.url).status_code == 200


def test_no_campaign_panel_when_none_runs(client, db, frozen, director):
    make_quarter_data()
    Campaign.objects.update(ends_on=dt.date(2026, 10, 15))  # ended yesterday
    client.force_login(director)
    page = client.get("/dashboard/")
    assert page.context["campaign"] is None and 'id="campaign-panel"' not in page.text
    assert "campaign_cases" not in page.context["figures"].counters


def test_the_bulletins_monitoring_table_equals_the_monitoring_list_for_the_quarter(
    client, db, frozen, director
):
    make_quarter_data(scale=2)
    client.force_login(director)
    figures = period_figures(Period.quarter(2026, 3), today=TODAY, detail=True)
    tables = {table.key: table for table in service.bulletin_tables(figures)}
    counts = _rows(tables["monitoring_counts"])
    start, end = IN_Q3
    raised = f"{MONITORING}?state=all&opened_from={start}&opened_to={end}"
    assert counts["新发工资支付预警（条）"][0] == _listed(client, raised) == 4
    assert counts["其中升为红色（条）"][0] == _listed(client, f"{raised}&level=red") == 2
    closed = f"{MONITORING}?state=closed&closed_from={start}&closed_to={end}"
    assert counts["解除预警（条）"][0] == _listed(client, closed) == 2
    # Today's open warnings in the note are the list's counts line.
    open_now = client.get(MONITORING).context["counts"]
    assert (
        f"未解除预警 {open_now['total']} 条（红色 {open_now['red']} 条，黄色 {open_now['yellow']} 条）"
        in (tables["monitoring_counts"].note)
    )
    assert f"涉及 {open_now['projects']} 个项目" in tables["monitoring_counts"].note
    # The platform's clues of the quarter, the quarter before and a year earlier (each twice at scale 2).
    assert _rows(tables["clues"]) == {
        "收到线索": [6, 2, "+200.0%", 0, "—"],
        "转立案件": [2, 0, "—", 0, "—"],
        "说明理由办结": [2, 2, "+0.0%", 0, "—"],
        "按期反馈": [2, 2, "+0.0%", 0, "—"],
        "逾期反馈": [2, 0, "—", 0, "—"],
        "期末逾期未反馈": [2, 0, "—", 0, "—"],
    }


def test_the_bulletin_prints_the_new_sections_in_both_files(db, frozen):
    make_quarter_data()
    bulletin = service.bulletin_build(
        bulletin_id=service.bulletin_for_quarter(year=2026, quarter=3).pk, today=TODAY
    )
    text = re.sub(
        r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(bulletin.pdf_file.read())).pages)
    )
    for heading in ("八、在建项目工资支付监控情况", "九、欠薪线索办理情况", "十、下季度工作安排"):
        assert text.count(heading) == 2  # the contents and the section
    assert "工资支付表按期报送率" in text and "截至统计日待核查线索2条，其中已过反馈期限1条" in text
    sheets = load_workbook(io.BytesIO(bulletin.xlsx_file.read()), read_only=True).sheetnames
    # The tables of the earlier bulletins keep their sheet numbers; the new ones follow.
    assert sheets[:2] == ["1.案件数和人数", "2.案件涉及金额（元）"]
    assert sheets[-3:] == [
        "11.在建项目工资支付监控",
        "12.工资支付表金额（元）",
        "13.全国根治欠薪线索反映平台线索办理（条）",
    ]


def test_a_bulletin_published_before_keeps_its_files_and_the_old_layout_still_renders(
    client, db, frozen, director
):
    make_quarter_data()
    bulletin = service.bulletin_build(
        bulletin_id=service.bulletin_for_quarter(year=2026, quarter=3).pk, today=TODAY
    )
    bulletin = service.bulletin_publish(bulletin=bulletin, by=director)
    stored = bulletin.pdf_file.read()
    # New warnings after publication change the figures, not the published file.
    WageAlert.objects.create(
        project=ProjectFactory(),
        reason=WageAlert.Reason.UNDERPAID,
        month=dt.date(2026, 9, 1),
        opened_on=dt.date(2026, 9, 20),
        workers_unpaid=30,
        amount_unpaid=Decimal("90000.00"),
    )
    client.force_login(director)
    response = client.get("/reporting/bulletins/2026q3.pdf")
    assert b"".join(response.streaming_content) == stored
    # The layout still prints a bulletin whose tables are those from before issues 17 and 18.
    figures = period_figures(Period.quarter(2026, 3), today=TODAY, detail=True)
    old_tables = [t for t in service.bulletin_tables(figures) if t.key not in WATCH_TABLES]
    html = render_bulletin_html(bulletin, figures, old_tables, issued_on=TODAY)
    assert "八、下季度工作安排" in html and "工资支付监控" not in html and "线索" not in html


def test_the_monitoring_list_shows_closed_warnings_only_when_asked(client, db, frozen, director):
    make_quarter_data()
    client.force_login(director)
    default = client.get(MONITORING)
    assert {alert.closed_on for alert in default.context["rows"]} == {None}
    closed = client.get(f"{MONITORING}?state=closed")
    assert [alert.close_reason for alert in closed.context["rows"]] == ["工资支付表已补报"]
    # A date in a table cell is written short (issue 19): 2026-09-05.
    assert closed.context["counts"] is None and "2026-09-05 解除" in closed.text
    # Odd values are ignored as every list's filters are: the open warnings, no error.
    odd = client.get(f"{MONITORING}?state=nonsense&opened_from=not-a-date&closed_to=2026-13-40")
    assert odd.status_code == 200
    assert odd.context["page_obj"].paginator.count == default.context["page_obj"].paginator.count == 2
    export = client.get(f"{MONITORING}export.xlsx?state=closed")
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).worksheets[0].values)
    assert len(rows) == 2  # the header and the closed warning


def test_the_dashboards_pdf_and_excel_hold_the_new_figures(client, db, frozen, director):
    make_quarter_data()
    client.force_login(director)
    pdf = client.get(QUARTER.replace("/dashboard/", "/dashboard/export.pdf"))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages))
    assert "红色预警1条" in text and "逾期未反馈的线索1条" in text
    assert "正在开展的专项行动“2026年秋季根治欠薪专项行动”" in text
    book = client.get(QUARTER.replace("/dashboard/", "/dashboard/export.xlsx"))
    cards = list(load_workbook(io.BytesIO(b"".join(book.streaming_content))).worksheets[0].values)
    assert ("未足额发放的工资", "12000", "元") in [tuple(str(v) for v in row[:3]) for row in cards]
