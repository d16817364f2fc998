"""One format for money on every page and PDF (issue 19): thousands grouped, two decimals, in both languages."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.template.defaultfilters import floatformat
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from liudong_wages.formats import money


def render(text: str, **context) -> str:
    return Template("{% load liudong %}" + text).render(Context(context))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_amount_is_grouped_by_thousands_with_two_decimals(language):
    with translation.override(language):
        assert render("{{ v|money }}", v=Decimal("481400")) == "481,400.00"
        assert render("{{ v|money }}", v=Decimal("1234567.5")) == "1,234,567.50"
        assert render("{{ v|money }}", v=Decimal("-0.5")) == "-0.50"


def test_the_built_in_grouping_agrees_in_chinese():
    # Pages written before the filter use floatformat:"2g"; the project's zh_Hans formats group them the same.
    with translation.override("zh-hans"):
        assert render('{{ v|floatformat:"2g" }}', v=Decimal("481400")) == "481,400.00"


def test_no_amount_shows_a_dash():
    assert render("{{ v|money }}", v=None) == "—"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@given(
    amount=st.decimals(min_value=-(10**13), max_value=10**13, places=4, allow_nan=False, allow_infinity=False)
    | st.integers(min_value=-(10**13), max_value=10**13)
)
def test_the_fast_path_writes_what_floatformat_writes(language, amount):
    # money() groups Decimals and integers with Python's format (issue 21: fifty amounts a list); its text is
    # floatformat's to the character, half-up rounding and no "-0.00" included.
    with translation.override(language):
        assert money(amount) == floatformat(amount, "2g")
