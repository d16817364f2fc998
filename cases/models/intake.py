"""What comes in before a case: petitions from the stability office, police early warnings, public reports."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import ChoiceLabelsMixin, Recorded, TimeStampedModel
from liudong_wages.money import MONEY
from liudong_wages.reversing import reverse

from .case import Case


class Petition(TimeStampedModel):
    """A wage-arrears petition (欠薪上访) passed on at once by the stability office (综治办)."""

    received_on = models.DateField(_("上访日期"))
    petitioner_name = models.CharField(_("上访人"), max_length=64)
    petitioner_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    people_count = models.PositiveIntegerField(_("上访人数"), default=1)
    employer_name = models.CharField(_("欠薪单位"), max_length=200)
    project_name = models.CharField(_("工程项目"), max_length=200, blank=True)
    amount_claimed = models.DecimalField(_("反映欠薪金额"), **MONEY, null=True, blank=True)
    summary = models.TextField(_("反映情况"))
    case = models.ForeignKey(
        Case,
        verbose_name=_("关联案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("欠薪上访")
        verbose_name_plural = _("欠薪上访")
        indexes = [
            # adhoc_report_counts for the reporting board counts by month.
            models.Index(fields=["received_on"], name="petition_received_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.received_on} {self.employer_name}"

    def get_absolute_url(self) -> str:
        return reverse("cases:petition", args=[self.pk])


class PoliceWarning(TimeStampedModel):
    """An early warning of a major wage dispute (预警信息) from the police liaison (柳东公安分局)."""

    class Level(models.TextChoices):
        NORMAL = "normal", _("一般")
        SERIOUS = "serious", _("较大")
        MAJOR = "major", _("重大")

    reported_on = models.DateField(_("预警日期"))
    level = models.CharField(_("预警级别"), max_length=16, choices=Level.choices, default=Level.NORMAL)
    employer_name = models.CharField(_("涉事单位"), max_length=200)
    project_name = models.CharField(_("工程项目"), max_length=200, blank=True)
    location = models.CharField(_("地点"), max_length=200, blank=True)
    people_count = models.PositiveIntegerField(_("涉及人数"), default=0)
    summary = models.TextField(_("预警内容"))
    feedback = models.TextField(_("处置后反馈"), blank=True)
    case = models.ForeignKey(
        Case,
        verbose_name=_("关联案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="warnings",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("公安预警")
        verbose_name_plural = _("公安预警")
        indexes = [
            # adhoc_report_counts for the reporting board counts by month.
            models.Index(fields=["reported_on"], name="policewarning_reported_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reported_on} {self.employer_name}"

    def get_absolute_url(self) -> str:
        return reverse("cases:warning", args=[self.pk])


# Letters and digits a reporter can read out on the phone without confusion (no 0/O, 1/I/L).
TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


class PublicReport(ChoiceLabelsMixin, Recorded, models.Model):
    """A report of unpaid wages from the public form at /report/ (no login), followed by its tracking code."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提交，待处理")
        ACCEPTED = "accepted", _("已受理")
        REJECTED = "rejected", _("不予受理")

    tracking_code = models.CharField(_("查询码"), max_length=16, unique=True, default=new_tracking_code)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    reporter_name = models.CharField(_("姓名"), max_length=32)
    reporter_id_number = models.CharField(_("身份证号"), max_length=18)
    reporter_phone = models.CharField(_("手机号码"), max_length=20)
    employer_name = models.CharField(_("欠薪单位"), max_length=200)
    project_name = models.CharField(_("工程项目或工作地点"), max_length=200, blank=True)
    amount_owed = models.DecimalField(_("欠薪金额（元）"), **MONEY)
    period_start = models.DateField(_("欠薪起始月份"))
    period_end = models.DateField(_("欠薪截止月份"))
    worker_count = models.PositiveIntegerField(_("被欠薪人数"))
    description = models.TextField(_("情况说明"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    accept_due = models.DateField(_("受理期限"))
    answer_due = models.DateField(_("答复期限"))
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reply = models.TextField(_("答复内容"), blank=True, help_text=_("举报人凭查询码可以看到。"))
    case = models.ForeignKey(
        Case,
        verbose_name=_("关联案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_reports",
    )

    history = HistoricalRecords(excluded_fields=["ip_address"])

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("网上举报")
        verbose_name_plural = _("网上举报")
        constraints = [
            models.CheckConstraint(condition=Q(amount_owed__gt=0), name="cases_publicreport_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reply=""), name="cases_publicreport_reject_has_reason"
            ),
        ]
        indexes = [
            # The rate limit counts recent reports from one address.
            models.Index(fields=["ip_address", "submitted_at"], name="publicreport_ip_idx"),
            # The office's queue of reports waiting for a decision.
            models.Index(fields=["status", "submitted_at"], name="publicreport_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.employer_name}"

    def get_absolute_url(self) -> str:
        return reverse("cases:public_report", args=[self.pk])
