"""The main navigation. Each app registers its group and its entries in its AppConfig.ready(); the header shows
a user only the entries they may use, grouped into one dropdown per group, so that every role's menu fits on
one line of a 1366-pixel screen. The core names no domain app: the apps bring their own groups and entries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .reversing import reverse

if TYPE_CHECKING:
    from .models import User

# The core's own groups: the start pages first, the system's pages last.
WORK, SYSTEM = "work", "system"


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str | Promise
    order: int = 100


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    allowed: Callable[[User], bool]
    order: int = 100
    group: str = WORK

    def url(self) -> str:
        # Remembered per URL configuration and script prefix (liudong_wages.reversing), not reversed on each
        # page: a role's 20-odd entries cost half a millisecond of reverse() a request.
        return reverse(self.url_name)


@dataclass
class Entry:
    """One entry as the header shows it to one user on one page."""

    label: str | Promise
    url: str
    current: bool


@dataclass
class Menu:
    """One group as the header shows it: a plain link when it holds one entry, a dropdown otherwise."""

    key: str
    label: str | Promise
    entries: list[Entry] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return any(entry.current for entry in self.entries)

    @property
    def single(self) -> Entry | None:
        return self.entries[0] if len(self.entries) == 1 else None


_groups: dict[str, NavGroup] = {}
# The header's menu as HTML, by language and by the entries' addresses with the current one: a few hundred
# at most (roles times the entries a page can belong to); emptied if it ever grows past MENU_CACHE_SIZE.
_menus_html: dict[tuple, SafeString] = {}
MENU_CACHE_SIZE = 1000
_items: list[NavItem] = []


def register_group(*groups: NavGroup) -> None:
    for group in groups:
        _groups[group.key] = group


def register(*items: NavItem) -> None:
    _items.extend(items)
    _items.sort(key=lambda item: item.order)


def items_for(user: User) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [item for item in _items if user.is_superuser or item.allowed(user)]


def _current(urls: list[str], path: str) -> str | None:
    """The address of the entry the page belongs to: the longest that begins the page's, so that /cases/12/
    belongs to 案件 (/cases/) while /cases/interviews/ belongs to 约谈; the start page (/) only to itself."""
    return max(
        (url for url in urls if (path == "/" if url == "/" else path.startswith(url))), key=len, default=None
    )


def _menus(items: list[NavItem], urls: list[str], current: str | None) -> list[Menu]:
    """A user's entries (from items_for, at `urls`) by group, in the groups' order, the current one marked."""
    menus: dict[str, Menu] = {}
    for item, url in zip(items, urls, strict=True):
        group = _groups.get(item.group) or NavGroup(item.group, item.label)
        menu = menus.setdefault(group.key, Menu(group.key, group.label))
        menu.entries.append(Entry(item.label, url, url == current))
    order = {key: group.order for key, group in _groups.items()}
    return sorted(menus.values(), key=lambda menu: order.get(menu.key, 500))


def menu_html(items: list[NavItem], path: str) -> SafeString:
    """The header's groups for these entries on this page (partials/main_menu.html), rendered once per
    language, entries and current entry and then read from memory: the same HTML every time, without grouping
    and rendering 20-odd entries on every page."""
    urls = [item.url() for item in items]
    current = _current(urls, path)
    key = (get_language(), tuple(urls), current)
    html = _menus_html.get(key)
    if html is None:
        if len(_menus_html) >= MENU_CACHE_SIZE:
            _menus_html.clear()
        menus = _menus(items, urls, current)
        html = _menus_html[key] = mark_safe(render_to_string("partials/main_menu.html", {"nav_menus": menus}))
    return html


def has_perm(perm: str) -> Callable[[User], bool]:
    return lambda user: user.has_perm(perm)


def anyone(user: User) -> bool:
    return True


def is_staff(user: User) -> bool:
    return user.is_staff
