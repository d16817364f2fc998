"""Member-unit reports (DESIGN.md sections 3 and 4, "Reporting") and the reminders sent before their deadlines.

A report's type is a code from `reporting.definitions`, not a foreign key: types are defined in code, so
adding one is adding a definition, not a migration. The body is JSON validated against that definition.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import ChoiceLabelsMixin, MemberUnit, TimeStampedModel
from liudong_wages.reversing import reverse

from .. import definitions
from ..definitions import ReportDefinition


class ReportQuerySet(models.QuerySet):
    def submitted(self):
        """Submitted at least once: the unit has reported, whatever the review said since."""
        return self.filter(first_submitted_at__isnull=False)


class Report(TimeStampedModel):
    """One unit's report of one type for one period (the first day of its month or quarter)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已报送")
        ACCEPTED = "accepted", _("已审核")
        RETURNED = "returned", _("已退回")

    unit = models.ForeignKey(
        MemberUnit, verbose_name=_("报送单位"), on_delete=models.PROTECT, related_name="reports"
    )
    report_type = models.CharField(_("报表类型"), max_length=32)
    period = models.DateField(_("报送期间"), help_text=_("期间的第一天：月报为当月1日。"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    body = models.JSONField(_("内容"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("最近报送时间"), null=True, blank=True)
    # "On time" is decided by the first submission: a report returned and sent again stays on time.
    first_submitted_at = models.DateTimeField(_("首次报送时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    return_reason = models.TextField(_("退回理由"), blank=True)
    # Set when the office reopens a locked period for this unit; cleared by the next submission.
    reopened_at = models.DateTimeField(_("重新开放时间"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["body"])

    class Meta:
        ordering = ["-period", "unit__sort_order", "report_type"]
        verbose_name = _("成员单位报表")
        verbose_name_plural = _("成员单位报表")
        permissions = [
            ("submit_report", _("可报送本单位报表")),
            ("review_report", _("可审核（接收或退回）报表")),
            ("reopen_report", _("可重新开放已锁定的报送期间")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "report_type", "period"], name="reporting_report_unique_unit_type_period"
            ),
            models.CheckConstraint(condition=Q(period__day=1), name="reporting_report_period_first_day"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "accepted", "returned"]),
                name="reporting_report_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(first_submitted_at__isnull=False),
                name="reporting_report_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="reporting_report_returned_has_reason",
            ),
        ]
        indexes = [
            # The board and the reminder job read every unit's reports of a range of periods.
            models.Index(fields=["report_type", "period"], name="report_type_period_idx"),
            # The list filters by status, newest period first.
            models.Index(fields=["status", "-period"], name="report_status_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.definition.title} {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:detail", args=[self.pk])

    @property
    def definition(self) -> ReportDefinition:
        return definitions.get(self.report_type)

    @property
    def period_label(self) -> str:
        return self.definition.period_label(self.period)

    @property
    def deadline(self) -> dt.date:
        return self.definition.deadline(self.period)

    @property
    def lock_date(self) -> dt.date:
        return self.definition.lock_date(self.period)

    @property
    def on_time(self) -> bool | None:
        """Whether the first submission came by the deadline; None while never submitted."""
        if self.first_submitted_at is None:
            return None
        return timezone.localdate(self.first_submitted_at) <= self.deadline

    def is_locked(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.reopened_at is None and today > self.lock_date

    @property
    def is_editable_status(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class ReportEvent(ChoiceLabelsMixin, models.Model):
    """The timeline of a report: every state change writes one row, in the same service."""

    class Kind(models.TextChoices):
        CREATED = "created", _("创建草稿")
        SAVED = "saved", _("保存")
        IMPORTED = "imported", _("从 Excel 导入")
        SUBMITTED = "submitted", _("报送")
        ACCEPTED = "accepted", _("审核通过")
        RETURNED = "returned", _("退回")
        REOPENED = "reopened", _("重新开放")
        PROJECT_CREATED = "project_created", _("生成项目")

    report = models.ForeignKey(
        Report, verbose_name=_("报表"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("事件"), max_length=24, choices=Kind.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("报表记录")
        verbose_name_plural = _("报表记录")
        indexes = [
            # The report page's timeline.
            models.Index(fields=["report", "at"], name="report_event_timeline_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class ReminderSent(models.Model):
    """The claim on one reminder: (unit, report type, period, kind) is sent at most once.

    The reminder job inserts this row before it notifies anyone, in the same transaction; a second run, a
    second worker or a restart finds the row (or waits on its insert and then finds it) and sends nothing.
    The director's summary is keyed on the office's unit with the report type left blank.
    """

    class Kind(models.TextChoices):
        BEFORE_5 = "d5", _("截止前5个工作日提醒")
        BEFORE_1 = "d1", _("截止前1个工作日提醒")
        DEADLINE = "d0", _("截止当日提醒")
        OVERDUE = "overdue", _("逾期通知")
        SUMMARY = "summary", _("逾期汇总（报办公室主任）")

    unit = models.ForeignKey(MemberUnit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    report_type = models.CharField(_("报表类型"), max_length=32, blank=True)
    period = models.DateField(_("报送期间"))
    kind = models.CharField(_("类型"), max_length=16)
    deadline = models.DateField(_("截止日期"))
    sent_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("接收人数"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("已发送的报送提醒")
        verbose_name_plural = _("已发送的报送提醒")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "report_type", "period", "kind"], name="reporting_remindersent_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.report_type} {self.period:%Y-%m} {self.kind}"

    @classmethod
    def kind_for_offset(cls, offset: int) -> str:
        """Offsets come from settings; the kind names the offset so each one is its own claim."""
        return f"d{offset}"


class ReportProject(models.Model):
    """A line item of a report that the office turned into an `enterprises.Project`: each item once."""

    report = models.ForeignKey(
        Report, verbose_name=_("报表"), on_delete=models.PROTECT, related_name="projects"
    )
    item_index = models.PositiveSmallIntegerField(_("明细行"))
    project = models.OneToOneField(
        "enterprises.Project",
        verbose_name=_("项目"),
        on_delete=models.PROTECT,
        related_name="source_report_item",
    )
    created_at = models.DateTimeField(_("生成时间"), default=timezone.now)

    class Meta:
        verbose_name = _("由报表生成的项目")
        verbose_name_plural = _("由报表生成的项目")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "item_index"], name="reporting_reportproject_unique_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}#{self.item_index + 1} → {self.project_id}"
