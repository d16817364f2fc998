"""The quarterly bulletin 《劳动保障信息简报》 (DESIGN.md section 6): build, edit, publish, revise, download.

Building is figures → tables and charts → HTML (templates/pdf/bulletin.html) → PDF through WeasyPrint, and the
same tables → the Excel annex. The tables are built once, as rows with `liudong_wages.excel` columns, and
both files print those rows, so the annex cannot disagree with the PDF.

A build claims its bulletin by a conditional UPDATE (idle/done/failed → running) and reports its progress on
the row, which the bulletin page polls. The scheduled job and the page's button meet on the (year, quarter)
unique key, so running the job twice makes one draft.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from liudong_wages import excel, notifications
from liudong_wages.models import MemberUnit, User
from liudong_wages.pdf import html_to_pdf

from .. import charts
from ..figures import Period, PeriodFigures, period_figures
from ..models import Bulletin, BulletinDownload
from ..tasks import build_bulletin

logger = logging.getLogger(__name__)

ISSUER = "柳东新区治理拖欠农民工工资工作领导小组办公室"
# A build that has not moved for this long died with its worker: another may take it over.
STALE_BUILD = dt.timedelta(minutes=15)

BS = Bulletin.BuildStatus


# --- tables: one description for the PDF and the Excel annex --------------------------------------------


@dataclass
class Table:
    key: str
    title: str
    columns: list[excel.Column]
    rows: list[list[Any]]
    note: str = ""

    def cells(self) -> list[list[tuple[str, bool]]]:
        """The rows as the PDF prints them: (text, is a number) for each cell."""
        numeric = [column.kind in (excel.INT, excel.DECIMAL) for column in self.columns]
        return [
            [
                (format_cell(column, value), num)
                for column, value, num in zip(self.columns, row, numeric, strict=True)
            ]
            for row in self.rows
        ]


def format_cell(column: excel.Column, value: Any) -> str:
    if value is None or value == "":
        return "—" if column.kind != excel.TEXT else ""
    if column.kind == excel.DECIMAL:
        return f"{Decimal(value):,.2f}"
    if column.kind == excel.INT:
        return f"{int(value):,}"
    if column.kind == excel.DATE:
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    return str(value)


def _change(now: Any, before: Any) -> str:
    """A change in per cent, as both files print it ("+12.5%", "-3.0%"; "—" without a base)."""
    if before in (None, 0) or now is None:
        return "—"
    percent = (Decimal(now) - Decimal(before)) / Decimal(before) * 100
    return f"{percent:+.1f}%"


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _comparison_columns(figures: PeriodFigures) -> list[excel.Column]:
    return [
        excel.Column("item", _("项目"), width=26),
        excel.Column("current", figures.period.label, excel.DECIMAL, width=16),
        excel.Column("previous", figures.previous.label, excel.DECIMAL, width=16),
        excel.Column("vs_previous", _("环比"), width=10),
        excel.Column("year_ago", figures.year_ago.label, excel.DECIMAL, width=16),
        excel.Column("vs_year_ago", _("同比"), width=10),
    ]


def _comparison_row(label: str, values: list[Any]) -> list[Any]:
    current, previous, year_ago = values
    return [label, current, previous, _change(current, previous), year_ago, _change(current, year_ago)]


def _int_comparison_columns(figures: PeriodFigures) -> list[excel.Column]:
    columns = _comparison_columns(figures)
    for index in (1, 2, 4):
        columns[index] = excel.Column(columns[index].key, columns[index].header, excel.INT, width=14)
    return columns


def bulletin_tables(figures: PeriodFigures) -> list[Table]:
    """The bulletin's tables, in the order of DESIGN.md section 6."""
    c = figures.counters
    cases = figures.cases
    tables = [
        Table(
            "cases_counts",
            _("案件数和人数"),
            _int_comparison_columns(figures),
            [
                _comparison_row(_("新受理案件"), [w.new for w in cases]),
                _comparison_row(_("新受理案件涉及劳动者"), [w.workers for w in cases]),
                _comparison_row(_("办结案件"), [w.closed for w in cases]),
            ],
        ),
        Table(
            "cases_money",
            _("案件涉及金额（元）"),
            _comparison_columns(figures),
            [
                _comparison_row(_("新受理案件欠薪金额"), [w.owed for w in cases]),
                _comparison_row(_("办结案件追回工资"), [w.recovered for w in cases]),
                _comparison_row(_("办结案件欠薪金额"), [w.closed_owed for w in cases]),
            ],
            note=_("追回率（办结案件追回工资占其欠薪金额）：本期 %(now)s，上期 %(prev)s，去年同期 %(ago)s。")
            % {
                "now": _rate(cases[0].recovery_rate),
                "prev": _rate(cases[1].recovery_rate),
                "ago": _rate(cases[2].recovery_rate),
            },
        ),
        Table(
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
        ),
        Table(
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
        ),
        Table(
            "interviews",
            _("约谈和整改（家次）"),
            _int_comparison_columns(figures),
            [
                _comparison_row(_("发出约谈通知"), [c[f"interviews_notified_{i}"] for i in range(3)]),
                _comparison_row(_("实施约谈"), [c[f"interviews_held_{i}"] for i in range(3)]),
                _comparison_row(_("书面报告整改"), [c[f"interviews_rectified_{i}"] for i in range(3)]),
                _comparison_row(_("拒不整改予以处罚"), [c[f"interviews_penalised_{i}"] for i in range(3)]),
            ],
            note=_("截至统计日，约谈后待报送整改 %(awaiting)d 家，其中逾期 %(overdue)d 家。")
            % {"awaiting": c["interviews_awaiting"], "overdue": c["interviews_overdue"]},
        ),
        Table(
            "fund",
            _("周转金收支（元）"),
            _comparison_columns(figures),
            [
                _comparison_row(_("财政拨入"), [w.appropriated for w in figures.fund]),
                _comparison_row(_("垫付"), [w.paid for w in figures.fund]),
                _comparison_row(_("追回"), [w.recovered for w in figures.fund]),
                _comparison_row(_("核销"), [w.written_off for w in figures.fund]),
                _comparison_row(_("期末余额"), [c[f"fund_balance_{i}"] for i in range(3)]),
                _comparison_row(_("期末待收回垫付款"), [c[f"fund_outstanding_{i}"] for i in range(3)]),
            ],
        ),
        _reporting_table(figures),
        Table(
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
        ),
        Table(
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
        ),
        Table(
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
                    "；".join(str(reason) for reason in project.risk_reasons or []),
                ]
                for project in figures.projects_at_risk
            ],
            note=_("本期新开工项目 %(started)d 个，截至统计日在建 %(active)d 个，其中红色风险 %(red)d 个。")
            % {"started": c["projects_started_0"], "active": c["projects_active"], "red": c["projects_red"]},
        ),
    ]
    return tables


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
                _rate(row.timeliness) if periodic else _("随时报送，共%(n)d件") % {"n": row.adhoc_total},
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


