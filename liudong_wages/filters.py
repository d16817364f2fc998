"""The base of every list's filters: django-filter's FilterSet without the work that is the same on every page.

django-filter deep-copies a FilterSet's filters for each request, their choices and labels with them, and builds
a new form class from them: on the case list 500 calls of `copy.deepcopy` and a class made by a metaclass, a
tenth of the page's Python (issue 21). Here each filter is copied shallowly (its keyword arguments in a dict
of its own, its method bound to the copy), and the form class is built once per FilterSet class: its fields
do not vary between requests, since choices that do are callables read when the form shows or checks them.
A FilterSet whose filters change per request (EnterpriseFilter sets its parks after __init__) says
`fixed_form = False` and gets a form class of its own each time, as django-filter makes it.
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar

import django_filters
from django import forms
from django.http import QueryDict
from django_filters.filters import Filter, QuerySetRequestMixin


def _copy(filter_: Filter) -> Filter:
    """A filter for one request: its attributes shared with the class's filter, except what a request may set
    (`extra`, the keyword arguments its form field is made from) or what points back at the filter."""
    copied = copy.copy(filter_)
    copied.extra = dict(filter_.extra)
    copied.__dict__.pop("_field", None)
    if filter_.method is not None:
        copied.method = filter_.method  # a FilterMethod of the copy, whose parent is this request's FilterSet
    return copied


# How Django copies a form field for each form (methods django-stubs leaves out).
_CHOICE_FIELD_COPY = forms.ChoiceField.__deepcopy__  # type: ignore[attr-defined]
_FIELD_COPY = forms.Field.__deepcopy__  # type: ignore[attr-defined]


class _Fields(dict):
    """A built-once form class's fields, copied for each form as Django copies them (copy.deepcopy), except that
    a choice field's list of choices is shared instead of copied pair by pair: no form changes it in place, and
    the copies were a third of the filter form's cost on the case list (issue 21)."""

    def __deepcopy__(self, memo: dict) -> dict:
        fields = {}
        for name, field in self.items():
            if type(field).__deepcopy__ is _CHOICE_FIELD_COPY:
                # ChoiceField's own copy without its deep copy of the choices (Field's copies the widget).
                fields[name] = _FIELD_COPY(field, memo)
            else:
                fields[name] = copy.deepcopy(field, memo)
        return fields


def _varies(filter_: Filter) -> bool:
    """Whether a filter's form field may differ between requests: a queryset chosen per request, or a label
    worked out from the model (in the language of the request that first built it)."""
    return isinstance(filter_, QuerySetRequestMixin) or filter_._label is None


class FilterSet(django_filters.FilterSet):
    # False when a subclass changes its filters per request (their choices, their labels) after __init__.
    fixed_form: ClassVar[bool] = True
    _form_classes: ClassVar[dict[type, type]] = {}

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None) -> None:
        # django-filter's __init__, with the filters copied by _copy instead of copy.deepcopy.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        model = queryset.model
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: _copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = model
            filter_.parent = self

    def get_form_class(self) -> Any:
        cls = type(self)
        if not cls.fixed_form or any(_varies(filter_) for filter_ in self.filters.values()):
            return super().get_form_class()
        form_class = FilterSet._form_classes.get(cls)
        if form_class is None:
            form_class = super().get_form_class()
            form_class.base_fields = _Fields(form_class.base_fields)
            FilterSet._form_classes[cls] = form_class
        return form_class
