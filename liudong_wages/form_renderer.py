"""The form renderer (settings.FORM_RENDERER): Django's, with its select and its plain input written in Python.

Django renders a <select> through three templates, one include per option and one per attribute list: on the
case list, whose filter form has six selects with some fifty options, that was 17 % of the page's time. The
output here is the same markup to the byte (tests/liudong_wages/test_form_renderer.py compares the two over
every widget of the project's forms and filters). A template of the same name that an app overrides is used
as it is.
"""

from __future__ import annotations

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.functional import Promise, cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .tables import escape, writing

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
INPUT = "django/forms/widgets/input.html"
_DJANGO_TEMPLATES = Path(django.forms.__file__).parent / "templates"


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name alone."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        name = conditional_escape(name)
        parts.append(f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"')
    return "".join(parts)


class Renderer(DjangoTemplates):
    @cached_property
    def _own(self) -> frozenset[str]:
        """The templates done here, those that no installed app overrides."""
        return frozenset(
            name
            for name in (SELECT, OPTION, INPUT)
            if Path(self.get_template(name).origin.name).is_relative_to(_DJANGO_TEMPLATES)
        )

    def render(self, template_name, context, request=None):
        if template_name == SELECT and SELECT in self._own and OPTION in self._own:
            html = self._select(context["widget"])
            if html is not None:
                return html
        elif template_name == INPUT and INPUT in self._own:
            return self._input(context["widget"])
        return super().render(template_name, context, request)

    def _select(self, widget: dict) -> str | None:
        with writing():  # the choices' labels are translated once per language (tables.text)
            return self._options(widget)

    def _options(self, widget: dict) -> str | None:
        # The template's {{ }} localises and escapes the labels: a number or a date label reads as on a page.
        values = Context()
        out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{render_value_in_context(group_name, values)}">')
            for option in options:
                if option["template_name"] != OPTION:
                    return None
                label = option["label"]
                # Text (the usual label) needs only its escaping; numbers and dates are localised as {{ }} does.
                label = (
                    escape(label)
                    if isinstance(label, str | Promise)
                    else render_value_in_context(label, values)
                )
                # The option's template file ends with a newline, which the include keeps.
                out.append(
                    f'\n  <option value="{escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs']) if option['attrs'] else ''}>{label}</option>\n"
                )
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))  # every value above is escaped

    def _input(self, widget: dict) -> str:
        value = widget["value"]
        shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
        return mark_safe(  # every value is escaped
            f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
            f"{shown}{_attrs(widget['attrs'])}>"
        )
