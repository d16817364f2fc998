"""(Over 400 lines: the meeting workflow's models and their event logs, which refer to each other.)

Leading-group meetings, their minutes and the supervision of what they agreed (实施方案 二(三)1 定期召开工作
领导小组会议制度; 三(一) 督查考核; DESIGN.md section 4, "Meetings").

A meeting has one set of minutes. The minutes go draft → circulated to the attending units, who each confirm or
comment → final (locked) → issued to every member unit and filed with the Party working committee. Agreed items
(议定事项) are rows of the minutes; each can become a supervision task (督办) of a unit, tracked to completion.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.due_dates import ReminderClaim
from liudong_wages.models import ChoiceLabelsMixin, MemberUnit, Recorded, TimeStampedModel
from liudong_wages.reversing import reverse


def _user_fk(verbose_name, **kwargs) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name="+",
        **{"null": True, "blank": True, **kwargs},
    )


class Meeting(TimeStampedModel):
    """A meeting of all or some member units, convened by the group leader (实施方案 二(三)1)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("季度例会")
        AD_HOC = "ad_hoc", _("临时会议")
        SPECIAL = "special", _("重大案件专题会议")

    kind = models.CharField(_("会议类型"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(_("会议名称"), max_length=200)
    date = models.DateField(_("会议日期"))
    place = models.CharField(_("会议地点"), max_length=200)
    convener = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("召集人"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("关联重大案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    units = models.ManyToManyField(MemberUnit, verbose_name=_("参会单位"), related_name="meetings")
    attendees = models.TextField(_("参会人员"), blank=True)
    agenda = models.TextField(_("会议议题"))

    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("领导小组会议")
        verbose_name_plural = _("领导小组会议")
        permissions = [("manage_meeting", _("可召集会议，起草、分发、定稿和印发会议纪要"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["regular", "ad_hoc", "special"]), name="reporting_meeting_kind_valid"
            ),
            # Only a special meeting is about one major case.
            models.CheckConstraint(
                condition=Q(kind="special") | Q(case__isnull=True), name="reporting_meeting_case_only_special"
            ),
        ]
        indexes = [
            # The meeting list, newest first.
            models.Index(fields=["-date"], name="meeting_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:meeting", args=[self.pk])


class Minutes(TimeStampedModel):
    """The minutes (会议纪要) of one meeting: they confirm what the meeting agreed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        CIRCULATED = "circulated", _("征求与会单位意见")
        FINAL = "final", _("已定稿")
        ISSUED = "issued", _("已印发")

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="minutes"
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    number = models.CharField(_("纪要文号"), max_length=64, blank=True)
    text = models.TextField(_("纪要正文"), blank=True)
    # Raised each time the office changes circulated minutes: units confirm one revision, and a change asks them
    # again (the notification's key names the revision, so each revision is announced once).
    revision = models.PositiveSmallIntegerField(_("修订次数"), default=0)
    circulated_at = models.DateTimeField(_("分发时间"), null=True, blank=True)
    finalized_at = models.DateTimeField(_("定稿时间"), null=True, blank=True)
    issued_at = models.DateTimeField(_("印发时间"), null=True, blank=True)
    issued_by = _user_fk(_("印发人"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("会议纪要")
        verbose_name_plural = _("会议纪要")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "circulated", "final", "issued"]),
                name="reporting_minutes_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="issued") | (Q(issued_at__isnull=False) & ~Q(number="")),
                name="reporting_minutes_issued_has_number",
            ),
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="reporting_minutes_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting.title} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:meeting", args=[self.meeting_id])

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.CIRCULATED)

    @property
    def is_locked(self) -> bool:
        return self.status in (self.Status.FINAL, self.Status.ISSUED)


class AgreedItem(models.Model):
    """One agreed item (议定事项) of the minutes, with the unit that leads on it and when it is due."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("会议纪要"), on_delete=models.CASCADE, related_name="items"
    )
    number = models.PositiveSmallIntegerField(_("序号"))
    text = models.TextField(_("议定事项"))
    unit = models.ForeignKey(
        MemberUnit,
        verbose_name=_("牵头单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("完成时限"), null=True, blank=True)

    class Meta:
        ordering = ["minutes", "number"]
        verbose_name = _("议定事项")
        verbose_name_plural = _("议定事项")
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="reporting_agreeditem_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"


class MinutesConfirmation(ChoiceLabelsMixin, Recorded, models.Model):
    """One attending unit's answer to circulated minutes (经与会单位同意后印发): confirmed, or commented.

    When a unit does not answer, the office may record that it goes ahead without it, with its reason.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        CONFIRMED = "confirmed", _("已确认")
        COMMENTED = "commented", _("提出意见")
        OVERRIDDEN = "overridden", _("办公室确认（未答复）")

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("会议纪要"), on_delete=models.CASCADE, related_name="confirmations"
    )
    unit = models.ForeignKey(
        MemberUnit, verbose_name=_("与会单位"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING)
    comment = models.TextField(_("意见"), blank=True)
    override_reason = models.TextField(_("办公室确认理由"), blank=True)
    by = _user_fk(_("答复人"))
    at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["minutes", "unit__sort_order"]
        verbose_name = _("纪要确认")
        verbose_name_plural = _("纪要确认")
        permissions = [("override_minutesconfirmation", _("可在与会单位未答复时确认纪要（须说明理由）"))]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "unit"], name="reporting_minutesconfirmation_once"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "confirmed", "commented", "overridden"]),
                name="reporting_minutesconfirmation_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="commented") | ~Q(comment=""),
                name="reporting_minutesconfirmation_comment_has_text",
            ),
            models.CheckConstraint(
                condition=~Q(status="overridden") | ~Q(override_reason=""),
                name="reporting_minutesconfirmation_override_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:meeting", args=[self.minutes.meeting_id])

    @property
    def settled(self) -> bool:
        """Whether this unit no longer holds up the final version."""
        return self.status in (self.Status.CONFIRMED, self.Status.OVERRIDDEN)


class MeetingEvent(ChoiceLabelsMixin, models.Model):
    """The timeline of a meeting and its minutes: every state change writes one row, in the same service."""

    class Kind(models.TextChoices):
        CREATED = "created", _("登记会议")
        MINUTES_SAVED = "minutes_saved", _("保存纪要")
        CIRCULATED = "circulated", _("分发与会单位征求意见")
        CONFIRMED = "confirmed", _("与会单位确认")
        COMMENTED = "commented", _("与会单位提出意见")
        OVERRIDDEN = "overridden", _("办公室确认（单位未答复）")
        FINALIZED = "finalized", _("定稿")
        ISSUED = "issued", _("印发并报党工委备案")
        ATTACHED = "attached", _("添加附件")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("事件"), max_length=24, choices=Kind.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    by = _user_fk(_("操作人"))
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("会议记录")
        verbose_name_plural = _("会议记录")
        indexes = [
            # The meeting page's timeline.
            models.Index(fields=["meeting", "at"], name="meeting_event_timeline_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class SupervisionTaskQuerySet(models.QuerySet):
    def open(self):
        """Not done yet: never reported, or sent back."""
        return self.filter(status__in=[SupervisionTask.Status.OPEN, SupervisionTask.Status.RETURNED])

    def overdue(self, *, on: dt.date):
        return self.open().filter(due_on__lt=on)


class SupervisionTask(TimeStampedModel):
    """A supervised task (督办事项) of one unit: from an agreed item of the minutes, or standalone.

    open → reported done with evidence → accepted, or sent back with a reason and reported again.
    Done on time means the report the office accepted came by the due date.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("办理中")
        REPORTED = "reported", _("已报办结")
        ACCEPTED = "accepted", _("已验收办结")
        RETURNED = "returned", _("已退回")

    unit = models.ForeignKey(
        MemberUnit, verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="supervision_tasks"
    )
    item = models.ForeignKey(
        AgreedItem,
        verbose_name=_("议定事项"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
    )
    content = models.TextField(_("督办内容"))
    due_on = models.DateField(_("办结时限"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN)
    report = models.TextField(_("办理情况"), blank=True)
    reported_at = models.DateTimeField(_("报办结时间"), null=True, blank=True)
    reported_by = _user_fk(_("报告人"))
    accepted_at = models.DateTimeField(_("验收时间"), null=True, blank=True)
    accepted_by = _user_fk(_("验收人"))
    return_reason = models.TextField(_("退回理由"), blank=True)

    objects = SupervisionTaskQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")
        permissions = [
            ("report_supervisiontask", _("可报告本单位督办事项办结")),
            ("review_supervisiontask", _("可验收或退回督办事项")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "reported", "accepted", "returned"]),
                name="reporting_supervisiontask_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(reported_at__isnull=False),
                name="reporting_supervisiontask_reported_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(accepted_at__isnull=False),
                name="reporting_supervisiontask_accepted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="reporting_supervisiontask_returned_has_reason",
            ),
        ]
        indexes = [
            # The task board and the daily reminder job: open tasks by due date.
            models.Index(
                fields=["due_on"], condition=Q(status__in=["open", "returned"]), name="task_open_due_idx"
            ),
            # A unit's own tasks, and the yearly assessment per unit.
            models.Index(fields=["unit", "due_on"], name="task_unit_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.short_name} {self.content[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:task", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.RETURNED)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.is_open and (today or timezone.localdate()) > self.due_on

    @property
    def done_on_time(self) -> bool | None:
        """For an accepted task, whether the accepted report came by the due date; None until accepted."""
        if self.status != self.Status.ACCEPTED or self.reported_at is None:
            return None
        return timezone.localdate(self.reported_at) <= self.due_on


class SupervisionEvent(ChoiceLabelsMixin, models.Model):
    """The timeline of a supervision task."""

    class Kind(models.TextChoices):
        CREATED = "created", _("交办")
        REPORTED = "reported", _("报办结")
        ACCEPTED = "accepted", _("验收办结")
        RETURNED = "returned", _("退回")

    task = models.ForeignKey(
        SupervisionTask, verbose_name=_("督办事项"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("事件"), max_length=16, choices=Kind.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    by = _user_fk(_("操作人"))
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("督办记录")
        verbose_name_plural = _("督办记录")
        indexes = [models.Index(fields=["task", "at"], name="task_event_timeline_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class SupervisionReminderSent(ChoiceLabelsMixin, ReminderClaim):
    """The claim on one due-date reminder of a supervision task: (task, kind) is sent at most once. The job
    (`reporting.services.supervision`) inserts this row before it notifies anyone, in the same transaction, like
    `ReminderSent` of the reports: a second run, or a second worker, finds it and sends nothing. Interviews'
    rectification reports have theirs in the cases app (`cases.RectificationReminderSent`)."""

    task = models.ForeignKey(
        SupervisionTask, verbose_name=_("督办事项"), on_delete=models.CASCADE, related_name="reminders"
    )

    class Meta(ReminderClaim.Meta):
        verbose_name = _("已发送的到期提醒")
        verbose_name_plural = _("已发送的到期提醒")
        constraints = [
            models.UniqueConstraint(fields=["task", "kind"], name="reporting_taskreminder_unique"),
        ]

    def __str__(self) -> str:
        return f"task {self.task_id} {self.kind}"
