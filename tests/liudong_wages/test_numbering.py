"""Document numbers keep counting past the width they are padded to."""

import pytest

from cases.models import Case
from liudong_wages.numbering import next_number
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_the_first_number_of_a_year_is_one():
    CaseFactory(number="LD2025-0412")

    assert next_number(Case, prefix="LD2026-") == "LD2026-0001"


def test_the_next_number_follows_the_highest_of_its_prefix():
    for number in ("LD2026-0001", "LD2026-0002", "LD2026-0010", "LD2027-0099"):
        CaseFactory(number=number)

    assert next_number(Case, prefix="LD2026-") == "LD2026-0011"


def test_the_ten_thousandth_case_of_a_year_is_followed_by_the_next_one_not_by_ten_thousand_again():
    # As text "LD2026-9999" sorts after "LD2026-10000"; the longer number is the higher one.
    for number in ("LD2026-9998", "LD2026-9999", "LD2026-10000", "LD2026-10001"):
        CaseFactory(number=number)

    assert next_number(Case, prefix="LD2026-") == "LD2026-10002"
