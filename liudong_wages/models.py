"""The leading group itself: member units, users, notifications, the working-day calendar, audit."""

import uuid
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .reversing import reverse
from .roles import Role


def choice_labels(field: models.Field) -> dict:
    """A field's choices as {value: label}, built once per field (the labels stay lazy, so each request still
    gets its own language)."""
    labels = field.__dict__.get("_choice_labels")
    if labels is None:
        labels = field.__dict__["_choice_labels"] = {make_hashable(k): v for k, v in field.flatchoices}
    return labels


class ChoiceLabelsMixin:
    """`get_FOO_display()` as one dict lookup. Django's rebuilds the field's whole choices dict on every call,
    hashing each lazy label (one gettext per choice): on a list of 50 cases, 14 % of the page's time."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        labels = choice_labels(field)
        try:
            label = labels.get(value, value)
        except TypeError:  # an unhashable value (a list): as Django does
            label = labels.get(make_hashable(value), value)
        return force_str(label, strings_only=True)


class Recorded:
    """What django-simple-history reads from an instance as it writes the history row: who made the change and
    why. Services set them before saving; declared here so that the type checker knows them."""

    _history_user: "User | None"
    _change_reason: str


class TimeStampedModel(ChoiceLabelsMixin, Recorded, models.Model):
    """The one abstract base for who created a row and when (STYLE.md, Models)."""

    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True


class MemberUnit(ChoiceLabelsMixin, Recorded, models.Model):
    """A member unit of the leading group, or one of the two bodies that approve and receive its papers."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("成员单位")
        APPROVER = "approver", _("审批机关")
        RECIPIENT = "recipient", _("备案机关")

    code = models.SlugField(_("代码"), max_length=16, unique=True)
    name = models.CharField(_("名称"), max_length=64, unique=True)
    short_name = models.CharField(_("简称"), max_length=16)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices, default=Kind.MEMBER)
    is_office = models.BooleanField(
        _("领导小组办公室所在单位"), default=False, help_text=_("办公室设在新区人社局。")
    )
    duties = models.TextField(_("职责"), blank=True)
    reporting_duty = models.TextField(_("报送义务"), blank=True)
    contact_person = models.CharField(_("联络员"), max_length=32, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    history = HistoricalRecords()

    # The unit's office telephone is public in the unit directory (privacy.personal_fields).
    public_fields = ("contact_phone",)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("成员单位")
        verbose_name_plural = _("成员单位")
        permissions = [("view_all_units", _("可查看所有单位的数据"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("units:detail", args=[self.code])


class User(AbstractUser):
    """A person who logs in. Their role is a group (roles.Role); their unit scopes what they see."""

    full_name = models.CharField(_("姓名"), max_length=32, blank=True)
    unit = models.ForeignKey(
        MemberUnit,
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    phone = models.CharField(_("手机号码"), max_length=32, blank=True)
    position = models.CharField(_("职务"), max_length=32, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        permissions = [
            ("view_personal_data", _("可查看完整个人信息（身份证号、电话、银行账号）")),
            ("view_history", _("可查看变更记录")),
            ("view_audit", _("可查询审计记录（个人信息访问与变更记录）")),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_shown(self.full_name, self.first_name, self.last_name, self.username)

    @staticmethod
    def name_shown(full_name: str, first_name: str, last_name: str, username: str) -> str:
        """The name, else first and last name (get_full_name), else the user name."""
        return full_name or f"{first_name} {last_name}".strip() or username

    # The columns display_name reads, for a list that reads its rows as values: `*User.name_fields("handler")`.
    NAME_FIELDS = ("full_name", "first_name", "last_name", "username")

    @classmethod
    def name_fields(cls, relation: str) -> tuple[str, ...]:
        return tuple(f"{relation}__{name}" for name in cls.NAME_FIELDS)

    @classmethod
    def display_name_in(cls, values: Mapping[str, Any], relation: str) -> str | None:
        """The display_name of the user a values row reaches through `relation` (`name_fields(relation)` among
        its columns), or None when it reaches none."""
        if values[f"{relation}__username"] is None:
            return None
        return cls.name_shown(*(values[f"{relation}__{name}"] for name in cls.NAME_FIELDS))

    def has_perm(self, perm: str, obj=None) -> bool:
        """Django's answer (does any backend grant it), read from the user's permissions gathered once: a page
        asks 20-odd times (the menu, the buttons), each time through every backend. An object permission, an
        inactive user or a superuser takes Django's path."""
        if obj is not None or not self.is_active or self.is_superuser:
            return super().has_perm(perm, obj)
        permissions = self.__dict__.get("_permissions_of_backends")
        if permissions is None:
            permissions = self.__dict__["_permissions_of_backends"] = frozenset(self.get_all_permissions())
        return perm in permissions

    @cached_property
    def roles(self) -> frozenset[str]:
        """The user's roles, read once per request (the groups are the roles)."""
        if not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_office(self) -> bool:
        """Office director, office staff and inspectors: the people who run the system day to day."""
        return self.has_role(Role.DIRECTOR, Role.OFFICE, Role.INSPECTOR)


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def email_due(self, *, stale_before):
        """Rows waiting for e-mail, and rows claimed by a worker that died before it finished."""
        return self.filter(
            Q(email_status=Notification.EmailStatus.PENDING)
            | Q(email_status=Notification.EmailStatus.SENDING, emailed_at__lt=stale_before)
        )


class Notification(ChoiceLabelsMixin, models.Model):
    """One message to one user: shown in the in-app inbox and, when asked, sent by e-mail.

    The rows waiting for e-mail are the outbox: a job drains them, so a message written while the broker or
    the mail server is down goes out once they are back, and never twice.
    """

    class EmailStatus(models.TextChoices):
        NONE = "none", _("不发邮件")
        PENDING = "pending", _("待发送")
        SENDING = "sending", _("发送中")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("类型"), max_length=48)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    body_html = models.TextField(_("邮件正文（HTML）"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    # What makes a message unique for its recipient (e.g. "report-reminder:jsj:jsj_monthly:2026-10:d1"):
    # sending the same key twice creates nothing new.
    key = models.CharField(_("去重键"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    email_status = models.CharField(
        _("邮件状态"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.NONE
    )
    email_attempts = models.PositiveSmallIntegerField(_("发送次数"), default=0)
    # When the e-mail went out; while "sending", when a worker claimed it.
    emailed_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=~Q(key=""),
                name="liudong_wages_notification_unique_key",
            ),
        ]
        indexes = [
            # The inbox and the unread count in every page's header.
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox_idx"),
            # The outbox job: rows waiting for e-mail.
            models.Index(
                fields=["created_at"],
                condition=Q(email_status__in=["pending", "sending"]),
                name="notification_outbox_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class HolidayYear(models.Model):
    """A year's official schedule of holidays and adjusted working days, as the office entered it.

    The State Council publishes next year's schedule late in the year; until the office enters and confirms
    it, the calendar falls back on the chinesecalendar package, then on an estimate (flagged).
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    confirmed = models.BooleanField(
        _("已按国务院通知确认"),
        default=False,
        help_text=_("勾选后，该年以本表为准：未列出的日期按周一至周五上班、周末休息计算。"),
    )
    source = models.CharField(_("依据文件"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度节假日安排")
        verbose_name_plural = _("年度节假日安排")

    def __str__(self) -> str:
        return str(self.year)


class SpecialDay(ChoiceLabelsMixin, models.Model):
    """One day that differs from the weekday rule: a holiday on a weekday, or a working weekend day."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("放假")
        WORKDAY = "workday", _("调休上班")

    year = models.ForeignKey(
        HolidayYear, on_delete=models.CASCADE, related_name="days", verbose_name=_("年份")
    )
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=32, blank=True, help_text=_("如：国庆节"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日或调休日")
        verbose_name_plural = _("节假日或调休日")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["holiday", "workday"]), name="liudong_wages_specialday_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()


class PersonalDataAccess(ChoiceLabelsMixin, models.Model):
    """Who saw personal data in full or exported it, and when (个人信息保护法; issue 9)."""

    class Action(models.TextChoices):
        VIEW = "view", _("查看完整信息")
        EXPORT = "export", _("导出")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("操作"), max_length=16, choices=Action.choices)
    what = models.CharField(_("对象"), max_length=200)
    object_ref = models.CharField(_("对象标识"), max_length=100, blank=True)
    rows = models.PositiveIntegerField(_("行数"), default=1)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("个人信息访问记录")
        verbose_name_plural = _("个人信息访问记录")
        indexes = [
            # The audit page searches by person and by time.
            models.Index(fields=["user", "-at"], name="pda_user_at_idx"),
            models.Index(fields=["-at"], name="pda_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display()} {self.what}"


class Attachment(TimeStampedModel):
    """A file attached to any record (a case's evidence, a report's annex, an inspection's photo).

    The record owns the file: whoever may see the record may download it, through a view that checks
    exactly that. The stored name is random; `original_name` is only shown.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    owner = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("文件"), max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=16)
    size = models.PositiveIntegerField(_("大小（字节）"))
    category = models.CharField(_("用途"), max_length=32, blank=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        indexes = [
            # Every record's page lists its attachments.
            models.Index(fields=["content_type", "object_id"], name="attachment_owner_idx"),
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("attachment", args=[self.pk])
