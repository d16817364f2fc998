"""The project's own number and date formats, over Django's (FORMAT_MODULE_PATH in settings), and the one
way every page, PDF, e-mail and message writes an amount of money."""

from __future__ import annotations

from decimal import Decimal


def money(value: Decimal | float | int | str | None) -> str:
    """An amount as every page and PDF shows it: thousands grouped, two decimals (481,400.00); a dash when
    there is none. The column or the sentence says 元."""
    from django.template.defaultfilters import floatformat

    if value is None or value == "":
        return "—"
    return floatformat(value, "2g")
