"""`{% url %}` with its answers remembered (issue 21), a builtin of the project's templates (settings.TEMPLATES):
Django's tag, its reversing done by `liudong_wages.reversing` (see there why and what is remembered), the URL
configuration and script prefix read once per request.
"""

from __future__ import annotations

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from ..reversing import plain, remembered, where

register = template.Library()


def _where(context) -> tuple:
    """The URL configuration and script prefix of the moment, asked once per request: the handler sets both
    before the view runs, and they hold until the response."""
    request = getattr(context, "request", None)
    found = getattr(request, "_urls_where", None)
    if found is None:
        found = where()
        if request is not None:
            request._urls_where = found
    return found


class RememberedURLNode(URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        if not (plain(view_name) and all(map(plain, args)) and all(map(plain, kwargs.values()))):
            return super().render(context)
        try:  # as Django's URLNode finds it
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        try:
            url = remembered(view_name, args, kwargs, current_app, at=_where(context))
        except NoReverseMatch:
            if self.asvar is None:
                raise
            url = ""
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """Django's {% url %} (the same syntax and errors), its answers remembered."""
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