def period_charts(figures: PeriodFigures) -> dict[str, str]:
    """The charts the dashboard and the bulletin share."""
    return {
        "cases_by_month": charts.bar_chart(
            [(f"{m.month}月", (new, closed)) for m, new, closed in figures.cases_by_month],
            title=_("案件受理和办结（按月）"),
            series=((_("新受理"), charts.RED), (_("办结"), charts.BLUE)),
            unit=_("件"),
        ),
        "cases_by_industry": charts.horizontal_bar_chart(
            [(row.label, row.windows[0].new) for row in figures.industries],
            title=_("新受理案件（按行业）"),
            unit=_("件"),
            color=charts.RED,
        ),
        "recovery_rate": charts.rate_chart(
            figures.cases[0].recovery_rate, title=_("追回率"), caption=_("办结案件追回工资 / 欠薪金额")
        ),
        "reporting": charts.horizontal_bar_chart(
            [(row.unit_name, row.timeliness) for row in figures.reporting if row.timeliness is not None],
            title=_("成员单位报送及时率"),
            maximum=100,
            percent=True,
            color=charts.GREEN,
            low=80,
        ),
        "fund_by_month": charts.bar_chart(
            [(f"{m.month}月", (paid, recovered)) for m, paid, recovered in figures.fund_by_month],
            title=_("周转金垫付和追回（按月）"),
            series=((_("垫付"), charts.AMBER), (_("追回"), charts.GREEN)),
            unit=_("元"),
        ),
    }


# --- reading and creating --------------------------------------------------------------------------------


def quarter_before(day: dt.date) -> tuple[int, int]:
    """The (year, quarter) that ended most recently before `day`."""
    quarter = (day.month - 1) // 3 + 1
    return (day.year, quarter - 1) if quarter > 1 else (day.year - 1, 4)


def bulletin_for_quarter(*, year: int, quarter: int, by: User | None = None) -> Bulletin:
    """The bulletin of the quarter, created as an empty draft if there is none (the unique key decides)."""
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise ValidationError(_("季度应为 1 至 4，年度应为四位数字。"))
    existing = Bulletin.objects.filter(year=year, quarter=quarter).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Bulletin.objects.create(year=year, quarter=quarter, issue_number=quarter, created_by=by)
    except IntegrityError:  # another process created it a moment ago
        return Bulletin.objects.get(year=year, quarter=quarter)


def _refuse_if_published(bulletin: Bulletin) -> None:
    if bulletin.is_published:
        raise ValidationError(_("简报已发布，不能修改；如需更正，请先建立新的修订版。"))


