"""get_FOO_display() as a dict lookup (ChoiceLabelsMixin) says exactly what Django's own method says."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from liudong_wages.models import ChoiceLabelsMixin

DOMAIN_APPS = ("liudong_wages", "enterprises", "cases", "funds", "reporting")


def _fields_with_choices():
    for model in apps.get_models():
        if model._meta.app_label in DOMAIN_APPS and issubclass(model, ChoiceLabelsMixin):
            for field in model._meta.concrete_fields:
                if field.choices:
                    yield model, field


def test_every_domain_model_with_choices_uses_the_dict_lookup():
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in DOMAIN_APPS
        and not model.__name__.startswith("Historical")
        and any(field.choices for field in model._meta.concrete_fields)
        and not issubclass(model, ChoiceLabelsMixin)
    ]
    assert missing == []


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_label_is_the_one_django_gives_in_the_active_language(language):
    checked = 0
    with translation.override(language):
        for model, field in _fields_with_choices():
            for value, _label in field.flatchoices:
                row = model(**{field.attname: value})
                ours = getattr(row, f"get_{field.name}_display")()
                assert ours == models.Model._get_FIELD_display(row, field), (model, field.name, value)
                assert type(ours) is str
                checked += 1
    assert checked > 100


def test_a_value_outside_the_choices_is_shown_as_it_is():
    from cases.models import Case

    assert Case(status="no-such-status").get_status_display() == "no-such-status"
    assert Case(status="").get_status_display() == ""
