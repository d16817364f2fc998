"""Issue 16, finding 9: a download kept the uploader's extension (`证据.html` served for a PDF). Stored files
download as attachments, named by the kind their content was found to be, with that kind's content type."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

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
