"""A search term without a cased letter is looked up without UPPER() (liudong_wages.search, issue 21): the same
rows as icontains, whatever the case of the values."""

import pytest

from cases.filters import CaseFilter
from cases.models import Case
from enterprises.models import Enterprise
from liudong_wages.search import contains, has_case
from tests.factories import CaseFactory, EnterpriseFactory


@pytest.mark.parametrize(
    ("term", "cased"),
    [
        ("建筑", False),
        ("2026", False),
        ("柳-12", False),
        ("（官塘）", False),
        ("ABC", True),
        ("abc建筑", True),
        ("ß", True),
        ("Ǆ", True),
        ("ı", True),
    ],
)
def test_a_term_has_case_when_a_letter_of_it_has(term, cased):
    assert has_case(term) is cased
    assert "__contains" in str(contains("name", term)) or cased
    assert "__icontains" in str(contains("name", term)) or not cased


@pytest.mark.django_db
@pytest.mark.parametrize(
    "term", ["建筑", "官塘", "2026", "abc", "ABC", "Abc建筑", "柳州", "%", "_", "无此词"]
)
def test_the_rows_found_are_the_rows_icontains_finds(term):
    names = [
        "柳州建筑ABC有限公司",
        "官塘abc建筑工程队",
        "Abc建筑劳务",
        "2026年柳州工程",
        "百分之百%公司",
        "下_划线",
    ]
    for name in names:
        EnterpriseFactory(name=name)
    found = set(Enterprise.objects.filter(contains("name", term)).values_list("name", flat=True))
    assert found == set(Enterprise.objects.filter(name__icontains=term).values_list("name", flat=True))


@pytest.mark.django_db
def test_the_case_search_finds_a_chinese_term_in_any_column_and_a_latin_one_in_any_case():
    enterprise = EnterpriseFactory(name="柳州市ABC建筑有限公司")
    by_enterprise = CaseFactory(enterprise=enterprise)
    by_summary = CaseFactory(summary="拖欠建筑工人工资三个月")
    other = CaseFactory(summary="其他", respondent_name="某某商贸")
    for term, expected in (
        ("建筑", {by_enterprise, by_summary}),
        ("abc", {by_enterprise}),
        ("商贸", {other}),
    ):
        found = set(CaseFilter({"q": term}, queryset=Case.objects.all()).qs)
        assert expected <= found and (other in found) == (other in expected), term
