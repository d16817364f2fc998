# Over 400 lines: the one place that decides about an identity number, with its checks and tables.
"""Identity numbers as workers and employers really present them: one check, a birth date, an age.

`check_id_number` is the only place that decides about an identity number. It never raises anything but
Django's `ValidationError`, and it refuses only what cannot be a number at all:

- the length (18 characters; the 15-digit first-generation numbers are no longer valid documents),
- the characters (17 digits, then a digit or X) and a province code that does not exist,
- the birth date (a real calendar day, not after today, not before 1900),
- the check character (ISO 7064 MOD 11-2, GB 11643-1999).

What is unusual but real is a *warning* the office can accept, never a refusal:

- an area code that did not exist in the birth year: numbers were assigned in 1999 and later, at the place
  of registration at that time, so people born before a district was created, or registered late (补登户口),
  carry such numbers;
- an area code that python-stdnum's table does not know (a district created after the library's table, like
  330114 Hangzhou Qiantang, 2021), as long as its province code exists.
Any failure of the library while looking an area up becomes such a warning and is logged once per area code
and error for the administrator (python-stdnum 2.2 raises a bare KeyError for some codes).

Documents accepted, all 18 characters with the same check character:

- 居民身份证 (resident ID), GB 11643-1999;
- 港澳居民居住证 / 台湾居民居住证 (residence permits of Hong Kong, Macao and Taiwan residents, 2018): the
  area code is 810000, 820000 or 830000, then the birth date and the same check character;
- 外国人永久居留身份证 (foreign permanent-residence ID, 2023 edition, issued from 2023-12-01): "9", the
  province code of the issuing place, a 3-digit nationality code, the birth date at the same positions,
  a sequence number (odd for men) and the MOD 11-2 check character "与公民身份号码校验方式相同"
  (国家移民管理局《新版外国人永久居留身份证机读信息规则》2023).
The kind is derived from the number; a form that lets the user say which kind it is checks the two agree.

From the number: `birth_date_of`, `sex_of`, `age_on(number, day)`, `is_child_on(number, day)` (under 16,
禁止使用童工规定, 国务院令第364号) and `is_over_site_age_on(number, day)` (settings.LIUDONG's site age
limits); `worker_notes` gives the notes a claim or roster line shows; `child_labour_notify` tells the office
once. None of them raises for a number it cannot read: they answer None or False.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from stdnum import numdb

from liudong_wages.models import Notification, User
from liudong_wages.notifications import notify
from liudong_wages.privacy import mask_id_number
from liudong_wages.roles import Role

logger = logging.getLogger(__name__)

_SEPARATORS = re.compile(r"[\s\-\u3000]+")
_SHAPE = re.compile(r"^\d{17}[\dX]$")
# ISO 7064 MOD 11-2 as GB 11643-1999 writes it: weights 2^(17-i) mod 11, remainder → check character.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
EARLIEST_BIRTH_YEAR = 1900

# Province-level codes of GB/T 2260 (the first two digits of an area code), and 83, which only the Taiwan
# residents' residence permits use (830000).
PROVINCES = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省",
    "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
    "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区", "83": "台湾地区",
}  # fmt: skip


class IdKind(models.TextChoices):
    RESIDENT = "resident", _("居民身份证")
    HK_MACAO = "hk_macao", _("港澳居民居住证")
    TAIWAN = "taiwan", _("台湾居民居住证")
    FOREIGN = "foreign", _("外国人永久居留身份证")


_PERMIT_AREAS = {"810000": IdKind.HK_MACAO, "820000": IdKind.HK_MACAO, "830000": IdKind.TAIWAN}


@dataclass(frozen=True)
class IdCheck:
    """What a valid number says: its kind, birth date and sex, the area's name when known, and warnings."""

    number: str
    kind: IdKind
    birth_date: dt.date
    sex: str  # "male" or "female": the 17th digit, odd for men
    area: str = ""
    warnings: tuple[str, ...] = field(default=())


