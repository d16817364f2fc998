"""Django's `i18n` template library, its `{% translate "text" %}` looked up once per language (issue 21).

`{% load i18n %}` loads this module (settings.TEMPLATES, "libraries"): every tag and filter of Django's library,
with `translate` (and its old name `trans`) answering a plain literal from a table kept on the node, one entry
per language. Such a tag's output depends on nothing else: the text is the template's own, its translation
is marked safe as the template's text is, and no filter or context applies. Django's node took 7 µs for it,
ninety times on a project's page; a variable, a filter, a message context or `noop` take Django's path.
"""

from __future__ import annotations

from django import template
from django.template.base import render_value_in_context
from django.templatetags import i18n as django_i18n
from django.templatetags.i18n import TranslateNode
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)


class RememberedTranslateNode(TranslateNode):
    def __init__(self, node: TranslateNode) -> None:
        super().__init__(node.filter_expression, node.noop, node.asvar, node.message_context)
        expression = self.filter_expression
        self.by_language: dict[str | None, str] | None = (
            {}
            if (
                not self.noop
                and self.message_context is None
                and not expression.filters
                and getattr(expression.var, "literal", None) is not None
                and isinstance(expression.var.literal, str)
            )
            else None
        )

    def render(self, context):
        if self.by_language is None:
            return super().render(context)
        language = get_language()
        value = self.by_language.get(language)
        if value is None:
            value = self.by_language[language] = self._translated(context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value

    def _translated(self, context) -> str:
        """What Django's render returns for the literal (without touching the node: it is shared)."""
        self.filter_expression.var.translate = True
        value = render_value_in_context(self.filter_expression.resolve(context), context)
        # Percent signs are doubled in the message id so that they are not formatting; restored here.
        is_safe = isinstance(value, SafeData)
        value = value.replace("%%", "%")
        return mark_safe(value) if is_safe else value


@register.tag("translate")
@register.tag("trans")
def translate(parser, token):
    """Django's {% translate %} (the same syntax and errors), a literal's translation remembered per language."""
    return RememberedTranslateNode(django_i18n.do_translate(parser, token))
