"""The lists' FilterSet (liudong_wages.filters, issue 21): filters copied shallowly and a form class built once
per FilterSet class must still give each request filters, choices and errors of its own."""

import pytest

from cases.filters import CaseFilter, handler_choices
from cases.models import Case
from enterprises.filters import EnterpriseFilter
from liudong_wages.roles import Role
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_each_request_has_filters_of_its_own():
    first, second = CaseFilter({"q": "甲"}), CaseFilter({})
    for name, base in CaseFilter.base_filters.items():
        assert first.filters[name] is not base and first.filters[name] is not second.filters[name]
        assert first.filters[name].parent is first and second.filters[name].parent is second
        assert first.filters[name].extra is not base.extra
    # A filter with a method calls it on its own FilterSet.
    assert first.filters["q"].filter.method.__self__ is first
    assert CaseFilter.base_filters["q"].__dict__.get("parent") is None


def test_the_form_class_is_built_once_and_each_form_checks_its_own_data():
    valid, odd = CaseFilter({"status": "open"}), CaseFilter({"status": "无此状态", "risk": "major"})
    assert type(valid.form) is type(odd.form)
    assert valid.form.is_valid()
    assert not odd.form.is_valid() and "status" in odd.form.errors
    assert valid.form.fields["status"] is not odd.form.fields["status"]


def test_choices_read_when_shown_follow_the_database():
    """The handler box lists who may handle a case now, not when the form class was built."""
    CaseFilter({}).form  # noqa: B018  # the form class is built
    newcomer = UserFactory(full_name="新来的办案员", roles=[Role.OFFICE])
    assert (newcomer.pk, "新来的办案员") in handler_choices()
    assert "新来的办案员" in str(CaseFilter({}).form["handler"])
    assert CaseFilter({"handler": str(newcomer.pk)}).form.is_valid()


def test_the_filtered_rows_are_the_same_as_before():
    major = CaseFactory(is_major=True)
    CaseFactory(is_major=False)
    rows = CaseFilter({"risk": "major"}, queryset=Case.objects.all()).qs
    assert list(rows) == [major]
    assert CaseFilter({}, queryset=Case.objects.all()).qs.count() == 2


def test_the_enterprise_parks_stay_with_their_request():
    liudong = EnterpriseFilter({}, parks=["柳东园区"])
    guantang = EnterpriseFilter({}, parks=["官塘园区"])
    assert [label for _value, label in liudong.form.fields["park"].choices][1:] == ["柳东园区"]
    assert [label for _value, label in guantang.form.fields["park"].choices][1:] == ["官塘园区"]
    assert EnterpriseFilter.base_filters["park"].extra["choices"] == []
