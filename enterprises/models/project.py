"""Construction projects, their subcontractors and wage deposits, and the site inspections of them.

The facts a project must have before work starts come from 保障农民工工资支付条例 (国务院令第724号),
the deposit from 工资保证金管理暂行办法 (人社部发〔2021〕65号); the rules themselves live in rules.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import ChoiceLabelsMixin, Recorded, TimeStampedModel
from liudong_wages.money import MONEY
from liudong_wages.reversing import reverse
from liudong_wages.search import contains

from .enterprise import Enterprise


class ProjectQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Project.Status.ACTIVE)

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        code = term.replace(" ", "").upper()
        return self.filter(
            contains("name", term)
            | contains("permit_number", term)
            | contains("general_contractor__name", term)
            | contains("general_contractor__credit_code", code)
            | contains("construction_unit__name", term)
        )

    def involving(self, enterprise: Enterprise):
        """Projects where the enterprise builds, owns, or subcontracts."""
        return self.filter(
            Q(construction_unit=enterprise)
            | Q(general_contractor=enterprise)
            | Q(subcontractors__enterprise=enterprise)
        ).distinct()


class Risk(models.TextChoices):
    """DESIGN.md section 4: a project's risk, highest first. NONE sorts last."""

    RED = "red", _("红色")
    ORANGE = "orange", _("橙色")
    YELLOW = "yellow", _("黄色")
    NONE = "none", _("无")


