"""An enterprise or a project named by what the user types, never picked from a <select> of the whole registry.

At scale 10 the registry holds 50,000 enterprises and thousands of projects: a select of them made every form
that names one megabytes long and slow. Here the user types a code (统一社会信用代码 for an enterprise, 施工许可证号
for a project) or the exact name; the box suggests rows as they type (a <datalist> the search page fills, through
htmx), and the form decides on the server from what was sent, saying in Chinese when nothing or several rows
match. Without JavaScript the exact code typed in the box works the same.

`EnterpriseField` and `ProjectField` are the two kinds; every form of every app that names an enterprise or a
project uses them (tests/enterprises/test_lookup_fields.py).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Model, Q, QuerySet, Value, When
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from liudong_wages import params

from ..models import Enterprise, Project
from ..validators import normalize_code

MAX_LENGTH = 128
# The search page's parameters: which of the box's parameters holds the text, and closed rows too.
FIELD_PARAMETER = "field"
ALL_PARAMETER = "all"
# What a search page answers: at most this many suggestions, and none for fewer characters (one character
# matches too much of a 50,000-row registry or 100,000 cases to help anyone).
SUGGESTIONS = 10
MIN_TERM = 2


def search_text(query: QueryDict) -> str:
    """What was typed into the box that asks a search page: the box sends itself under its own name, which
    `field` names (the subcontractor form's box, older than the others, sends `enterprise_code` alone)."""
    name = params.text(query, FIELD_PARAMETER) or "enterprise_code"
    return params.text(query, name)


class LookupInput(forms.TextInput):
    """The text box of a `LookupField`: its suggestions as a <datalist> (exposed as a listbox to screen
    readers), filled by htmx from the field's search page while the user types; the chosen row's name under
    the box, tied to it by aria-describedby, when the form starts from one (an edit) or comes back with what
    the user typed found (another field's error)."""

    def __init__(self, *, lookup: type[LookupField], active_only: bool = True, attrs=None):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.lookup = lookup
        self.active_only = active_only

    def format_value(self, value):
        if isinstance(value, Model):
            return self.lookup.key(value)
        return super().format_value(value)

    def search_url(self, name: str) -> str:
        query = {FIELD_PARAMETER: name} | ({} if self.active_only else {ALL_PARAMETER: "1"})
        return f"{reverse(self.lookup.search_url)}?{urlencode(query)}"

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**self.attrs, **(attrs or {})}
        box_id = attrs.get("id") or f"id_{name}"
        options_id = f"{box_id}_options"
        current = self.lookup.describe(value) if isinstance(value, Model) else ""
        attrs |= {
            "id": box_id,
            "list": options_id,
            "hx-get": self.search_url(name),
            "hx-trigger": "input changed delay:300ms",
            "hx-target": f"#{options_id}",
            "hx-swap": "innerHTML",
            # A slow answer for "柳州" must not replace the one for "柳州鑫" that came back first.
            "hx-sync": "this:replace",
        }
        if current:
            described = [attrs.get("aria-describedby"), f"{box_id}_current"]
            attrs["aria-describedby"] = " ".join(part for part in described if part)
        html = format_html(
            '{}<datalist id="{}"></datalist>', super().render(name, value, attrs, renderer), options_id
        )
        if current:
            html += format_html(
                '<div class="form-text" id="{}_current">{}</div>',
                box_id,
                _("已选：%(row)s") % {"row": current},
            )
        return html