def normalize_id_number(value: str | None) -> str:
    """Spaces (also full-width ones) and hyphens dropped, upper case: the stored form."""
    return _SEPARATORS.sub("", value or "").upper()


def check_character(number: str) -> str:
    """The MOD 11-2 check character of the first 17 digits of `number`."""
    return _CHECK[sum(int(digit) * weight for digit, weight in zip(number[:17], _WEIGHTS, strict=True)) % 11]


def kind_of(number: str) -> IdKind:
    """The document a number of the right shape belongs to (by its first digits)."""
    if number.startswith("9"):
        return IdKind.FOREIGN
    return _PERMIT_AREAS.get(number[:6], IdKind.RESIDENT)


def check_id_number(value: str | None, *, kind: str | None = None, today: dt.date | None = None) -> IdCheck:
    """Check an identity number; raise `ValidationError` (a Chinese message) only when it cannot be one.

    `kind`, when given, is the document the user said it is: a number of another kind is refused. Warnings
    (an area code that did not exist in the birth year, or that the library does not know) come back in
    `IdCheck.warnings`; the caller shows them and lets the office accept them. Nothing but ValidationError
    ever leaves this function, whatever the library does.
    """
    try:
        return _check(normalize_id_number(value), kind=kind, today=today or timezone.localdate())
    except ValidationError:
        raise
    except Exception:  # a bug of ours must not answer 500 on a public form either
        logger.exception("Identity number check failed unexpectedly")
        raise ValidationError(
            _("身份证号暂时无法核对，请稍后再试；如一再出现，请联系领导小组办公室。"),
            code="id_number_unchecked",
        ) from None


def validate_id_number(value: str) -> None:
    """The model and form validator: refuses what `check_id_number` refuses; warnings do not block a save."""
    if value:
        check_id_number(value)


def _check(number: str, *, kind: str | None, today: dt.date) -> IdCheck:
    if len(number) != 18:
        raise ValidationError(
            _("身份证号应为 18 位，当前为 %(length)d 位。"),
            code="id_number_length",
            params={"length": len(number)},
        )
    if not _SHAPE.match(number):
        raise ValidationError(
            _("身份证号格式不正确：前 17 位应为数字，最后一位为数字或 X。"), code="id_number_format"
        )
    detected = kind_of(number)
    province = number[1:3] if detected == IdKind.FOREIGN else number[:2]
    if province not in PROVINCES or (detected == IdKind.FOREIGN and province in ("71", "81", "82", "83")):
        raise ValidationError(
            _("身份证号格式不正确：地区码前两位 %(code)s 不是省级行政区划代码。"),
            code="id_number_format",
            params={"code": province},
        )
    birth_date = _birth_date(number)
    if birth_date is None:
        raise ValidationError(
            _("身份证号格式不正确：第 7–14 位的出生日期 %(digits)s 不是有效日期。"),
            code="id_number_format",
            params={"digits": number[6:14]},
        )
    if birth_date > today or birth_date.year < EARLIEST_BIRTH_YEAR:
        raise ValidationError(
            _("身份证号格式不正确：出生日期 %(date)s 不可能（晚于今天或早于 1900 年）。"),
            code="id_number_format",
            params={"date": date_format(birth_date)},
        )
    if number[17] != check_character(number):
        raise ValidationError(
            _("身份证号无效：校验位不正确，请核对 18 位号码（最后一位可能是 X）。"), code="id_number_checksum"
        )
    if kind and kind != detected:
        raise ValidationError(
            _("所填号码是%(detected)s号码，与所选证件类型“%(chosen)s”不符，请核对。"),
            code="id_number_kind",
            params={"detected": detected.label, "chosen": _kind_label(kind)},
        )
    area, warnings = "", ()
    if detected == IdKind.RESIDENT:
        area, warnings = _area(number, birth_date.year)
    elif detected == IdKind.FOREIGN:
        area = PROVINCES[province]
    else:
        area = PROVINCES[number[:2]]
    sex = "male" if int(number[16]) % 2 else "female"
    return IdCheck(number=number, kind=detected, birth_date=birth_date, sex=sex, area=area, warnings=warnings)


