from django import template
from django.template.defaultfilters import floatformat

from .. import access, privacy

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, obj, action: str) -> bool:
    """{% may object "change" as can_change %}: whether the current user may do that to the object."""
    return access.may(context["request"].user, obj, action)


@register.filter
def masked_id(value: str) -> str:
    return privacy.mask_id_number(value)


@register.filter
def masked_phone(value: str) -> str:
    return privacy.mask_phone(value)


@register.filter
def masked_account(value: str) -> str:
    return privacy.mask_account(value)


@register.filter
def money(value) -> str:
    """An amount as every page and PDF shows it: thousands grouped, two decimals (481,400.00); a dash when
    there is none. The column or the sentence says 元."""
    if value is None or value == "":
        return "—"
    return floatformat(value, "2g")
