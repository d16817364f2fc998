"""Each role's start page (issue 8). The core names no domain app: each app registers "panels" in its
AppConfig.ready(), and the start page shows those that apply to the user who logs in.

A panel is a callable(user) -> Panel | None. It decides itself whether it applies (None: not for this
user) and reads what it shows in one or two queries: the start page is opened after every login, so its
cost is the sum of its panels'. A panel whose page does not exist (yet) raises NoReverseMatch while building
its links and is left out.

A role that works from another page registers it as its landing (the director: the dashboard, registered by
the reporting app): a login that asks for no particular page goes there. The start page stays at `/` for
everyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.urls import NoReverseMatch

from .reversing import reverse

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from .models import User
    from .roles import Role


@dataclass(frozen=True)
class Item:
    label: str
    url: str
    date: dt.date | None = None
    badge: str = ""
    # A Bootstrap colour for the badge: "danger" overdue, "warning" near its deadline or sent back.
    tone: str = "secondary"


@dataclass(frozen=True)
class Panel:
    key: str  # names the panel in the page (id="start-<key>"), for tests and styling
    title: str | Promise
    items: list[Item] = field(default_factory=list)
    link: str = ""  # the full list behind the panel
    link_label: str | Promise = ""  # the page says 全部 when empty
    empty: str | Promise = ""  # the page says 暂无待办事项。 when empty
    # How many there are in all, when the panel shows only the first few.
    total: int | None = None


Provider = Callable[["User"], Panel | None]

_providers: list[tuple[int, Provider]] = []


def register(provider: Provider, *, order: int = 100) -> None:
    if any(existing is provider for _order, existing in _providers):
        return
    _providers.append((order, provider))
    _providers.sort(key=lambda entry: entry[0])


def panels_for(user: User) -> list[Panel]:
    if not user.is_authenticated:
        return []
    panels = []
    for _order, provider in _providers:
        try:
            panel = provider(user)
        except NoReverseMatch:
            continue
        if panel is not None:
            panels.append(panel)
    return panels


# How many rows a panel lists before its link to the full list.
PANEL_ROWS = 8


_landings: list[tuple[Role, str]] = []


def register_landing(role: Role, url_name: str) -> None:
    """After logging in without asking for a page, a user with `role` lands on `url_name`."""
    if (role, url_name) not in _landings:
        _landings.append((role, url_name))


def landing_url(user: User) -> str:
    """Where `user` lands after logging in: the first landing registered for one of their roles that exists,
    else the start page."""
    for role, url_name in _landings:
        if user.has_role(role):
            try:
                return reverse(url_name)
            except NoReverseMatch:
                continue
    return reverse("home")
