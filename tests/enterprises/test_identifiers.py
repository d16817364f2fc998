"""Credit codes and identity numbers: checked, stored normalised, unique; an identity number is refused only for
its length, characters, birth date or check character, and never answers anything but a ValidationError."""

import contextlib

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
        ("45020419900307123A", "格式不正确"),  # a letter other than X
        ("990204199003071230", "不是省级行政区划代码"),  # no province 99 (and not a foreign ID: 9 + 90)
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


# Identity numbers as they really come (issue 22) ---------------------------------------------------------


def _with_check(body: str) -> str:
    """17 characters + the check character python-stdnum computes (it reads the first 17 of 18)."""
    from stdnum.cn import ric

    return body + ric.calc_check_digit(body + "0")


def _library_area_codes() -> list[str]:
    """Every six-digit area code of python-stdnum's table (cn/loc.dat: a province line, then its counties)."""
    from pathlib import Path

    import stdnum.cn

    codes, province = [], ""
    for line in (Path(stdnum.cn.__file__).parent / "loc.dat").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            province = line.split()[0]
        else:
            codes.append(province + line.split()[0])
    return codes


def test_the_library_table_is_read_whole():
    codes = _library_area_codes()
    assert len(codes) > 6000 and "450204" in codes and "330103" in codes


@pytest.mark.parametrize("birth", ["19500101", "19900307", "20100615"])
def test_every_area_code_of_the_library_is_accepted_without_an_exception(birth):
    from enterprises.identity import check_id_number

    warned = 0
    for code in _library_area_codes():
        check = check_id_number(_with_check(code + birth + "123"))
        assert check.birth_date.isoformat().replace("-", "") == birth
        warned += bool(check.warnings)
    assert warned  # some codes did not exist in that year: warnings, not refusals


def test_unknown_area_codes_with_valid_check_characters_answer_only_validation_errors():
    import random

    from stdnum.cn import ric

    from enterprises.identity import check_id_number

    rng = random.Random(22)
    outcomes = {"accepted": 0, "warned": 0, "refused": 0}
    samples = ["330114", "450299", "000000", "999999", "710000", "839999", "129999"]
    samples += [f"{rng.randrange(1_000_000):06d}" for _ in range(2000)]
    for code in samples:
        number = _with_check(code + "19900307" + f"{rng.randrange(1000):03d}")
        with contextlib.suppress(Exception):  # the library may raise anything, KeyError included: the bug
            ric.validate(number)
        try:
            check = check_id_number(number)
        except ValidationError as error:
            assert error.messages and all(isinstance(m, str) for m in error.messages)
            outcomes["refused"] += 1
        else:
            outcomes["warned" if check.warnings else "accepted"] += 1
    assert all(outcomes.values()), outcomes


def test_the_validator_answers_a_validation_error_for_any_garbage():
    garbage = [
        "",
        "x",
        "４５０２０４１９９００３０７１２３６",
        "45020419900307123６",
        "\x00" * 18,
        "9" * 18,
        "-" * 40,
    ]
    for value in garbage:
        with contextlib.suppress(ValidationError):
            validate_id_number(value)


def test_a_library_failure_becomes_a_warning_logged_once(monkeypatch, caplog):
    from stdnum import numdb

    from enterprises import identity

    def broken(name):
        raise KeyError("county")

    monkeypatch.setattr(numdb, "get", broken)
    monkeypatch.setattr(identity, "_logged", set())
    identity._counties.cache_clear()  # what an earlier test read of the table
    number = _with_check("45020419900307123")
    with caplog.at_level("WARNING", logger="enterprises.identity"):
        first = identity.check_id_number(number)
        second = identity.check_id_number(number)
    assert first.warnings == second.warnings and "暂时无法核对" in first.warnings[0]
    assert len([r for r in caplog.records if "450204" in r.getMessage()]) == 1


def test_the_hangzhou_qiantang_number_of_the_issue_is_a_warning_not_a_500():
    from enterprises.identity import check_id_number

    check = check_id_number("330114199003071236")
    assert "330114" in check.warnings[0] and "不在" in check.warnings[0]
    validate_id_number("330114199003071236")  # the model validator lets it be saved


def test_a_late_registration_number_is_accepted_with_a_warning():
    """Changping district's code 110114 dates from 1999: a man born there in 1985 got it when numbers began."""
    from enterprises.identity import check_id_number

    check = check_id_number(_with_check("11011419850307123"))
    assert check.area == "昌平区"
    assert "1985 年不存在" in check.warnings[0] and "补登户口" in check.warnings[0]


