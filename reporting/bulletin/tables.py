"""The bulletin's tables (DESIGN.md section 6): one description, as rows with `liudong_wages.excel` columns,
that the PDF (`reporting.bulletin.pdf`), the Excel annex (`reporting.bulletin.excel`) and the dashboard's
Excel all print, so that they cannot disagree."""

from __future__ import annotations

from django.utils.translation import gettext as _

from liudong_wages import excel

from ..selectors.figures import PeriodFigures
from . import watch_tables
from .columns import (
    Table,
    comparison_columns,
    comparison_row,
    format_cell,
    int_comparison_columns,
    rate_text,
)

__all__ = ["Table", "bulletin_tables", "format_cell"]


def bulletin_tables(figures: PeriodFigures) -> list[Table]:
    """The bulletin's tables, in the order of DESIGN.md section 6, then wage-payment monitoring and the
    platform's clues (sections 11 and 12: after the others, so that the annex's first sheets keep the
    numbers they had in the bulletins published before them)."""
    return [
        _cases_counts_table(figures),
        _cases_money_table(figures),
        _industries_table(figures),
        _inspections_table(figures),
        _interviews_table(figures),
        _fund_table(figures),
        _reporting_table(figures),
        _incidents_table(figures),
        _listings_table(figures),
        _projects_table(figures),
        *watch_tables.watch_tables(figures),
    ]


def _cases_counts_table(figures: PeriodFigures) -> Table:
    cases = figures.cases
    return Table(
        "cases_counts",
        _("案件数和人数"),
        int_comparison_columns(figures),
        [
            comparison_row(_("新受理案件"), [w.new for w in cases]),
            comparison_row(_("新受理案件涉及劳动者"), [w.workers for w in cases]),
            comparison_row(_("办结案件"), [w.closed for w in cases]),
        ],
    )


def _cases_money_table(figures: PeriodFigures) -> Table:
    cases = figures.cases
    return Table(
        "cases_money",
        _("案件涉及金额（元）"),
        comparison_columns(figures),
        [
            comparison_row(_("新受理案件欠薪金额"), [w.owed for w in cases]),
            comparison_row(_("办结案件追回工资"), [w.recovered for w in cases]),
            comparison_row(_("办结案件欠薪金额"), [w.closed_owed for w in cases]),
        ],
        note=_("追回率（办结案件追回工资占其欠薪金额）：本期 %(now)s，上期 %(prev)s，去年同期 %(ago)s。")
        % {
            "now": rate_text(cases[0].recovery_rate),
            "prev": rate_text(cases[1].recovery_rate),
            "ago": rate_text(cases[2].recovery_rate),
        },
    )


def _industries_table(figures: PeriodFigures) -> Table:
    return Table(
        "industries",
        _("分行业案件情况"),
        [
            excel.Column("industry", _("行业"), width=20),
            excel.Column("new", _("新受理（件）"), excel.INT, width=12),
            excel.Column("workers", _("涉及劳动者（人）"), excel.INT, width=14),
            excel.Column("owed", _("欠薪金额（元）"), excel.DECIMAL, width=16),
            excel.Column("closed", _("办结（件）"), excel.INT, width=12),
            excel.Column("recovered", _("追回工资（元）"), excel.DECIMAL, width=16),
            excel.Column("previous", _("上期新受理（件）"), excel.INT, width=14),
            excel.Column("year_ago", _("去年同期新受理（件）"), excel.INT, width=16),
        ],
        [
            [
                row.label,
                row.windows[0].new,
                row.windows[0].workers,
                row.windows[0].owed,
                row.windows[0].closed,
                row.windows[0].recovered,
                row.windows[1].new,
                row.windows[2].new,
            ]
            for row in figures.industries
        ],
    )


def _inspections_table(figures: PeriodFigures) -> Table:
    c = figures.counters
    return Table(
        "inspections",
        _("巡视发现的违法用工"),
        [
            excel.Column("date", _("巡视日期"), excel.DATE, width=12),
            excel.Column("enterprise", _("用人单位"), width=30),
            excel.Column("project", _("工程项目"), width=30),
            excel.Column("findings", _("发现问题"), width=40),
            excel.Column("status", _("整改情况"), width=12),
        ],
        [
            [
                i.inspected_on,
                i.enterprise.name,
                i.project.name if i.project_id else "",
                i.findings,
                i.get_finding_status_display(),
            ]
            for i in figures.inspections_with_findings
        ],
        note=_("本期巡视 %(total)d 次，发现问题 %(findings)d 次。")
        % {"total": c["inspections_0"], "findings": c["inspections_findings_0"]},
    )


def _interviews_table(figures: PeriodFigures) -> Table:
    c = figures.counters
    return Table(
        "interviews",
        _("约谈和整改（家次）"),
        int_comparison_columns(figures),
        [
            comparison_row(_("发出约谈通知"), [c[f"interviews_notified_{i}"] for i in range(3)]),
            comparison_row(_("实施约谈"), [c[f"interviews_held_{i}"] for i in range(3)]),
            comparison_row(_("书面报告整改"), [c[f"interviews_rectified_{i}"] for i in range(3)]),
            comparison_row(_("拒不整改予以处罚"), [c[f"interviews_penalised_{i}"] for i in range(3)]),
        ],
        note=_("截至统计日，约谈后待报送整改 %(awaiting)d 家，其中逾期 %(overdue)d 家。")
        % {"awaiting": c["interviews_awaiting"], "overdue": c["interviews_overdue"]},
    )


