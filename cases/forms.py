# Over 400 lines: the forms of the case page and its steps, which share the claim and amount checks.
"""Forms of the cases app: they validate and normalise; the services do the saving."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.forms.lookup import EnterpriseField, ProjectField
from enterprises.identity import kind_of
from enterprises.identity_forms import IdNumberFormMixin, clean_id_number_value
from enterprises.models import Enterprise, SiteInspection
from liudong_wages.forms import StyledFormMixin
from liudong_wages.models import MemberUnit, User
from liudong_wages.money import MONEY
from liudong_wages.privacy import mask_id_number, mask_phone
from liudong_wages.roles import Role
from liudong_wages.uploads import DOCUMENTS, IMAGES, CheckedFileField

from .lookup import CaseField, CaseLookupFormMixin
from .models import Case, Interview, JointDisagreement, Petition, PoliceWarning, WorkerClaim
from .models.case import period_beyond_limitation

# A date input reads only ISO dates: without the format, the localised "2026年11月2日" leaves the field empty.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def handlers() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("承办人"),
        required=False,
        queryset=User.objects.filter(
            is_active=True, groups__name__in=[Role.INSPECTOR, Role.OFFICE, Role.DIRECTOR]
        ).distinct(),
    )


def clean_id_number(value: str) -> str:
    """Normalised; refused only for length, characters, birth date or check character, never a 500
    (enterprises.identity; warnings are the forms' IdNumberFormMixin's business)."""
    return clean_id_number_value(value)


def clean_mobile(value: str) -> str:
    value = (value or "").strip().replace(" ", "").replace("-", "")
    if value and not (value.isdigit() and 7 <= len(value) <= 12):
        raise forms.ValidationError(_("请输入有效的电话号码，如 13800000000。"))
    return value


class CaseReceiveForm(StyledFormMixin, forms.Form):
    source = forms.ChoiceField(label=_("来源"), choices=Case.Source.choices)
    received_on = forms.DateField(label=_("受理登记日期"), widget=DATE, initial=timezone.localdate)
    # Typed as a credit code or a full name (enterprises.forms.lookup); an employer closed since is found too.
    enterprise = EnterpriseField(label=_("被投诉企业"), required=False, active_only=False)
    respondent_name = forms.CharField(label=_("被投诉单位名称（未登记企业）"), max_length=200, required=False)
    project = ProjectField(label=_("工程项目"), required=False, active_only=False)
    inspection = forms.ModelChoiceField(
        queryset=SiteInspection.objects.all(), required=False, widget=forms.HiddenInput
    )
    industry = forms.ChoiceField(
        label=_("行业"), choices=[("", _("按企业登记的行业")), *Enterprise.Industry.choices], required=False
    )
    summary = forms.CharField(label=_("案情摘要"), widget=forms.Textarea(attrs={"rows": 4}))
    period_start = forms.DateField(label=_("欠薪起始日期"), widget=DATE)
    period_end = forms.DateField(label=_("欠薪截止日期"), widget=DATE)
    complainant_name = forms.CharField(label=_("投诉人"), max_length=64, required=False)
    complainant_phone = forms.CharField(label=_("投诉人电话"), max_length=32, required=False)
    mass_incident_risk = forms.BooleanField(label=_("有群体性事件风险"), required=False)
    is_major = forms.BooleanField(label=_("重大案件"), required=False)
    beyond_limitation_confirmed = forms.BooleanField(
        label=_("欠薪发生已超过两年，仍然登记"),
        required=False,
        help_text=_("劳动保障监察条例第二十条：违法行为两年内未被发现的，不再查处。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"] = handlers()

    def clean_complainant_phone(self):
        return clean_mobile(self.cleaned_data["complainant_phone"])

    def clean(self):
        data = super().clean()
        start, end, received = data.get("period_start"), data.get("period_end"), data.get("received_on")
        if start and end and end < start:
            self.add_error("period_end", _("欠薪截止日期不能早于起始日期。"))
        if received and received > timezone.localdate():
            self.add_error("received_on", _("受理登记日期不能晚于今天。"))
        if not data.get("enterprise") and not (data.get("respondent_name") or "").strip():
            self.add_error("enterprise", _("请选择被投诉企业，或填写被投诉单位名称。"))
        project, enterprise = data.get("project"), data.get("enterprise")
        if (
            project
            and enterprise
            and enterprise.pk not in (project.general_contractor_id, project.construction_unit_id)
            and not project.subcontractors.filter(enterprise=enterprise).exists()
        ):
            self.add_error("project", _("所选企业不是该项目的建设单位、总包或分包单位。"))
        if (
            start
            and received
            and period_beyond_limitation(start, received)
            and not data.get("beyond_limitation_confirmed")
        ):
            self.add_error(
                "beyond_limitation_confirmed",
                _("欠薪始于两年以前（劳动保障监察条例第二十条）：确认仍要登记请勾选此项。"),
            )
        return data


class WorkerClaimForm(StyledFormMixin, IdNumberFormMixin, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=32)
    id_number = forms.CharField(label=_("身份证号"), max_length=20, required=False)
    phone = forms.CharField(label=_("电话"), max_length=20, required=False)
    amount_owed = forms.DecimalField(label=_("欠薪金额"), min_value=Decimal("0.01"), **MONEY)
    amount_paid = forms.DecimalField(label=_("已支付金额"), min_value=Decimal("0"), initial=0, **MONEY)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def clean_id_number(self):
        return clean_id_number(self.cleaned_data["id_number"])

    def clean_phone(self):
        return clean_mobile(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        owed, paid = data.get("amount_owed"), data.get("amount_paid")
        if owed is not None and paid is not None and paid > owed:
            self.add_error("amount_paid", _("已支付金额不能大于欠薪金额。"))
        return data


class WorkerClaimEditForm(WorkerClaimForm):
    """One worker's claim corrected. The ID number and phone start masked unless the full view was asked for
    (and logged); a masked value sent back as it was keeps what is stored, so correcting an amount needs no
    look at the personal data."""

    reason = forms.CharField(label=_("修改原因"), max_length=200, help_text=_("将记入办案记录。"))

    def __init__(self, *args, claim: WorkerClaim, full: bool = False, **kwargs):
        self.claim = claim
        kwargs.setdefault(
            "initial",
            {
                "name": claim.name,
                "id_number": claim.id_number if full else mask_id_number(claim.id_number),
                "id_kind": kind_of(claim.id_number) if claim.id_number else "",
                "phone": claim.phone if full else mask_phone(claim.phone),
                "amount_owed": claim.amount_owed,
                "amount_paid": claim.amount_paid,
                "note": claim.note,
            },
        )
        super().__init__(*args, **kwargs)

    def clean_id_number(self):
        value = (self.cleaned_data["id_number"] or "").strip()
        if self.claim.id_number and value == mask_id_number(self.claim.id_number):
            return self.claim.id_number
        return clean_id_number(value)

    def id_number_unchanged(self, number: str) -> bool:
        return number == self.claim.id_number

    def clean_phone(self):
        value = (self.cleaned_data["phone"] or "").strip()
        if self.claim.phone and value == mask_phone(self.claim.phone):
            return self.claim.phone
        return clean_mobile(value)


class WorkerPaymentForm(StyledFormMixin, forms.Form):
    """A payment to the case's workers: towards an instalment, or wages the employer paid. The amount of each worker is optional: with none filled in, the
    payment is spread over the workers still owed in proportion to what each is owed; with any filled in,
    those amounts are the split and must add up to the payment."""

    paid_on = forms.DateField(label=_("到账日期"), widget=DATE, initial=timezone.localdate)
    amount = forms.DecimalField(label=_("本次还款金额（元）"), min_value=Decimal("0.01"), **MONEY)
    note = forms.CharField(
        label=_("说明"), max_length=200, required=False, help_text=_("如转账凭证号、发放方式。")
    )
    # What had been paid when the page was opened: the same form sent twice (a double click,
    # the browser's back button) finds it changed and records nothing the second time.
    paid_before = forms.DecimalField(required=False, widget=forms.HiddenInput, **MONEY)

    def __init__(self, *args, claims: Sequence[WorkerClaim], **kwargs):
        super().__init__(*args, **kwargs)
        self.owed_claims = [claim for claim in claims if claim.outstanding > 0]
        for claim in self.owed_claims:
            self.fields[self.worker_field(claim)] = forms.DecimalField(
                label=claim.name,
                required=False,
                min_value=Decimal("0"),
                widget=forms.NumberInput(
                    attrs={"class": "form-control form-control-sm", "inputmode": "decimal", "step": "0.01"}
                ),
                **MONEY,
            )

    def payment_fields(self) -> list[forms.BoundField]:
        return [self["paid_on"], self["amount"], self["note"]]

    @staticmethod
    def worker_field(claim: WorkerClaim) -> str:
        return f"worker_{claim.pk}"

    def rows(self) -> list[tuple[WorkerClaim, forms.BoundField]]:
        return [(claim, self[self.worker_field(claim)]) for claim in self.owed_claims]

    def allocations(self) -> dict[int, Decimal] | None:
        """Claim id → amount as entered, or None to spread the payment in proportion."""
        given = {
            claim.pk: self.cleaned_data[self.worker_field(claim)]
            for claim in self.owed_claims
            if self.cleaned_data.get(self.worker_field(claim))
        }
        return given or None


class ClaimImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class AttachmentForm(StyledFormMixin, forms.Form):
    file = CheckedFileField(label=_("文件"), kinds=DOCUMENTS | IMAGES)
    description = forms.CharField(label=_("说明"), max_length=200, required=False)


# The forms of the steps: each one's cleaned_data are the keyword arguments of its service.


class DatedStepForm(StyledFormMixin, forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DeclineForm(StyledFormMixin, forms.Form):
    on = forms.DateField(label=_("决定日期"), widget=DATE, initial=timezone.localdate)
    reason = forms.CharField(label=_("不予立案理由"), widget=forms.Textarea(attrs={"rows": 3}))


class ExtendForm(StyledFormMixin, forms.Form):
    on = forms.DateField(label=_("批准日期"), widget=DATE, initial=timezone.localdate)
    approved_by = forms.CharField(label=_("批准人（劳动保障行政部门负责人）"), max_length=64)
    approval_reference = forms.CharField(label=_("审批文书号"), max_length=64, required=False)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))


class OrderForm(StyledFormMixin, forms.Form):
    on = forms.DateField(label=_("下达日期"), widget=DATE, initial=timezone.localdate)
    order_number = forms.CharField(label=_("责令支付文书号"), max_length=64)
    pay_by = forms.DateField(label=_("限期支付日期"), widget=DATE)
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AgreementForm(StyledFormMixin, forms.Form):
    signed_on = forms.DateField(label=_("签订日期"), widget=DATE, initial=timezone.localdate)
    instalments = forms.CharField(
        label=_("分期安排"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一期：日期 金额，如 2026-12-31 20000"),
    )
    note = forms.CharField(label=_("协议要点"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean_instalments(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["instalments"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                day, amount = line.split()
                rows.append(
                    (dt.date.fromisoformat(day), Decimal(amount.replace(",", "")).quantize(Decimal("0.01")))
                )
            except (ValueError, ArithmeticError):
                raise forms.ValidationError(
                    _("第 %(n)d 行格式不对：应为“日期 金额”，如 2026-12-31 20000。") % {"n": number}
                ) from None
        if not rows:
            raise forms.ValidationError(_("请至少填写一期。"))
        return rows


class CloseForm(StyledFormMixin, forms.Form):
    on = forms.DateField(label=_("结案日期"), widget=DATE, initial=timezone.localdate)
    closure = forms.ChoiceField(label=_("结案方式"), choices=Case.Closure.choices)
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class VoidForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("作废理由"), widget=forms.Textarea(attrs={"rows": 2}))


class LegalAidForm(StyledFormMixin, forms.Form):
    on = forms.DateField(label=_("转介日期"), widget=DATE, initial=timezone.localdate)
    organisation = forms.CharField(label=_("法律援助机构"), max_length=100, initial=_("柳州市法律援助中心"))
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PoliceReferralForm(StyledFormMixin, forms.Form):
    on = forms.DateField(label=_("移送日期"), widget=DATE, initial=timezone.localdate)
    evidence = forms.CharField(
        label=_("移送证据材料"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("逐项列出：责令支付文书及送达回证、工资表、询问笔录、欠薪人员名单等。"),
    )


class PoliceDecisionForm(StyledFormMixin, forms.Form):
    on = forms.DateField(label=_("受理决定日期"), widget=DATE, initial=timezone.localdate)
    accepted = forms.TypedChoiceField(
        label=_("受理情况"),
        choices=[("1", _("已立案受理")), ("0", _("不予受理"))],
        coerce=lambda v: v == "1",
    )
    police_case_number = forms.CharField(label=_("公安案件编号"), max_length=64, required=False)
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PoliceFeedbackForm(StyledFormMixin, forms.Form):
    on = forms.DateField(label=_("反馈日期"), widget=DATE, initial=timezone.localdate)
    feedback = forms.CharField(label=_("处置反馈"), widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(StyledFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"] = handlers()


class FlagsForm(StyledFormMixin, forms.Form):
    mass_incident_risk = forms.BooleanField(label=_("有群体性事件风险"), required=False)
    is_major = forms.BooleanField(label=_("重大案件"), required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


# Public report (no login) -------------------------------------------------------------------------------


class PublicReportForm(StyledFormMixin, IdNumberFormMixin, forms.Form):
    # The worker is not asked to confirm a warning about the number: it is taken, and the office sees it.
    id_number_field = "reporter_id_number"
    id_warnings_need_confirmation = False

    reporter_name = forms.CharField(label=_("您的姓名"), max_length=32)
    reporter_id_number = forms.CharField(label=_("身份证号"), max_length=20)
    reporter_phone = forms.CharField(label=_("手机号码"), max_length=20)
    employer_name = forms.CharField(label=_("欠薪单位（老板或公司名称）"), max_length=200)
    project_name = forms.CharField(label=_("工程项目或工作地点"), max_length=200, required=False)
    amount_owed = forms.DecimalField(label=_("被拖欠工资（元）"), max_digits=12, decimal_places=2)
    period_start = forms.DateField(label=_("从哪天开始欠薪"), widget=DATE)
    period_end = forms.DateField(label=_("欠到哪天"), widget=DATE)
    worker_count = forms.IntegerField(
        label=_("被欠薪人数（含您本人）"), min_value=1, max_value=10000, initial=1
    )
    description = forms.CharField(
        label=_("情况说明"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000, required=False
    )
    evidence = CheckedFileField(
        label=_("证据材料（可选：照片或 PDF，不超过 5 MB）"),
        kinds=IMAGES | {"pdf"},
        max_bytes=5 * 1024 * 1024,
        required=False,
    )
    # A honeypot: hidden from people, filled in by bots; a filled one means the form is dropped silently.
    website = forms.CharField(label=_("网址"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["reporter_phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["amount_owed"].widget.attrs.update({"inputmode": "decimal"})

    def clean_reporter_id_number(self):
        value = clean_id_number(self.cleaned_data["reporter_id_number"])
        if not value:
            raise forms.ValidationError(_("请填写身份证号。"))
        return value

    def clean_reporter_phone(self):
        value = (self.cleaned_data["reporter_phone"] or "").strip().replace(" ", "").replace("-", "")
        if not (value.isdigit() and len(value) == 11 and value.startswith("1")):
            raise forms.ValidationError(_("请填写 11 位手机号码，以便我们联系您。"))
        return value

    def clean_amount_owed(self):
        value = self.cleaned_data["amount_owed"]
        if value <= 0:
            raise forms.ValidationError(_("欠薪金额必须大于零。"))
        return value

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        start, end = data.get("period_start"), data.get("period_end")
        if start and start > today:
            self.add_error("period_start", _("欠薪开始日期不能是将来的日期。"))
        if end and end > today:
            self.add_error("period_end", _("欠薪截止日期不能是将来的日期。"))
        if start and end and end < start:
            self.add_error("period_end", _("截止日期不能早于开始日期。"))
        return data

    @property
    def is_bot(self) -> bool:
        return bool((self.data.get("website") or "").strip())


class PublicReportCaptchaForm(PublicReportForm):
    """The report form once its address has sent a report within the hour (issue 16): a sum drawn as a picture
    on this server (django-simple-captcha; no outside service, no script), typed on the phone's number pad."""

    captcha = CaptchaField(
        label=_("验证码"),
        help_text=_("请计算图中算式，填写结果。看不清可刷新页面换一张。"),
        error_messages={"invalid": _("验证码不正确，请重新计算图中的算式。")},
        widget=CaptchaTextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "form-control"}
        ),
    )


class TrackForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=16)

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper().replace(" ", "")


class PublicReportAcceptForm(CaseLookupFormMixin, StyledFormMixin, forms.Form):
    case = CaseField(
        label=_("并入已有案件"),
        required=False,
        help_text=_("填写未办结案件的编号，或输入被投诉单位名称后从提示中选择；不填则新建案件。"),
    )
    enterprise = EnterpriseField(label=_("被投诉企业（新建案件时）"), required=False, active_only=False)
    reply = forms.CharField(
        label=_("答复举报人"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("不填则使用默认答复。"),
    )


class PublicReportRejectForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("不予受理理由（举报人可见）"), widget=forms.Textarea(attrs={"rows": 3}))


# Petitions and warnings -----------------------------------------------------------------------------------


class PetitionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Petition
        fields = [
            "received_on",
            "petitioner_name",
            "petitioner_phone",
            "people_count",
            "employer_name",
            "project_name",
            "amount_claimed",
            "summary",
        ]
        widgets = {"received_on": DATE}

    def clean_petitioner_phone(self):
        return clean_mobile(self.cleaned_data["petitioner_phone"])


class PoliceWarningForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PoliceWarning
        fields = [
            "reported_on",
            "level",
            "employer_name",
            "project_name",
            "location",
            "people_count",
            "summary",
        ]
        widgets = {"reported_on": DATE}


