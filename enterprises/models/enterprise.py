"""Enterprises, their "ten comprehensives" assessments, and the event log that makes every timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import ChoiceLabelsMixin, TimeStampedModel
from liudong_wages.reversing import reverse
from liudong_wages.search import contains

from ..validators import validate_credit_code, validate_id_number
from .fields import NormalizedCodeField


class EnterpriseQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Enterprise.Status.ACTIVE)

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        return self.filter(contains("name", term) | contains("credit_code", term.replace(" ", "").upper()))


class Enterprise(TimeStampedModel):
    """An employer in the district (DESIGN.md sections 3 and 4)."""

    class Industry(models.TextChoices):
        # The sectors where arrears happen most (实施方案 一(二)).
        CONSTRUCTION = "construction", _("建筑")
        MUNICIPAL = "municipal", _("市政")
        TRANSPORT = "transport", _("交通")
        WATER = "water", _("水利")
        MANUFACTURING = "manufacturing", _("劳动密集型加工制造")
        CATERING = "catering", _("餐饮服务")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        ACTIVE = "active", _("正常")
        CLOSED = "closed", _("已关闭")

    name = models.CharField(_("企业名称"), max_length=128)
    credit_code = NormalizedCodeField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        error_messages={"unique": _("该统一社会信用代码已登记。")},
    )
    industry = models.CharField(_("行业"), max_length=16, choices=Industry.choices, default=Industry.OTHER)
    legal_rep_name = models.CharField(_("法定代表人"), max_length=32, blank=True)
    legal_rep_id_number = NormalizedCodeField(
        _("法定代表人身份证号"), max_length=18, blank=True, validators=[validate_id_number]
    )
    legal_rep_phone = models.CharField(_("法定代表人电话"), max_length=32, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    industrial_park = models.CharField(_("所在园区"), max_length=64, blank=True)
    headcount = models.PositiveIntegerField(_("职工人数"), default=0)
    migrant_worker_count = models.PositiveIntegerField(_("农民工人数"), default=0)
    has_trade_union = models.BooleanField(_("已建工会"), default=False)
    has_collective_contract = models.BooleanField(_("已签集体合同"), default=False)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    closed_on = models.DateField(_("关闭日期"), null=True, blank=True)
    closed_reason = models.TextField(_("关闭原因"), blank=True)
    # The rating of the latest assessment, kept here by `assessment_create` so lists filter on it in SQL.
    star_rating = models.PositiveSmallIntegerField(_("星级"), null=True, blank=True, editable=False)
    rated_on = models.DateField(_("评定日期"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        constraints = [
            models.CheckConstraint(
                condition=Q(credit_code__regex=r"^[0-9A-Z]{18}$"),
                name="enterprises_enterprise_credit_code_format",
            ),
            models.CheckConstraint(
                condition=Q(migrant_worker_count__lte=models.F("headcount")),
                name="enterprises_enterprise_migrants_within_headcount",
                violation_error_message=_("农民工人数不能多于职工人数。"),
            ),
            models.CheckConstraint(
                condition=Q(star_rating__isnull=True) | Q(star_rating__gte=0, star_rating__lte=5),
                name="enterprises_enterprise_star_rating_range",
            ),
            models.CheckConstraint(
                condition=Q(status="active") | ~Q(closed_reason=""),
                name="enterprises_enterprise_closed_has_reason",
                violation_error_message=_("关闭企业须填写原因。"),
            ),
        ]
        indexes = [
            # /enterprises/ default order (by name) and its pages.
            models.Index(fields=["name", "id"], name="enterprise_name_idx"),
            # The enterprise list filters by industry and by park.
            models.Index(fields=["industry", "name"], name="enterprise_industry_idx"),
            models.Index(fields=["industrial_park"], name="enterprise_park_idx"),
            # The "Internet+" list: rated enterprises.
            models.Index(fields=["star_rating"], name="enterprise_rating_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class Assessment(TimeStampedModel):
    """A "ten comprehensives" assessment (实施方案 二(三)2): ten scored items and a star rating."""

    class Item(models.TextChoices):
        LABOUR_CONTRACTS = "contracts", _("全面推进劳动合同制度")
        COLLECTIVE_BARGAINING = "bargaining", _("全面建立集体协商和集体合同制度")
        WAGE_GROWTH = "wage_growth", _("全面落实职工工资正常增长机制")
        LABOUR_STANDARDS = "standards", _("全面执行劳动标准")
        DEMOCRATIC_RULES = "rules", _("全面完善企业规章制度")
        CORPORATE_CULTURE = "culture", _("全面推进企业文化建设")
        SOCIAL_INSURANCE = "insurance", _("全面执行社会保险制度")
        WORK_SAFETY = "safety", _("全面完善安全生产制度")
        TRADE_UNION = "union", _("全面组建企业工会")
        INTERNAL_COORDINATION = "coordination", _("全面建立企业内部协调机制")

    MAX_ITEM_SCORE = 10

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="assessments"
    )
    assessed_on = models.DateField(_("评定日期"), default=timezone.localdate)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评定人"), on_delete=models.PROTECT, related_name="+"
    )
    total_score = models.PositiveSmallIntegerField(_("总分"), default=0)
    star_rating = models.PositiveSmallIntegerField(_("星级"), default=0)
    remarks = models.TextField(_("评语"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("“十个全面”评定")
        verbose_name_plural = _("“十个全面”评定")
        constraints = [
            models.CheckConstraint(
                condition=Q(star_rating__gte=0, star_rating__lte=5),
                name="enterprises_assessment_star_rating_range",
            ),
            models.CheckConstraint(
                condition=Q(total_score__lte=100), name="enterprises_assessment_total_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.assessed_on} {self.star_rating}★"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:assessment", args=[self.pk])


class AssessmentItem(ChoiceLabelsMixin, models.Model):
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("评定"), on_delete=models.CASCADE, related_name="items"
    )
    item = models.CharField(_("项目"), max_length=16, choices=Assessment.Item.choices)
    score = models.PositiveSmallIntegerField(_("得分"))
    evidence = models.TextField(_("佐证材料"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("评定项目")
        verbose_name_plural = _("评定项目")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="enterprises_assessmentitem_once"),
            models.CheckConstraint(
                condition=Q(score__lte=Assessment.MAX_ITEM_SCORE),
                name="enterprises_assessmentitem_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()} {self.score}"


class Event(ChoiceLabelsMixin, models.Model):
    """One thing that happened to an enterprise or a project: the log each timeline is read from.

    Services write it in the same transaction as the change (STYLE.md), so a timeline never disagrees with
    the records. `document` names the paper behind a step (a notice number, a decision number).
    """

    class Kind(models.TextChoices):
        ENTERPRISE_CREATED = "enterprise_created", _("企业登记")
        ENTERPRISE_CHANGED = "enterprise_changed", _("企业信息变更")
        ENTERPRISE_CLOSED = "enterprise_closed", _("企业关闭")
        PROJECT_CREATED = "project_created", _("项目登记")
        PROJECT_CHANGED = "project_changed", _("项目信息变更")
        PROJECT_VOIDED = "project_voided", _("项目作废")
        DEPOSIT_PAID = "deposit_paid", _("缴存工资保证金")
        DEPOSIT_CHECKED = "deposit_checked", _("核查工资保证金")
        DEPOSIT_RETURN_NOTICE = "deposit_notice", _("工资保证金返还公示")
        DEPOSIT_RETURNED = "deposit_returned", _("返还工资保证金")
        INSPECTION = "inspection", _("工地巡视")
        FINDING_RESOLVED = "finding_resolved", _("巡视问题已整改")
        ASSESSMENT = "assessment", _("“十个全面”评定")
        LISTING_PROPOSED = "listing_proposed", _("拟列入失信名单")
        LISTING_NOTIFIED = "listing_notified", _("送达列入告知书")
        LISTING_OBJECTION = "listing_objection", _("提出异议")
        LISTING_DECIDED = "listing_decided", _("列入失信名单")
        LISTING_WITHDRAWN = "listing_withdrawn", _("不予列入")
        LISTING_REMOVED = "listing_removed", _("提前移出失信名单")
        LISTING_EXPIRED = "listing_expired", _("期满移出失信名单")
        MEASURE_RECORDED = "measure_recorded", _("记录惩戒措施")
        # Wage-payment monitoring (DESIGN.md section 11).
        ROSTER_CHANGED = "roster_changed", _("花名册变更")
        ROSTER_IMPORTED = "roster_imported", _("导入花名册")
        PAYROLL_IMPORTED = "payroll_imported", _("导入工资支付表")
        PAYROLL_SUBMITTED = "payroll_submitted", _("报送工资支付表")
        PAYROLL_CHECKED = "payroll_checked", _("审核工资支付表")
        PAYROLL_PAID = "payroll_paid", _("工资已发放")
        PAYROLL_CORRECTED = "payroll_corrected", _("更正工资支付表")
        TRANSFER_RECORDED = "transfer_recorded", _("登记人工费用拨付")
        ALERT_RAISED = "alert_raised", _("工资支付预警")
        ALERT_ESCALATED = "alert_escalated", _("预警升为红色")
        ALERT_CLOSED = "alert_closed", _("预警解除")
        DEPOSIT_USED = "deposit_used", _("动用工资保证金")
        DEPOSIT_TOPPED_UP = "deposit_topped_up", _("补足工资保证金")

    kind = models.CharField(_("类型"), max_length=32, choices=Kind.choices)
    on = models.DateField(_("日期"), default=timezone.localdate)
    at = models.DateTimeField(_("记录时间"), default=timezone.now)
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    project = models.ForeignKey(
        "enterprises.Project", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    inspection = models.ForeignKey(
        "enterprises.SiteInspection", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    listing = models.ForeignKey(
        "enterprises.DishonestListing", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    summary = models.CharField(_("摘要"), max_length=300, blank=True)
    document = models.CharField(_("文书"), max_length=100, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-on", "-at", "-pk"]
        verbose_name = _("事件")
        verbose_name_plural = _("事件")
        constraints = [
            models.CheckConstraint(
                condition=Q(enterprise__isnull=False) | Q(project__isnull=False),
                name="enterprises_event_has_subject",
            ),
        ]
        indexes = [
            # The enterprise and project timelines.
            models.Index(fields=["enterprise", "-on"], name="event_enterprise_idx"),
            models.Index(fields=["project", "-on"], name="event_project_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"
