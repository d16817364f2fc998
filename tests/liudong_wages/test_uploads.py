import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from liudong_wages.services import attachment_add
from liudong_wages.uploads import check_upload

from ..factories import NotificationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, kind",
    [("证据.pdf", PDF, "pdf"), ("照片.png", PNG, "png"), ("名单.xlsx", _xlsx(), "xlsx")],
    # Named ids: the workbook's bytes carry a timestamp, and parallel workers must collect the same tests.
    ids=["pdf", "png", "xlsx"],
)
def test_files_are_recognised_by_their_content(name, content, kind):
    assert check_upload(SimpleUploadedFile(name, content)) == kind


def test_a_renamed_executable_is_refused():
    exe = SimpleUploadedFile("工资表.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError, match="不是允许的类型"):
        check_upload(exe)


def test_an_oversize_file_is_refused(settings):
    big = SimpleUploadedFile("证据.pdf", PDF + b"0" * 2048)
    with pytest.raises(ValidationError, match="过大"):
        check_upload(big, max_bytes=1024)


def test_only_the_kinds_asked_for_pass():
    with pytest.raises(ValidationError, match="JPEG、PNG"):
        check_upload(SimpleUploadedFile("a.pdf", PDF), kinds={"jpeg", "png"})


def test_an_attachment_is_stored_under_a_random_name_and_downloaded_by_those_who_see_its_record(
    client, liaison, other_liaison, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    owner = NotificationFactory(recipient=liaison)
    attachment = attachment_add(
        owner=owner,
        file=SimpleUploadedFile("../../etc/整改报告.pdf", PDF),
        by=liaison,
        description="整改报告",
    )
    assert attachment.original_name == "整改报告.pdf"
    assert "整改" not in attachment.file.name and ".." not in attachment.file.name
    assert attachment.file.name.endswith(".pdf")

    client.force_login(liaison)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF

    client.force_login(other_liaison)
    assert client.get(attachment.get_absolute_url()).status_code == 404
