"""Forms of meetings, minutes and supervision tasks: they validate and normalise; the services save."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liudong_wages.forms import StyledFormMixin
from liudong_wages.models import MemberUnit, User
from liudong_wages.roles import Role
from liudong_wages.uploads import CheckedFileField

from ..models import Meeting

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_ITEMS = 50


def member_units():
    return MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER)


class MeetingForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("会议类型"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("会议名称"), max_length=200)
    date = forms.DateField(label=_("会议日期"), widget=DATE_WIDGET)
    place = forms.CharField(label=_("会议地点"), max_length=200)
    convener = forms.ModelChoiceField(
        label=_("召集人"),
        queryset=User.objects.none(),
        help_text=_("领导小组会议由组长召集（实施方案 二(三)1）。"),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("参会单位"), queryset=member_units(), widget=forms.CheckboxSelectMultiple
    )
    attendees = forms.CharField(
        label=_("参会人员"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    agenda = forms.CharField(label=_("会议议题"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    case_number = forms.CharField(
        label=_("关联案件编号"), max_length=32, required=False, help_text=_("仅重大案件专题会议填写。")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["convener"].queryset = (
            User.objects.filter(is_active=True, groups__name__in=[Role.LEADER, Role.DIRECTOR])
            .distinct()
            .order_by("username")
        )
        self.fields["units"].queryset = member_units()

    def clean(self):
        from cases.models import Case

        cleaned = super().clean()
        number = (cleaned.get("case_number") or "").strip()
        cleaned["case"] = None
        if number:
            if cleaned.get("kind") != Meeting.Kind.SPECIAL:
                self.add_error("case_number", _("只有重大案件专题会议可以关联案件。"))
            else:
                cleaned["case"] = Case.objects.filter(number=number).first()
                if cleaned["case"] is None:
                    self.add_error("case_number", _("找不到该编号的案件。"))
        return cleaned


class MinutesForm(StyledFormMixin, forms.Form):
    number = forms.CharField(
        label=_("纪要文号"), max_length=64, required=False, help_text=_("留空则印发时自动编号。")
    )
    text = forms.CharField(label=_("纪要正文"), widget=forms.Textarea(attrs={"rows": 12}), max_length=20000)


class AgreedItemForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("议定事项"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=member_units(), required=False)
    due_on = forms.DateField(label=_("完成时限"), widget=DATE_WIDGET, required=False)


AgreedItemFormSet = forms.formset_factory(AgreedItemForm, extra=2, can_delete=True, max_num=MAX_ITEMS)


class ConfirmForm(StyledFormMixin, forms.Form):
    """A unit agrees with the circulated minutes: a button, nothing to fill in."""


class CommentForm(StyledFormMixin, forms.Form):
    """A unit asks for a change to the circulated minutes, saying what."""

    comment = forms.CharField(
        label=_("意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("请填写意见。")},
    )


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class AttachmentForm(StyledFormMixin, forms.Form):
    file = CheckedFileField(label=_("附件"), help_text=_("PDF、图片、Word 或 Excel 文件"))
    description = forms.CharField(label=_("说明"), max_length=200, required=False)


class TaskForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=member_units())
    content = forms.CharField(label=_("督办内容"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    due_on = forms.DateField(label=_("办结时限"), widget=DATE_WIDGET)

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("办结时限不能早于今天。"))
        return due_on


class TaskReportForm(StyledFormMixin, forms.Form):
    report = forms.CharField(label=_("办理情况"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    evidence = CheckedFileField(
        label=_("佐证材料"),
        required=False,
        help_text=_("PDF、图片、Word 或 Excel 文件；已上传过可不再上传。"),
    )


class TaskAcceptForm(StyledFormMixin, forms.Form):
    """The office accepts a task reported done: a button, nothing to fill in."""


class TaskReturnForm(StyledFormMixin, forms.Form):
    """The office sends a task reported done back to its unit, saying why."""

    reason = forms.CharField(
        label=_("退回理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("退回时必须说明理由。")},
    )
