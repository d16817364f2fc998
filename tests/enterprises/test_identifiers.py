"""Credit codes and ID numbers: checked with python-stdnum, stored normalised, unique."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from enterprises.models import Enterprise
from enterprises.services import enterprise_create
from enterprises.validators import normalize_code, validate_credit_code, validate_id_number

from ..factories import valid_credit_code

VALID_USCC = "91450200MA5K12347H"
VALID_ID = "450204199003071236"


def _create(office_staff, **fields):
    return enterprise_create(
        by=office_staff, name="柳州鑫安建筑劳务有限公司", industry="construction", **fields
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("91450200MA5K12347A", "校验位不正确"),  # wrong check character
        ("91450200MA5K1234", "应为 18 位"),  # too short
        ("91450200MA5K12347HH", "应为 18 位"),  # too long
        ("9145020OMA5K12347H", "格式不正确"),  # a letter O where the region code's digit belongs
    ],
)
def test_an_invalid_credit_code_is_refused_with_a_chinese_reason(value, message):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(value)
    assert message in error.value.messages[0]


@pytest.mark.parametrize(
    "value", [VALID_USCC, "91450200ma5k12347h", " 9145 0200 MA5K 1234 7H ", "91450200-MA5K12347H"]
)
def test_a_valid_credit_code_passes_in_any_case_and_spacing(value):
    validate_credit_code(value)
    assert normalize_code(value) == VALID_USCC


def test_a_lowercase_spaced_code_is_stored_upper_case_without_spaces(office_staff):
    enterprise = _create(office_staff, credit_code="9145 0200 ma5k 1234 7h")
    enterprise.refresh_from_db()
    assert enterprise.credit_code == VALID_USCC


def test_a_duplicate_credit_code_is_refused_even_written_differently(office_staff):
    _create(office_staff, credit_code=VALID_USCC)
    with pytest.raises(ValidationError) as error:
        _create(office_staff, credit_code="91450200ma5k12347h")
    assert "已登记" in str(error.value)
    assert Enterprise.objects.count() == 1


def test_the_database_refuses_a_duplicate_that_skipped_validation(db):
    Enterprise.objects.create(name="甲", credit_code=valid_credit_code(1))
    with pytest.raises(IntegrityError):
        Enterprise.objects.create(name="乙", credit_code=valid_credit_code(1))


def test_a_code_saved_without_validation_is_still_normalised(db):
    enterprise = Enterprise.objects.create(name="甲", credit_code="91450200ma5k 12347h")
    assert Enterprise.objects.filter(pk=enterprise.pk, credit_code=VALID_USCC).exists()


def test_the_database_refuses_a_code_of_the_wrong_shape_that_skipped_validation(db):
    with pytest.raises(IntegrityError):
        Enterprise.objects.create(name="甲", credit_code="91450200MA5K")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("450204199003071235", "校验位不正确"),
        ("45020419900307123", "应为 18 位"),
        ("45020419901307123X", "格式不正确"),  # month 13, with a matching check character
    ],
)
def test_an_invalid_id_number_is_refused(value, message):
    with pytest.raises(ValidationError) as error:
        validate_id_number(value)
    assert message in error.value.messages[0]


def test_a_legal_representatives_id_number_is_checked_on_save(office_staff):
    with pytest.raises(ValidationError) as error:
        _create(office_staff, credit_code=VALID_USCC, legal_rep_id_number="450204199003071235")
    assert "legal_rep_id_number" in error.value.message_dict
    enterprise = _create(office_staff, credit_code=VALID_USCC, legal_rep_id_number=" 4502 0419 9003 0712 36")
    assert enterprise.legal_rep_id_number == VALID_ID


def test_an_id_number_ending_in_x_is_stored_upper_case(office_staff):
    from stdnum.cn import ric

    body = "45020419851111009"
    number = body + ric.calc_check_digit(body + "0")
    assert number.endswith("X")
    enterprise = _create(office_staff, credit_code=VALID_USCC, legal_rep_id_number=number.lower())
    assert enterprise.legal_rep_id_number == number
