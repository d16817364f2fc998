"""What every page's layout needs: the navigation of the user's role and their unread count."""

from typing import Any

from django.conf import settings

from . import navigation, notifications


def layout(request) -> dict:
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"site_title": settings.SITE_TITLE}
    if user is not None and user.is_authenticated:
        # The header renders them with {% main_menu %} (liudong_wages.navigation.menu_html).
        context["nav_items"] = navigation.items_for(user)
        context["unread_count"] = notifications.unread_count(user)
    return context