def _kind_label(kind: str) -> str:
    try:
        return str(IdKind(kind).label)
    except ValueError:
        return kind


def _birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


# Library failures already logged in this process: one line per area code and error, not one per row of
# a 500-row import.
_logged: set[tuple[str, str]] = set()


def _log_once(code: str, what: str, *, exc_info: bool = False) -> None:
    if (code, what) in _logged:
        return
    _logged.add((code, what))
    logger.warning("Identity numbers: area code %s %s", code, what, exc_info=exc_info)


@lru_cache(maxsize=8192)
def _counties(code: str) -> str:
    """python-stdnum's county entries for an area code ("[1983-2021]下城区,…"). Its table does not change while
    a process runs and each look-up walks it: a case's page with twenty workers spent a twentieth of its time
    here. A failure is not remembered."""
    info: dict[str, str] = {}
    for _part, props in numdb.get("cn/loc").info(code):
        info.update(props)
    return info.get("county", "")


def _area(number: str, birth_year: int) -> tuple[str, tuple[str, ...]]:
    """The area's name and the warnings about it, from python-stdnum's table of area codes.

    The table lists each county with the years its code was in use ("[1983-2021]下城区"). python-stdnum
    refuses a number whose county did not exist in the birth year, and fails with KeyError on a code it does
    not know; both are warnings here.
    """
    code = number[:6]
    try:
        counties = _counties(code)
        if not counties:
            _log_once(code, "is not in python-stdnum's table; accepted with a warning")
            return PROVINCES[number[:2]], (
                gettext(
                    "地区码 %(code)s 不在本系统的行政区划代码表中（可能是新设立的区县）：请核对证件后保存。"
                )
                % {"code": code},
            )
        used = []
        for entry in counties.split(","):
            if not entry.startswith("["):
                return entry, ()
            years, name = entry[1:].split("]", 1)
            start, end = years.split("-")
            if (not start or int(start) <= birth_year) and (not end or birth_year <= int(end)):
                return name, ()
            used.append((name, start, end))
        name, start, end = used[-1]
        if start and end:
            years = gettext("%(start)s–%(end)s 年使用") % {"start": start, "end": end}
        elif start:
            years = gettext("%(start)s 年起使用") % {"start": start}
        else:
            years = gettext("%(end)s 年以前使用") % {"end": end}
        return name, (
            gettext(
                "地区码 %(code)s（%(name)s，%(years)s）在出生年份 %(year)d 年不存在："
                "迁移或补登户口的人常有这样的号码，请核对证件后保存。"
            )
            % {"code": code, "name": name, "years": years, "year": birth_year},
        )
    except Exception as error:
        _log_once(
            code, f"made python-stdnum fail ({type(error).__name__}); accepted with a warning", exc_info=True
        )
        return PROVINCES.get(number[:2], ""), (
            gettext("地区码 %(code)s 暂时无法核对：请核对证件后保存。") % {"code": code},
        )


# What the number tells about the worker --------------------------------------------------------------------


def _readable(number: str | None) -> str | None:
    number = normalize_id_number(number)
    if len(number) == 18 and _SHAPE.match(number) and _birth_date(number):
        return number
    return None


def birth_date_of(number: str | None) -> dt.date | None:
    """The birth date written in an 18-character number of any kind accepted here; None if unreadable."""
    number = _readable(number)
    return _birth_date(number) if number else None


def sex_of(number: str | None) -> str | None:
    """ "male" or "female" (the 17th digit, odd for men), None if the number is unreadable."""
    number = _readable(number)
    if not number:
        return None
    return "male" if int(number[16]) % 2 else "female"


def age_on(number: str | None, day: dt.date | None) -> int | None:
    """Full years of age on `day` (a birthday on 29 February counts on 1 March); None if unknown."""
    birth = birth_date_of(number)
    if birth is None or day is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_child_on(number: str | None, day: dt.date | None) -> bool:
    """Under 16 on `day`: a worker that age is child labour (禁止使用童工规定, 国务院令第364号, art. 2)."""
    age = age_on(number, day)
    return age is not None and age < settings.LIUDONG["CHILD_LABOUR_AGE"]


