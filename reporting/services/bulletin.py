"""The quarterly bulletin 《劳动保障信息简报》 (DESIGN.md section 6): build, edit, publish, revise, download.

Building is figures (`selectors.figures`) → tables (`reporting.bulletin.tables`) → HTML with the charts
(`bulletin.pdf`) → PDF through WeasyPrint, and the same tables → the Excel annex (`bulletin.excel`). The
tables are built once per build and both files print those rows, so the annex cannot disagree with the PDF.

A build claims its bulletin by a conditional UPDATE (idle/done/failed → running) and reports its progress on
the row, which the bulletin page polls. The scheduled job and the page's button meet on the (year, quarter)
unique key, so running the job twice makes one draft.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from liudong_wages import notifications
from liudong_wages.models import MemberUnit, User
from liudong_wages.pdf import html_to_pdf

from ..bulletin.excel import annex_workbook
from ..bulletin.pdf import render_bulletin_html
from ..bulletin.tables import bulletin_tables
from ..bulletin.tables import format_cell as format_cell  # re-exported: how both files print a cell
from ..models import Bulletin, BulletinDownload
from ..periods import Period
from ..selectors.figures import period_figures
from ..tasks import build_bulletin

logger = logging.getLogger(__name__)

# A build that has not moved for this long died with its worker: another may take it over.
STALE_BUILD = dt.timedelta(minutes=15)

BS = Bulletin.BuildStatus


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
        tables = bulletin_tables(figures)
        html = render_bulletin_html(bulletin, figures, tables, issued_on=today)
        _progress(bulletin_id, 60, _("正在生成 PDF"))
        pdf = html_to_pdf(html)
        _progress(bulletin_id, 85, _("正在生成 Excel 附表"))
        workbook = annex_workbook(tables)
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
