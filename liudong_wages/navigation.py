"""The main navigation. Each app registers its entries in its AppConfig.ready(); the header shows a user
only the entries they may use. The core names no domain app: the apps bring their own entries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse

if TYPE_CHECKING:
    from .models import User


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    allowed: Callable[[User], bool]
    order: int = 100

    def url(self) -> str:
        return reverse(self.url_name)


_items: list[NavItem] = []


def register(*items: NavItem) -> None:
    _items.extend(items)
    _items.sort(key=lambda item: item.order)


def items_for(user: User) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return [item for item in _items if user.is_superuser or item.allowed(user)]


def has_perm(perm: str) -> Callable[[User], bool]:
    return lambda user: user.has_perm(perm)


def anyone(user: User) -> bool:
    return True
