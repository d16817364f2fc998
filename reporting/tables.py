"""The report list's columns (liudong_wages.tables): the rows of `selectors.board.report_rows`, as the list
shows them."""

from django.utils.translation import gettext_lazy as _

from liudong_wages.tables import Column, Row, Table, link, short_date, short_datetime, tag

# Declared once: liudong_wages.tables.text translates each once per language.
_ON_TIME = _("按时")
_LATE = _("逾期")


def _on_time(row: Row):
    if row["on_time"] is None:
        return None
    return _ON_TIME if row["on_time"] else tag(_LATE, "text-danger")


REPORTS = Table(
    columns=(
        Column(_("单位"), lambda row: row["unit"]),
        Column(_("报表"), lambda row: link(row["get_absolute_url"], row["title"])),
        Column(_("期间"), lambda row: row["period_label"]),
        Column(
            _("状态"),
            lambda row: tag(row["get_status_display"], f"badge text-bg-secondary status-{row['status']}"),
        ),
        Column(_("截止日期"), lambda row: short_date(row["deadline"])),
        Column(_("首次报送"), lambda row: short_datetime(row["first_submitted_at"])),
        Column(_("按时"), _on_time),
    ),
    empty=_("没有符合条件的报表。"),
)
