"""The applications list's columns (liudong_wages.tables): the rows of `selectors.application_row`, as the list
shows them."""

from django.utils.translation import gettext_lazy as _

from liudong_wages.tables import Column, Table, amount, joined, link, short_date

APPLICATIONS = Table(
    columns=(
        Column(_("申请编号"), lambda row: link(row["get_absolute_url"], row["number"])),
        Column(_("案件"), lambda row: f"{row['case']['number']} {row['case']['respondent']}"),
        Column(_("状态"), lambda row: row["get_status_display"]),
        Column(_("垫付情形"), lambda row: row["get_ground_display"], css="small"),
        Column(_("申请"), lambda row: amount(row["total_requested"]), numeric=True),
        Column(_("批准"), lambda row: amount(row["approved_amount"]), numeric=True),
        Column(_("已垫付"), lambda row: amount(row["paid_amount"]), numeric=True),
        Column(_("待收回"), lambda row: amount(row["outstanding"]), numeric=True),
        Column(
            _("创建"),
            lambda row: joined(short_date(row["created_at"]), (row["created_by"] or {}).get("display_name")),
            css="small",
        ),
    ),
    empty=_("没有符合条件的申请。"),
)
