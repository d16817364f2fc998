from django import template
from django.utils.safestring import SafeString

from .. import access, formats, navigation, privacy

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, obj, action: str) -> bool:
    """{% may object "change" as can_change %}: whether the current user may do that to the object."""
    return access.may(context["request"].user, obj, action)


@register.simple_tag(takes_context=True)
def main_menu(context) -> SafeString:
    """{% main_menu %}: the header's groups of the user's entries (context processor `layout`), this page's
    entry marked."""
    return navigation.menu_html(context.get("nav_items") or [], context["request"].path)


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
    """{{ amount|money }}: 481,400.00 (see formats.money)."""
    return formats.money(value)


@register.filter
def working_days_left(days: int) -> str:
    """{{ left|working_days_left }}: 还剩 3 个工作日 · 今天到期 · 已超期 2 个工作日 (see formats)."""
    return formats.working_days_left(days)
