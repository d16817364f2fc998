"""Forms of the fund's pages: they parse and check input; the services decide and save."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.identity_forms import clean_id_number_value
from liudong_wages.forms import StyledFormMixin
from liudong_wages.params import BoundedDateField
from liudong_wages.uploads import CheckedFileField

from .models import AdvanceApplication, AdvanceLine
from .services import clean_amount


class MoneyField(forms.CharField):
    """An amount in yuan, checked by the same rule as the services (positive, at most two decimals)."""

    def __init__(self, *, label_for_errors=None, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        self.label_for_errors = label_for_errors
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        label = str(self.label_for_errors or self.label or _("金额")).replace("（元）", "")
        return clean_amount(value, label=label)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ApplicationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = AdvanceApplication
        fields = ["ground", "ground_detail", "employer_absconded", "government_approval_ref"]
        widgets = {"ground_detail": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if (
            data.get("ground") == AdvanceApplication.Ground.SPECIAL
            and not (data.get("government_approval_ref") or "").strip()
        ):
            self.add_error("government_approval_ref", _("特殊情况须填写同级人民政府的批准文号。"))
        return data


class LineForm(StyledFormMixin, forms.Form):
    claim = forms.IntegerField(required=False, widget=forms.HiddenInput)
    worker_name = forms.CharField(label=_("姓名"), max_length=32)
    id_number = forms.CharField(label=_("身份证号"), max_length=18, required=False)
    # The select always posts a choice: with the first one as initial, a blank extra row stays "unchanged"
    # and is skipped instead of failing as a line without a name (issue 10).
    purpose = forms.ChoiceField(
        label=_("用途"), choices=AdvanceLine.Purpose.choices, initial=AdvanceLine.Purpose.WAGES
    )
    amount = MoneyField(label=_("金额（元）"))

    def clean_id_number(self):
        # The one check of enterprises.identity: refused only for length, characters, birth date or check
        # character, never a 500; a warning (an area code unknown or not in use in the birth year) does not
        # block an advance: the office saw it when the worker's claim was entered.
        return clean_id_number_value(self.cleaned_data["id_number"])


class BaseLineFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not filled:
            raise ValidationError(_("请至少填写一名劳动者的垫付明细。"))


LineFormSet = forms.formset_factory(LineForm, formset=BaseLineFormSet, extra=3, can_delete=True, max_num=500)


class ApproveForm(StyledFormMixin, forms.Form):
    amount = MoneyField(label=_("批准金额（元）"), required=False, help_text=_("留空即按申请金额批准。"))
    reason = forms.CharField(label=_("审批意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RejectForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("不予批准的理由"), widget=forms.Textarea(attrs={"rows": 2}))


class PayForm(StyledFormMixin, forms.Form):
    amount = MoneyField(label=_("支付金额（元）"))
    document_ref = forms.CharField(label=_("支付凭证号"), max_length=100)
    paid_on = forms.DateField(label=_("支付日期"), initial=timezone.localdate, widget=DateInput())
    note = forms.CharField(label=_("说明"), max_length=300, required=False)
    # What the application had been paid when the page was opened: the same form sent twice (a double click,
    # the back button) finds it changed and pays nothing the second time, as cases' instalment payments do.
    paid_before = forms.DecimalField(
        required=False, max_digits=14, decimal_places=2, min_value=0, widget=forms.HiddenInput
    )


class RecoveryOrderForm(StyledFormMixin, forms.Form):
    order_number = forms.CharField(label=_("责令偿还文书号"), max_length=64)
    ordered_on = forms.DateField(label=_("责令日期"), initial=timezone.localdate, widget=DateInput())
    due_on = forms.DateField(label=_("偿还期限"), widget=DateInput())


class RecoveryForm(StyledFormMixin, forms.Form):
    amount = MoneyField(label=_("追回金额（元）"))
    document_ref = forms.CharField(label=_("收款凭证号"), max_length=100)
    received_on = forms.DateField(label=_("到账日期"), initial=timezone.localdate, widget=DateInput())
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class WriteOffForm(StyledFormMixin, forms.Form):
    document_ref = forms.CharField(label=_("管委会批准核销文件号"), max_length=100)
    reason = forms.CharField(label=_("无法追回的原因"), widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(StyledFormMixin, forms.Form):
    file = CheckedFileField(label=_("同级人民政府批准文件"))
    description = forms.CharField(label=_("说明"), max_length=200, required=False)


class AppropriationForm(StyledFormMixin, forms.Form):
    amount = MoneyField(label=_("拨入金额（元）"))
    entry_date = forms.DateField(label=_("到账日期"), initial=timezone.localdate, widget=DateInput())
    document_ref = forms.CharField(label=_("拨款文件号或凭证号"), max_length=100)
    note = forms.CharField(label=_("摘要"), max_length=300, required=False)


class ReverseForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("冲销原因"), max_length=300)


class PeriodForm(StyledFormMixin, forms.Form):
    # Bounded: a statement from 0001-01-01 overflowed when the day before it was computed (issue 16).
    start = BoundedDateField(label=_("起始日期"), widget=DateInput())
    end = BoundedDateField(label=_("截止日期"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError(_("截止日期不能早于起始日期。"))
        return data
