"""The project's form renderer writes selects and inputs in Python: the same markup, to the byte, as Django's
templates, for every widget of every form and filter of the project and for the odd cases (groups, several
values selected, numbers and dates as labels, markup in labels and values, boolean and None attributes)."""

import datetime as dt

import django_filters
import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from liudong_wages.form_renderer import Renderer

from ..test_bad_get_params import _subclasses
from ..test_bad_input import FORMS

HOSTILE = '"><script>alert(1)</script>&amp;'


def _same(widget: forms.Widget, value, attrs=None) -> str:
    try:
        djangos = widget.render("field", value, attrs=attrs, renderer=DjangoTemplates())
    except TypeError:  # a value the widget cannot take (a list for a yes/no select) fails alike
        with pytest.raises(TypeError):
            widget.render("field", value, attrs=attrs, renderer=Renderer())
        return ""
    ours = widget.render("field", value, attrs=attrs, renderer=Renderer())
    assert ours == djangos
    return ours


def test_the_project_renders_its_forms_with_this_renderer():
    assert isinstance(get_default_renderer(), Renderer)


WIDGETS = [
    forms.Select(choices=[("", "---------"), ("a", _("办理中")), ("b", "B & <b>")]),
    forms.Select(choices=[("1", 2026), ("2", dt.date(2026, 11, 9)), ("3", 1234567)]),
    forms.Select(choices=[("x", mark_safe("<em>已</em>")), (HOSTILE, HOSTILE)]),
    forms.Select(choices=[(_("第一组"), [("a", "甲"), ("b", "乙")]), ("c", "丙"), ("组 <2>", [("d", "丁")])]),
    forms.Select(
        attrs={"class": "form-select", "required": True, "disabled": False, "data-x": None, "data-n": 3},
        choices=[("a", "甲")],
    ),
    forms.SelectMultiple(choices=[("a", "甲"), ("b", "乙"), ("c", "丙")]),
    forms.NullBooleanSelect(),
    forms.Select(choices=[("a", "甲"), ("a", "甲again")]),
    forms.Select(choices=[(1, "one"), (None, "none")]),
    forms.TextInput(attrs={"maxlength": 20, "autofocus": True, "placeholder": HOSTILE}),
    forms.NumberInput(attrs={"step": "0.01"}),
    forms.DateInput(attrs={"type": "date"}),
    forms.EmailInput(),
    forms.PasswordInput(),
    forms.PasswordInput(render_value=True),
    forms.HiddenInput(),
    forms.CheckboxInput(),
    forms.Textarea(),
    forms.RadioSelect(choices=[("a", "甲"), ("b", "乙")]),
]
VALUES = [None, "", "a", ["a", "c"], "b", 1, "1", True, False, "2026-11-09", dt.date(2026, 11, 9), HOSTILE]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("widget", WIDGETS, ids=lambda w: type(w).__name__)
def test_a_widget_reads_as_djangos_templates_write_it(widget, language):
    with translation.override(language):
        for value in VALUES:
            _same(widget, value)
            _same(widget, value, attrs={"id": "id_field", "class": "form-select form-select-sm"})


def test_an_option_template_of_its_own_goes_through_the_templates():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    html = _same(Custom(choices=[("a", "甲")]), "a")
    assert 'type="None"' in html or "<input" in html


def _fields_without_objects(entry) -> dict:
    """The form's fields when it needs no record to be built (most forms: their widgets are of the same kinds
    as those of the forms that do)."""
    try:
        return entry.fields({})
    except Exception:
        return {}


@pytest.mark.django_db
def test_every_field_of_every_form_and_filter_reads_the_same(users_by_role):
    rendered = 0
    widgets = []
    for entry in FORMS:
        widgets += [
            (f"{entry}:{name}", field.widget) for name, field in _fields_without_objects(entry).items()
        ]
    for filterset in _subclasses(django_filters.FilterSet):
        if filterset._meta.model is not None:
            form = filterset(data={}).form
            widgets += [(f"{filterset.__name__}:{name}", field.widget) for name, field in form.fields.items()]
    for where, widget in widgets:
        choices = [value for value, _label in getattr(widget, "choices", [])][:3]
        for value in [None, "", HOSTILE, *choices]:
            ours = widget.render("f", value, attrs={"id": "id_f"}, renderer=Renderer())
            assert ours == widget.render("f", value, attrs={"id": "id_f"}, renderer=DjangoTemplates()), where
            rendered += 1
    assert rendered > 500
