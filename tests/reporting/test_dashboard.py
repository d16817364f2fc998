"""The director's dashboard: its figures equal the lists they link to and the bulletin's; the PDF and Excel
exports; a flat query count; and who may open it."""

import dataclasses
import datetime as dt
import io
import re

import pytest
import time_machine
from openpyxl import load_workbook
from pypdf import PdfReader

from cases.models import Campaign
from reporting.periods import Period
from reporting.selectors.dashboard import dashboard_figures
from reporting.selectors.figures import period_figures
from reporting.services import bulletin as service

from .bulletin_data import NOW, TODAY, make_quarter_data

QUARTER = "/dashboard/?period=quarter&year=2026&quarter=3"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_each_figure_equals_the_count_of_the_list_it_links_to(client, db, frozen, director):
    make_quarter_data()
    client.force_login(director)
    cards = client.get(QUARTER).context["cards"]
    counted = [card for card in cards if card.list_count is not None]
    assert len(counted) >= 8
    for card in counted:
        response = client.get(card.url)
        assert response.status_code == 200, card.url
        assert response.context["page_obj"].paginator.count == card.list_count, (card.key, card.url)
    values = {card.key: card.value for card in cards}
    assert (values["cases_open"], values["cases_overdue"], values["listings_in_force"]) == (2, 2, 1)
    # The reports missing this month are the "missing" cells of the board the figure links to.
    missing = next(card for card in cards if card.key == "reports_missing")
    board = client.get(missing.url).content.decode()
    assert board.count("cell-missing") == missing.value > 0


def test_the_dashboard_shows_the_bulletins_figures_for_the_same_quarter(client, db, frozen, director):
    make_quarter_data()
    client.force_login(director)
    page = client.get(QUARTER).context["figures"]
    bulletin = period_figures(Period.quarter(2026, 3), today=TODAY, detail=True)
    # The page leaves out what only tables show; what it has is the bulletin's.
    assert (page.cases, page.fund) == (bulletin.cases[:1], bulletin.fund[:1])
    # The industries with cases in the period (the bulletin also lists those with cases only before).
    assert page.industries == [
        dataclasses.replace(row, windows=row.windows[:1])
        for row in bulletin.industries
        if row.windows[0].new or row.windows[0].closed
    ]
    assert page.counters == {name: bulletin.counters[name] for name in page.counters}
    assert "interviews_notified_0" not in page.counters
    # The dashboard's Excel has the tables, with the bulletin's rows.
    figures = period_figures(Period.quarter(2026, 3), today=TODAY)
    assert figures.counters == bulletin.counters
    dashboard_tables = {t.key: t.rows for t in service.bulletin_tables(figures)}
    for table in service.bulletin_tables(bulletin):
        if table.key in ("cases_counts", "cases_money", "industries", "interviews", "fund", "reporting"):
            assert dashboard_tables[table.key] == table.rows


def test_the_dashboard_pdf_has_the_figures_as_text(client, db, frozen, director):
    make_quarter_data()
    client.force_login(director)
    response = client.get(QUARTER.replace("/dashboard/", "/dashboard/export.pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = re.sub(
        r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    )
    for card in dashboard_figures(period_figures(Period.quarter(2026, 3), today=TODAY)):
        assert card.label in text
    assert "在办欠薪案件2件" in text and "70,000.00元" in text


def test_the_dashboard_excel_holds_its_figures(client, db, frozen, director):
    make_quarter_data()
    client.force_login(director)
    response = client.get(QUARTER.replace("/dashboard/", "/dashboard/export.xlsx"))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert tuple(str(v) for v in rows[1][:3]) == ("在办欠薪案件", "2", "件")


def test_the_query_count_does_not_grow_with_the_data(
    client, db, frozen, director, django_assert_max_num_queries
):
    client.force_login(director)
    make_quarter_data(scale=1)
    client.get("/dashboard/")  # the calendar's entries are read once a minute per process
    # The layout's 9 (session read and its save in a savepoint, user, two permission reads, unread count,
    # the user's unit) and the page's 9: one row of counters (with the open wage-payment warnings and the
    # platform's clues); cases and the ledger grouped; the board (units, reports, two ad hoc counts); the
    # "Today" union; the projects most at risk. The campaign running today adds 2: its row and its figures.
    # The project's budget is 15 without a campaign: the two ad hoc counts and the layout's unit are the
    # next to go (see the report).
    with django_assert_max_num_queries(20) as small:
        assert client.get("/dashboard/").status_code == 200
    make_quarter_data(scale=9)  # nine times the cases, warnings, clues and inspections of the campaign
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/dashboard/").status_code == 200
    Campaign.objects.update(ends_on=TODAY - dt.timedelta(days=1))
    with django_assert_max_num_queries(len(small.captured_queries) - 2):
        assert client.get("/dashboard/").status_code == 200


def test_the_period_selector(client, db, frozen, director):
    client.force_login(director)
    for query, label in [
        ("?period=month&year=2026&month=9", "2026年9月"),
        ("?period=year&year=2025", "2025年"),
        ("?period=custom&start=2026-07-01&end=2026-08-15", "2026年7月1日至2026年8月15日"),  # a heading
        ("?period=custom&start=2026-08-15&end=2026-07-01", "2026年第4季度"),  # backwards: the default
        ("", "2026年第4季度"),
    ]:
        assert client.get(f"/dashboard/{query}").context["period"].label == label


def test_a_liaison_cannot_open_the_dashboard(client, db, liaison):
    client.force_login(liaison)
    assert client.get("/dashboard/").status_code == 403
    assert client.get("/dashboard/export.pdf").status_code == 403


def test_overdue_supervision_tasks_are_counted_and_link_to_their_list(client, db, frozen, director):
    from ..factories import SupervisionTaskFactory

    SupervisionTaskFactory(due_on=TODAY - dt.timedelta(days=1))
    SupervisionTaskFactory(due_on=TODAY - dt.timedelta(days=30))
    SupervisionTaskFactory(due_on=TODAY)  # due today: not overdue yet
    SupervisionTaskFactory(due_on=TODAY + dt.timedelta(days=1))
    client.force_login(director)
    card = next(
        card for card in client.get("/dashboard/").context["cards"] if card.key == "supervision_overdue"
    )
    assert card.value == card.list_count == 2 and card.alert
    listed = client.get(card.url).context["page_obj"].paginator.count
    assert listed == 2
