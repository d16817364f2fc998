"""The project list's columns (liudong_wages.tables): the rows of `selectors.project_row`, as the list shows
them."""

from django.utils.translation import gettext_lazy as _

from liudong_wages.tables import Column, Row, Table, amount, badge, joined, link, short_date, tag

# The risk levels as enterprises/partials.html#risk shows them on the other pages.
RISK_TAGS = {
    "red": (_("红色"), "badge text-bg-danger"),
    "orange": (_("橙色"), "badge text-bg-warning"),
    "yellow": (_("黄色"), "badge bg-warning-subtle text-warning-emphasis border border-warning"),
}


def risk(level: str | None):
    if level in RISK_TAGS:
        label, css = RISK_TAGS[level]
        return tag(label, css)
    return tag("—", "text-muted")


def _reasons(row: Row) -> str | None:
    return "；".join(str(reason["reason"]) for reason in row["risk_reasons"] or []) or None


PROJECTS = Table(
    columns=(
        Column(_("风险"), lambda row: risk(row["risk"])),
        Column(
            _("项目名称"),
            lambda row: joined(
                link(row["get_absolute_url"], row["name"]),
                row["management_invested"] and badge(_("管委会投资"), "info"),
            ),
        ),
        Column(_("类别"), lambda row: row["get_kind_display"]),
        Column(_("施工总承包单位"), lambda row: (row["general_contractor"] or {}).get("name")),
        Column(_("建设单位"), lambda row: (row["construction_unit"] or {}).get("name")),
        Column(_("开工日期"), lambda row: short_date(row["start_date"])),
        Column(_("合同金额（元）"), lambda row: amount(row["contract_value"]), numeric=True),
        Column(_("风险原因"), _reasons, css="small"),
        Column(_("状态"), lambda row: row["get_status_display"]),
    ),
    empty=_("没有符合条件的项目。"),
)
