"""Forms of case documents, clues, campaigns and hand-overs (issue 18): they validate; services save."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.forms.lookup import EnterpriseField
from liudong_wages.forms import StyledFormMixin
from liudong_wages.money import MONEY

from .models import CaseDocument, Clue

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# What the office drafts by hand; a 送达回证 is made by the service record.
DRAFTABLE = [(k, label) for k, label in CaseDocument.Kind.choices if k != CaseDocument.Kind.SERVICE_RECEIPT]


class DocumentFieldsForm(StyledFormMixin, forms.Form):
    addressee = forms.CharField(label=_("受送达人"), max_length=200, required=False)
    facts = forms.CharField(
        label=_("违法事实或案情"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    legal_basis = forms.CharField(
        label=_("法律依据"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    requirement = forms.CharField(
        label=_("处理要求或决定内容"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    period_days = forms.IntegerField(
        label=_("整改期限（日）"),
        min_value=1,
        max_value=180,
        required=False,
        help_text=_("仅限期整改指令书。"),
    )
    penalty_amount = forms.DecimalField(label=_("罚款金额（元）"), min_value=0, required=False, **MONEY)
    appointment = forms.CharField(label=_("询问时间地点"), max_length=200, required=False)


class DocumentCreateForm(DocumentFieldsForm):
    kind = forms.ChoiceField(label=_("文书种类"), choices=DRAFTABLE)
    field_order = ["kind"]


class DocumentIssueForm(StyledFormMixin, forms.Form):
    issued_on = forms.DateField(label=_("签发日期"), widget=DATE, initial=timezone.localdate, required=False)

    def clean_issued_on(self):
        return self.cleaned_data["issued_on"] or timezone.localdate()


class DocumentServeForm(StyledFormMixin, forms.Form):
    method = forms.ChoiceField(label=_("送达方式"), choices=CaseDocument.ServiceMethod.choices)
    served_on = forms.DateField(label=_("送达日期"), widget=DATE, initial=timezone.localdate, required=False)
    served_to = forms.CharField(label=_("受送达人或签收人"), max_length=100, required=False)
    note = forms.CharField(label=_("送达说明"), max_length=200, required=False)

    def clean_served_on(self):
        return self.cleaned_data["served_on"] or timezone.localdate()


class ClueImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("平台导出的线索表（.xlsx）"))


class ClueToCaseForm(StyledFormMixin, forms.Form):
    enterprise = EnterpriseField(
        label=_("被投诉企业"),
        required=False,
        active_only=False,
        help_text=_("企业库中没有的，留空则以线索中的单位名称立案。"),
    )
    period_start = forms.DateField(label=_("欠薪起始日期"), widget=DATE)
    period_end = forms.DateField(label=_("欠薪截止日期"), widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            raise forms.ValidationError(_("欠薪截止日期不能早于起始日期。"))
        return data


class ClueCloseForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("办结理由（反馈至平台）"), widget=forms.Textarea(attrs={"rows": 3}))


class ClueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部")), *Clue.Status.choices]
    )
    due = forms.ChoiceField(
        label=_("反馈期限"), required=False, choices=[("", _("全部")), ("overdue", _("逾期未反馈"))]
    )
    q = forms.CharField(label=_("搜索"), required=False, max_length=64)


class HandoverForm(StyledFormMixin, forms.Form):
    employer_name = forms.CharField(label=_("欠薪单位"), max_length=200)
    project_name = forms.CharField(label=_("工程项目"), max_length=200, required=False)
    worker_count = forms.IntegerField(label=_("涉及人数"), min_value=1, max_value=100000)
    amount = forms.DecimalField(label=_("欠薪金额（元）"), min_value=Decimal("0.01"), **MONEY)
    period_start = forms.DateField(label=_("欠薪起始日期"), widget=DATE)
    period_end = forms.DateField(label=_("欠薪截止日期"), widget=DATE)
    summary = forms.CharField(label=_("情况说明"), widget=forms.Textarea(attrs={"rows": 4}))
    contact_name = forms.CharField(label=_("劳动者代表"), max_length=64, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=32, required=False)


class HandoverAcceptForm(ClueToCaseForm):
    period_start = None
    period_end = None


class HandoverReturnForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("退回理由（移交单位可见）"), widget=forms.Textarea(attrs={"rows": 3}))


class CampaignForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("行动名称"), max_length=100)
    starts_on = forms.DateField(label=_("开始日期"), widget=DATE)
    ends_on = forms.DateField(label=_("结束日期"), widget=DATE)
    industries = forms.MultipleChoiceField(
        label=_("行业（不选为全部）"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    areas = forms.CharField(
        label=_("园区或区域（用顿号或逗号分隔，留空为全部）"), max_length=500, required=False
    )
    project_types = forms.MultipleChoiceField(
        label=_("工程类别（不选为全部）"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    note = forms.CharField(label=_("工作要求"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        from enterprises.models import Enterprise, Project

        super().__init__(*args, **kwargs)
        self.fields["industries"].choices = Enterprise.Industry.choices
        self.fields["project_types"].choices = Project.Kind.choices

    def clean_areas(self) -> list[str]:
        text = self.cleaned_data["areas"]
        for separator in "、，,;；":
            text = text.replace(separator, "\n")
        return [part.strip() for part in text.splitlines() if part.strip()]

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("结束日期不能早于开始日期。"))
        return data