def _fund_table(figures: PeriodFigures) -> Table:
    c = figures.counters
    return Table(
        "fund",
        _("周转金收支（元）"),
        comparison_columns(figures),
        [
            comparison_row(_("财政拨入"), [w.appropriated for w in figures.fund]),
            comparison_row(_("垫付"), [w.paid for w in figures.fund]),
            comparison_row(_("追回"), [w.recovered for w in figures.fund]),
            comparison_row(_("核销"), [w.written_off for w in figures.fund]),
            comparison_row(_("期末余额"), [c[f"fund_balance_{i}"] for i in range(3)]),
            comparison_row(_("期末待收回垫付款"), [c[f"fund_outstanding_{i}"] for i in range(3)]),
        ],
    )


def _incidents_table(figures: PeriodFigures) -> Table:
    c = figures.counters
    return Table(
        "incidents",
        _("重大和群体性事件案件"),
        [
            excel.Column("number", _("案件编号"), width=18),
            excel.Column("respondent", _("被投诉单位"), width=30),
            excel.Column("received_on", _("受理日期"), excel.DATE, width=12),
            excel.Column("workers", _("涉及人数"), excel.INT, width=10),
            excel.Column("owed", _("欠薪金额（元）"), excel.DECIMAL, width=16),
            excel.Column("flags", _("类型"), width=16),
            excel.Column("status", _("办理状态"), width=14),
        ],
        [
            [
                case.number,
                case.respondent,
                case.received_on,
                case.worker_count,
                case.total_owed,
                "、".join(
                    str(flag)
                    for flag, on in (
                        (_("重大案件"), case.is_major),
                        (_("群体性风险"), case.mass_incident_risk),
                    )
                    if on
                ),
                case.get_status_display(),
            ]
            for case in figures.major_cases
        ],
        note=_(
            "本期公安预警 %(warnings)d 起（上期 %(warnings_prev)d 起），欠薪上访 %(petitions)d 起（上期 %(petitions_prev)d 起）。"
        )
        % {
            "warnings": c["warnings_0"],
            "warnings_prev": c["warnings_1"],
            "petitions": c["petitions_0"],
            "petitions_prev": c["petitions_1"],
        },
    )


def _listings_table(figures: PeriodFigures) -> Table:
    c = figures.counters
    return Table(
        "listings",
        _("失信名单变化"),
        [
            excel.Column("enterprise", _("用人单位"), width=30),
            excel.Column("status", _("状态"), width=14),
            excel.Column("decided_on", _("列入日期"), excel.DATE, width=12),
            excel.Column("listed_until", _("列入期限至"), excel.DATE, width=12),
            excel.Column("removed_on", _("移出日期"), excel.DATE, width=12),
            excel.Column("amount", _("拖欠金额（元）"), excel.DECIMAL, width=16),
        ],
        [
            [
                listing.enterprise.name,
                listing.get_status_display(),
                listing.decided_on,
                listing.listed_until,
                listing.removed_on,
                listing.amount_owed,
            ]
            for listing in figures.listing_changes
        ],
        note=_(
            "本期新列入 %(listed)d 家，提前移出 %(removed)d 家，期满移出 %(expired)d 家；截至统计日在列 %(now)d 家。"
        )
        % {
            "listed": c["listings_listed_0"],
            "removed": c["listings_removed_0"],
            "expired": c["listings_expired_0"],
            "now": c["listings_in_force"],
        },
    )


def _projects_table(figures: PeriodFigures) -> Table:
    c = figures.counters
    return Table(
        "projects",
        _("风险最高的在建项目"),
        [
            excel.Column("name", _("项目名称"), width=30),
            excel.Column("contractor", _("施工总承包单位"), width=30),
            excel.Column("risk", _("风险等级"), width=10),
            excel.Column("reasons", _("风险原因"), width=40),
        ],
        [
            [
                project.name,
                project.general_contractor.name if project.general_contractor_id else "",
                project.get_risk_display(),
                # Each reason is stored as {"level", "reason"} (enterprises.services.project_risk_refresh).
                "；".join(str(reason["reason"]) for reason in project.risk_reasons or []),
            ]
            for project in figures.projects_at_risk
        ],
        note=_("本期新开工项目 %(started)d 个，截至统计日在建 %(active)d 个，其中红色风险 %(red)d 个。")
        % {"started": c["projects_started_0"], "active": c["projects_active"], "red": c["projects_red"]},
    )


def _reporting_table(figures: PeriodFigures) -> Table:
    months = figures.period.months()
    columns = [
        excel.Column("unit", _("单位"), width=16),
        excel.Column("report", _("报送内容"), width=24),
        *[excel.Column(f"m{m:%Y%m}", f"{m.month}月", width=10) for m in months],
        excel.Column("on_time", _("按时"), excel.INT, width=8),
        excel.Column("late", _("逾期"), excel.INT, width=8),
        excel.Column("missing", _("未报"), excel.INT, width=8),
        excel.Column("rate", _("及时率"), width=10),
    ]
    rows = []
    for row in figures.reporting:
        by_month = {cell.period: cell.label for cell in row.cells}
        periodic = row.adhoc_total is None
        rows.append(
            [
                row.unit_name,
                row.report_title,
                *[by_month.get(m, "") for m in months],
                row.on_time if periodic else None,
                row.late if periodic else None,
                row.missing if periodic else None,
                rate_text(row.timeliness) if periodic else _("随时报送，共%(n)d件") % {"n": row.adhoc_total},
            ]
        )
    return Table(
        "reporting",
        _("成员单位月报报送情况"),
        columns,
        rows,
        note=_(
            "按时：截止日前首次报送；逾期：截止日后报送；未报：已过截止日仍未报送；未到期：尚未到截止日。"
        ),
    )
