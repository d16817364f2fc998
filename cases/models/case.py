# Over 400 lines: the case and its own rows (claims, events, agreements, referrals) refer to each other.
"""Cases, the workers' claims, the event log, repayment agreements and police referrals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from enterprises.models import Enterprise
from enterprises.validators import validate_id_number
from liudong_wages import workdays
from liudong_wages.models import ChoiceLabelsMixin, Recorded, TimeStampedModel
from liudong_wages.money import MONEY, ZERO
from liudong_wages.reversing import reverse


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=Case.FINISHED_STATUSES)

    def overdue(self, *, on: dt.date):
        """Open cases whose current legal deadline is before `on`."""
        return self.open().filter(deadline__lt=on)

    def near_deadline(self, *, on: dt.date):
        """Open cases due from `on` up to the warning window (CASE_DEADLINE_WARNING_WORKING_DAYS) later."""
        horizon = workdays.add_working_days(on, settings.LIUDONG["CASE_DEADLINE_WARNING_WORKING_DAYS"])
        return self.open().filter(deadline__gte=on, deadline__lte=horizon)


class Case(TimeStampedModel):
    """One report of unpaid wages, handled within its legal time limits until the workers are paid."""

    class Source(models.TextChoices):
        COMPLAINT = "complaint", _("劳动者投诉")
        TIP_OFF = "tip_off", _("举报")
        INSPECTION = "inspection", _("检查发现")
        PETITION = "petition", _("综治办转交上访")
        POLICE_WARNING = "police_warning", _("公安预警")
        PUBLIC_REPORT = "public_report", _("网上举报")
        OTHER_UNIT = "other_unit", _("其他单位移送")
        PLATFORM_CLUE = "platform_clue", _("根治欠薪线索反映平台")

    class Status(models.TextChoices):
        RECEIVED = "received", _("已登记待立案")
        NOT_FILED = "not_filed", _("不予立案")
        FILED = "filed", _("已立案")
        INVESTIGATING = "investigating", _("调查中")
        ORDER_ISSUED = "order_issued", _("已责令支付")
        AGREEMENT = "agreement", _("履行还款协议")
        CLOSED = "closed", _("已结案")
        VOIDED = "voided", _("已作废")

    class Closure(models.TextChoices):
        PAID = "paid", _("已足额支付")
        ARBITRATION_COURT = "arbitration_court", _("转仲裁或诉讼")
        POLICE = "police", _("移送公安机关")
        NOT_ESTABLISHED = "not_established", _("欠薪不成立")

    class DeadlineKind(models.TextChoices):
        FILING = "filing", _("立案决定期限")
        INVESTIGATION = "investigation", _("调查处理期限")

    FINISHED_STATUSES = (Status.NOT_FILED, Status.CLOSED, Status.VOIDED)

    number = models.CharField(_("案件编号"), max_length=32, unique=True)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("被投诉企业"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    # An employer not (yet) in the registry, as the complainant named it.
    respondent_name = models.CharField(_("被投诉单位名称"), max_length=200, blank=True)
    project = models.ForeignKey(
        "enterprises.Project",
        verbose_name=_("工程项目"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    # A site inspection's finding that opened this case (the inspection page links here in one step).
    inspection = models.ForeignKey(
        "enterprises.SiteInspection",
        verbose_name=_("来源巡视"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    industry = models.CharField(_("行业"), max_length=16, choices=Enterprise.Industry.choices, blank=True)
    summary = models.TextField(_("案情摘要"))
    period_start = models.DateField(_("欠薪起始日期"))
    period_end = models.DateField(_("欠薪截止日期"))
    received_on = models.DateField(_("受理登记日期"))
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_cases",
    )
    complainant_name = models.CharField(_("投诉人"), max_length=64, blank=True)
    complainant_phone = models.CharField(_("投诉人电话"), max_length=32, blank=True)

    # Totals of the claims, kept by the claim services so that lists and filters need no aggregate.
    worker_count = models.PositiveIntegerField(_("涉及人数"), default=0)
    total_owed = models.DecimalField(_("欠薪总额"), **MONEY, default=ZERO)
    total_paid = models.DecimalField(_("已支付"), **MONEY, default=ZERO)
    police_threshold_reached = models.BooleanField(_("达到涉嫌拒不支付劳动报酬罪移送标准"), default=False)

    mass_incident_risk = models.BooleanField(_("有群体性事件风险"), default=False)
    is_major = models.BooleanField(_("重大案件"), default=False)

    # The current legal deadline, derived from the event log by cases.deadlines (kept by every service).
    deadline = models.DateField(_("当前期限"), null=True, blank=True)
    deadline_kind = models.CharField(_("期限类型"), max_length=16, choices=DeadlineKind.choices, blank=True)

    not_filed_reason = models.TextField(_("不予立案理由"), blank=True)
    closure = models.CharField(_("结案方式"), max_length=20, choices=Closure.choices, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    void_reason = models.TextField(_("作废理由"), blank=True)
    order_number = models.CharField(_("责令支付文书号"), max_length=64, blank=True)
    order_pay_by = models.DateField(_("责令支付期限"), null=True, blank=True)
    legal_aid_referred_on = models.DateField(_("转法律援助日期"), null=True, blank=True)

    history = HistoricalRecords()
    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("欠薪案件")
        verbose_name_plural = _("欠薪案件")
        permissions = [
            ("view_all_case", _("可查看全部案件")),
            ("refer_case", _("可移送公安、转法律援助")),
            ("police_case", _("可登记公安受理与反馈")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_owed__gte=0) & Q(total_paid__gte=0), name="cases_case_totals_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="cases_case_period_ordered"
            ),
            models.CheckConstraint(
                condition=~Q(status="voided") | ~Q(void_reason=""), name="cases_case_void_has_reason"
            ),
        ]
        indexes = [
            # The deadline job and the overdue / near-deadline filters of the list; /dashboard/ sums the open
            # cases from it alone (PostgreSQL; elsewhere a plain partial index).
            models.Index(
                fields=["deadline"],
                condition=~Q(status__in=["not_filed", "closed", "voided"]),
                include=[
                    "id",
                    "received_on",
                    "worker_count",
                    "total_owed",
                    "total_paid",
                    "is_major",
                    "mass_incident_risk",
                ],
                name="case_open_deadline_idx",
            ),
            # The default list order and status filter.
            models.Index(fields=["status", "-received_on"], name="case_status_received_idx"),
            # /cases/ default order (newest first) and its pages: read in index order, no sort of every case.
            models.Index(fields=["-received_on", "-id"], name="case_received_idx"),
            # /cases/?status=open (the office's usual view) in the default order.
            models.Index(
                fields=["-received_on", "-id"],
                condition=~Q(status__in=["not_filed", "closed", "voided"]),
                name="case_open_received_idx",
            ),
            # /cases/ industry filter in the default order.
            models.Index(fields=["industry", "-received_on"], name="case_industry_received_idx"),
            # The handler filter of the list and the deadline job, which writes to each handler.
            models.Index(fields=["handler", "status"], name="case_handler_status_idx"),
            # /dashboard/ and the bulletin: cases closed in a period, and those still open at its start,
            # summed from the index alone (PostgreSQL; elsewhere a plain index on closed_on).
            models.Index(
                fields=["closed_on"],
                include=["status", "received_on", "worker_count", "total_paid"],
                name="case_closed_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.respondent}"

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.pk])

    @property
    def respondent(self) -> str:
        if self.enterprise_id:
            return self.enterprise.name
        return self.respondent_name

    @property
    def is_open(self) -> bool:
        return self.status not in self.FINISHED_STATUSES

    @property
    def total_outstanding(self) -> Decimal:
        return max(self.total_owed - self.total_paid, ZERO)

    @property
    def many_workers(self) -> bool:
        return self.worker_count >= settings.LIUDONG["MANY_WORKERS"]

    @property
    def management_invested(self) -> bool:
        """A project the management committee invested in: its project head answers for arrears (三(一))."""
        return bool(self.project_id and self.project.management_invested)

    @property
    def limitation_warning(self) -> bool:
        """劳动保障监察条例 art. 20: violations older than two years (from when they began) are not investigated."""
        return period_beyond_limitation(self.period_start, self.received_on)

    def is_overdue(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.is_open and self.deadline is not None and self.deadline < on


def period_beyond_limitation(period_start: dt.date | None, received_on: dt.date) -> bool:
    if period_start is None:
        return False
    years = settings.LIUDONG["CASE_LIMITATION_YEARS"]
    try:
        limit = received_on.replace(year=received_on.year - years)
    except ValueError:  # 29 February
        limit = received_on.replace(year=received_on.year - years, day=28)
    return period_start < limit


class WorkerClaim(TimeStampedModel):
    """One worker's unpaid wages in a case."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="claims")
    name = models.CharField(_("姓名"), max_length=32)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True, validators=[validate_id_number])
    phone = models.CharField(_("电话"), max_length=20, blank=True)
    amount_owed = models.DecimalField(_("欠薪金额"), **MONEY)
    amount_paid = models.DecimalField(_("已支付金额"), **MONEY, default=ZERO)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("劳动者欠薪明细")
        verbose_name_plural = _("劳动者欠薪明细")
        constraints = [
            models.CheckConstraint(condition=Q(amount_owed__gt=0), name="cases_workerclaim_owed_positive"),
            models.CheckConstraint(
                condition=Q(amount_paid__gte=0) & Q(amount_paid__lte=models.F("amount_owed")),
                name="cases_workerclaim_paid_within_owed",
            ),
            models.UniqueConstraint(
                fields=["case", "id_number"],
                condition=~Q(id_number=""),
                name="cases_workerclaim_unique_worker",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.amount_owed}"

    @property
    def outstanding(self) -> Decimal:
        return self.amount_owed - self.amount_paid


class CaseEvent(ChoiceLabelsMixin, models.Model):
    """The append-only log of a case: every step writes one row; the timeline and deadlines come from it."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("受理登记")
        FILED = "filed", _("立案")
        NOT_FILED = "not_filed", _("不予立案")
        INVESTIGATION_STARTED = "investigation_started", _("开始调查")
        EXTENDED = "extended", _("延长办案期限")
        ORDER_ISSUED = "order_issued", _("下达责令支付文书")
        AGREEMENT = "agreement", _("签订还款协议")
        INSTALMENT_PAID = "instalment_paid", _("分期还款到账")
        EMPLOYER_PAID = "employer_paid", _("企业支付工资")
        CLOSED = "closed", _("结案")
        VOIDED = "voided", _("作废")
        POLICE_REFERRED = "police_referred", _("移送公安")
        POLICE_ACCEPTED = "police_accepted", _("公安受理")
        POLICE_DECLINED = "police_declined", _("公安不予受理")
        POLICE_FEEDBACK = "police_feedback", _("公安反馈")
        LEGAL_AID = "legal_aid", _("转法律援助")
        CLAIMS_CHANGED = "claims_changed", _("欠薪明细变更")
        HANDLER_ASSIGNED = "handler_assigned", _("指定承办人")
        FLAGS_CHANGED = "flags_changed", _("风险标记变更")
        LINKED = "linked", _("关联线索")
        INTERVIEW = "interview", _("约谈")
        JOINT_HANDLING = "joint_handling", _("联合处置")
        DOCUMENT_ISSUED = "document_issued", _("签发文书")
        DOCUMENT_SERVED = "document_served", _("送达文书")
        NOTE = "note", _("备注")

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=24, choices=Kind.choices)
    # The legal date of the step (a filing decision entered a day late still counts from its own date).
    on = models.DateField(_("日期"))
    at = models.DateTimeField(_("记录时间"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)

    class Meta:
        ordering = ["on", "at", "id"]
        verbose_name = _("案件事项")
        verbose_name_plural = _("案件事项")
        indexes = [
            # The case page's timeline and the deadline computation.
            models.Index(fields=["case", "on", "at"], name="caseevent_case_on_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class RepaymentAgreement(TimeStampedModel):
    """A repayment agreement (还款协议) between the enterprise and the workers, paid in instalments."""

    case = models.ForeignKey(
        Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="agreements"
    )
    signed_on = models.DateField(_("签订日期"))
    note = models.TextField(_("协议要点"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["signed_on", "id"]
        verbose_name = _("还款协议")
        verbose_name_plural = _("还款协议")

    def __str__(self) -> str:
        return f"{self.case.number} {self.signed_on}"


class Instalment(Recorded, models.Model):
    agreement = models.ForeignKey(
        RepaymentAgreement, verbose_name=_("还款协议"), on_delete=models.CASCADE, related_name="instalments"
    )
    due_on = models.DateField(_("应付日期"))
    amount = models.DecimalField(_("应付金额"), **MONEY)
    paid_amount = models.DecimalField(_("实付金额"), **MONEY, default=ZERO)
    paid_on = models.DateField(_("实付日期"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("分期还款")
        verbose_name_plural = _("分期还款")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="cases_instalment_amount_positive"),
            models.CheckConstraint(
                condition=Q(paid_amount__gte=0), name="cases_instalment_paid_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.due_on} {self.amount}"


class PoliceReferral(TimeStampedModel):
    """A case referred to police as suspected refusal to pay wages (涉嫌拒不支付劳动报酬罪)."""

    class Status(models.TextChoices):
        REFERRED = "referred", _("已移送待受理")
        ACCEPTED = "accepted", _("公安已受理")
        DECLINED = "declined", _("公安不予受理")

    case = models.OneToOneField(
        Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="police_referral"
    )
    referred_on = models.DateField(_("移送日期"))
    evidence = models.TextField(_("移送证据材料"), help_text=_("逐项列出移送的证据材料。"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.REFERRED)
    decided_on = models.DateField(_("受理决定日期"), null=True, blank=True)
    police_case_number = models.CharField(_("公安案件编号"), max_length=64, blank=True)
    decision_note = models.TextField(_("受理说明"), blank=True)
    feedback = models.TextField(_("处置反馈"), blank=True)
    feedback_on = models.DateField(_("反馈日期"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("移送公安")
        verbose_name_plural = _("移送公安")

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_status_display()}"