class LinkForm(CaseLookupFormMixin, StyledFormMixin, forms.Form):
    case = CaseField(
        label=_("关联已有案件"),
        required=False,
        active_only=False,
        help_text=_("填写案件编号，或输入被投诉单位名称后从提示中选择；不填则据此新建案件。"),
    )
    period_start = forms.DateField(label=_("欠薪起始日期（新建案件时）"), widget=DATE, required=False)
    period_end = forms.DateField(label=_("欠薪截止日期（新建案件时）"), widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("case") and not (data.get("period_start") and data.get("period_end")):
            raise forms.ValidationError(_("新建案件时请填写欠薪起止日期。"))
        return data


class WarningFeedbackForm(StyledFormMixin, forms.Form):
    feedback = forms.CharField(label=_("处置后反馈"), widget=forms.Textarea(attrs={"rows": 3}))


# Interviews ----------------------------------------------------------------------------------------------


class InterviewScheduleForm(CaseLookupFormMixin, StyledFormMixin, forms.Form):
    enterprise = EnterpriseField(label=_("被约谈企业"), active_only=False)
    case = CaseField(label=_("关联案件"), required=False, active_only=False)
    notice_number = forms.CharField(
        label=_("通知书文号"), max_length=64, required=False, help_text=_("不填自动编号。")
    )
    scheduled_at = forms.DateTimeField(label=_("约谈时间"), widget=DATETIME)
    place = forms.CharField(label=_("约谈地点"), max_length=200, initial=_("柳东新区人社局三楼会议室"))
    matters = forms.CharField(label=_("约谈事项"), widget=forms.Textarea(attrs={"rows": 3}))
    materials = forms.CharField(
        label=_("须携带的材料"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_("营业执照副本、法定代表人身份证明、劳动合同、考勤记录、工资支付台账及银行代发凭证"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        team = User.objects.filter(
            is_active=True, groups__name__in=[Role.INSPECTOR, Role.OFFICE, Role.DIRECTOR]
        ).distinct()
        self.fields["main_interviewer"] = forms.ModelChoiceField(label=_("主谈人"), queryset=team)
        self.fields["team"] = forms.ModelMultipleChoiceField(
            label=_("约谈小组其他成员"), queryset=team, required=False
        )


class InterviewRecordForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Interview
        fields = ["held_at", "attendees", *Interview.RECORD_FIELDS, "rectification_due"]
        widgets = {
            "held_at": DATETIME,
            "rectification_due": DATE,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in Interview.RECORD_FIELDS},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_at"].required = True
        self.fields["rectification_due"].required = True


class RectificationForm(StyledFormMixin, forms.Form):
    received_on = forms.DateField(label=_("收到书面整改报告日期"), widget=DATE, initial=timezone.localdate)
    summary = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 3}))


class PenaltyForm(StyledFormMixin, forms.Form):
    decision_number = forms.CharField(label=_("行政处罚决定书文号"), max_length=64)
    decided_on = forms.DateField(label=_("决定日期"), widget=DATE, initial=timezone.localdate)
    content = forms.CharField(label=_("处罚内容"), widget=forms.Textarea(attrs={"rows": 3}))


# Joint handling ----------------------------------------------------------------------------------------


class JointRequestForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("提请理由"), widget=forms.Textarea(attrs={"rows": 3}))
    units = forms.ModelMultipleChoiceField(
        label=_("参会单位"),
        queryset=MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER),
        widget=forms.CheckboxSelectMultiple,
    )


