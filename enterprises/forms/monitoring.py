"""Forms of the wage-payment monitoring pages (issue 17): a roster worker, a leave date, a labour-cost
transfer, a wage sheet's upload and the steps of a sheet. They validate and normalise; each view hands the
cleaned data to one service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liudong_wages.forms import StyledFormMixin
from liudong_wages.privacy import mask_id_number

from ..models import Enterprise, Payroll, Project, ProjectWorker
from ..validators import normalize_code
from .common import DATE

MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
MONTH_FORMATS = ["%Y-%m", "%Y-%m-%d", "%Y/%m", "%Y年%m月"]


def project_employers(project: Project):
    """The enterprises that may employ a worker on `project`: its general contractor and subcontractors."""
    ids = [project.general_contractor_id, *project.subcontractors.values_list("enterprise_id", flat=True)]
    return Enterprise.objects.filter(pk__in=ids).order_by("name")


class MonthField(forms.DateField):
    """A month typed as 2026-10 (the browser's month input): cleaned to the month's first day."""

    widget = MONTH

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", MONTH_FORMATS)
        super().__init__(**kwargs)

    def clean(self, value):
        day = super().clean(value)
        if day is None:
            return None
        if not 2000 <= day.year <= timezone.localdate().year + 1:
            raise forms.ValidationError(_("月份超出范围。"))
        return day.replace(day=1)


class WorkerForm(StyledFormMixin, forms.ModelForm):
    # Longer than 18 on input: spaces and hyphens typed by the user are dropped before the model checks.
    id_number = forms.CharField(label=_("身份证号"), max_length=40)
    bank_card = forms.CharField(label=_("工资卡号"), max_length=40, required=False)

    class Meta:
        model = ProjectWorker
        fields = [
            "name",
            "id_number",
            "phone",
            "bank_card",
            "bank_name",
            "employer",
            "team",
            "trade",
            "contract_signed",
            "contract_signed_on",
            "started_on",
        ]
        widgets = {"contract_signed_on": DATE, "started_on": DATE}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = project_employers(project)
        self.fields["employer"].empty_label = None

    def clean_id_number(self) -> str:
        return normalize_code(self.cleaned_data["id_number"])

    def clean_bank_card(self) -> str:
        return normalize_code(self.cleaned_data["bank_card"])

    def _post_clean(self):
        # Django's ModelForm hook that would run the model's full_clean (not dead code: overriding it turns
        # that off). The service saves (full_clean included); the form only checks its own fields, so that
        # the unique (project, ID number) rule answers from the service in one place.
        pass


class LeaveForm(StyledFormMixin, forms.Form):
    left_on = forms.DateField(label=_("退场日期"), widget=DATE)

    def clean_left_on(self) -> dt.date:
        day = self.cleaned_data["left_on"]
        if day > timezone.localdate() + dt.timedelta(days=31):
            raise forms.ValidationError(_("退场日期不能晚于一个月以后。"))
        return day


class UploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class PayrollImportForm(StyledFormMixin, forms.Form):
    month = MonthField(label=_("工资月份"))
    source = forms.ChoiceField(
        label=_("文件类型"),
        choices=[
            (Payroll.Source.TEMPLATE, Payroll.Source.TEMPLATE.label),
            (Payroll.Source.BANK, Payroll.Source.BANK.label),
        ],
    )
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class CorrectionForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("更正原因"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500)
    file = forms.FileField(label=_("更正后的工资表（.xlsx）"))


class PaidForm(StyledFormMixin, forms.Form):
    paid_on = forms.DateField(label=_("发放日期"), widget=DATE)

    def clean_paid_on(self) -> dt.date:
        day = self.cleaned_data["paid_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("发放日期不能晚于今天。"))
        return day


class TransferForm(StyledFormMixin, forms.Form):
    period = MonthField(label=_("所属月份"))
    transferred_on = forms.DateField(label=_("拨付日期"), widget=DATE)
    amount = forms.DecimalField(
        label=_("金额（元）"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    bank_reference = forms.CharField(label=_("银行流水号"), max_length=64, required=False)
    payer = forms.CharField(label=_("付款单位"), max_length=128, required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def clean_transferred_on(self) -> dt.date:
        day = self.cleaned_data["transferred_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("拨付日期不能晚于今天。"))
        return day


class DepositUseForm(StyledFormMixin, forms.Form):
    case = forms.TypedChoiceField(label=_("案件"), coerce=int)
    amount = forms.DecimalField(
        label=_("动用金额（元）"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    used_on = forms.DateField(label=_("动用日期"), widget=DATE)
    document = forms.CharField(
        label=_("文书"), max_length=100, required=False, help_text=_("如动用决定书文号。")
    )
    workers = forms.CharField(
        label=_("受偿人员"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("每行一人：姓名 身份证号 金额。已预填列表中第一个案件尚未足额支付的人员，可按实际修改。"),
    )

    def __init__(self, *args, cases, shown=None, **kwargs):
        """`cases`: (pk, label, claims) with full ID numbers, to match a masked number sent back; `shown`: the
        same with the ID numbers as this user sees them (masked unless revealed), to prefill the workers."""
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [(pk, label) for pk, label, _claims in cases]
        self.claims = {pk: claims for pk, _label, claims in cases}
        shown = cases if shown is None else shown
        if shown and not self.is_bound:
            _pk, _label, claims = shown[0]
            self.initial.setdefault("workers", "\n".join(" ".join(str(p) for p in c if p) for c in claims))
            self.initial.setdefault("amount", sum((a for _n, _i, a in claims), Decimal("0")) or None)

    def clean_workers(self) -> list[dict]:
        workers = []
        for number, line in enumerate(self.cleaned_data["workers"].splitlines(), start=1):
            parts = line.replace(",", " ").replace("，", " ").split()
            if not parts:
                continue
            try:
                amount = Decimal(parts[-1])
            except (InvalidOperation, IndexError):
                amount = None
            if len(parts) < 2 or amount is None or not amount.is_finite() or amount <= 0:
                raise forms.ValidationError(
                    _("第 %(n)d 行应为“姓名 身份证号 金额”，金额为大于零的数字。") % {"n": number}
                )
            id_number = parts[1] if len(parts) > 2 else ""
            if "*" in id_number:
                id_number = self._unmasked(parts[0], id_number, number)
            workers.append({"name": parts[0], "id_number": id_number, "amount": amount})
        if not workers:
            raise forms.ValidationError(_("请列出用保证金支付工资的人员。"))
        return workers

    def _unmasked(self, name: str, masked: str, number: int) -> str:
        """The full ID number of the chosen case's worker whose name and masked number these are."""
        claims = self.claims.get(self.cleaned_data.get("case"), [])
        for claim_name, id_number, _amount in claims:
            if claim_name == name and id_number and mask_id_number(id_number) == masked.upper():
                return id_number
        raise forms.ValidationError(
            _("第 %(n)d 行的身份证号已隐去部分数字，但所选案件中没有这名人员，请填写完整身份证号。")
            % {"n": number}
        )


class TopUpForm(forms.Form):
    topped_up_on = forms.DateField(label=_("补足日期"))
