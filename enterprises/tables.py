"""The columns of the enterprises app's long lists (liudong_wages.tables): the project list (the rows of
`selectors.project_row`) and the wage-payment warnings (WageAlerts with their `days_open`), as each list shows
them."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from liudong_wages.tables import (
    Column,
    Row,
    Table,
    UrlFor,
    amount,
    badge,
    joined,
    link,
    short_date,
    short_month,
    tag,
)

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


# The warnings list: WageAlerts, their project with its general contractor, and the view's `days_open`.

_project_url = UrlFor("enterprises:project_detail")
_inspection_url = UrlFor("enterprises:inspection_detail")


def _alert_level(alert):
    # As enterprises/monitoring_partials.html#level: red, else yellow.
    return tag(*RISK_TAGS["red" if alert.level == "red" else "yellow"])


def _alert_reason(alert):
    reason = alert.get_reason_display()
    if not alert.red_reason:
        return reason
    return format_html('{}<div class="small text-danger">{}</div>', reason, alert.red_reason)


def _alert_opened(alert):
    if alert.closed_on:
        since = _("%(day)s 解除") % {"day": short_date(alert.closed_on)}
    else:
        days = alert.days_open
        since = ngettext("已 %(days)s 天", "已 %(days)s 天", days) % {"days": days}
    return format_html('{}<div class="small text-muted">{}</div>', short_date(alert.opened_on), since)


def _alert_handling(alert):
    if alert.case_number:
        return joined(_("已立案"), alert.case_number)
    if alert.inspection_id:
        return link(_inspection_url(alert.inspection_id), _("督办巡视"))
    return None


ALERTS = Table(
    columns=(
        Column(_("颜色"), _alert_level),
        Column(
            _("项目名称"),
            lambda alert: link(f"{_project_url(alert.project_id)}#monitoring", alert.project.name),
        ),
        Column(_("预警原因"), _alert_reason),
        Column(_("所属月份"), lambda alert: short_month(alert.month)),
        Column(_("施工总承包单位"), lambda alert: getattr(alert.project.general_contractor, "name", None)),
        Column(_("预警日期"), _alert_opened),
        Column(_("涉及人数"), lambda alert: alert.workers_unpaid or None, numeric=True),
        Column(
            _("涉及金额（元）"),
            lambda alert: amount(alert.amount_unpaid) if alert.amount_unpaid else None,
            numeric=True,
        ),
        Column(_("处理"), _alert_handling, css="small"),
    ),
    empty=_("没有符合条件的预警。"),
)