def bulletin_update_texts(*, bulletin: Bulletin, summary: str, next_quarter_work: str, by: User) -> Bulletin:
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        _refuse_if_published(bulletin)
        bulletin.summary = summary.strip()
        bulletin.next_quarter_work = next_quarter_work.strip()
        bulletin.texts_changed_at = timezone.now()
        bulletin.full_clean()
        bulletin._change_reason = _("修改简报文字")
        bulletin.save(update_fields=["summary", "next_quarter_work", "texts_changed_at", "updated_at"])
    return bulletin


# --- building ---------------------------------------------------------------------------------------------


def _busy() -> Q:
    stale = timezone.now() - STALE_BUILD
    return Q(build_status=BS.QUEUED, build_requested_at__gt=stale) | Q(
        build_status=BS.RUNNING, build_started_at__gt=stale
    )


def bulletin_request_build(*, bulletin: Bulletin, by: User | None) -> bool:
    """Queue a build of the draft; the task starts after the transaction commits. False when a build is
    already queued or running (pressing the button twice starts one build)."""
    _refuse_if_published(bulletin)
    queued = (
        Bulletin.objects.filter(pk=bulletin.pk, status=Bulletin.Status.DRAFT)
        .exclude(_busy())
        .update(
            build_status=BS.QUEUED,
            build_progress=0,
            build_step=_("排队等待生成"),
            build_error="",
            build_requested_by=by,
            build_requested_at=timezone.now(),
        )
    )
    if queued:
        pk = bulletin.pk
        transaction.on_commit(lambda: _enqueue(build_bulletin, pk))
    return bool(queued)


def _enqueue(task, pk: int) -> None:
    try:
        task.delay(pk)
    except Exception:  # the broker is down: say so on the page instead of waiting forever
        logger.warning("Could not enqueue the build of bulletin %s", pk, exc_info=True)
        Bulletin.objects.filter(pk=pk, build_status=BS.QUEUED).update(
            build_status=BS.FAILED, build_error=_("任务队列暂时不可用，请稍后重试。")
        )


def _progress(pk: int, percent: int, step: str) -> None:
    # Outside any transaction: the page polling the row sees each step as it happens.
    Bulletin.objects.filter(pk=pk, build_status=BS.RUNNING).update(build_progress=percent, build_step=step)


def render_bulletin_html(bulletin: Bulletin, figures: PeriodFigures, *, issued_on: dt.date) -> str:
    return render_to_string(
        "pdf/bulletin.html",
        {
            "bulletin": bulletin,
            "figures": figures,
            "c": figures.counters,
            "tables": {table.key: table for table in bulletin_tables(figures)},
            "charts": period_charts(figures),
            "issuer": ISSUER,
            "issued_on": issued_on,
            "units": list(MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER)),
            # Money in the text as in the tables: 80,000.00.
            "owed": f"{figures.cases[0].owed:,.2f}",
            "recovered": f"{figures.cases[0].recovered:,.2f}",
        },
    )


def annex_workbook(figures: PeriodFigures) -> bytes:
    """The Excel annex: one sheet per table, the same rows the PDF prints."""
    buffer = io.BytesIO()
    sheets = [
        excel.Sheet(f"{index + 1}.{table.title}"[:31], table.columns, table.rows)
        for index, table in enumerate(bulletin_tables(figures))
    ]
    excel.write_workbook(sheets, buffer)
    return buffer.getvalue()


