"""An identity number on a form: which document it is, and the warnings the office may accept.

A form that takes an identity number mixes in `IdNumberFormMixin` after `StyledFormMixin` (so the new fields
are styled too: `class F(StyledFormMixin, IdNumberFormMixin, forms.Form)`) and names its field
(`id_number_field`). The mixin adds

- `id_kind`, a choice of the document (resident ID, the residence permits of Hong Kong, Macao and Taiwan
  residents, the foreign permanent-residence ID), checked against the number (the kind itself is derived from
  the number, so nothing new is stored);
- `id_confirmed`, the checkbox "已核实，仍然保存", shown only when the number carries a warning (an area code
  that did not exist in the birth year, or that the code table does not know). The form is shown again with
  the warning on the field; ticked, it saves.

A public form sets `id_warnings_need_confirmation = False`: the worker is not bothered, the number is taken with
its warning, and the office sees the warning (the form's `id_warnings`, also derivable from the stored number
with `enterprises.identity.id_number_warnings`). Both extra fields leave `cleaned_data`, so a view passing
`**form.cleaned_data` to a service needs no change; read `form.id_check` and `form.id_warnings` instead.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .identity import IdCheck, IdKind, check_id_number, kind_of, normalize_id_number

KIND_FIELD = "id_kind"
CONFIRM_FIELD = "id_confirmed"


def clean_id_number_value(value: str | None) -> str:
    """Normalise and check a number for a form field: "" stays "", a refusal is a form error."""
    number = normalize_id_number(value)
    if number:
        # A refusal raises ValidationError, which a form's clean_<field> turns into the field's error.
        check_id_number(number)
    return number


class IdNumberFormMixin:
    id_number_field = "id_number"
    id_warnings_need_confirmation = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = forms.ChoiceField(
            label=_("证件类型"), choices=IdKind.choices, initial=IdKind.RESIDENT, required=False
        )
        fields = {}
        for name, field in self.fields.items():
            if name == self.id_number_field:
                fields[KIND_FIELD] = kind
            fields[name] = field
        self.fields = fields
        if self.id_warnings_need_confirmation:
            self.fields[CONFIRM_FIELD] = forms.BooleanField(
                label=_("已核实，仍然保存"), required=False, widget=forms.HiddenInput
            )
        initial_number = self.initial.get(self.id_number_field) or ""
        if len(initial_number) == 18 and "*" not in initial_number:
            self.initial.setdefault(KIND_FIELD, kind_of(initial_number))
        self.id_check: IdCheck | None = None
        self.id_warnings: list[str] = []

    def id_number_unchanged(self, number: str) -> bool:
        """A form correcting a stored number says here when it was left as it was (no new confirmation)."""
        return False

    def clean(self):
        data = super().clean()
        kind = data.pop(KIND_FIELD, "") or ""
        confirmed = data.pop(CONFIRM_FIELD, False)
        number = data.get(self.id_number_field)
        if not number or self.id_number_field in self.errors:
            return data
        try:
            self.id_check = check_id_number(number, kind=kind or None)
        except ValidationError as error:
            self.add_error(self.id_number_field, error)
            return data
        if self.id_check.warnings and not self.id_number_unchanged(number):
            self.id_warnings = list(self.id_check.warnings)
            if self.id_warnings_need_confirmation and not confirmed:
                self.fields[CONFIRM_FIELD].widget = forms.CheckboxInput(attrs={"class": "form-check-input"})
                self.add_error(
                    self.id_number_field,
                    [*self.id_warnings, gettext("如已核实证件，请勾选“已核实，仍然保存”后再提交。")],
                )
        return data

    @property
    def id_warning_note(self) -> str:
        """For the record of the save (an event's note): the warnings accepted, or ""."""
        if not self.id_warnings:
            return ""
        return gettext("身份证号提示经核实后保存：%(warnings)s") % {"warnings": "；".join(self.id_warnings)}
