"""The columns of the cases app's long lists (liudong_wages.tables): the case list (the rows of
`selectors.case_row`) and the interviews (of `selectors.interview_row`), as each list shows them."""

from django.utils.translation import gettext_lazy as _

from liudong_wages.tables import (
    Column,
    Row,
    Table,
    amount,
    badge,
    joined,
    link,
    muted,
    short_date,
    short_datetime,
)

# The badges' labels, declared once: liudong_wages.tables.text translates each once per language.
_INVESTED = _("管委会投资")
_OVERDUE = _("已超期")
_MANY_WORKERS = _("人数众多")
_MASS_INCIDENT = _("群体性风险")
_MAJOR = _("重大")
_POLICE = _("达移送标准")


def _project(row: Row):
    project = row["project"]
    if project is None:
        return None
    return joined(project["name"], project["management_invested"] and badge(_INVESTED, "warning"))


def _deadline(row: Row):
    if not (row["deadline"] and row["is_open"]):
        return None
    return joined(
        short_date(row["deadline"]),
        muted(row["get_deadline_kind_display"]),
        row["overdue"] and badge(_OVERDUE, "danger"),
    )


def _risks(row: Row):
    return joined(
        row["many_workers"] and badge(_MANY_WORKERS),
        row["mass_incident_risk"] and badge(_MASS_INCIDENT, "danger"),
        row["is_major"] and badge(_MAJOR, "dark"),
        row["police_threshold_reached"] and badge(_POLICE, "warning"),
    )


CASES = Table(
    columns=(
        Column(_("编号"), lambda row: link(row["get_absolute_url"], row["number"])),
        Column(_("被投诉单位"), lambda row: row["respondent"]),
        Column(_("项目"), _project),
        Column(_("状态"), lambda row: row["get_status_display"]),
        Column(_("当前期限"), _deadline),
        Column(_("人数"), lambda row: row["worker_count"], numeric=True),
        Column(_("未付（元）"), lambda row: amount(row["total_outstanding"]), numeric=True),
        Column(_("承办人"), lambda row: (row["handler"] or {}).get("display_name")),
        Column(_("风险"), _risks),
    ),
    empty=_("没有符合条件的案件。"),
    row_class=lambda row: "table-danger" if row["overdue"] else "",
)


INTERVIEWS = Table(
    columns=(
        Column(_("文号"), lambda row: link(row["get_absolute_url"], row["notice_number"])),
        Column(_("企业"), lambda row: row["enterprise__name"]),
        Column(_("法定代表人"), lambda row: row["legal_rep_name"]),
        Column(_("约谈时间"), lambda row: short_datetime(row["scheduled_at"])),
        Column(_("状态"), lambda row: row["get_status_display"]),
        Column(_("整改期限"), lambda row: short_date(row["rectification_due"])),
        Column(
            _("案件"),
            lambda row: row["case"] and link(row["case"]["get_absolute_url"], row["case"]["number"]),
        ),
    ),
    empty=_("暂无。"),
    row_class=lambda row: "table-danger" if row["overdue"] else "",
)
