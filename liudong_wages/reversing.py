"""`reverse` with its answers remembered (issue 21), for the project's code and its `{% url %}` tag.

Reversing a URL pattern is a pure function of the URL configuration, the script prefix and the arguments,
yet Django works it out again on every call: 20 µs each, sixty on the dashboard, fifty on a case's page.
Here an address is remembered for arguments that are plain integers and strings, under the URL
configuration and script prefix of the moment; anything else (a model instance, a lazy string, a query or a
fragment) and every failure take Django's own path. The language is not part of the key: no route of the
project is translated or language-prefixed (tests/liudong_wages/test_remembered_url.py checks that).
"""

from __future__ import annotations

from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.safestring import SafeString

# Addresses by (URL configuration, script prefix, view name, arguments, keyword arguments, application).
_remembered: dict[tuple, str] = {}
# A bound, not a cache that grows for ever: the keys are objects' ids, and a busy day's worth is a few thousand.
LIMIT = 20_000
# What is remembered: integers and text (a template's literals are SafeStrings), nothing that only looks so.
_PLAIN = frozenset({int, str, SafeString})


def forget() -> None:
    _remembered.clear()


@receiver(setting_changed)
def _on_setting_changed(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        forget()


def plain(value: object) -> bool:
    return type(value) in _PLAIN


def where() -> tuple[Any, str]:
    """The URL configuration and script prefix of this moment (each a lookup in context-local storage)."""
    return get_urlconf(), get_script_prefix()


def remembered(
    view_name: str,
    args: list | tuple = (),
    kwargs: dict | None = None,
    current_app: str | None = None,
    *,
    at: tuple[Any, str] | None = None,
) -> str:
    """Django's reverse(view_name, args=…, kwargs=…, current_app=…), remembered under `at` (default: where()).
    The caller has checked that the name and arguments are `plain`."""
    kwargs = kwargs or {}
    key = (*(at or where()), view_name, tuple(args), tuple(kwargs.items()), current_app)
    url = _remembered.get(key)
    if url is None:
        url = django_reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        if len(_remembered) >= LIMIT:
            forget()
        _remembered[key] = url
    return url


def reverse(
    viewname: Any,
    urlconf: str | None = None,
    args: list | tuple | None = None,
    kwargs: dict | None = None,
    current_app: str | None = None,
    **options: Any,
) -> str:
    """django.urls.reverse, the same signature and answers; plain names and arguments remembered."""
    if (
        urlconf is None
        and not options
        and plain(viewname)
        and (current_app is None or plain(current_app))
        and all(map(plain, args or ()))
        and all(map(plain, (kwargs or {}).values()))
    ):
        return remembered(viewname, args or (), kwargs, current_app)
    return django_reverse(viewname, urlconf, args, kwargs, current_app, **options)
