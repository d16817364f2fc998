"""{% url %} remembers its answers (issue 21): the same addresses as Django's tag, under each script prefix and
URL configuration, with Django's errors; nothing but plain keys remembered."""

import pytest
from django.template import Context, Engine, RequestContext, engines
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, set_script_prefix
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from django.utils.functional import Promise

from liudong_wages import reversing as remembered_url
from liudong_wages.templatetags.remembered_url import RememberedURLNode

OURS = engines["django"].engine
DJANGOS = Engine(libraries={}, builtins=[])  # Django's own tags only

TAGS = [
    "{% url 'cases:detail' 5 %}",
    "{% url 'cases:detail' pk %}",
    "{% url 'cases:detail' pk=pk %}",
    "{% url name pk %}",
    "{% url 'cases:list' %}?q={{ q }}",
    "{% url 'cases:detail' text %}",
    "{% url 'cases:detail' pk as there %}[{{ there }}]",
    "{% url 'cases:nothing' pk as there %}[{{ there }}]",
    "{% url 'enterprises:project_detail' pk %}",
]
CONTEXT = {"pk": 42, "name": "cases:detail", "q": "a&b", "text": "7"}


def _render(engine: Engine, source: str, context: dict) -> str:
    return engine.from_string(source).render(Context(context))


@pytest.fixture(autouse=True)
def _forget():
    remembered_url.forget()
    yield
    remembered_url.forget()
    set_script_prefix("/")


def test_the_project_templates_use_the_remembering_tag():
    node = OURS.from_string("{% url 'cases:list' %}").nodelist[0]
    assert isinstance(node, RememberedURLNode)


@pytest.mark.parametrize("source", TAGS)
def test_the_address_is_djangos_the_first_and_the_second_time(source):
    expected = _render(DJANGOS, source, CONTEXT)
    assert _render(OURS, source, CONTEXT) == expected
    assert _render(OURS, source, CONTEXT) == expected
    assert _render(OURS, source, {**CONTEXT, "pk": 43}) == _render(DJANGOS, source, {**CONTEXT, "pk": 43})


def test_a_missing_pattern_raises_as_djangos_tag_does():
    for engine in (DJANGOS, OURS):
        with pytest.raises(NoReverseMatch):
            _render(engine, "{% url 'cases:nothing' 1 %}", {})
    assert not remembered_url._remembered


def test_only_plain_keys_are_remembered():
    class Key:
        def __str__(self) -> str:
            return "9"

    assert _render(OURS, "{% url 'cases:detail' key %}", {"key": Key()}) == "/cases/9/"
    for engine in (DJANGOS, OURS):  # True is 1 to a dict, not to the pattern
        with pytest.raises(NoReverseMatch):
            _render(engine, "{% url 'cases:detail' flag %}", {"flag": True})
    assert not remembered_url._remembered


def test_each_script_prefix_has_its_own_addresses():
    assert _render(OURS, "{% url 'cases:detail' 5 %}", {}) == "/cases/5/"
    set_script_prefix("/liudong/")
    assert _render(OURS, "{% url 'cases:detail' 5 %}", {}) == "/liudong/cases/5/"


def test_the_prefix_is_read_once_per_request():
    request = RequestFactory().get("/")
    template = OURS.from_string("{% url 'cases:detail' 5 %} {% url 'cases:list' %}")
    assert template.render(RequestContext(request, {})) == "/cases/5/ /cases/"
    assert request._urls_where == (None, "/")


def test_another_url_configuration_forgets_the_addresses():
    _render(OURS, "{% url 'cases:list' %}", {})
    assert remembered_url._remembered
    with override_settings(ROOT_URLCONF="liudong_wages.urls"):
        assert not remembered_url._remembered


def test_no_route_depends_on_the_language():
    """The remembered address leaves the language out of its key: it would be wrong if a route were
    translated or prefixed by the language (i18n_patterns)."""

    def walk(patterns):
        for pattern in patterns:
            assert not isinstance(pattern.pattern, LocalePrefixPattern)
            if isinstance(pattern.pattern, RoutePattern):
                assert not isinstance(pattern.pattern._route, Promise), pattern
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            else:
                assert isinstance(pattern, URLPattern)

    walk(get_resolver().url_patterns)


@pytest.mark.parametrize(
    "call",
    [
        {"viewname": "cases:list"},
        {"viewname": "cases:detail", "args": [5]},
        {"viewname": "cases:detail", "args": ["5"]},
        {"viewname": "cases:detail", "kwargs": {"pk": 5}},
        {"viewname": "cases:list", "query": {"q": "建筑 & 市政"}},
        {"viewname": "cases:detail", "args": [5], "fragment": "claims"},
        {"viewname": "cases:list", "urlconf": "liudong_wages.urls"},
    ],
)
def test_the_project_reverse_answers_as_djangos(call):
    from django.urls import reverse as django_reverse

    from liudong_wages.reversing import reverse

    assert reverse(**call) == django_reverse(**call)
    assert reverse(**call) == django_reverse(**call)


def test_the_project_reverse_remembers_only_what_is_plain():
    from liudong_wages.reversing import reverse

    reverse("cases:list", query={"q": "x"})
    assert not remembered_url._remembered
    reverse("cases:detail", args=[5])
    assert len(remembered_url._remembered) == 1
    with pytest.raises(NoReverseMatch):
        reverse("cases:nothing")
    assert len(remembered_url._remembered) == 1