def site_age_limit(number: str | None) -> int | None:
    """The oldest age settings.LIUDONG allows on a construction site for the worker's sex."""
    sex = sex_of(number)
    if sex is None:
        return None
    return settings.LIUDONG["SITE_MAX_AGE_MALE" if sex == "male" else "SITE_MAX_AGE_FEMALE"]


def is_over_site_age_on(number: str | None, day: dt.date | None) -> bool:
    """Older than the construction-site age limit on `day` (a note for the office, never a refusal)."""
    age, limit = age_on(number, day), site_age_limit(number)
    return age is not None and limit is not None and age >= limit


@dataclass(frozen=True)
class Note:
    text: str
    tone: str  # a Bootstrap colour: "danger" or "warning"


def worker_notes(
    number: str | None, *, worked_from: dt.date | None, worked_to: dt.date | None = None, site: bool = False
) -> list[Note]:
    """The notes a claim or roster line shows next to the worker: suspected child labour on the first day
    worked, over the site age limit on the last (only for construction sites), and the number's warnings."""
    notes = []
    if is_child_on(number, worked_from):
        notes.append(
            Note(
                gettext("疑似童工：%(day)s 时未满 %(limit)d 周岁（禁止使用童工规定）")
                % {"day": date_format(worked_from), "limit": settings.LIUDONG["CHILD_LABOUR_AGE"]},
                "danger",
            )
        )
    last = worked_to or worked_from
    if site and is_over_site_age_on(number, last):
        notes.append(
            Note(
                gettext("超龄：%(day)s 时 %(age)d 周岁，超过建筑工地用工年龄上限（%(sex)s %(limit)d 周岁）")
                % {
                    "day": date_format(last),
                    "age": age_on(number, last),
                    "sex": gettext("男") if sex_of(number) == "male" else gettext("女"),
                    "limit": site_age_limit(number),
                },
                "warning",
            )
        )
    notes.extend(Note(text, "warning") for text in id_number_warnings(number))
    return notes


def id_number_warnings(number: str | None) -> tuple[str, ...]:
    """The warnings of a stored number (what the office accepted when it was saved); none if it is invalid."""
    if not number:
        return ()
    try:
        return check_id_number(number).warnings
    except ValidationError:
        return ()


def child_labour_notify(
    *, number: str | None, worked_on: dt.date | None, who: str, where: str, url: str, key: str
) -> list[Notification]:
    """Tell the office, once per `key`, that a worker was under 16 on the day worked. Returns the
    notifications created (none when the worker was not a child, or the office was told already).

    `key` names the worker and the place, e.g. f"child-labour:case:{case.pk}:{id_number}" or
    f"child-labour:project:{project.pk}:{id_number}": the same worker entered twice is told once.
    """
    if not is_child_on(number, worked_on):
        return []
    office = User.objects.filter(
        is_active=True, groups__name__in=[Role.DIRECTOR, Role.OFFICE, Role.INSPECTOR]
    ).distinct()
    limit = settings.LIUDONG["CHILD_LABOUR_AGE"]
    return notify(
        recipients=office,
        kind="child_labour",
        template="generic",
        context={
            "title": gettext("疑似使用童工：%(where)s 的劳动者 %(who)s 工作时未满 %(limit)d 周岁")
            % {"where": where, "who": who, "limit": limit},
            "body": gettext(
                "%(where)s 登记的劳动者 %(who)s（证件号 %(number)s）在 %(day)s 时 %(age)d 周岁，未满 %(limit)d 周岁。"
                "《禁止使用童工规定》（国务院令第364号）禁止招用不满 16 周岁的未成年人，请核实并依法处理。"
            )
            % {
                "where": where,
                "who": who,
                "number": mask_id_number(normalize_id_number(number)),
                "day": date_format(worked_on),
                "age": age_on(number, worked_on),
                "limit": limit,
            },
        },
        url=url,
        key=key,
    )