class Project(TimeStampedModel):
    class Kind(models.TextChoices):
        BUILDING = "building", _("房屋建筑")
        MUNICIPAL = "municipal", _("市政")
        TRANSPORT = "transport", _("交通")
        WATER = "water", _("水利")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        ACTIVE = "active", _("在建")
        COMPLETED = "completed", _("已完工")
        VOIDED = "voided", _("已作废")

    class DepositForm(models.TextChoices):
        CASH = "cash", _("现金存储")
        BANK_GUARANTEE = "guarantee", _("银行保函")
        INSURANCE = "insurance", _("工程担保公司保函或保险")

    Risk = Risk

    name = models.CharField(_("项目名称"), max_length=200)
    kind = models.CharField(_("工程类别"), max_length=16, choices=Kind.choices, default=Kind.BUILDING)
    location = models.CharField(_("建设地点"), max_length=200, blank=True)
    permit_number = models.CharField(_("施工许可证号"), max_length=64, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    void_reason = models.TextField(_("作废原因"), blank=True)
    # 实施方案 三(一): arrears on a project the management committee invested in make its head accountable.
    management_invested = models.BooleanField(_("管委会投资项目"), default=False)
    responsible_person = models.CharField(_("项目负责人"), max_length=64, blank=True)
    construction_unit = models.ForeignKey(
        Enterprise,
        verbose_name=_("建设单位"),
        on_delete=models.PROTECT,
        related_name="projects_as_owner",
    )
    general_contractor = models.ForeignKey(
        Enterprise,
        verbose_name=_("施工总承包单位"),
        on_delete=models.PROTECT,
        related_name="projects_as_contractor",
    )
    approving_unit = models.CharField(_("审批单位"), max_length=64, blank=True)
    approved_on = models.DateField(
        _("审批（施工许可）日期"),
        null=True,
        blank=True,
        help_text=_("工资保证金自此日起 20 个工作日内缴存。"),
    )
    start_date = models.DateField(_("开工日期"), null=True, blank=True)
    planned_end_date = models.DateField(_("计划竣工日期"), null=True, blank=True)
    contract_value = models.DecimalField(_("合同金额（元）"), default=0, **MONEY)
    worker_count = models.PositiveIntegerField(_("用工人数"), default=0)
    wage_supervisor = models.CharField(_("劳资专管员"), max_length=32, blank=True)
    wage_supervisor_phone = models.CharField(_("劳资专管员电话"), max_length=32, blank=True)
    wage_account_number = models.CharField(_("农民工工资专用账户"), max_length=40, blank=True)
    wage_account_bank = models.CharField(_("开户银行"), max_length=64, blank=True)
    # 人社部发〔2021〕53号: the special account is opened within 30 days of the construction contract, and
    # closed only when the project is complete and no wages are owed (DESIGN.md section 11).
    contract_signed_on = models.DateField(_("施工合同签订日期"), null=True, blank=True)
    wage_account_opened_on = models.DateField(_("专用账户开户日期"), null=True, blank=True)
    wage_account_closed_on = models.DateField(_("专用账户销户日期"), null=True, blank=True)
    # 条例 art. 30: wages are paid at least monthly on a fixed day; empty means the default (WAGE_PAYDAY).
    payday = models.PositiveSmallIntegerField(
        _("工资支付日"),
        null=True,
        blank=True,
        help_text=_("次月几日发放上月工资（1–31）；留空按默认 15 日。遇休息日顺延至下一个工作日。"),
    )
    labour_filed = models.BooleanField(_("已用工备案"), default=False)
    real_name_management = models.BooleanField(_("已实行实名制管理"), default=False)
    notice_board = models.BooleanField(_("已设维权信息告示牌"), default=False)
    # Wage deposit (工资保证金). The rate may be lowered, not below the minimum; empty means the default rate.
    contractor_had_arrears = models.BooleanField(
        _("总包单位近一年有拖欠工资行为"),
        default=False,
        help_text=_("近一年有拖欠的，合同金额低于 300 万元也不能免缴保证金。"),
    )
    deposit_rate = models.DecimalField(
        _("保证金比例"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("留空按默认比例；可在 0.5%–3% 之间调整，如 0.01 表示 1%。"),
    )
    deposit_amount = models.DecimalField(_("已缴保证金（元）"), null=True, blank=True, **MONEY)
    deposit_form = models.CharField(_("缴存形式"), max_length=16, choices=DepositForm.choices, blank=True)
    deposit_paid_on = models.DateField(_("缴存日期"), null=True, blank=True)
    deposit_checked_on = models.DateField(_("最近核查日期"), null=True, blank=True)
    deposit_return_notice_on = models.DateField(_("返还公示开始日期"), null=True, blank=True)
    deposit_returned_on = models.DateField(_("返还日期"), null=True, blank=True)
    # The risk rating (rules.project_risk), stored by `project_risk_refresh` so lists filter and sort on it.
    risk = models.CharField(
        _("风险等级"), max_length=8, choices=Risk.choices, default=Risk.NONE, editable=False
    )
    risk_rank = models.PositiveSmallIntegerField(default=0, editable=False)  # 3 red … 0 none, for sorting
    risk_reasons = models.JSONField(_("风险原因"), default=list, blank=True, editable=False)
    risk_assessed_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["risk", "risk_rank", "risk_reasons", "risk_assessed_at"])
    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("工程项目")
        verbose_name_plural = _("工程项目")
        constraints = [
            models.CheckConstraint(
                condition=Q(management_invested=False) | ~Q(responsible_person=""),
                name="enterprises_project_invested_has_responsible_person",
                violation_error_message=_("管委会投资的项目须填写项目负责人（欠薪时追究其责任）。"),
            ),
            models.CheckConstraint(
                condition=Q(planned_end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(planned_end_date__gte=models.F("start_date")),
                name="enterprises_project_end_after_start",
                violation_error_message=_("计划竣工日期不能早于开工日期。"),
            ),
            models.CheckConstraint(
                condition=Q(payday__isnull=True) | Q(payday__gte=1, payday__lte=31),
                name="enterprises_project_payday_in_month",
                violation_error_message=_("工资支付日应在 1 至 31 日之间。"),
            ),
            models.CheckConstraint(
                condition=Q(wage_account_closed_on__isnull=True)
                | Q(
                    wage_account_opened_on__isnull=False,
                    wage_account_closed_on__gte=F("wage_account_opened_on"),
                ),
                name="enterprises_project_account_closed_after_opened",
                violation_error_message=_("专用账户销户日期不能早于开户日期。"),
            ),
            models.CheckConstraint(
                condition=Q(contract_value__gte=0),
                name="enterprises_project_contract_value_nonnegative",
                violation_error_message=_("合同金额不能为负数。"),
            ),
            models.CheckConstraint(
                condition=~Q(status="voided") | ~Q(void_reason=""),
                name="enterprises_project_voided_has_reason",
                violation_error_message=_("作废项目须填写原因。"),
            ),
        ]
        indexes = [
            # The dashboard's "most at risk" and the project list's risk filter.
            models.Index(fields=["-risk_rank", "-start_date"], name="project_risk_idx"),
            # The nightly risk refresh walks the active projects.
            models.Index(fields=["status"], name="project_status_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:project_detail", args=[self.pk])

    @property
    def has_wage_account(self) -> bool:
        return bool(self.wage_account_number.strip())


class Subcontractor(ChoiceLabelsMixin, Recorded, models.Model):
    class Role(models.TextChoices):
        PROFESSIONAL = "professional", _("专业分包")
        LABOUR = "labour", _("劳务分包")
        OTHER = "other", _("其他")

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="subcontractors"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("分包单位"), on_delete=models.PROTECT, related_name="subcontracts"
    )
    role = models.CharField(_("分包类型"), max_length=16, choices=Role.choices, default=Role.LABOUR)
    scope = models.CharField(_("分包内容"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("分包单位")
        verbose_name_plural = _("分包单位")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "enterprise", "role"], name="enterprises_subcontractor_once_per_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise}（{self.get_role_display()}）"


class SiteInspectionQuerySet(models.QuerySet):
    def open_findings(self):
        return self.filter(finding_status=SiteInspection.FindingStatus.OPEN)

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        return self.filter(
            Q(project__name__icontains=term)
            | Q(enterprise__name__icontains=term)
            | Q(enterprise__credit_code__icontains=term.replace(" ", "").upper())
        )


class SiteInspection(TimeStampedModel):
    """A visit of the labour inspection work group to a site (巡视, 实施方案 二(二))."""

    class Check(models.TextChoices):
        OK = "ok", _("符合")
        PROBLEM = "problem", _("存在问题")
        NOT_CHECKED = "na", _("未检查")

    class FindingStatus(models.TextChoices):
        NONE = "none", _("无问题")
        OPEN = "open", _("待整改")
        RESOLVED = "resolved", _("已整改")

    # The checklist: (field name, label). One place, so the form, the page and the export agree.
    CHECKLIST = [
        ("check_filing", _("用工备案")),
        ("check_real_name", _("实名制管理")),
        ("check_wage_account", _("工资专用账户")),
        ("check_notice_board", _("维权信息告示牌")),
        ("check_deposit", _("工资保证金")),
        ("check_wage_payment", _("工资支付")),
    ]

    project = models.ForeignKey(
        Project,
        verbose_name=_("项目"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("被检查单位"), on_delete=models.PROTECT, related_name="inspections"
    )
    inspected_on = models.DateField(_("巡视日期"), default=timezone.localdate)
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("巡视人员"), related_name="site_inspections"
    )
    check_filing = models.CharField(
        _("用工备案"), max_length=8, choices=Check.choices, default=Check.NOT_CHECKED
    )
    check_real_name = models.CharField(
        _("实名制管理"), max_length=8, choices=Check.choices, default=Check.NOT_CHECKED
    )
    check_wage_account = models.CharField(
        _("工资专用账户"), max_length=8, choices=Check.choices, default=Check.NOT_CHECKED
    )
    check_notice_board = models.CharField(
        _("维权信息告示牌"), max_length=8, choices=Check.choices, default=Check.NOT_CHECKED
    )
    check_deposit = models.CharField(
        _("工资保证金"), max_length=8, choices=Check.choices, default=Check.NOT_CHECKED
    )
    check_wage_payment = models.CharField(
        _("工资支付"), max_length=8, choices=Check.choices, default=Check.NOT_CHECKED
    )
    findings = models.TextField(_("发现问题"), blank=True)
    follow_up_due = models.DateField(_("整改期限"), null=True, blank=True)
    finding_status = models.CharField(
        _("整改状态"), max_length=16, choices=FindingStatus.choices, default=FindingStatus.NONE
    )
    resolved_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    resolution = models.TextField(_("整改情况"), blank=True)

    history = HistoricalRecords()
    objects = SiteInspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-inspected_on", "-pk"]
        verbose_name = _("工地巡视")
        verbose_name_plural = _("工地巡视")
        constraints = [
            models.CheckConstraint(
                condition=~Q(finding_status="open") | Q(follow_up_due__isnull=False),
                name="enterprises_siteinspection_open_finding_has_due_date",
                violation_error_message=_("发现问题的，请填写整改期限。"),
            ),
        ]
        indexes = [
            # The project risk refresh and the due-date warnings look for open findings.
            models.Index(fields=["finding_status", "follow_up_due"], name="inspection_open_idx"),
        ]

    def __str__(self) -> str:
        target = self.project or self.enterprise
        return f"{self.inspected_on} {target}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:inspection_detail", args=[self.pk])

    def checklist(self) -> list[tuple[str, str, str]]:
        """(label, value, display) for each checklist item."""
        return [
            (label, getattr(self, name), self.Check(getattr(self, name)).label)
            for name, label in self.CHECKLIST
        ]

    @property
    def problems(self) -> list[str]:
        return [str(label) for name, label in self.CHECKLIST if getattr(self, name) == self.Check.PROBLEM]