class LookupField(forms.Field):
    """A row typed as its code or its exact name. `kept`, the row the form starts from (an edit's current
    value, or the row a link asked for), is accepted even when it is no longer active, so that editing a
    project whose developer has since closed does not force a change of developer."""

    default_validators = [
        validators.ProhibitNullCharactersValidator(),
        validators.MaxLengthValidator(MAX_LENGTH),
    ]
    search_url: ClassVar[str]
    model: ClassVar[type[Model]]

    def __init__(self, *, active_only: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("widget", LookupInput(lookup=type(self), active_only=active_only))
        super().__init__(**kwargs)
        self.active_only = active_only
        self.widget.attrs.setdefault("maxlength", str(MAX_LENGTH))
        self.widget.attrs.setdefault("placeholder", self.placeholder)
        self.kept: Model | None = None
        self.found: Model | None = None
        self._rows: dict[int, Model | None] = {}

    # What each kind says ------------------------------------------------------------------------------------

    placeholder: ClassVar[Any] = ""

    @staticmethod
    def key(row: Any) -> str:
        """What the box holds for a row: its code, which the form finds it by again."""
        raise NotImplementedError

    @staticmethod
    def describe(row: Any) -> str:
        """How a row is named to the user (under the box, in the suggestions)."""
        raise NotImplementedError

    def queryset(self) -> QuerySet:
        raise NotImplementedError

    def candidates(self, text: str) -> QuerySet:
        """Rows whose code or exact name is `text`, a code match first."""
        raise NotImplementedError

    def matches_kept(self, text: str) -> bool:
        raise NotImplementedError

    def none_found(self, text: str) -> ValidationError:
        raise NotImplementedError

    def several_found(self, text: str) -> ValidationError:
        raise NotImplementedError

    # The field ---------------------------------------------------------------------------------------------

    def row_of(self, value: Any) -> Model | None:
        """A row given as itself or by its id (a form's initial value), else None."""
        if isinstance(value, self.model):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            if value not in self._rows:
                self._rows[value] = self.model._default_manager.filter(pk=value).first()
            return self._rows[value]
        return None

    def __deepcopy__(self, memo):
        # Each form gets its own copy: the row it keeps and the rows it looked up are its own.
        result = super().__deepcopy__(memo)
        result.kept = None
        result.found = None
        result._rows = {}
        return result

    def get_bound_field(self, form, field_name):
        bound = super().get_bound_field(form, field_name)
        self.kept = self.row_of(form.get_initial_for_field(self, field_name))
        return bound

    def bound_data(self, data, initial):
        # The form sent back with another field's error: the box shows the row this text was found to be.
        return self.found if self.found is not None else data

    def prepare_value(self, value):
        row = self.row_of(value)
        return row if row is not None else value

    def to_python(self, value) -> str:
        return value.strip() if isinstance(value, str) else ""

    def clean(self, value) -> Model | None:
        text = super().clean(value)
        self.found = None
        if not text:
            return None
        if self.kept is not None and self.matches_kept(text):
            self.found = self.kept
            return self.kept
        rows = list(self.candidates(text)[:2])
        if not rows:
            raise self.none_found(text)
        if len(rows) > 1 and not self.is_code_match(rows[0], text):
            raise self.several_found(text)
        self.found = rows[0]
        return rows[0]

    def is_code_match(self, row: Model, text: str) -> bool:
        return self.key(row) == normalize_code(text)

    def has_changed(self, initial, data) -> bool:
        row = self.row_of(initial)
        before = self.key(row) if row is not None else ""
        return normalize_code(before) != normalize_code(self.to_python(data))


class EnterpriseField(LookupField):
    """An enterprise by its unified social credit code (spaces, hyphens and case as typed) or its full name.
    `active_only=False` also finds closed enterprises (a complaint names an employer that has since closed)."""

    search_url = "enterprises:search"
    model = Enterprise
    placeholder = _("统一社会信用代码或企业全称")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("填写统一社会信用代码或企业全称"))
        kwargs.setdefault("error_messages", {"required": _("请填写统一社会信用代码或企业全称。")})
        super().__init__(**kwargs)

    @staticmethod
    def key(row: Any) -> str:
        return row.credit_code

    @staticmethod
    def describe(row: Any) -> str:
        label = f"{row.name}（{row.credit_code}）"
        if not row.is_active:
            label += f" {Enterprise.Status(row.status).label}"
        return label

    def queryset(self) -> QuerySet:
        return Enterprise.objects.active() if self.active_only else Enterprise.objects.all()

    def candidates(self, text: str) -> QuerySet:
        code = normalize_code(text)
        return (
            self.queryset()
            .filter(Q(credit_code=code) | Q(name=text))
            .order_by(
                Case(When(credit_code=code, then=Value(0)), default=Value(1), output_field=IntegerField())
            )
        )

    def matches_kept(self, text: str) -> bool:
        assert self.kept is not None
        return normalize_code(text) == self.kept.credit_code or text == self.kept.name

    def none_found(self, text: str) -> ValidationError:
        message = (
            _("企业库中没有统一社会信用代码或全称为“%(value)s”的在营企业，请核对，或先登记该企业。")
            if self.active_only
            else _("企业库中没有统一社会信用代码或全称为“%(value)s”的企业，请核对，或先登记该企业。")
        )
        return ValidationError(message, code="not_found", params={"value": text})

    def several_found(self, text: str) -> ValidationError:
        return ValidationError(
            _("有多家企业名为“%(name)s”，请填写其统一社会信用代码。"), code="several", params={"name": text}
        )


class ProjectField(LookupField):
    """A project by its construction permit number (施工许可证号) or its exact name. `active_only=False` also
    finds completed and voided projects (a complaint about wages of a finished site)."""

    search_url = "enterprises:project_search"
    model = Project
    placeholder = _("施工许可证号或项目全称")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("填写施工许可证号或项目全称"))
        kwargs.setdefault("error_messages", {"required": _("请填写施工许可证号或项目全称。")})
        super().__init__(**kwargs)

    @staticmethod
    def key(row: Any) -> str:
        # A project without a permit number is found by its name (refused only when another shares it).
        return row.permit_number or row.name

    @staticmethod
    def describe(row: Any) -> str:
        label = f"{row.name}（{row.permit_number}）" if row.permit_number else row.name
        if row.status != Project.Status.ACTIVE:
            label += f" {Project.Status(row.status).label}"
        return label

    def queryset(self) -> QuerySet:
        return Project.objects.active() if self.active_only else Project.objects.all()

    def candidates(self, text: str) -> QuerySet:
        code = normalize_code(text)
        by_permit = Q(permit_number=text) | Q(permit_number=code)
        return (
            self.queryset()
            .select_related("general_contractor", "construction_unit")
            .filter(by_permit | Q(name=text))
            .order_by(
                Case(When(by_permit, then=Value(0)), default=Value(1), output_field=IntegerField()), "pk"
            )
        )

    def is_code_match(self, row: Any, text: str) -> bool:
        return bool(row.permit_number) and row.permit_number in (text, normalize_code(text))

    def matches_kept(self, text: str) -> bool:
        assert self.kept is not None
        permit = self.kept.permit_number
        return text == self.kept.name or (bool(permit) and permit in (text, normalize_code(text)))

    def none_found(self, text: str) -> ValidationError:
        message = (
            _("没有施工许可证号或全称为“%(value)s”的在建项目，请核对。")
            if self.active_only
            else _("没有施工许可证号或全称为“%(value)s”的项目，请核对。")
        )
        return ValidationError(message, code="not_found", params={"value": text})

    def several_found(self, text: str) -> ValidationError:
        return ValidationError(
            _("有多个项目名为“%(name)s”，请填写其施工许可证号。"), code="several", params={"name": text}
        )
