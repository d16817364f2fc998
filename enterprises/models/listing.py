"""The dishonest-employer list (拖欠农民工工资失信联合惩戒对象名单管理暂行办法, 人社部令第45号) and the
restriction measures the member units record while an enterprise is on it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import MemberUnit, TimeStampedModel
from liudong_wages.money import MONEY
from liudong_wages.reversing import reverse
from liudong_wages.search import contains

from .enterprise import Enterprise

# Units whose duties include "对拖欠工资失信企业，在职权范围内依法依规予以限制" (实施方案 二(二)):
# 经发局, 财政局, 社会事务局, 工会, 建设局. Each records the measures it took while an enterprise is listed.
RESTRICTION_UNIT_CODES = ("jfj", "czj", "shswj", "gh", "jsj")


class DishonestListingQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status=DishonestListing.Status.LISTED)

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        return self.filter(
            contains("enterprise__name", term)
            | contains("enterprise__credit_code", term.replace(" ", "").upper())
            | contains("decision_number", term)
        )


class DishonestListing(TimeStampedModel):
    """One procedure of putting an enterprise (and the persons responsible) on the list, and taking it off."""

    class Grounds(models.TextChoices):
        # 人社部令第45号 art. 5 (一) and (二).
        CRIMINAL_THRESHOLD = "criminal", _("拖欠数额达到认定拒不支付劳动报酬罪数额标准")
        MASS_INCIDENT = "incident", _("因拖欠工资引发群体性事件、极端事件造成严重不良社会影响")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("拟列入")
        NOTIFIED = "notified", _("已告知，异议期")
        LISTED = "listed", _("已列入")
        WITHDRAWN = "withdrawn", _("不予列入")
        REMOVED = "removed", _("已提前移出")
        EXPIRED = "expired", _("期满移出")

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="dishonest_listings"
    )
    responsible_persons = models.TextField(
        _("责任人员"), blank=True, help_text=_("法定代表人或主要负责人、负有直接责任的有关人员，每行一人。")
    )
    grounds = models.CharField(_("列入事由"), max_length=16, choices=Grounds.choices)
    facts = models.TextField(_("违法事实"))
    amount_owed = models.DecimalField(_("拖欠金额（元）"), default=0, **MONEY)
    workers_affected = models.PositiveIntegerField(_("涉及人数"), default=0)
    payment_order_number = models.CharField(_("责令支付文书号"), max_length=64)
    payment_order_date = models.DateField(_("责令支付日期"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    notice_number = models.CharField(_("告知书文号"), max_length=64, blank=True)
    notified_on = models.DateField(_("告知日期"), null=True, blank=True)
    objection_deadline = models.DateField(_("异议期限"), null=True, blank=True)
    objection_received_on = models.DateField(_("收到异议日期"), null=True, blank=True)
    objection = models.TextField(_("异议内容"), blank=True)
    objection_reply = models.TextField(_("异议复核意见"), blank=True)
    decision_number = models.CharField(_("列入决定书文号"), max_length=64, blank=True)
    decided_on = models.DateField(_("列入日期"), null=True, blank=True)
    listed_until = models.DateField(_("列入期限至"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("不予列入理由"), blank=True)
    arrears_paid_on = models.DateField(_("改正（清偿）日期"), null=True, blank=True)
    commitment_received_on = models.DateField(_("收到书面信用承诺日期"), null=True, blank=True)
    removed_on = models.DateField(_("移出日期"), null=True, blank=True)
    removal_number = models.CharField(_("移出决定文号"), max_length=64, blank=True)

    history = HistoricalRecords()
    objects = DishonestListingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("失信联合惩戒名单")
        verbose_name_plural = _("失信联合惩戒名单")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="listed") | Q(decided_on__isnull=False, listed_until__isnull=False),
                name="enterprises_dishonestlisting_listed_has_term",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "withdrawn"]) | Q(notified_on__isnull=False),
                name="enterprises_dishonestlisting_notified_before_decision",
            ),
            models.CheckConstraint(
                condition=~Q(status="removed")
                | Q(
                    arrears_paid_on__isnull=False,
                    commitment_received_on__isnull=False,
                    removed_on__isnull=False,
                ),
                name="enterprises_dishonestlisting_removal_has_conditions",
            ),
            # One procedure at a time per enterprise: a second one opens only after the first ended.
            models.UniqueConstraint(
                fields=["enterprise"],
                condition=Q(status__in=["proposed", "notified", "listed"]),
                name="enterprises_dishonestlisting_one_open_per_enterprise",
            ),
        ]
        indexes = [
            # The listings list filters by status; the nightly expiry job looks for terms that ended.
            models.Index(fields=["status", "listed_until"], name="listing_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise}（{self.get_status_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:listing_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.PROPOSED, self.Status.NOTIFIED, self.Status.LISTED}


class RestrictionMeasure(TimeStampedModel):
    """What one unit did, within its powers, to restrict a listed enterprise (45号令 art. 13)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待记录")
        RECORDED = "recorded", _("已记录")

    listing = models.ForeignKey(
        DishonestListing, verbose_name=_("失信名单"), on_delete=models.PROTECT, related_name="measures"
    )
    unit = models.ForeignKey(
        MemberUnit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="restriction_measures"
    )
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.PENDING)
    measures = models.TextField(_("采取的惩戒措施"), blank=True)
    taken_on = models.DateField(_("采取措施日期"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["listing", "unit__sort_order"]
        verbose_name = _("惩戒措施")
        verbose_name_plural = _("惩戒措施")
        constraints = [
            models.UniqueConstraint(fields=["listing", "unit"], name="enterprises_restrictionmeasure_once"),
            models.CheckConstraint(
                condition=Q(status="pending") | (~Q(measures="") & Q(taken_on__isnull=False)),
                name="enterprises_restrictionmeasure_recorded_has_content",
            ),
        ]
        indexes = [
            # "Which units have not recorded theirs": pending rows per unit.
            models.Index(fields=["unit", "status"], name="measure_unit_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.listing.enterprise} · {self.unit.short_name}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:measure_edit", args=[self.pk])
