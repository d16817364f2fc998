"""Interviews of legal representatives (问题企业法人约谈制度, 实施方案 二(三)3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.due_dates import ReminderClaim
from liudong_wages.models import ChoiceLabelsMixin, TimeStampedModel
from liudong_wages.reversing import reverse

from .case import Case


class InterviewQuerySet(models.QuerySet):
    def rectification_overdue(self, *, on):
        return self.filter(status=Interview.Status.HELD, rectification_due__lt=on)


class Interview(TimeStampedModel):
    """An administrative interview (行政约谈) of an enterprise's legal representative.

    The record fields follow the order of the source: the main interviewer states the case; the interviewee
    answers; the enterprise hands over its employment records and explains the facts and its view of them;
    the main interviewer states the violations, the intended penalty, the rectification and the responsibilities.
    """

    class Status(models.TextChoices):
        NOTIFIED = "notified", _("已通知")
        HELD = "held", _("已约谈，待整改")
        RECTIFIED = "rectified", _("已书面报告整改")
        PENALISED = "penalised", _("拒不整改，已处罚")
        CANCELLED = "cancelled", _("已取消")

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("被约谈企业"),
        on_delete=models.PROTECT,
        related_name="interviews",
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("关联案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interviews",
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.NOTIFIED)
    notice_number = models.CharField(_("通知书文号"), max_length=64)
    notice_date = models.DateField(_("通知日期"))
    legal_rep_name = models.CharField(_("法定代表人"), max_length=32)
    scheduled_at = models.DateTimeField(_("约谈时间"))
    place = models.CharField(_("约谈地点"), max_length=200)
    matters = models.TextField(_("约谈事项"))
    materials = models.TextField(_("须携带的材料"))
    main_interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("主谈人"), on_delete=models.PROTECT, related_name="+"
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("约谈小组成员"), related_name="interview_teams", blank=True
    )

    held_at = models.DateTimeField(_("实际约谈时间"), null=True, blank=True)
    attendees = models.CharField(_("被约谈方到场人员"), max_length=200, blank=True)
    record_case_statement = models.TextField(_("一、主谈人通报案情及相关情况"), blank=True)
    record_answers = models.TextField(_("二、被约谈人如实回答问题"), blank=True)
    record_materials = models.TextField(_("三、提交的劳动用工材料"), blank=True)
    record_explanation = models.TextField(_("四、事情经过及对违法行为的认识"), blank=True)
    record_violations = models.TextField(_("五、指出的违法违规及存在问题"), blank=True)
    record_intended_penalty = models.TextField(_("六、拟作出的处罚"), blank=True)
    record_rectification = models.TextField(_("七、整改意见"), blank=True)
    record_responsibilities = models.TextField(_("八、应承担的责任"), blank=True)
    rectification_due = models.DateField(_("整改报告期限"), null=True, blank=True)

    report_received_on = models.DateField(_("整改报告收到日期"), null=True, blank=True)
    report_summary = models.TextField(_("整改情况"), blank=True)

    penalty_decision_number = models.CharField(_("处罚决定书文号"), max_length=64, blank=True)
    penalty_decided_on = models.DateField(_("处罚决定日期"), null=True, blank=True)
    penalty_content = models.TextField(_("处罚内容"), blank=True)

    history = HistoricalRecords()
    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_at", "-id"]
        verbose_name = _("法人约谈")
        verbose_name_plural = _("法人约谈")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="held") | Q(rectification_due__isnull=False),
                name="cases_interview_held_has_due_date",
            ),
        ]
        indexes = [
            # /cases/interviews/ default order (latest first).
            models.Index(fields=["-scheduled_at", "-id"], name="interview_scheduled_idx"),
            # The daily job that warns of rectification reports coming due.
            models.Index(fields=["rectification_due"], condition=Q(status="held"), name="interview_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.notice_number} {self.enterprise}"

    def get_absolute_url(self) -> str:
        return reverse("cases:interview", args=[self.pk])

    RECORD_FIELDS = (
        "record_case_statement",
        "record_answers",
        "record_materials",
        "record_explanation",
        "record_violations",
        "record_intended_penalty",
        "record_rectification",
        "record_responsibilities",
    )

    def record_sections(self) -> list[tuple[str, str]]:
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in self.RECORD_FIELDS]


class RectificationReminderSent(ChoiceLabelsMixin, ReminderClaim):
    """The claim on one reminder of an interview's rectification report: (interview, kind) is sent at most once.
    The daily job (`cases.services.reminders`) inserts this row before it notifies anyone, in the same
    transaction: a second run, or a second worker, finds it and sends nothing."""

    interview = models.ForeignKey(
        Interview, verbose_name=_("法人约谈"), on_delete=models.CASCADE, related_name="reminders"
    )

    class Meta(ReminderClaim.Meta):
        verbose_name = _("已发送的整改报告提醒")
        verbose_name_plural = _("已发送的整改报告提醒")
        constraints = [
            models.UniqueConstraint(fields=["interview", "kind"], name="cases_rectificationreminder_unique"),
        ]

    def __str__(self) -> str:
        return f"interview {self.interview_id} {self.kind}"
