"""Clues (欠薪线索) from the national 根治欠薪线索反映平台, imported from its Excel export (DESIGN.md section 12)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import ChoiceLabelsMixin, TimeStampedModel
from liudong_wages.money import MONEY
from liudong_wages.reversing import reverse

from .case import Case


class ClueColumn(ChoiceLabelsMixin, models.Model):
    """Which header of the platform's export fills which field of a clue. The platform renames its columns
    now and then: the office changes the header here (in the admin), not in the code."""

    class Field(models.TextChoices):
        PLATFORM_NUMBER = "platform_number", _("线索编号")
        REPORTED_ON = "reported_on", _("反映日期")
        REPORTER_NAME = "reporter_name", _("反映人")
        REPORTER_ID_NUMBER = "reporter_id_number", _("反映人身份证号")
        REPORTER_PHONE = "reporter_phone", _("反映人电话")
        EMPLOYER_NAME = "employer_name", _("被反映单位")
        PROJECT_NAME = "project_name", _("项目名称")
        REGION = "region", _("所属地区")
        AMOUNT = "amount", _("欠薪金额")
        WORKER_COUNT = "worker_count", _("涉及人数")
        PERIOD = "period", _("欠薪期间")
        DESCRIPTION = "description", _("反映内容")

    field = models.CharField(_("线索字段"), max_length=24, choices=Field.choices, unique=True)
    header = models.CharField(_("平台表头"), max_length=64, unique=True)
    required = models.BooleanField(_("必须有此列"), default=False)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("线索导入列")
        verbose_name_plural = _("线索导入列")

    def __str__(self) -> str:
        return f"{self.header} → {self.get_field_display()}"


class ClueQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Clue.Status.OPEN)

    def overdue(self, *, on):
        return self.open().filter(answer_due__lt=on)


class Clue(TimeStampedModel):
    """One clue: answered by opening a case (the reporter's claim carried) or closed with a reason."""

    class Status(models.TextChoices):
        OPEN = "open", _("待核查")
        CASE = "case", _("已转立案件")
        CLOSED = "closed", _("已办结")

    platform_number = models.CharField(_("线索编号"), max_length=64, unique=True)
    reported_on = models.DateField(_("反映日期"))
    reporter_name = models.CharField(_("反映人"), max_length=64)
    reporter_id_number = models.CharField(_("反映人身份证号"), max_length=18, blank=True)
    reporter_phone = models.CharField(_("反映人电话"), max_length=32, blank=True)
    employer_name = models.CharField(_("被反映单位"), max_length=200)
    project_name = models.CharField(_("项目名称"), max_length=200, blank=True)
    region = models.CharField(_("所属地区"), max_length=64, blank=True)
    amount = models.DecimalField(_("欠薪金额"), **MONEY)
    worker_count = models.PositiveIntegerField(_("涉及人数"), default=1)
    period = models.CharField(_("欠薪期间"), max_length=64, blank=True)
    description = models.TextField(_("反映内容"), blank=True)

    imported_on = models.DateField(_("导入日期"))
    answer_due = models.DateField(_("反馈期限"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.OPEN)
    case = models.ForeignKey(
        Case,
        verbose_name=_("转立案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clues",
    )
    answer = models.TextField(_("办理情况"), blank=True)
    answered_on = models.DateField(_("办结日期"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ClueQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_on", "-id"]
        verbose_name = _("欠薪线索")
        verbose_name_plural = _("欠薪线索")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="cases_clue_amount_not_negative"),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(answer=""), name="cases_clue_closed_has_reason"
            ),
        ]
        indexes = [
            # /cases/clues/ (default order) and its status filter; the start page's open clues by due date.
            models.Index(fields=["status", "answer_due"], name="clue_status_due_idx"),
            models.Index(fields=["-imported_on", "-id"], name="clue_imported_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.platform_number} {self.employer_name}"

    def get_absolute_url(self) -> str:
        return reverse("cases:clue", args=[self.pk])
