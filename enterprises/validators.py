"""Checks of the two identifiers every enterprise record carries, with python-stdnum.

The unified social credit code (统一社会信用代码, GB 32100-2015) and the resident ID number (GB 11643-1999)
both end in a check character. Input is normalised first (spaces and hyphens dropped, upper case), so a code
typed as "9145 0200 ma5k 1234 7h" is stored as 91450200MA5K12347H and found again as a duplicate.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError

_SEPARATORS = re.compile(r"[\s\-\u3000]+")


def normalize_code(value: str | None) -> str:
    """Drop spaces (also full-width ones) and hyphens, upper-case: the stored form of both identifiers."""
    return _SEPARATORS.sub("", value or "").upper()


def validate_credit_code(value: str) -> None:
    number = normalize_code(value)
    try:
        uscc.validate(number)
    except InvalidLength:
        raise ValidationError(
            _("统一社会信用代码应为 18 位，当前为 %(length)d 位。"),
            code="credit_code_length",
            params={"length": len(number)},
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _("统一社会信用代码校验位不正确，请核对营业执照。"), code="credit_code_checksum"
        ) from None
    except StdnumError:
        raise ValidationError(
            _("统一社会信用代码格式不正确：前 8 位应为数字，其余为数字或大写字母（不含 I、O、Z、S、V）。"),
            code="credit_code_format",
        ) from None


def validate_id_number(value: str) -> None:
    number = normalize_code(value)
    try:
        ric.validate(number)
    except InvalidLength:
        raise ValidationError(
            _("身份证号应为 18 位，当前为 %(length)d 位。"),
            code="id_number_length",
            params={"length": len(number)},
        ) from None
    except InvalidChecksum:
        raise ValidationError(_("身份证号校验位不正确，请核对。"), code="id_number_checksum") from None
    except StdnumError:
        raise ValidationError(
            _("身份证号格式不正确（出生日期或地区码无效）。"), code="id_number_format"
        ) from None
