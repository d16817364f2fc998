"""Issue 16, finding 9: a download kept the uploader's extension (`证据.html` served for a PDF). Stored files
download as attachments, named by the kind their content was found to be, with that kind's content type.

Issue 18: text users typed reaches download names (a campaign's name, an uploader's file name); every
download is named through `liudong_wages.downloads`, which keeps the Chinese and drops what could break the
header or fool the eye (newlines, U+202E, path separators, quotes)."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from liudong_wages.downloads import content_disposition, safe_filename
from liudong_wages.services import attachment_add
from liudong_wages.uploads import download_name

from ..factories import NotificationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("证据.html", "pdf", "证据.pdf"),
        ("证据.pdf", "pdf", "证据.pdf"),
        ("照片.svg", "png", "照片.png"),
        ("报告.pdf.exe", "pdf", "报告.pdf.pdf"),
        ("no-extension", "jpeg", "no-extension.jpg"),
        (".htaccess", "pdf", "htaccess.pdf"),
        ("...", "pdf", "file.pdf"),
        ("../../x.html", "pdf", "x.pdf"),
    ],
)
def test_the_download_name_carries_the_detected_kinds_extension(name, kind, expected):
    assert download_name(name, kind) == expected


@pytest.mark.parametrize(
    ("name", "content", "content_type", "expected"),
    [
        ("证据.html", PDF, "application/pdf", "证据.pdf"),
        ("照片.html", PNG, "image/png", "照片.png"),
    ],
)
def test_a_file_uploaded_as_html_downloads_under_its_real_kind(
    client, liaison, settings, tmp_path, name, content, content_type, expected
):
    settings.MEDIA_ROOT = tmp_path
    owner = NotificationFactory(recipient=liaison)
    attachment = attachment_add(owner=owner, file=SimpleUploadedFile(name, content), by=liaison)
    assert attachment.original_name == name  # shown as the uploader named it
    client.force_login(liaison)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert quote(expected) in disposition
    assert ".html" not in disposition and "html" not in disposition.lower()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("冬季专项行动-汇总表.xlsx", "冬季专项行动-汇总表.xlsx"),
        ("冬季\r\n行动.pdf", "冬季 行动.pdf"),
        ("冬季\t\t行动.pdf", "冬季 行动.pdf"),
        ("冬季\x00\x07\x1b\x7f行动.pdf", "冬季行动.pdf"),
        ("汇总表\u202excod.exe", "汇总表xcod.exe"),
        ("\u2066冬季\u2069\u200b\u200d\ufeff行动.xlsx", "冬季行动.xlsx"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("C:\\Windows\\冬季.xlsx", "C__Windows_冬季.xlsx"),
        ('冬季"; filename="evil.html', "冬季_; filename=_evil.html"),
        ("冬季'行动'<>|*?.xlsx", "冬季_行动______.xlsx"),
        ("...", "download"),
        (" . ", "download"),
        ("\u202e\u202c", "download"),
        ("/", "download"),
        (".htaccess", "htaccess"),
        ("CON.xlsx", "_CON.xlsx"),
        ("lpt1", "_lpt1"),
        ("e\u0301汇总.pdf", "\u00e9汇总.pdf"),
        ("𠀀𪚥🧧.pdf", "𠀀𪚥🧧.pdf"),
    ],
)
def test_a_crafted_name_is_saved_under_a_safe_one(name, expected):
    assert safe_filename(name) == expected


def test_a_long_chinese_name_is_cut_to_fit_a_file_system_keeping_its_extension():
    name = safe_filename("冬" * 300 + ".xlsx")
    assert name.endswith("冬.xlsx") and len(name.encode()) <= 200
    assert len(safe_filename("a" * 300).encode()) <= 200


@pytest.mark.parametrize("inline", [True, False])
def test_the_header_carries_only_the_safe_name_percent_encoded(inline):
    header = content_disposition('冬季\r\n"行动/../x.pdf', inline=inline)
    assert header == ("inline" if inline else "attachment") + "; filename*=UTF-8''" + quote(
        "冬季 _行动_.._x.pdf", safe=""
    )
    assert header.isascii()


def test_an_uploaded_file_with_a_crafted_name_downloads_under_a_safe_one(client, liaison, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner = NotificationFactory(recipient=liaison)
    attachment = attachment_add(owner=owner, file=SimpleUploadedFile("证据.pdf", PDF), by=liaison)
    # Names stored before uploads were cleaned, or written by an import, reach the header the same way.
    type(attachment).objects.filter(pk=attachment.pk).update(original_name='证据\u202e"\r\nfdp.exe')
    client.force_login(liaison)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''" + quote(
        "证据_ fdp.pdf", safe=""
    )
