"""The quarterly bulletin 《劳动保障信息简报》 (DESIGN.md section 6) and who downloaded it.

One row per year and quarter: the scheduled job and the page's "build" button both land on it, so a job run
twice still makes one draft. The built files (PDF and Excel annex) go through Django's storage. A published
bulletin is frozen: changing it means opening a new revision (`reporting.bulletin.bulletin_revise`), which
is recorded in the history and sent to the units again when published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import MemberUnit, TimeStampedModel
from liudong_wages.reversing import reverse


def bulletin_upload_to(instance: Bulletin, filename: str) -> str:
    # The revision is in the name, so a new revision never overwrites the file a unit already downloaded.
    return f"bulletins/{instance.year}/{filename}"


class Bulletin(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    class BuildStatus(models.TextChoices):
        IDLE = "idle", _("尚未生成")
        QUEUED = "queued", _("排队等待生成")
        RUNNING = "running", _("正在生成")
        DONE = "done", _("已生成")
        FAILED = "failed", _("生成失败")

    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    issue_number = models.PositiveSmallIntegerField(_("期号"), help_text=_("当年第几期。"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveSmallIntegerField(_("修订版次"), default=1)
    summary = models.TextField(_("本季度工作综述"), blank=True)
    next_quarter_work = models.TextField(_("下季度工作安排"), blank=True)
    texts_changed_at = models.DateTimeField(_("文字修改时间"), null=True, blank=True)

    build_status = models.CharField(
        _("生成状态"), max_length=16, choices=BuildStatus.choices, default=BuildStatus.IDLE
    )
    build_progress = models.PositiveSmallIntegerField(_("生成进度（%）"), default=0)
    build_step = models.CharField(_("当前步骤"), max_length=100, blank=True)
    build_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请生成人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    build_requested_at = models.DateTimeField(_("申请生成时间"), null=True, blank=True)
    build_started_at = models.DateTimeField(_("开始生成时间"), null=True, blank=True)
    built_at = models.DateTimeField(_("生成完成时间"), null=True, blank=True)
    build_error = models.TextField(_("生成失败原因"), blank=True)
    pdf_file = models.FileField(_("简报 PDF"), upload_to=bulletin_upload_to, blank=True, max_length=200)
    xlsx_file = models.FileField(_("附表 Excel"), upload_to=bulletin_upload_to, blank=True, max_length=200)

    issued_on = models.DateField(_("印发日期"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # The build's progress changes many times a minute: it is not history.
    history = HistoricalRecords(
        excluded_fields=[
            "build_status",
            "build_progress",
            "build_step",
            "build_requested_at",
            "build_started_at",
            "build_error",
        ]
    )

    class Meta:
        ordering = ["-year", "-quarter"]
        verbose_name = _("劳动保障信息简报")
        verbose_name_plural = _("劳动保障信息简报")
        permissions = [
            ("publish_bulletin", _("可发布简报")),
            # The director's dashboard reads every app; it has no model of its own, so its right lives here.
            ("view_dashboard", _("可查看主任驾驶舱")),
        ]
        constraints = [
            # The scheduled job and the build button meet on this key: one bulletin per quarter.
            models.UniqueConstraint(fields=["year", "quarter"], name="reporting_bulletin_unique_quarter"),
            models.UniqueConstraint(fields=["year", "issue_number"], name="reporting_bulletin_unique_issue"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="reporting_bulletin_quarter_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="reporting_bulletin_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(build_progress__lte=100), name="reporting_bulletin_progress_percent"
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(published_at__isnull=False, issued_on__isnull=False) & ~Q(pdf_file="")),
                name="reporting_bulletin_published_has_file",
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("reporting:bulletin", args=[self.year, self.quarter])

    @property
    def title(self) -> str:
        return _("%(year)d年第%(issue)d期（%(year)d年第%(quarter)d季度）") % {
            "year": self.year,
            "issue": self.issue_number,
            "quarter": self.quarter,
        }

    @property
    def slug(self) -> str:
        return f"{self.year}q{self.quarter}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_building(self) -> bool:
        return self.build_status in (self.BuildStatus.QUEUED, self.BuildStatus.RUNNING)

    @property
    def build_is_current(self) -> bool:
        """The files were built after the last change of the texts: what publishing sends is what was read."""
        if self.build_status != self.BuildStatus.DONE or self.built_at is None or not self.pdf_file:
            return False
        return self.texts_changed_at is None or self.built_at >= self.texts_changed_at

    def pdf_url(self) -> str:
        return reverse("reporting:bulletin_pdf", args=[self.year, self.quarter])

    def xlsx_url(self) -> str:
        return reverse("reporting:bulletin_xlsx", args=[self.year, self.quarter])


class BulletinDownload(models.Model):
    """A member unit's first download of a bulletin: the office sees which units have it."""

    bulletin = models.ForeignKey(
        Bulletin, verbose_name=_("简报"), on_delete=models.CASCADE, related_name="downloads"
    )
    unit = models.ForeignKey(MemberUnit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("下载人"), on_delete=models.PROTECT, related_name="+"
    )
    revision = models.PositiveSmallIntegerField(_("修订版次"))
    file_format = models.CharField(_("格式"), max_length=8)
    downloaded_at = models.DateTimeField(_("首次下载时间"))

    class Meta:
        ordering = ["bulletin", "downloaded_at"]
        verbose_name = _("简报下载记录")
        verbose_name_plural = _("简报下载记录")
        constraints = [
            # Only the first download per unit counts: a second one, or two at the same moment, adds nothing.
            models.UniqueConstraint(fields=["bulletin", "unit"], name="reporting_bulletindownload_first"),
        ]

    def __str__(self) -> str:
        return f"{self.bulletin_id} {self.unit_id} {self.downloaded_at:%Y-%m-%d %H:%M}"
