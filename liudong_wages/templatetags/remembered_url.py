"""`{% url %}` with its answers remembered (issue 21), a builtin of the project's templates (settings.TEMPLATES).

Reversing a URL pattern is a pure function of the URL configuration, the script prefix and the arguments, yet
Django works it out again on every tag: 20 µs each, fifty on a case's page. Here the address is remembered,
for arguments that are plain integers and strings, under the URL configuration and script prefix of the
moment; anything else (a model instance, a lazy string) and every failure take Django's own path. The
language is not part of the key: no route of the project is translated or language-prefixed
(tests/liudong_wages/test_remembered_url.py checks that).
"""

from __future__ import annotations

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

register = template.Library()

# Addresses by (URL configuration, script prefix, view name, arguments, keyword arguments, application).
_remembered: dict[tuple, str] = {}
# A bound, not a cache that grows with the rows: a page's keys are its objects' ids, and a busy day's
# worth of them is a few thousand.
LIMIT = 20_000


def forget() -> None:
    _remembered.clear()


@receiver(setting_changed)
def _on_setting_changed(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        forget()


# What is remembered: integers and text (a template's literals are SafeStrings), nothing that only looks so.
_PLAIN = frozenset({int, str, SafeString})


def _plain(value: object) -> bool:
    return type(value) in _PLAIN


def _where(context) -> tuple[str | None, str]:
    """The URL configuration and script prefix of the moment, asked once per request (each is a lookup in
    asgiref's context-local storage, as long as the reversing remembered here): the handler sets both before
    the view runs, and they hold until the response."""
    request = getattr(context, "request", None)
    where = getattr(request, "_urls_where", None)
    if where is None:
        where = (get_urlconf(), get_script_prefix())
        if request is not None:
            request._urls_where = where
    return where


class RememberedURLNode(URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        if not (_plain(view_name) and all(map(_plain, args)) and all(map(_plain, kwargs.values()))):
            return super().render(context)
        try:  # as Django's URLNode finds it
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        key = (*_where(context), view_name, tuple(args), tuple(kwargs.items()), current_app)
        url = _remembered.get(key)
        if url is None:
            try:
                url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
            except NoReverseMatch:
                if self.asvar is None:
                    raise
                url = ""
            else:
                if len(_remembered) >= LIMIT:
                    forget()
                _remembered[key] = url
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """Django's {% url %} (the same syntax and errors), its answers remembered."""
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
