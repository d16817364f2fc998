# Over 400 lines: the ledger and the advances it pays refer to each other and share their money rules.
"""The emergency revolving fund (农民工工资应急周转金, 实施方案 二(三)6): its ledger and the advances it pays.

Money lives in one place, the append-only `LedgerEntry`. Each entry has two signed effects computed by the
service that writes it: on the fund's cash balance (`cash_effect`) and on the advances still to be recovered
(`advances_effect`). An advance paid moves money from cash to advances; a recovery moves it back; a write-off
takes it off the advances without touching cash. So at any date

    cash balance        = sum(cash_effect)       (appropriations − payments + recoveries, ± reversals)
    outstanding advances = sum(advances_effect)   (payments − recoveries − write-offs, ± reversals)

and a statement's opening plus its period's entries is its closing by construction.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import ChoiceLabelsMixin, TimeStampedModel
from liudong_wages.money import MONEY, ZERO
from liudong_wages.reversing import reverse


class Fund(models.Model):
    """The fund itself: one row, locked (SELECT … FOR UPDATE) by every service that moves money, so that
    two payments at the same moment are checked one after the other against the balance."""

    name = models.CharField(_("名称"), max_length=64, default="柳东新区农民工工资应急周转金")

    class Meta:
        verbose_name = _("应急周转金")
        verbose_name_plural = _("应急周转金")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="funds_fund_single_row")]

    def __str__(self) -> str:
        return self.name


class LedgerEntryQuerySet(models.QuerySet):
    def up_to(self, day):
        return self.filter(entry_date__lte=day)

    def between(self, start, end):
        return self.filter(entry_date__gte=start, entry_date__lte=end)

    # The ledger is append-only: no bulk edits or deletes either.
    def update(self, **kwargs):
        raise ValidationError(_("台账记录不能修改，更正请使用冲销。"))

    def delete(self):
        raise ValidationError(_("台账记录不能删除，更正请使用冲销。"))


class LedgerEntry(ChoiceLabelsMixin, models.Model):
    """One movement of the fund. Never edited or deleted: a mistake is corrected by a reversing entry."""

    class Kind(models.TextChoices):
        APPROPRIATION = "appropriation", _("财政拨入")
        ADVANCE_PAYMENT = "advance_payment", _("垫付支出")
        RECOVERY = "recovery", _("追回款")
        WRITE_OFF = "write_off", _("核销")
        REVERSAL = "reversal", _("冲销")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    entry_date = models.DateField(_("记账日期"))
    amount = models.DecimalField(_("金额"), **MONEY)
    cash_effect = models.DecimalField(_("对余额的影响"), **MONEY, editable=False)
    advances_effect = models.DecimalField(_("对待收回垫付款的影响"), **MONEY, editable=False)
    document_ref = models.CharField(_("凭证或文件号"), max_length=100)
    note = models.CharField(_("摘要"), max_length=300, blank=True)
    application = models.ForeignKey(
        "funds.AdvanceApplication",
        verbose_name=_("垫付申请"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    payment = models.ForeignKey(
        "funds.AdvancePayment",
        verbose_name=_("垫付支付"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    reverses = models.ForeignKey(
        "self",
        verbose_name=_("冲销的记录"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversals",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["entry_date", "id"]
        verbose_name = _("周转金台账记录")
        verbose_name_plural = _("周转金台账")
        permissions = [("reverse_ledgerentry", _("可冲销台账记录"))]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funds_ledgerentry_amount_positive"),
            models.CheckConstraint(
                condition=(
                    Q(kind="appropriation", cash_effect=F("amount"), advances_effect=0)
                    | Q(kind="advance_payment", cash_effect=-F("amount"), advances_effect=F("amount"))
                    | Q(kind="recovery", cash_effect=F("amount"), advances_effect=-F("amount"))
                    | Q(kind="write_off", cash_effect=0, advances_effect=-F("amount"))
                    | (
                        Q(kind="reversal")
                        & (Q(cash_effect=0) | Q(cash_effect=F("amount")) | Q(cash_effect=-F("amount")))
                        & (
                            Q(advances_effect=0)
                            | Q(advances_effect=F("amount"))
                            | Q(advances_effect=-F("amount"))
                        )
                    )
                ),
                name="funds_ledgerentry_effect_by_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind="reversal", reverses__isnull=False)
                | (~Q(kind="reversal") & Q(reverses=None)),
                name="funds_ledgerentry_reversal_has_target",
            ),
            # A mistake is reversed once; a second reversal of the same entry would count it twice.
            models.UniqueConstraint(fields=["reverses"], name="funds_ledgerentry_reversed_once"),
            models.CheckConstraint(
                condition=~Q(kind__in=["advance_payment", "recovery", "write_off"])
                | Q(application__isnull=False),
                name="funds_ledgerentry_advance_kinds_have_application",
            ),
        ]
        indexes = [
            # The balance at a date, the statement of a period and the ledger page.
            models.Index(fields=["entry_date", "id"], name="ledger_date_idx"),
            # An application's payments and recoveries, recomputed under lock by every money service.
            models.Index(fields=["application", "kind"], name="ledger_application_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_date} {self.get_kind_display()} {self.amount}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("台账记录不能修改，更正请使用冲销。"))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("funds:ledger") + f"#entry-{self.pk}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("台账记录不能删除，更正请使用冲销。"))


class LedgerMonth(ChoiceLabelsMixin, models.Model):
    """The ledger's sums per calendar month and kind, so that a balance or a year's totals read about a
    hundred rows instead of every entry since the fund began.

    Not a second book: each row is the sum of the entries of its month, and it changes only together with
    them. `funds.services.ledger` writes every entry and adds it here in the same transaction, under the
    fund's lock; the ledger being append-only, adding is all it ever does. A reversal counts in the month of
    its own date, against the kind of the entry it reverses (`amount` is net of reversals, as the overview and
    the statements show it). `funds.selectors.month_totals_from_entries` sums the entries afresh, to check the
    rows or to build them after a bulk load (`seed_bench`).
    """

    month = models.DateField(_("月份"))  # the first day of the month
    kind = models.CharField(_("类型"), max_length=20, choices=LedgerEntry.Kind.choices)
    amount = models.DecimalField(_("金额"), **MONEY, default=ZERO)
    cash_effect = models.DecimalField(_("对余额的影响"), **MONEY, default=ZERO)
    advances_effect = models.DecimalField(_("对待收回垫付款的影响"), **MONEY, default=ZERO)
    entries = models.PositiveIntegerField(_("记录数"), default=0)

    class Meta:
        ordering = ["month", "kind"]
        verbose_name = _("周转金月度合计")
        verbose_name_plural = _("周转金月度合计")
        constraints = [
            models.UniqueConstraint(fields=["month", "kind"], name="funds_ledgermonth_unique"),
            models.CheckConstraint(condition=~Q(kind="reversal"), name="funds_ledgermonth_base_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.get_kind_display()} {self.amount}"


class AdvanceApplicationQuerySet(models.QuerySet):
    def outstanding(self):
        """Applications with money paid and not yet recovered or written off."""
        return self.filter(
            paid_amount__gt=F("recovered_amount") + F("written_off_amount"),
        )


class AdvanceApplication(TimeStampedModel):
    """An application by the HR bureau to advance money to the workers of a case."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已提交待审批")
        APPROVED = "approved", _("已批准待支付")
        REJECTED = "rejected", _("不予批准")
        PAID = "paid", _("已足额垫付")
        RECOVERY_ORDERED = "recovery_ordered", _("已责令偿还")
        CLOSED = "closed", _("已追回结清")
        WRITTEN_OFF = "written_off", _("已核销")

    class Ground(models.TextChoices):
        # 实施方案 二(三)6: 因欠薪或逃匿、资金困难引发或可能引发群体性、突发性事件; 特殊情况经同级政府批准.
        ARREARS_OR_FLIGHT = "arrears_or_flight", _("用人单位拖欠工资或逃匿")
        LACK_OF_FUNDS = "lack_of_funds", _("用人单位资金周转困难")
        INCIDENT = "incident", _("已引发或可能引发群体性、突发性事件")
        SPECIAL = "special", _("特殊情况经同级人民政府批准")

    PAYABLE_STATUSES = (Status.APPROVED,)

    number = models.CharField(_("申请编号"), max_length=20, unique=True)
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("案件"), on_delete=models.PROTECT, related_name="advance_applications"
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    ground = models.CharField(_("垫付情形"), max_length=20, choices=Ground.choices)
    ground_detail = models.TextField(_("情况说明"), help_text=_("写明欠薪、企业逃匿或事件风险的情况。"))
    employer_absconded = models.BooleanField(_("企业主逃匿"), default=False)
    government_approval_ref = models.CharField(
        _("同级政府批准文号"), max_length=100, blank=True, help_text=_("特殊情况须填写，并上传批准文件。")
    )

    total_requested = models.DecimalField(_("申请金额"), **MONEY, default=ZERO)
    approved_amount = models.DecimalField(_("批准金额"), **MONEY, null=True, blank=True)
    # Kept by the money services from the ledger, under the fund's lock, so lists need no aggregate.
    paid_amount = models.DecimalField(_("已垫付"), **MONEY, default=ZERO)
    recovered_amount = models.DecimalField(_("已追回"), **MONEY, default=ZERO)
    written_off_amount = models.DecimalField(_("已核销"), **MONEY, default=ZERO)

    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("审批意见"), blank=True)
    recovery_order_number = models.CharField(_("责令偿还文书号"), max_length=64, blank=True)
    recovery_ordered_on = models.DateField(_("责令偿还日期"), null=True, blank=True)
    recovery_due_on = models.DateField(_("偿还期限"), null=True, blank=True)
    finished_on = models.DateField(_("办结日期"), null=True, blank=True)

    history = HistoricalRecords()
    objects = AdvanceApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("垫付申请")
        verbose_name_plural = _("垫付申请")
        permissions = [
            ("submit_advanceapplication", _("可提交垫付申请")),
            ("approve_advanceapplication", _("可审批垫付申请")),
            ("pay_advanceapplication", _("可支付垫付款")),
            ("order_recovery_advanceapplication", _("可责令企业偿还垫付款")),
            ("record_recovery_advanceapplication", _("可登记追回款")),
            ("write_off_advanceapplication", _("可批准核销")),
            ("view_all_advanceapplication", _("可查看全部垫付申请（含草稿）")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_requested__gte=0), name="funds_advanceapplication_requested_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__gt=0),
                name="funds_advanceapplication_approved_positive",
            ),
            # Never more paid than approved, never more recovered and written off than paid, even if two
            # services raced past their own checks.
            models.CheckConstraint(
                condition=Q(paid_amount=0)
                | (Q(approved_amount__isnull=False) & Q(paid_amount__lte=F("approved_amount"))),
                name="funds_advanceapplication_paid_within_approved",
            ),
            models.CheckConstraint(
                condition=Q(paid_amount__gte=0)
                & Q(recovered_amount__gte=0)
                & Q(written_off_amount__gte=0)
                & Q(paid_amount__gte=F("recovered_amount") + F("written_off_amount")),
                name="funds_advanceapplication_recovered_within_paid",
            ),
            models.CheckConstraint(
                condition=~Q(ground="special") | ~Q(government_approval_ref=""),
                name="funds_advanceapplication_special_has_approval",
            ),
        ]
        indexes = [
            # The applications list: status filter, newest first.
            models.Index(fields=["status", "-created_at"], name="advance_status_idx"),
            # /funds/applications/ default order (newest first) without a filter.
            models.Index(fields=["-created_at", "-id"], name="advance_created_idx"),
            # /funds/ "still to recover by age" and the list's "outstanding" filter: the few applications
            # with money out, without reading the finished ones.
            models.Index(
                fields=["id"],
                condition=Q(paid_amount__gt=F("recovered_amount") + F("written_off_amount")),
                name="advance_outstanding_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("funds:detail", args=[self.pk])

    @property
    def outstanding(self) -> Decimal:
        return self.paid_amount - self.recovered_amount - self.written_off_amount

    @property
    def unpaid_approved(self) -> Decimal:
        return (self.approved_amount or ZERO) - self.paid_amount


class AdvanceLine(ChoiceLabelsMixin, models.Model):
    """One worker's part of an advance, for one purpose."""

    class Purpose(models.TextChoices):
        WAGES = "wages", _("垫付部分工资")
        LIVING = "living", _("基本生活费")
        TRAVEL = "travel", _("返乡路费")

    application = models.ForeignKey(
        AdvanceApplication, verbose_name=_("垫付申请"), on_delete=models.CASCADE, related_name="lines"
    )
    claim = models.ForeignKey(
        "cases.WorkerClaim",
        verbose_name=_("欠薪明细"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advance_lines",
    )
    worker_name = models.CharField(_("劳动者姓名"), max_length=32)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    purpose = models.CharField(_("用途"), max_length=16, choices=Purpose.choices, default=Purpose.WAGES)
    amount = models.DecimalField(_("金额"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("垫付明细")
        verbose_name_plural = _("垫付明细")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funds_advanceline_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.worker_name} {self.get_purpose_display()} {self.amount}"


class AdvancePayment(TimeStampedModel):
    """One payment of an approved advance by the finance bureau; its ledger entry carries the money."""

    application = models.ForeignKey(
        AdvanceApplication, verbose_name=_("垫付申请"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.DecimalField(_("金额"), **MONEY)
    paid_on = models.DateField(_("支付日期"))
    document_ref = models.CharField(_("支付凭证号"), max_length=100)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("垫付支付")
        verbose_name_plural = _("垫付支付")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funds_advancepayment_amount_positive"),
            # One voucher, one payment: the same form sent twice must not pay twice (issue 16).
            models.UniqueConstraint(fields=["document_ref"], name="funds_advancepayment_document_ref_unique"),
        ]
        indexes = [
            # /funds/ "still to recover by age": each outstanding application's first payment, read from
            # the index alone.
            models.Index(fields=["application", "paid_on"], name="advancepayment_app_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.application.number} {self.paid_on} {self.amount}"


class AdvanceEvent(ChoiceLabelsMixin, models.Model):
    """The append-only log of an application: each step writes one row; its timeline comes from here."""

    class Kind(models.TextChoices):
        CREATED = "created", _("创建申请")
        CHANGED = "changed", _("修改申请")
        SUBMITTED = "submitted", _("提交审批")
        APPROVED = "approved", _("批准")
        REJECTED = "rejected", _("不予批准")
        PAID = "paid", _("支付垫付款")
        RECOVERY_ORDERED = "recovery_ordered", _("责令企业偿还")
        RECOVERED = "recovered", _("追回款到账")
        CLOSED = "closed", _("追回结清")
        WRITTEN_OFF = "written_off", _("核销")
        REVERSED = "reversed", _("冲销更正")
        DOCUMENT_ADDED = "document_added", _("上传文件")

    application = models.ForeignKey(
        AdvanceApplication, verbose_name=_("垫付申请"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("事项"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("金额"), **MONEY, null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("垫付申请事项")
        verbose_name_plural = _("垫付申请事项")
        indexes = [
            # The application page's timeline.
            models.Index(fields=["application", "at"], name="advanceevent_app_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.get_kind_display()}"
