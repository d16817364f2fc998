"""The columns of the enterprises app's long lists (liudong_wages.tables): the enterprise list (Enterprises
with their `is_listed`), the project list (the rows of `selectors.project_row`), the wage-payment warnings (WageAlerts with their `days_open`), a project's roster
(ProjectWorkers with their `other_projects`) and its wage sheets (Payrolls), as each list shows them."""

from django.utils.html import format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from liudong_wages import privacy
from liudong_wages.tables import (
    NONE,
    Column,
    Row,
    Table,
    UrlFor,
    amount,
    badge,
    cell_html,
    joined,
    link,
    short_date,
    short_month,
    tag,
)

_enterprise_url = UrlFor("enterprises:detail")
_project_url = UrlFor("enterprises:project_detail")

# Declared once: liudong_wages.tables.text translates each once per language.
_INVESTED = _("管委会投资")
_UNRATED = _("未评定")
_LISTED = _("失信")

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
                row["management_invested"] and badge(_INVESTED, "info"),
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


def stars(rating: int | None):
    """An enterprise's star rating as enterprises/partials.html#stars shows it on the other pages."""
    if not rating:
        return tag(_UNRATED, "text-muted")
    title = _("%(stars)s 星") % {"stars": rating}
    return cell_html('<span class="text-warning" title="{}">{}</span>', title, "★" * min(rating, 5))


ENTERPRISES = Table(
    columns=(
        Column(
            _("企业名称"),
            lambda enterprise: joined(
                link(_enterprise_url(enterprise.pk), enterprise.name),
                enterprise.is_listed and badge(_LISTED, "danger"),
            ),
        ),
        Column(_("统一社会信用代码"), lambda enterprise: enterprise.credit_code, css="font-monospace small"),
        Column(_("行业"), lambda enterprise: enterprise.get_industry_display()),
        Column(_("园区"), lambda enterprise: enterprise.industrial_park),
        Column(_("法定代表人"), lambda enterprise: enterprise.legal_rep_name),
        Column(_("农民工"), lambda enterprise: enterprise.migrant_worker_count, numeric=True),
        Column(_("星级"), lambda enterprise: stars(enterprise.star_rating)),
        Column(_("状态"), lambda enterprise: enterprise.get_status_display()),
    ),
    empty=_("没有符合条件的企业。"),
)

# The warnings list: WageAlerts, their project with its general contractor, and the view's `days_open`.

_inspection_url = UrlFor("enterprises:inspection_detail")


def _alert_level(alert):
    # As enterprises/monitoring_partials.html#level: red, else yellow.
    return tag(*RISK_TAGS["red" if alert.level == "red" else "yellow"])


def _alert_reason(alert):
    reason = alert.get_reason_display()
    if not alert.red_reason:
        return reason
    return cell_html('{}<div class="small text-danger">{}</div>', reason, alert.red_reason)


def _alert_opened(alert):
    if alert.closed_on:
        since = _("%(day)s 解除") % {"day": short_date(alert.closed_on)}
    else:
        days = alert.days_open
        since = ngettext("已 %(days)s 天", "已 %(days)s 天", days) % {"days": days}
    return cell_html('{}<div class="small text-muted">{}</div>', short_date(alert.opened_on), since)


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


# A project's roster: ProjectWorkers with their employer and the view's `other_projects`. Personal data shows
# masked, as the template's masked_id / masked_phone / masked_account filters showed it, unless the user may see
# it and asked to (`full`, a logged view); the last column is the editor's (`may_change`).

_worker_edit_url = UrlFor("enterprises:worker_edit")
_worker_leave_url = UrlFor("enterprises:worker_leave")


def _worker_name(worker):
    if not worker.other_projects:
        return worker.name
    hint, label = _("同时在其他在建项目花名册中"), _("另在")
    others = format_html_join(
        "",
        '<div class="small"><span class="badge text-bg-warning" title="{}">{}</span> {}</div>',
        ((hint, label, other) for other in worker.other_projects),
    )
    return cell_html("{}{}", worker.name, others)


def _bank_card(worker, shown: str):
    if not worker.bank_name:
        return shown
    return cell_html('{}<div class="small text-muted">{}</div>', shown, worker.bank_name)