class JointApproveForm(StyledFormMixin, forms.Form):
    approve = forms.TypedChoiceField(
        label=_("批示"), choices=[("1", _("同意召开")), ("0", _("不同意"))], coerce=lambda v: v == "1"
    )
    meeting_at = forms.DateTimeField(label=_("会议时间"), widget=DATETIME, required=False)
    place = forms.CharField(label=_("会议地点"), max_length=200, required=False)
    note = forms.CharField(label=_("批示意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class JointProposalForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=MemberUnit.objects.all())
    text = forms.CharField(label=_("处置意见"), widget=forms.Textarea(attrs={"rows": 3}))


class JointDisagreementForm(StyledFormMixin, forms.Form):
    subject = forms.CharField(label=_("分歧事项"), max_length=200)
    positions = forms.CharField(label=_("各方意见和理由"), widget=forms.Textarea(attrs={"rows": 3}))


class JointResolveForm(StyledFormMixin, forms.Form):
    resolved_by = forms.ChoiceField(label=_("协调方"), choices=JointDisagreement.ResolvedBy.choices)
    resolution = forms.CharField(label=_("协调结果"), widget=forms.Textarea(attrs={"rows": 2}))


class JointEscalateForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("协调情况"),
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("协调情况（可选）")}),
        required=False,
    )


class JointDecisionForm(StyledFormMixin, forms.Form):
    decision = forms.CharField(label=_("处置方案"), widget=forms.Textarea(attrs={"rows": 5}))


UPLOAD_LIMIT = settings.LIUDONG["UPLOAD_MAX_BYTES"]
