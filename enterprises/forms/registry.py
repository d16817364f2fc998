"""Forms of the registry (enterprises, projects and their deposits, site inspections, assessments, the
dishonest list and its measures, the Excel import). They validate and normalise; each view hands the cleaned
data to one service."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liudong_wages.forms import StyledFormMixin
from liudong_wages.roles import Role
from liudong_wages.uploads import IMAGES, CheckedFileField

from ..models import Assessment, DishonestListing, Enterprise, Project, SiteInspection, Subcontractor
from ..validators import normalize_code
from .common import DATE
from .lookup import EnterpriseField, ProjectField


class EnterpriseForm(StyledFormMixin, forms.ModelForm):
    # Longer than 18 on input: spaces and hyphens typed by the user are dropped before the model checks.
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=40)
    legal_rep_id_number = forms.CharField(label=_("法定代表人身份证号"), max_length=40, required=False)

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "credit_code",
            "industry",
            "legal_rep_name",
            "legal_rep_id_number",
            "legal_rep_phone",
            "address",
            "industrial_park",
            "headcount",
            "migrant_worker_count",
            "has_trade_union",
            "has_collective_contract",
        ]

    def clean_credit_code(self) -> str:
        return normalize_code(self.cleaned_data["credit_code"])

    def clean_legal_rep_id_number(self) -> str:
        return normalize_code(self.cleaned_data["legal_rep_id_number"])


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("原因"), widget=forms.Textarea(attrs={"rows": 3}))


class ProjectForm(StyledFormMixin, forms.ModelForm):
    # Typed as a credit code or a full name, never a select of the registry (enterprises.forms.lookup).
    construction_unit = EnterpriseField(label=_("建设单位"))
    general_contractor = EnterpriseField(label=_("施工总承包单位"))

    class Meta:
        model = Project
        fields = [
            "name",
            "kind",
            "location",
            "permit_number",
            "construction_unit",
            "general_contractor",
            "management_invested",
            "responsible_person",
            "approving_unit",
            "approved_on",
            "start_date",
            "planned_end_date",
            "contract_value",
            "worker_count",
            "wage_supervisor",
            "wage_supervisor_phone",
            "wage_account_number",
            "wage_account_bank",
            "labour_filed",
            "real_name_management",
            "notice_board",
            "contractor_had_arrears",
            "deposit_rate",
        ]
        widgets = {"approved_on": DATE, "start_date": DATE, "planned_end_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The parties themselves, not their ids: the boxes show their codes and names with no query of
            # their own when the view loaded them with the project (select_related).
            for name in ("construction_unit", "general_contractor"):
                self.initial[name] = getattr(self.instance, name)
            self.fields["status"] = forms.ChoiceField(
                label=_("状态"),
                choices=[c for c in Project.Status.choices if c[0] != Project.Status.VOIDED],
                initial=self.instance.status,
            )
            self.fields["status"].widget.attrs["class"] = "form-select"


class SubcontractorForm(StyledFormMixin, forms.ModelForm):
    """A subcontractor named by its unified social credit code (or its exact name), never picked from a list of
    every enterprise: the registry holds 50,000 and more, and the page must not grow with them."""

    enterprise_code = EnterpriseField(label=_("分包单位"))

    class Meta:
        model = Subcontractor
        fields = ["role", "scope"]

    def subcontractor_data(self) -> dict:
        """What services.subcontractor_add takes."""
        return {
            "enterprise": self.cleaned_data["enterprise_code"],
            "role": self.cleaned_data["role"],
            "scope": self.cleaned_data["scope"],
        }


class DepositPaymentForm(StyledFormMixin, forms.Form):
    amount = forms.DecimalField(label=_("缴存金额（元）"), max_digits=14, decimal_places=2, min_value=0)
    form = forms.ChoiceField(label=_("缴存形式"), choices=Project.DepositForm.choices)
    paid_on = forms.DateField(label=_("缴存日期"), widget=DATE, initial=timezone.localdate)
    document = forms.CharField(label=_("凭证编号"), required=False, max_length=100)


class DepositCheckForm(StyledFormMixin, forms.Form):
    checked_on = forms.DateField(label=_("核查日期"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("核查情况"), required=False, max_length=200)


class DepositNoticeForm(StyledFormMixin, forms.Form):
    notice_on = forms.DateField(label=_("公示开始日期"), widget=DATE, initial=timezone.localdate)


class DepositReturnForm(StyledFormMixin, forms.Form):
    returned_on = forms.DateField(label=_("返还日期"), widget=DATE, initial=timezone.localdate)


def inspector_choices():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.INSPECTOR, Role.OFFICE, Role.DIRECTOR])
        .distinct()
        .order_by("username")
    )


class InspectionForm(StyledFormMixin, forms.Form):
    project = ProjectField(label=_("项目"), required=False)
    enterprise = EnterpriseField(label=_("被检查单位"), required=False, help_text=_("留空为项目总包单位"))
    inspected_on = forms.DateField(label=_("巡视日期"), widget=DATE, initial=timezone.localdate)
    inspectors = forms.ModelMultipleChoiceField(label=_("巡视人员"), queryset=get_user_model().objects.none())
    findings = forms.CharField(label=_("发现问题"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_due = forms.DateField(label=_("整改期限"), required=False, widget=DATE)
    photos = CheckedFileField(label=_("照片"), kinds=IMAGES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspectors"].queryset = inspector_choices()
        for name, label in SiteInspection.CHECKLIST:
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=SiteInspection.Check.choices,
                initial=SiteInspection.Check.OK,
                widget=forms.RadioSelect,
            )

    def checks(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name, _label in SiteInspection.CHECKLIST}

    def clean(self):
        data = super().clean()
        if not data.get("project") and not data.get("enterprise"):
            raise ValidationError(_("请选择巡视的项目或单位。"))
        return data


class ResolveForm(StyledFormMixin, forms.Form):
    resolved_on = forms.DateField(label=_("整改完成日期"), widget=DATE, initial=timezone.localdate)
    resolution = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 3}))


class PhotoForm(StyledFormMixin, forms.Form):
    photo = CheckedFileField(label=_("照片"), kinds=IMAGES)
    description = forms.CharField(label=_("说明"), required=False, max_length=200)


class AssessmentForm(StyledFormMixin, forms.Form):
    """The ten items, a score (0–10) and the evidence each."""

    assessed_on = forms.DateField(label=_("评定日期"), widget=DATE, initial=timezone.localdate)
    remarks = forms.CharField(label=_("评语"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in Assessment.Item.choices:
            self.fields[f"score_{key}"] = forms.IntegerField(
                label=label, min_value=0, max_value=Assessment.MAX_ITEM_SCORE
            )
            self.fields[f"evidence_{key}"] = forms.CharField(
                label=_("佐证材料"), required=False, widget=forms.Textarea(attrs={"rows": 1})
            )
            for name in (f"score_{key}", f"evidence_{key}"):
                self.fields[name].widget.attrs["class"] = "form-control form-control-sm"

    def item_rows(self):
        return [(self[f"score_{key}"], self[f"evidence_{key}"]) for key in Assessment.Item.values]

    def items(self) -> dict[str, tuple[int, str]]:
        return {
            key: (self.cleaned_data[f"score_{key}"], self.cleaned_data[f"evidence_{key}"])
            for key in Assessment.Item.values
        }


class ListingProposeForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = DishonestListing
        fields = [
            "grounds",
            "facts",
            "amount_owed",
            "workers_affected",
            "payment_order_number",
            "payment_order_date",
            "responsible_persons",
        ]
        widgets = {"payment_order_date": DATE, "facts": forms.Textarea(attrs={"rows": 3})}


class ListingNotifyForm(StyledFormMixin, forms.Form):
    notice_number = forms.CharField(label=_("告知书文号"), max_length=64)
    notified_on = forms.DateField(label=_("送达日期"), widget=DATE, initial=timezone.localdate)


class ObjectionForm(StyledFormMixin, forms.Form):
    received_on = forms.DateField(label=_("收到异议日期"), widget=DATE, initial=timezone.localdate)
    objection = forms.CharField(label=_("异议内容"), widget=forms.Textarea(attrs={"rows": 3}))
    reply = forms.CharField(label=_("复核意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DecideForm(StyledFormMixin, forms.Form):
    decision_number = forms.CharField(label=_("列入决定书文号"), max_length=64)
    decided_on = forms.DateField(label=_("决定日期"), widget=DATE, initial=timezone.localdate)


class WithdrawForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("不予列入理由"), widget=forms.Textarea(attrs={"rows": 3}))


class RemoveForm(StyledFormMixin, forms.Form):
    arrears_paid_on = forms.DateField(label=_("改正（清偿）日期"), widget=DATE)
    commitment_received_on = forms.DateField(label=_("收到书面信用承诺日期"), widget=DATE)
    removed_on = forms.DateField(label=_("移出日期"), widget=DATE, initial=timezone.localdate)
    removal_number = forms.CharField(label=_("移出决定文号"), max_length=64)


class MeasureForm(StyledFormMixin, forms.Form):
    measures = forms.CharField(label=_("采取的惩戒措施"), widget=forms.Textarea(attrs={"rows": 4}))
    taken_on = forms.DateField(label=_("采取措施日期"), widget=DATE, initial=timezone.localdate)


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))