def roster_table(*, project_pk: int, full: bool, may_change: bool) -> Table:
    # The words of every row translated once for the page (a lazy string is translated at each use).
    signed, unsigned, on_site = gettext("已签"), tag(gettext("未签"), "overdue"), gettext("在场")
    edit, leave = gettext("修改"), gettext("退场")

    def shown(value: str, mask) -> str:
        return value if full else mask(value)

    def contract(worker):
        if not worker.contract_signed:
            return unsigned
        if not worker.contract_signed_on:
            return signed
        return f"{signed} {short_date(worker.contract_signed_on)}"

    def dates(worker) -> str:
        left = short_date(worker.left_on) if worker.left_on else on_site
        return f"{short_date(worker.started_on)} / {left}"

    def actions(worker):
        anchor = '<a class="btn btn-link btn-sm p-0" href="{}">{}</a>'
        html = cell_html(anchor, _worker_edit_url(project_pk, worker.pk), edit)
        if worker.left_on:
            return html
        return cell_html("{} " + anchor, html, _worker_leave_url(project_pk, worker.pk), leave)

    columns = (
        Column(_("姓名"), _worker_name),
        Column(_("身份证号"), lambda w: shown(w.id_number, privacy.mask_id_number), css="text-nowrap"),
        Column(_("手机号码"), lambda w: shown(w.phone, privacy.mask_phone), css="text-nowrap"),
        Column(
            _("工资卡号"),
            lambda w: _bank_card(w, shown(w.bank_card, privacy.mask_account)),
            css="text-nowrap",
        ),
        Column(_("用工单位"), lambda w: w.employer.name),
        Column(_("班组 / 工种"), lambda w: f"{w.team or NONE} / {w.trade or NONE}"),
        Column(_("劳动合同"), contract),
        Column(_("进场 / 退场"), dates, css="text-nowrap"),
    )
    if may_change:
        columns += (Column("", actions, css="text-nowrap"),)
    return Table(
        columns=columns,
        empty=_("花名册中还没有人员。"),
        row_class=lambda w: "text-muted" if w.left_on else "",
    )


# A project's wage sheets: its Payrolls, newest month first.

_payroll_url = UrlFor("enterprises:payroll_detail")

# The statuses as enterprises/monitoring_partials.html#payroll_status shows them on the other pages.
PAYROLL_STATUS_CSS = {
    "paid": "badge text-bg-success",
    "checked": "badge text-bg-primary",
    "submitted": "badge text-bg-info",
    "draft": "badge text-bg-light border",
}


def _sheet_month(sheet):
    month = link(_payroll_url(sheet.project_id, sheet.pk), short_month(sheet.month))
    if sheet.version <= 1:
        return month
    version = _("第 %(v)s 版") % {"v": sheet.version}
    return joined(month, tag(version, "badge text-bg-light border"))


def _sheet_unpaid(sheet):
    if not sheet.unpaid_workers:
        return amount(sheet.total_unpaid)
    short = _("%(n)s 人未足额") % {"n": sheet.unpaid_workers}
    return cell_html('{}<div class="small">{}</div>', amount(sheet.total_unpaid), short)


PAYROLLS = Table(
    columns=(
        Column(_("工资月份"), _sheet_month),
        Column(
            _("状态"),
            lambda sheet: tag(
                sheet.get_status_display(), PAYROLL_STATUS_CSS.get(sheet.status, "badge text-bg-secondary")
            ),
        ),
        Column(_("人数"), lambda sheet: sheet.worker_count, numeric=True),
        Column(_("应发（元）"), lambda sheet: amount(sheet.total_payable), numeric=True),
        Column(_("实发（元）"), lambda sheet: amount(sheet.total_paid), numeric=True),
        Column(
            _("未发（元）"),
            _sheet_unpaid,
            numeric=True,
            row_css=lambda sheet: "overdue" if sheet.total_unpaid else "",
        ),
        Column(
            _("未经专户（元）"),
            lambda sheet: amount(sheet.total_outside),
            numeric=True,
            row_css=lambda sheet: "near-deadline" if sheet.total_outside else "",
        ),
        Column(
            _("报送 / 发放"),
            lambda sheet: f"{short_date(sheet.submitted_at)} / {short_date(sheet.paid_on)}",
            css="small",
        ),
    ),
    empty=_("还没有工资支付表。"),
    row_class=lambda sheet: "text-muted" if sheet.status == "superseded" else "",
)
