"""A member unit hands a wage-arrears matter to the office (实施方案 三(二)): the office accepts it into a case
or returns it with a reason, and the unit sees the outcome on its own pages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import TimeStampedModel
from liudong_wages.money import MONEY
from liudong_wages.reversing import reverse

from .case import Case


class CaseHandover(TimeStampedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已移交，待办公室处理")
        ACCEPTED = "accepted", _("已受理立案")
        RETURNED = "returned", _("已退回")

    unit = models.ForeignKey(
        "liudong_wages.MemberUnit", verbose_name=_("移交单位"), on_delete=models.PROTECT, related_name="+"
    )
    employer_name = models.CharField(_("欠薪单位"), max_length=200)
    project_name = models.CharField(_("工程项目"), max_length=200, blank=True)
    worker_count = models.PositiveIntegerField(_("涉及人数"))
    amount = models.DecimalField(_("欠薪金额"), **MONEY)
    period_start = models.DateField(_("欠薪起始日期"))
    period_end = models.DateField(_("欠薪截止日期"))
    summary = models.TextField(_("情况说明"))
    contact_name = models.CharField(_("劳动者代表"), max_length=64, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=32, blank=True)

    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    case = models.ForeignKey(
        Case,
        verbose_name=_("立案案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handovers",
    )
    return_reason = models.TextField(_("退回理由"), blank=True)
    decided_on = models.DateField(_("处理日期"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("成员单位移交")
        verbose_name_plural = _("成员单位移交")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="cases_casehandover_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="cases_casehandover_return_reason",
            ),
        ]
        indexes = [
            # A unit's own hand-overs, and the office's queue by status.
            models.Index(fields=["unit", "-created_at"], name="casehandover_unit_idx"),
            models.Index(fields=["status", "-created_at"], name="casehandover_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.employer_name}"

    def get_absolute_url(self) -> str:
        return reverse("cases:handover", args=[self.pk])
