# Over 400 lines: the monitoring models (roster, sheets, transfers, alerts, deposit uses) refer to each other.
"""Wage-payment monitoring of construction projects (DESIGN.md section 11; 保障农民工工资支付条例 art. 26–34,
人社部发〔2021〕53号): the real-name roster, the monthly wage sheets and their lines, the labour costs paid
into the special account, the warnings the daily job raises, and the uses of the wage deposit on a case.

Writes go through `enterprises.services` (roster, payroll, transfers, alerts, deposit); reads through
`enterprises.selectors`. A wage sheet is never edited after payment: a correction is a new
version and the old one is marked superseded, so every figure once reported stays on file.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import TimeStampedModel
from liudong_wages.money import MONEY, ZERO
from liudong_wages.reversing import reverse
from liudong_wages.search import contains

from ..validators import validate_id_number
from .enterprise import Enterprise
from .fields import NormalizedCodeField
from .project import Project


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


# --- the real-name roster -----------------------------------------------------------------------------------


class ProjectWorkerQuerySet(models.QuerySet):
    def active_in(self, month: dt.date):
        """Workers on the site at some time in `month` (the first day of a month): started before its end
        and not left before its start."""
        next_month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return self.filter(Q(started_on__isnull=True) | Q(started_on__lt=next_month)).filter(
            Q(left_on__isnull=True) | Q(left_on__gte=month)
        )

    def current(self):
        return self.filter(left_on__isnull=True)

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        return self.filter(
            contains("name", term) | Q(id_number=term.replace(" ", "").upper()) | contains("team", term)
        )


class ProjectWorker(TimeStampedModel):
    """One worker on a project's real-name roster (实名制花名册, 条例 art. 28). Kept for 3 years after the
    project is complete and fully paid; never deleted (a worker who leaves gets a leave date)."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="workers"
    )
    name = models.CharField(_("姓名"), max_length=32)
    # Mainland ID cards and the permits of Hong Kong, Macao, Taiwan and foreign workers (validators.py).
    id_number = NormalizedCodeField(_("身份证号"), max_length=32, validators=[validate_id_number])
    phone = models.CharField(_("手机号码"), max_length=32, blank=True)
    bank_card = NormalizedCodeField(_("工资卡号"), max_length=32, blank=True)
    bank_name = models.CharField(_("开户银行"), max_length=64, blank=True)
    employer = models.ForeignKey(
        Enterprise,
        verbose_name=_("用工单位"),
        on_delete=models.PROTECT,
        related_name="roster_workers",
        help_text=_("总包单位或分包单位。"),
    )
    team = models.CharField(_("班组"), max_length=64, blank=True)
    trade = models.CharField(_("工种"), max_length=32, blank=True)
    contract_signed = models.BooleanField(_("已签劳动合同"), default=False)
    contract_signed_on = models.DateField(_("合同签订日期"), null=True, blank=True)
    started_on = models.DateField(_("进场日期"), null=True, blank=True)
    left_on = models.DateField(_("退场日期"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ProjectWorkerQuerySet.as_manager()

    class Meta:
        ordering = ["project", "team", "name", "pk"]
        verbose_name = _("实名制花名册人员")
        verbose_name_plural = _("实名制花名册")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "id_number"],
                name="enterprises_projectworker_once_per_project",
                violation_error_message=_("该身份证号已在本项目花名册中。"),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(left_on__gte=F("started_on")),
                name="enterprises_projectworker_leaves_after_start",
                violation_error_message=_("退场日期不能早于进场日期。"),
            ),
            models.CheckConstraint(
                condition=Q(contract_signed=True) | Q(contract_signed_on__isnull=True),
                name="enterprises_projectworker_contract_date_when_signed",
                violation_error_message=_("未签劳动合同的，不应填写合同签订日期。"),
            ),
        ]
        indexes = [
            # The roster page (a project's workers by team and name) and the daily job's active workers.
            models.Index(fields=["project", "left_on"], name="worker_project_left_idx"),
            # "On two projects at once": the same ID number on other rosters (selector and roster page).
            models.Index(fields=["id_number", "left_on"], name="worker_id_number_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:project_workers", args=[self.project_id])

    @property
    def is_active(self) -> bool:
        return self.left_on is None


# --- monthly wage sheets ------------------------------------------------------------------------------------


class PayrollQuerySet(models.QuerySet):
    def current(self):
        """The version in force of each sheet (corrections supersede the earlier versions)."""
        return self.exclude(status=Payroll.Status.SUPERSEDED)

    def submitted(self):
        return self.filter(status__in=[Payroll.Status.SUBMITTED, Payroll.Status.CHECKED, Payroll.Status.PAID])


class Payroll(TimeStampedModel):
    """One month's wage sheet of a project (工资支付表): made by the subcontractors, paid by the general
    contractor through the special account straight to each worker's card (条例 art. 31)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已报送")
        CHECKED = "checked", _("已审核")
        PAID = "paid", _("已发放")
        SUPERSEDED = "superseded", _("已被更正")

    class Source(models.TextChoices):
        TEMPLATE = "template", _("分包单位工资表")
        BANK = "bank", _("银行代发文件")
        FORM = "form", _("手工录入")

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="payrolls"
    )
    month = models.DateField(_("工资月份"), help_text=_("该月第一天。"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices, default=Source.TEMPLATE)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("报送人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    paid_on = models.DateField(_("发放日期"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("更正时间"), null=True, blank=True)
    correction_reason = models.TextField(_("更正原因"), blank=True)
    note = models.TextField(_("备注"), blank=True)
    # The sheet's totals, written once with its lines by the import service (lines never change after), so
    # that lists, the dashboard and the bulletin read them without summing millions of lines.
    worker_count = models.PositiveIntegerField(_("人数"), default=0)
    total_payable = models.DecimalField(_("应发工资"), default=ZERO, **MONEY)
    total_paid = models.DecimalField(_("实发工资"), default=ZERO, **MONEY)
    total_outside = models.DecimalField(_("未经专用账户发放"), default=ZERO, **MONEY)
    unpaid_workers = models.PositiveIntegerField(_("未足额发放人数"), default=0)

    history = HistoricalRecords()
    objects = PayrollQuerySet.as_manager()

    class Meta:
        ordering = ["project", "-month", "-version"]
        verbose_name = _("工资支付表")
        verbose_name_plural = _("工资支付表")
        permissions = [("check_payroll", _("可审核工资支付表"))]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "month", "version"], name="enterprises_payroll_version_once"
            ),
            # One version in force per project and month; corrections supersede the earlier one first.
            models.UniqueConstraint(
                fields=["project", "month"],
                condition=~Q(status="superseded"),
                name="enterprises_payroll_one_current_per_month",
                violation_error_message=_("该月已有工资支付表，请使用“更正”生成新版本。"),
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="enterprises_payroll_month_first_day"),
            models.CheckConstraint(
                condition=Q(total_payable__gte=0) & Q(total_paid__gte=0) & Q(total_outside__gte=0),
                name="enterprises_payroll_totals_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status="superseded") | Q(superseded_at__isnull=False),
                name="enterprises_payroll_superseded_has_time",
            ),
        ]
        indexes = [
            # The daily job, the monitoring figures of a quarter and the bulletin: sheets in force by month,
            # summed from the index alone (PostgreSQL INCLUDE).
            models.Index(
                fields=["month", "project"],
                condition=~Q(status="superseded"),
                include=["status", "submitted_at", "total_payable", "total_paid", "unpaid_workers"],
                name="payroll_current_month_idx",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.project} {self.month:%Y-%m}"
        return f"{label} v{self.version}" if self.version > 1 else label

    def get_absolute_url(self) -> str:
        return reverse("enterprises:payroll_detail", args=[self.project_id, self.pk])

    @property
    def total_unpaid(self) -> Decimal:
        return max(self.total_payable - self.total_paid, ZERO)

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class PayrollLine(models.Model):
    """One worker's line on a wage sheet. Written with the sheet; a correction is a new sheet version."""

    payroll = models.ForeignKey(
        Payroll, verbose_name=_("工资支付表"), on_delete=models.CASCADE, related_name="lines"
    )
    worker = models.ForeignKey(
        ProjectWorker, verbose_name=_("劳动者"), on_delete=models.PROTECT, related_name="payroll_lines"
    )
    days_worked = models.DecimalField(_("出勤天数"), max_digits=4, decimal_places=1, default=0)
    payable = models.DecimalField(_("应发工资"), **MONEY)
    paid = models.DecimalField(_("实发工资"), default=ZERO, **MONEY)
    paid_on = models.DateField(_("发放日期"), null=True, blank=True)
    bank_reference = models.CharField(_("银行流水号"), max_length=64, blank=True)
    outside_special_account = models.BooleanField(_("未经专用账户发放"), default=False)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        ordering = ["payroll", "pk"]
        verbose_name = _("工资支付明细")
        verbose_name_plural = _("工资支付明细")
        constraints = [
            models.UniqueConstraint(fields=["payroll", "worker"], name="enterprises_payrollline_once"),
            models.CheckConstraint(
                condition=Q(payable__gte=0) & Q(paid__gte=0), name="enterprises_payrollline_not_negative"
            ),
            # DESIGN.md section 11: paid above payable is refused unless the line says why.
            models.CheckConstraint(
                condition=Q(paid__lte=F("payable")) | ~Q(note=""),
                name="enterprises_payrollline_overpaid_has_note",
                violation_error_message=_("实发多于应发的，须在备注中说明。"),
            ),
            models.CheckConstraint(
                condition=Q(days_worked__gte=0) & Q(days_worked__lte=31),
                name="enterprises_payrollline_days_in_month",
            ),
        ]
        indexes = [
            # A worker's months (the roster page, "unpaid two months running").
            models.Index(fields=["worker", "payroll"], name="payrollline_worker_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.worker} {self.payable}"

    @property
    def unpaid(self) -> Decimal:
        return max(self.payable - self.paid, ZERO)


# --- labour costs into the special account ------------------------------------------------------------------


class LabourCostTransfer(TimeStampedModel):
    """Labour costs (人工费用) the developer paid into the project's special account (条例 art. 29: at least
    monthly), entered by hand or imported from the bank's statement."""

    class Source(models.TextChoices):
        FORM = "form", _("手工录入")
        STATEMENT = "statement", _("银行流水导入")

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="labour_transfers"
    )
    period = models.DateField(_("所属月份"), help_text=_("该月第一天。"))
    transferred_on = models.DateField(_("拨付日期"))
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    bank_reference = models.CharField(_("银行流水号"), max_length=64, blank=True)
    payer = models.CharField(_("付款单位"), max_length=128, blank=True)
    source = models.CharField(_("来源"), max_length=16, choices=Source.choices, default=Source.FORM)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "-period", "-transferred_on", "-pk"]
        verbose_name = _("人工费用拨付")
        verbose_name_plural = _("人工费用拨付")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "bank_reference"],
                condition=~Q(bank_reference=""),
                name="enterprises_labourcosttransfer_reference_once",
                violation_error_message=_("该银行流水号已登记。"),
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="enterprises_labourcosttransfer_positive"),
            models.CheckConstraint(
                condition=Q(period__day=1), name="enterprises_labourcosttransfer_period_first_day"
            ),
        ]
        indexes = [
            # The daily job (a month without a transfer) and the project page's transfers.
            models.Index(fields=["period", "project"], name="transfer_period_idx"),
            models.Index(fields=["project", "-period"], name="transfer_project_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period:%Y-%m} {self.amount}"


# --- warnings -----------------------------------------------------------------------------------------------


class WageAlertQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)

    def red(self):
        return self.filter(level=WageAlert.Level.RED)


class WageAlert(TimeStampedModel):
    """A warning raised by the daily job `check_wage_payments`, open until its cause is gone.

    One open alert per project, reason and month (a partial unique constraint), so two runs or two workers
    never raise it twice; a closed alert stays on file with its history, and the same cause coming back later
    opens a new one.
    """

    class Reason(models.TextChoices):
        # DESIGN.md section 11, in its order.
        SHEET_MISSING = "sheet_missing", _("上月工资支付表未按期报送")
        TRANSFER_MISSING = "transfer_missing", _("人工费用未按月拨付")
        WORKERS_WITHOUT_LINE = "workers_without_line", _("在册人员未列入工资支付表")
        UNDERPAID = "underpaid", _("部分人员实发少于应发")
        ACCOUNT_NOT_OPENED = "account_not_opened", _("未按期开设农民工工资专用账户")
        DEPOSIT_MISSING = "deposit_missing", _("未按期缴存（补足）工资保证金")

    class Level(models.TextChoices):
        YELLOW = "yellow", _("黄色")
        RED = "red", _("红色")

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="wage_alerts"
    )
    reason = models.CharField(_("预警原因"), max_length=32, choices=Reason.choices)
    month = models.DateField(_("所属月份"), help_text=_("工资所属月份；开户、保证金类为应办月份。"))
    level = models.CharField(_("预警等级"), max_length=8, choices=Level.choices, default=Level.YELLOW)
    opened_on = models.DateField(_("预警日期"))
    escalated_on = models.DateField(_("升为红色日期"), null=True, blank=True)
    red_reason = models.CharField(_("红色原因"), max_length=200, blank=True)
    closed_on = models.DateField(_("解除日期"), null=True, blank=True)
    close_reason = models.CharField(_("解除原因"), max_length=200, blank=True)
    last_checked_on = models.DateField(_("最近核查日期"), null=True, blank=True)
    due_on = models.DateField(_("应办日期"), null=True, blank=True, help_text=_("工资支付日或办理期限。"))
    workers_unpaid = models.PositiveIntegerField(_("涉及人数"), default=0)
    amount_unpaid = models.DecimalField(_("涉及金额"), default=ZERO, **MONEY)
    # E.g. {"workers": [{"worker": pk, "name": …, "id_number": …, "payable": "…", "paid": "…"}]}.
    details = models.JSONField(_("详情"), default=dict, blank=True)
    # The supervision task of a red alert: a planned site inspection, created once.
    inspection = models.ForeignKey(
        "enterprises.SiteInspection",
        verbose_name=_("督办巡视"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wage_alerts",
    )
    # The case opened from this alert (cases is to the right of this app: a plain reference, not a key).
    case_ref = models.PositiveIntegerField(_("转立案件"), null=True, blank=True)
    case_number = models.CharField(_("案件编号"), max_length=32, blank=True)

    history = HistoricalRecords()
    objects = WageAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("工资支付预警")
        verbose_name_plural = _("工资支付预警")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "reason", "month"],
                condition=Q(closed_on__isnull=True),
                name="enterprises_wagealert_one_open",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="enterprises_wagealert_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=~Q(level="red") | Q(escalated_on__isnull=False),
                name="enterprises_wagealert_red_has_date",
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="enterprises_wagealert_month_first_day"),
        ]
        indexes = [
            # /enterprises/monitoring/ (open warnings by colour, the oldest first: read in the index's order, the
            # first page stops at its fiftieth row), the start pages and the dashboard; the daily job reads the
            # open ones to close them.
            models.Index(
                fields=["level", "opened_on", "id"],
                condition=Q(closed_on__isnull=True),
                include=["project", "reason", "workers_unpaid", "amount_unpaid"],
                name="wagealert_open_idx",
            ),
            # The project page and the risk rating: a project's warnings.
            models.Index(fields=["project", "-month"], name="wagealert_project_idx"),
            # The bulletin: warnings raised and closed in a quarter.
            models.Index(fields=["opened_on"], name="wagealert_opened_idx"),
            models.Index(fields=["closed_on"], name="wagealert_closed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.month:%Y-%m} {self.get_reason_display()}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:project_detail", args=[self.project_id]) + "#monitoring"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


# --- the wage deposit used on a case ------------------------------------------------------------------------


class DepositUse(TimeStampedModel):
    """The office ordered the project's wage deposit used to pay wages on a case (65号 art. 11); the
    contractor tops it up within the due date (DEPOSIT_TOP_UP_WORKING_DAYS)."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="deposit_uses"
    )
    # The case (in the cases app, to the right): a plain reference.
    case_ref = models.PositiveIntegerField(_("案件"))
    case_number = models.CharField(_("案件编号"), max_length=32, blank=True)
    used_on = models.DateField(_("动用日期"))
    amount = models.DecimalField(_("动用金额（元）"), **MONEY)
    document = models.CharField(_("文书"), max_length=100, blank=True)
    # [{"name": …, "id_number": …, "amount": "…"}]: the workers paid from the deposit.
    workers = models.JSONField(_("支付人员"), default=list, blank=True)
    top_up_due_on = models.DateField(_("补足期限"))
    topped_up_on = models.DateField(_("补足日期"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-used_on", "-pk"]
        verbose_name = _("工资保证金动用")
        verbose_name_plural = _("工资保证金动用")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="enterprises_deposituse_positive"),
            models.CheckConstraint(
                condition=Q(topped_up_on__isnull=True) | Q(topped_up_on__gte=F("used_on")),
                name="enterprises_deposituse_topped_up_after_use",
            ),
        ]
        indexes = [
            # The daily job: deposits used and not topped up by their due date.
            models.Index(
                fields=["top_up_due_on"], condition=Q(topped_up_on__isnull=True), name="deposituse_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.used_on} {self.amount}"
