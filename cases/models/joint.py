"""Joint handling of a major case (重大事件联合处置制度, 实施方案 二(三)6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import MemberUnit, TimeStampedModel
from liudong_wages.reversing import reverse

from .case import Case


class JointHandling(TimeStampedModel):
    """A special meeting of member units on a major case, convened with the leader's approval."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("待组长批准")
        APPROVED = "approved", _("已批准召开")
        REFUSED = "refused", _("组长未批准")
        ESCALATED = "escalated", _("已报管委会")
        DECIDED = "decided", _("已形成处置方案")

    case = models.ForeignKey(
        Case, verbose_name=_("案件"), on_delete=models.PROTECT, related_name="joint_handlings"
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    reason = models.TextField(_("提请理由"))
    units = models.ManyToManyField(MemberUnit, verbose_name=_("参会单位"), related_name="+")
    meeting_at = models.DateTimeField(_("会议时间"), null=True, blank=True)
    place = models.CharField(_("会议地点"), max_length=200, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("批准时间"), null=True, blank=True)
    approval_note = models.TextField(_("批示意见"), blank=True)
    decision = models.TextField(_("处置方案"), blank=True)
    decided_at = models.DateTimeField(_("形成方案时间"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("重大事件联合处置")
        verbose_name_plural = _("重大事件联合处置")
        permissions = [("approve_jointhandling", _("可批准召开联合处置会议、协调分歧"))]

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("cases:joint", args=[self.pk])


class JointProposal(TimeStampedModel):
    handling = models.ForeignKey(
        JointHandling, verbose_name=_("联合处置"), on_delete=models.CASCADE, related_name="proposals"
    )
    unit = models.ForeignKey(MemberUnit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("处置意见"))

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("单位处置意见")
        verbose_name_plural = _("单位处置意见")

    def __str__(self) -> str:
        return f"{self.unit} {self.text[:20]}"


class JointDisagreement(TimeStampedModel):
    """A point the units did not agree on: settled by the leader or the office, or put to the committee."""

    class Status(models.TextChoices):
        OPEN = "open", _("待协调")
        RESOLVED = "resolved", _("已协调一致")
        ESCALATED = "escalated", _("已上报管委会")
        COMMITTEE_DECIDED = "committee_decided", _("管委会已决定")

    class ResolvedBy(models.TextChoices):
        LEADER = "leader", _("领导小组组长")
        OFFICE = "office", _("领导小组办公室")
        COMMITTEE = "committee", _("管委会")

    handling = models.ForeignKey(
        JointHandling, verbose_name=_("联合处置"), on_delete=models.CASCADE, related_name="disagreements"
    )
    subject = models.CharField(_("分歧事项"), max_length=200)
    positions = models.TextField(_("各方意见和理由"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(_("协调结果"), blank=True)
    resolved_by = models.CharField(_("协调方"), max_length=16, choices=ResolvedBy.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("处置分歧")
        verbose_name_plural = _("处置分歧")

    def __str__(self) -> str:
        return self.subject
