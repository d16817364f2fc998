"""{% load i18n %} is Django's library with {% translate "text" %} remembered per language (issue 21): the
same output as Django's tag for every form of it, in each language, and each language its own translation."""

import pytest
from django.template import Context, Engine, engines
from django.utils import translation

from liudong_wages.templatetags.i18n_remembered import RememberedTranslateNode

OURS = engines["django"].engine
DJANGOS = Engine(libraries={"i18n": "django.templatetags.i18n"})  # Django's own i18n library

TEMPLATES = [
    "{% translate '欠薪案件' %}",
    '{% trans "欠薪案件" %}',
    "{% translate '导出 Excel' as label %}[{{ label }}]",
    "{% translate '欠薪案件' noop %}",
    "{% translate '欠薪案件'|upper %}",
    "{% translate name %}",
    "{% translate '10%% 的保证金' %}",
    "{% translate '<b>粗体</b>' %}",
    "{% translate '五月' context '月份' %}",
    "{% translate '没有这条译文' %}",
    "{% blocktranslate %}共 {{ n }} 条{% endblocktranslate %}",
    "{% get_current_language as code %}{{ code }}",
    "{{ 3|filesizeformat }} {% language 'en' %}{% translate '欠薪案件' %}{% endlanguage %}",
]


def _render(engine: Engine, source: str) -> str:
    return engine.from_string("{% load i18n %}" + source).render(Context({"name": "欠薪案件", "n": 3}))


def test_the_project_loads_its_own_i18n_library():
    node = OURS.from_string("{% load i18n %}{% translate '欠薪案件' %}").nodelist[1]
    assert isinstance(node, RememberedTranslateNode)


@pytest.mark.parametrize("source", TEMPLATES)
def test_the_output_is_djangos_in_each_language_again_and_again(source):
    for language in ("zh-hans", "en", "zh-hans", "en"):
        with translation.override(language):
            assert _render(OURS, source) == _render(DJANGOS, source), language


def test_each_language_reads_its_own_translation():
    template = OURS.from_string("{% load i18n %}{% translate '欠薪案件' %}")
    with translation.override("en"):
        english = template.render(Context())
    with translation.override("zh-hans"):
        chinese = template.render(Context())
    assert chinese == "欠薪案件" and english != chinese and english.isascii()


def test_i18n_is_the_only_library_name_used_twice():
    """The check that reports a template library name used by two modules is silenced for "i18n", which is
    the project's on purpose; any other name used twice is still an error here."""
    warnings = [message for message in engines["django"].check() if message.id == "templates.W003"]
    assert [message.msg.split("'")[1] for message in warnings] == ["i18n"]
    assert "liudong_wages.templatetags.i18n_remembered" in warnings[0].msg
