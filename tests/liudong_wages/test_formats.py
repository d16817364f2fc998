"""One format for money on every page and PDF (issue 19): thousands grouped, two decimals, in both languages."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation


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