@pytest.mark.parametrize(
    ("body", "kind", "area"),
    [
        ("83000019900307123", "taiwan", "台湾地区"),
        ("81000019881115004", "hk_macao", "香港特别行政区"),
        ("82000020010101002", "hk_macao", "澳门特别行政区"),
        ("91184019900307123", "foreign", "北京市"),  # issued in Beijing (11), nationality 840
        ("94515619751231001", "foreign", "广西壮族自治区"),
    ],
)
def test_residence_permits_and_the_foreign_permanent_residence_id_are_accepted(body, kind, area):
    from enterprises.identity import check_id_number

    number = _with_check(body)
    check = check_id_number(number, kind=kind)
    assert (check.kind, check.area, check.warnings) == (kind, area, ())
    validate_id_number(number)


def test_a_taiwan_permit_born_before_1997_is_not_refused_as_the_library_would():
    from stdnum.cn import ric

    from enterprises.identity import check_id_number

    number = _with_check("81000019700101123")
    assert not ric.is_valid(number)  # the library dates 810000 from 1997
    assert check_id_number(number).kind == "hk_macao"


def test_the_kind_the_user_chose_must_match_the_number():
    from enterprises.identity import check_id_number

    with pytest.raises(ValidationError) as error:
        check_id_number(_with_check("83000019900307123"), kind="resident")
    assert "台湾居民居住证" in error.value.messages[0] and "居民身份证" in error.value.messages[0]


def test_the_check_character_is_stdnums():
    import random

    from stdnum.cn import ric

    from enterprises.identity import check_character

    rng = random.Random(7)
    for _ in range(500):
        body = f"{rng.randrange(10**17):017d}"
        assert check_character(body + "0") == ric.calc_check_digit(body + "0")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (_with_check("45020420300307123"), "不可能"),  # born in 2030
        (_with_check("45020418990307123"), "不可能"),  # before 1900
        (_with_check("45020419900230123"), "不是有效日期"),  # 30 February
        (_with_check("90000019900307123"), "不是省级行政区划代码"),  # a foreign ID issued in no province
        ("330114900307123", "应为 18 位"),  # a first-generation 15-digit number
    ],
)
def test_what_refuses_an_identity_number(value, frozen, message):
    import datetime as dt

    frozen(dt.date(2026, 11, 2))
    with pytest.raises(ValidationError) as error:
        validate_id_number(value)
    assert message in error.value.messages[0]


def test_age_and_child_helpers_read_the_birth_date(settings):
    import datetime as dt

    from enterprises.identity import age_on, birth_date_of, is_child_on, is_over_site_age_on, sex_of

    number = _with_check("45020420110307123")  # born 2011-03-07, a boy (17th digit 3)
    assert birth_date_of(number) == dt.date(2011, 3, 7) and sex_of(number) == "male"
    assert age_on(number, dt.date(2026, 3, 6)) == 14
    assert age_on(number, dt.date(2026, 3, 7)) == 15
    assert is_child_on(number, dt.date(2027, 3, 6)) and not is_child_on(number, dt.date(2027, 3, 7))
    woman = _with_check("45020419750101124")  # born 1975, 17th digit 2: a woman
    assert sex_of(woman) == "female"
    assert is_over_site_age_on(woman, dt.date(2026, 1, 1)) and not is_over_site_age_on(
        woman, dt.date(2024, 12, 31)
    )
    settings.LIUDONG = {**settings.LIUDONG, "SITE_MAX_AGE_FEMALE": 55}
    assert not is_over_site_age_on(woman, dt.date(2026, 1, 1))
    for unreadable in ("", None, "abc", "45020419901307123X"):
        assert age_on(unreadable, dt.date(2026, 1, 1)) is None
        assert not is_child_on(unreadable, dt.date(2026, 1, 1))


def test_a_legal_representative_with_an_unknown_area_code_or_a_foreign_id_is_saved(office_staff):
    enterprise = _create(office_staff, credit_code=VALID_USCC, legal_rep_id_number="330114199003071236")
    assert enterprise.legal_rep_id_number == "330114199003071236"
    foreign = _with_check("91184019700101123")
    other = _create(office_staff, credit_code=valid_credit_code(2), legal_rep_id_number=foreign)
    assert other.legal_rep_id_number == foreign


def test_the_enterprise_import_takes_the_qiantang_number_and_names_the_row_of_a_wrong_one(
    client, office_staff
):
    from enterprises.imports.registry import ENTERPRISE_IMPORT

    from ..enterprises.test_import import _enterprise_row, _upload

    client.force_login(office_staff)
    rows = [_enterprise_row(1), _enterprise_row(2)]
    rows[1]["legal_rep_id_number"] = "330114199003071237"  # the issue's number with a wrong check character
    refused = client.post("/enterprises/import/enterprises/", {"file": _upload(ENTERPRISE_IMPORT, rows)})
    assert refused.status_code == 200 and "第 3 行" in refused.text and "校验位不正确" in refused.text
    rows[1]["legal_rep_id_number"] = "330114199003071236"
    taken = client.post("/enterprises/import/enterprises/", {"file": _upload(ENTERPRISE_IMPORT, rows)})
    assert taken.status_code == 302
    assert Enterprise.objects.filter(legal_rep_id_number="330114199003071236").exists()
