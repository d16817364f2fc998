"""Forms of member-unit reports, built from the report definitions (one definition, every form)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from liudong_wages.excel import BOOL, CHOICE, DATE, DECIMAL, INT
from liudong_wages.forms import StyledFormMixin
from liudong_wages.uploads import CheckedFileField

from .. import definitions
from ..definitions import MAX_TEXT, Field, ReportDefinition

REOPEN_REASON_MAX = 500

BOOL_CHOICES = [("", "—"), ("是", _("是")), ("否", _("否"))]


class FiniteDecimalField(forms.DecimalField):
    """Refuses NaN and infinity while parsing, not only when validating: an item form's has_changed()
    compares the parsed value with the initial one, and a signalling NaN ("sNaN") raises there instead."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and not value.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


def form_field(f: Field) -> forms.Field:
    """A browser field for a definition's field. Nothing is required here: a draft may be incomplete, and
    the definition checks required cells when the report is submitted (the star in the label says which)."""
    common: dict[str, Any] = {"label": f.header, "help_text": f.help, "required": False}
    if f.kind == INT:
        return forms.IntegerField(min_value=0, **common)
    if f.kind == DECIMAL:
        return FiniteDecimalField(max_digits=14, decimal_places=2, min_value=0, **common)
    if f.kind == DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common)
    if f.kind == BOOL:
        return forms.ChoiceField(choices=BOOL_CHOICES, **common)
    if f.kind == CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *f.choices], **common)
    widget = forms.Textarea(attrs={"rows": 2}) if f.multiline else forms.TextInput
    return forms.CharField(max_length=MAX_TEXT, widget=widget, **common)


def initial_value(f: Field, stored: Any) -> Any:
    if f.kind == BOOL:
        return "" if stored is None else ("是" if stored else "否")
    return f.python_value(stored)


class _DefinitionForm(StyledFormMixin, forms.Form):
    fields_def: tuple[Field, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields_def:
            self.fields[f.key].is_required_cell = f.required

    def body_values(self) -> dict[str, Any]:
        return {f.key: _json_ready(self.cleaned_data.get(f.key)) for f in self.fields_def}


def _json_ready(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return None
    return str(value) if not isinstance(value, int | bool) else value


def header_form_class(definition: ReportDefinition) -> type[_DefinitionForm]:
    attrs = {f.key: form_field(f) for f in definition.header_fields}
    attrs["fields_def"] = definition.header_fields
    return type(f"{definition.code}HeaderForm", (_DefinitionForm,), attrs)


def item_formset_class(definition: ReportDefinition, *, extra: int):
    attrs = {f.key: form_field(f) for f in definition.item_columns}
    attrs["fields_def"] = definition.item_columns
    item_form = type(f"{definition.code}ItemForm", (_DefinitionForm,), attrs)
    return forms.formset_factory(item_form, extra=extra, can_delete=True, max_num=definitions.MAX_ITEMS)


def forms_for(definition: ReportDefinition, body: dict, data=None, *, extra: int = 1):
    """The header form and the items formset of a report, bound to `data` when posted."""
    header = body.get("header") or {}
    header_form = header_form_class(definition)(
        data,
        prefix="h",
        initial={f.key: initial_value(f, header.get(f.key)) for f in definition.header_fields},
    )
    items = [
        {f.key: initial_value(f, item.get(f.key)) for f in definition.item_columns}
        for item in body.get("items") or []
    ]
    formset = item_formset_class(definition, extra=extra)(data, prefix="items", initial=items)
    return header_form, formset


def body_from_forms(header_form, formset) -> dict[str, Any]:
    # A stored row the user left as it was has not "changed" from its initial values, yet it stays an item;
    # only an untouched extra row is an empty line of the form (issue 10: imported rows were dropped when the
    # unit then pressed 报送 without editing them).
    stored = formset.initial_form_count()
    items = [
        form.body_values()
        for index, form in enumerate(formset.forms)
        if (index < stored or form.has_changed()) and not form.cleaned_data.get("DELETE")
    ]
    return {"header": header_form.body_values(), "items": items}


class ReturnForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class ReopenForm(StyledFormMixin, forms.Form):
    # The board's cells write this field by hand (one form per cell, each with its own id): keep them alike.
    reason = forms.CharField(
        label=_("重新开放理由"),
        max_length=REOPEN_REASON_MAX,
        help_text=_("记入该报表的办理记录，例如：单位联络员变动，经主任同意补报。"),
    )


class UploadItemsForm(StyledFormMixin, forms.Form):
    # The file is checked by its content in excel.read_workbook (a non-Excel file is refused there).
    file = forms.FileField(
        label=_("填好的 Excel 文件"), help_text=_("使用本页下载的模板填写，明细将整体替换。")
    )


class AttachmentForm(StyledFormMixin, forms.Form):
    file = CheckedFileField(label=_("附件"), help_text=_("PDF、图片、Word 或 Excel 文件"))
    description = forms.CharField(label=_("说明"), max_length=200, required=False)


class BoardRangeForm(StyledFormMixin, forms.Form):
    start = forms.DateField(label=_("起始月份"), input_formats=["%Y-%m"], required=False)
    end = forms.DateField(label=_("截止月份"), input_formats=["%Y-%m"], required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("起始月份不能晚于截止月份。"))
        return cleaned
