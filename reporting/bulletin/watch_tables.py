"""The bulletin's sections of issues 17 and 18 (DESIGN.md sections 11 and 12): wage-payment monitoring, from
the monitoring list's own figures of each quarter (`enterprises` `quarter_figures`), and the national
platform's clues, counted apart from the complaints. A period that is not a quarter (the dashboard's Excel
of a month) has no monitoring tables."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..selectors.figures import PeriodFigures
from .columns import Table, comparison_columns, comparison_row, int_comparison_columns


def watch_tables(figures: PeriodFigures) -> list[Table]:
    tables = []
    if figures.monitoring_quarters:
        tables += [_monitoring_counts_table(figures), _monitoring_money_table(figures)]
    tables.append(_clues_table(figures))
    return tables


def _rate(value) -> str:
    return "—" if value is None else f"{value}%"


def _monitoring_counts_table(figures: PeriodFigures) -> Table:
    quarters = figures.monitoring_quarters
    m = figures.monitoring

    def row(label: str, attribute: str) -> list:
        return comparison_row(label, [getattr(q, attribute) for q in quarters])

    return Table(
        "monitoring_counts",
        _("在建项目工资支付监控"),
        int_comparison_columns(figures),
        [
            row(_("纳入监控的在建项目（个）"), "projects_monitored"),
            row(_("应报送工资支付表（份）"), "sheets_due"),
            row(_("按期报送（份）"), "sheets_on_time"),
            row(_("逾期报送（份）"), "sheets_late"),
            row(_("未报送（份）"), "sheets_missing"),
            row(_("新发工资支付预警（条）"), "warnings_raised"),
            row(_("其中升为红色（条）"), "warnings_red"),
            row(_("解除预警（条）"), "warnings_closed"),
            row(_("工资支付表未足额发放（人次）"), "workers_unpaid"),
        ],
        note=_(
            "工资支付表按期报送率：本期 %(now)s，上期 %(prev)s，去年同期 %(ago)s。截至统计日，未解除预警 "
            "%(open)d 条（红色 %(red)d 条，黄色 %(yellow)d 条），涉及 %(projects)d 个项目。"
        )
        % {
            "now": _rate(quarters[0].on_time_rate),
            "prev": _rate(quarters[1].on_time_rate),
            "ago": _rate(quarters[2].on_time_rate),
            "open": m["total"],
            "red": m["red"],
            "yellow": m["yellow"],
            "projects": m["projects"],
        },
    )


def _monitoring_money_table(figures: PeriodFigures) -> Table:
    quarters = figures.monitoring_quarters
    return Table(
        "monitoring_money",
        _("工资支付表金额（元）"),
        comparison_columns(figures),
        [
            comparison_row(_("应发工资"), [q.amount_payable for q in quarters]),
            comparison_row(_("实发工资"), [q.amount_paid for q in quarters]),
            comparison_row(_("未足额发放"), [q.amount_unpaid for q in quarters]),
        ],
        note=_("按本季度各月在用的工资支付表（不含草稿）汇总。"),
    )


def _clues_table(figures: PeriodFigures) -> Table:
    c = figures.counters

    def row(label: str, name: str) -> list:
        return comparison_row(label, [c[f"{name}_{i}"] for i in range(3)])

    return Table(
        "clues",
        _("全国根治欠薪线索反映平台线索办理（条）"),
        int_comparison_columns(figures),
        [
            row(_("收到线索"), "clues_received"),
            row(_("转立案件"), "clues_to_case"),
            row(_("说明理由办结"), "clues_closed"),
            row(_("按期反馈"), "clues_on_time"),
            row(_("逾期反馈"), "clues_late"),
            row(_("期末逾期未反馈"), "clues_overdue_at_end"),
        ],
        note=_(
            "线索单独统计，不含来访和网上投诉；转立的案件已计入第一部分的新受理案件。截至统计日待核查线索 "
            "%(open)d 条，其中已过反馈期限 %(overdue)d 条。"
        )
        % {"open": c["clues_open"], "overdue": c["clues_overdue"]},
    )
