"""Checks of the two identifiers every enterprise record carries.

The unified social credit code (统一社会信用代码, GB 32100-2015, checked with python-stdnum) and the identity
number (GB 11643-1999 and the permits that share its check character: see `enterprises.identity`) both end in
a check character. Input is normalised first (spaces and hyphens dropped, upper case), so a code
typed as "9145 0200 ma5k 1234 7h" is stored as 91450200MA5K12347H and found again as a duplicate.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError

from . import identity

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
    """The form- and model-facing check of an identity number (resident ID, the residence permits of Hong Kong,
    Macao and Taiwan residents, the 2023 foreign permanent-residence ID).

    Refuses, with a Chinese message and nothing but `ValidationError`, only a wrong length, wrong characters
    or province code, an impossible birth date or a wrong check character. An area code that did not exist
    in the birth year (late registration) or that the library does not know is a warning, not a refusal:
    forms show it through `enterprises.identity_forms.IdNumberFormMixin`, and the office accepts it.
    See `enterprises.identity.check_id_number`.
    """
    identity.validate_id_number(value)
