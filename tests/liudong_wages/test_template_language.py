"""No Chinese written into a page template outside {% translate %} and {% blocktranslate %} (issue 19): the
English interface showed 已备案, 至, 元 and 人 where a page wrote them as plain text or as a yesno argument.

Left out on purpose: templates/pdf/ (official documents, 公文, in Chinese whatever the reader's language),
templates/emails/ (sent in Chinese to every recipient) and 500.html (plain HTML that must render when nothing
else does)."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
CHINESE_ONLY = ("pdf/", "emails/", "500.html")
IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
TRANSLATED = [
    re.compile(r"\{%\s*blocktranslate\b.*?\{%\s*endblocktranslate\s*%\}", re.S),
    re.compile(r"\{%\s*translate\b.*?%\}", re.S),
    re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S),
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"""_\(\s*(?:"[^"]*"|'[^']*')\s*\)"""),  # a filter's argument: default:_("系统")
]


def untranslated(text: str) -> list[tuple[int, str]]:
    """The lines (number, text) with Chinese left once every translated or commented part is blanked out."""
    blanked = text
    for pattern in TRANSLATED:
        blanked = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), blanked)
    lines = text.splitlines()
    return [
        (n, lines[n - 1].strip()) for n, line in enumerate(blanked.splitlines(), 1) if IDEOGRAPH.search(line)
    ]


def test_no_page_template_writes_chinese_outside_a_translation_tag():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name.startswith(CHINESE_ONLY):
            continue
        found += [f"{name}:{n}: {line[:120]}" for n, line in untranslated(path.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)


def test_the_check_sees_plain_text_and_yesno_arguments_but_not_translations():
    assert untranslated("<dd>{{ a }} 至 {{ b }}</dd>") == [(1, "<dd>{{ a }} 至 {{ b }}</dd>")]
    assert untranslated('{{ p.filed|yesno:"已备案,未备案" }}')
    assert not untranslated(
        "{% translate '至' %} {% blocktranslate with n=1 %}{{ n }} 人{% endblocktranslate %}"
    )
    assert not untranslated('{{ x|default:_("系统") }}{# 注释 #}')
    assert not untranslated('{% translate "一" context "星期" %}')
