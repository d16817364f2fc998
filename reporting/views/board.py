"""The member units' reporting board (units x months, each cell a report's state) and its Excel."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from liudong_wages import access, excel
from liudong_wages.tables import UrlFor

from .. import exports
from ..definitions import add_months
from ..forms.reports import (
    REOPEN_REASON_MAX,
    BoardRangeForm,
)
from ..models import Report
from ..selectors.board import Board, BoardRow, Cell, CellState
from ..selectors.board import board as reporting_board


def _board(request: HttpRequest) -> tuple[BoardRangeForm, Board]:
    access.require(
        lambda u: u.has_perm("reporting.view_report") and u.has_perm("liudong_wages.view_all_units"),
        request.user,
    )
    today = timezone.localdate()
    form = BoardRangeForm(request.GET or None)
    start = end = None
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    end = end or add_months(today.replace(day=1), -1)
    start = start or add_months(end, -5)
    return form, reporting_board(start=start, end=end, today=today)


# What a board cell offers about its lock: nothing, the reopen form, or the news that it was reopened.
REOPEN = "reopen"
REOPENED = "reopened"

BoardCells = list[tuple[BoardRow, list[tuple[Cell, str, str]]]]

# A cell's report, its address built once for the page's fifty-odd cells (liudong_wages.tables.UrlFor).
_report_url = UrlFor("reporting:detail")


def _board_rows(user, data: Board) -> BoardCells:
    """Each row of the board with, for each cell, what it offers and its report's address: a period left
    unreported or returned, and locked since, may be reopened from its cell (the reopen view checks the object
    again)."""
    state = CellState
    locked = {
        id(cell)
        for row in data.rows
        if row.definition.is_periodic
        for cell in row.cells
        if cell.state in (state.MISSING, state.RETURNED)
        and data.today > row.definition.lock_date(cell.period)
    }
    # Which of the locked cells' reports the office reopened already: one query, and none without such rows.
    report_ids = [c.report_id for row in data.rows for c in row.cells if id(c) in locked and c.report_id]
    reopened = (
        set(Report.objects.filter(pk__in=report_ids, reopened_at__isnull=False).values_list("pk", flat=True))
        if report_ids
        else set()
    )
    rows = []
    for row in data.rows:
        # The same answer for every period of a unit's report type: ask once per row.
        candidate = Report(unit=row.unit, report_type=row.definition.code)
        may_reopen = bool(locked) and access.may(user, candidate, "reopen")
        cells = []
        for cell in row.cells:
            offer = ""
            if id(cell) in locked:
                if cell.report_id in reopened:
                    offer = REOPENED
                elif may_reopen:
                    offer = REOPEN
            cells.append((cell, offer, _report_url(cell.report_id) if cell.report_id else ""))
        rows.append((row, cells))
    return rows


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    form, data = _board(request)
    return render(
        request,
        "reporting/board.html",
        {
            "form": form,
            "board": data,
            "rows": _board_rows(request.user, data),
            "states": CellState,
            "reopen_max": REOPEN_REASON_MAX,
        },
    )


@login_required
@require_GET
def board_export(request: HttpRequest) -> HttpResponse:
    _form, data = _board(request)
    filename = f"成员单位报送情况_{data.months[0]:%Y%m}-{data.months[-1]:%Y%m}.xlsx"
    sheet = excel.Sheet(_("报送情况"), exports.board_columns(data.months), exports.board_rows(data))
    return excel.xlsx_response(filename=filename, sheets=[sheet])