def bulletin_build(*, bulletin_id: int, today: dt.date | None = None) -> Bulletin | None:
    """Build the draft's PDF and Excel annex. Returns None when the bulletin is published or another worker
    is building it (nothing is built twice at once)."""
    now = timezone.now()
    today = today or timezone.localdate()
    claimed = (
        Bulletin.objects.filter(pk=bulletin_id, status=Bulletin.Status.DRAFT)
        .exclude(Q(build_status=BS.RUNNING, build_started_at__gt=now - STALE_BUILD))
        .update(
            build_status=BS.RUNNING,
            build_progress=5,
            build_step=_("正在汇总数据"),
            build_started_at=now,
            build_error="",
        )
    )
    if claimed != 1:
        logger.info("Bulletin %s: not built (published, or another build is running)", bulletin_id)
        return None
    bulletin = Bulletin.objects.get(pk=bulletin_id)
    try:
        period = Period.quarter(bulletin.year, bulletin.quarter)
        figures = period_figures(period, today=today, detail=True)
        _progress(bulletin_id, 40, _("正在排版简报"))
        html = render_bulletin_html(bulletin, figures, issued_on=today)
        _progress(bulletin_id, 60, _("正在生成 PDF"))
        pdf = html_to_pdf(html)
        _progress(bulletin_id, 85, _("正在生成 Excel 附表"))
        workbook = annex_workbook(figures)
        _progress(bulletin_id, 95, _("正在保存文件"))
        base = f"{bulletin.slug}-r{bulletin.revision}"
        old = [f for f in (bulletin.pdf_file, bulletin.xlsx_file) if f and f"-r{bulletin.revision}" in f.name]
        for stale_file in old:  # an earlier build of this same revision, never seen by the units
            stale_file.storage.delete(stale_file.name)
        bulletin.pdf_file.save(f"{base}.pdf", ContentFile(pdf), save=False)
        bulletin.xlsx_file.save(f"{base}.xlsx", ContentFile(workbook), save=False)
        Bulletin.objects.filter(pk=bulletin_id, status=Bulletin.Status.DRAFT).update(
            pdf_file=bulletin.pdf_file.name,
            xlsx_file=bulletin.xlsx_file.name,
            build_status=BS.DONE,
            build_progress=100,
            build_step="",
            built_at=timezone.now(),
        )
    except Exception as error:
        logger.exception("Bulletin %s: build failed", bulletin_id)
        Bulletin.objects.filter(pk=bulletin_id).update(
            build_status=BS.FAILED, build_step="", build_error=str(error)[:500] or error.__class__.__name__
        )
        raise
    logger.info(
        "Bulletin %s (%s r%s) built: %d bytes PDF", bulletin_id, bulletin.slug, bulletin.revision, len(pdf)
    )
    bulletin.refresh_from_db()
    return bulletin


def bulletin_build_scheduled(*, today: dt.date) -> Bulletin:
    """The job on the 5th of January, April, July and October: the previous quarter's draft, built once.
    A second run finds the draft built (or being built, or published) and does nothing."""
    year, quarter = quarter_before(today)
    bulletin = bulletin_for_quarter(year=year, quarter=quarter)
    if bulletin.is_published or bulletin.build_status in (BS.DONE, BS.QUEUED, BS.RUNNING):
        logger.info("Bulletin %s: already %s, nothing to build", bulletin.slug, bulletin.build_status)
        return bulletin
    return bulletin_build(bulletin_id=bulletin.pk, today=today) or bulletin


# --- publishing and revising -----------------------------------------------------------------------------


def bulletin_publish(*, bulletin: Bulletin, by: User) -> Bulletin:
    """Publish the draft as built and notify every member unit (once per revision)."""
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        _refuse_if_published(bulletin)
        if not bulletin.build_is_current:
            raise ValidationError(_("请先生成简报（文字修改后须重新生成），确认无误后再发布。"))
        bulletin.status = Bulletin.Status.PUBLISHED
        bulletin.published_at = timezone.now()
        bulletin.published_by = by
        # The PDF carries the date it was built: the date it is issued under.
        bulletin.issued_on = timezone.localdate(bulletin.built_at)
        bulletin.full_clean()
        bulletin._change_reason = _("发布第 %(n)d 版") % {"n": bulletin.revision}
        bulletin.save()
        notifications.notify_units(
            units=MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER),
            kind="bulletin",
            template="bulletin_published",
            context={"bulletin": bulletin, "title": bulletin.title},
            url=bulletin.pdf_url(),
            key=f"bulletin:{bulletin.pk}:r{bulletin.revision}",
        )
    logger.info("Bulletin %s r%s published by %s", bulletin.slug, bulletin.revision, by.pk)
    return bulletin


def bulletin_revise(*, bulletin: Bulletin, by: User, reason: str) -> Bulletin:
    """Open a new revision of a published bulletin: it becomes a draft again, to be rebuilt and published."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("请写明修订理由。"))
    with transaction.atomic():
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        if not bulletin.is_published:
            raise ValidationError(_("只有已发布的简报才需要建立修订版。"))
        bulletin.status = Bulletin.Status.DRAFT
        bulletin.revision += 1
        bulletin.build_status = BS.IDLE
        bulletin.build_progress = 0
        bulletin.published_at = None
        bulletin.published_by = None
        bulletin.issued_on = None
        bulletin._change_reason = _("建立第 %(n)d 版：%(reason)s") % {
            "n": bulletin.revision,
            "reason": reason,
        }
        bulletin.save()
    return bulletin


def bulletin_record_download(*, bulletin: Bulletin, user: User, file_format: str) -> bool:
    """Record a unit's first download of a published bulletin; True if this was the first."""
    if not bulletin.is_published or user.unit_id is None:
        return False
    try:
        with transaction.atomic():
            BulletinDownload.objects.create(
                bulletin=bulletin,
                unit_id=user.unit_id,
                user=user,
                revision=bulletin.revision,
                file_format=file_format,
                downloaded_at=timezone.now(),
            )
    except IntegrityError:  # the unit has it already
        return False
    return True
