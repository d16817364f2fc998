"""The project's own number and date formats, over Django's (FORMAT_MODULE_PATH in settings), and the one
way every page, PDF, e-mail and message writes an amount of money."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value: Decimal | float | int | str | None, *, language: str | None = None) -> str:
    """An amount as every page and PDF shows it: thousands grouped, two decimals (481,400.00); a dash when
    there is none. The column or the sentence says 元. `language`: the active one, where the caller has read
    it already (a table's fifty amounts)."""
    from django.template.defaultfilters import floatformat
    from django.utils.translation import get_language

    if value is None or value == "":
        return "—"
    exact = isinstance(value, int) or (isinstance(value, Decimal) and value.is_finite())
    if exact and _python_grouping(language or get_language()):
        # A list shows fifty amounts: Python's own grouping gives floatformat's text (rounded half up, no
        # "-0.00") at a tenth of its cost. Floats, strings and other separators go through floatformat.
        amount = Decimal(value).quantize(CENT, ROUND_HALF_UP)
        return f"{amount:,.2f}" if amount else "0.00"
    return floatformat(value, "2g")


@functools.lru_cache(maxsize=16)
def _python_grouping(language: str | None) -> bool:
    """Whether `language` writes 481,400.00 as Python's own grouping does: asked once per language."""
    from django.utils.formats import get_format

    separators = (
        get_format("DECIMAL_SEPARATOR", lang=language),
        get_format("THOUSAND_SEPARATOR", lang=language),
    )
    return separators == (".", ",")


def working_days_left(days: int) -> str:
    """How far a deadline is, said the same way on every page and in every message: 还剩 3 个工作日,
    今天到期, 已超期 2 个工作日."""
    from django.utils.translation import gettext, ngettext

    if days > 0:
        return ngettext("还剩 %(n)d 个工作日", "还剩 %(n)d 个工作日", days) % {"n": days}
    if days == 0:
        return gettext("今天到期")
    return ngettext("已超期 %(n)d 个工作日", "已超期 %(n)d 个工作日", -days) % {"n": -days}
