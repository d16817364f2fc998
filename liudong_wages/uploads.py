"""Uploaded files: checked by their content (not their name), limited in size, stored under random names
outside the static tree, and served only through `liudong_wages.views.attachment_download`, which checks
that the user may see the record the file belongs to."""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .downloads import safe_filename

# kind: (label, file extension used for storage, content type served)
KINDS = {
    "pdf": ("PDF", "pdf", "application/pdf"),
    "jpeg": ("JPEG", "jpg", "image/jpeg"),
    "png": ("PNG", "png", "image/png"),
    "xlsx": ("Excel", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": ("Word", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
DOCUMENTS = frozenset(KINDS)
IMAGES = frozenset({"jpeg", "png"})

# An Office file is a zip: what it unpacks to is measured before anything opens it (issue 16: a 1.09 MB
# xlsx unpacked to hundreds of MiB inside a web worker). A real import of 5,000 rows unpacks to about 5 MiB
# at a ratio near 10; these limits leave room for that and keep a worker's memory within 100 MiB.
ARCHIVE_MAX_UNPACKED = 40 * 1024 * 1024
ARCHIVE_MAX_PART = 20 * 1024 * 1024  # openpyxl holds the shared strings part whole, even in read-only mode
ARCHIVE_MAX_PARTS = 500
ARCHIVE_MAX_RATIO = 100


def sniff(file) -> str | None:
    """The kind of file by its first bytes (and, for Office files, the zip's members); None if unknown."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            file.seek(0)
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
    return None


def check_archive(
    file,
    *,
    max_unpacked: int = ARCHIVE_MAX_UNPACKED,
    max_part: int = ARCHIVE_MAX_PART,
    max_parts: int = ARCHIVE_MAX_PARTS,
    max_ratio: int = ARCHIVE_MAX_RATIO,
) -> None:
    """Refuse, in Chinese, a zip (xlsx, docx) that would unpack to too much: too many parts, too many bytes
    in all or in one part, or a compression ratio no real document reaches. Only the zip's directory is
    read. The sizes it declares bound what zipfile will ever unpack (it stops at the declared size and
    fails the checksum), so a lying directory cannot get past this either."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ValidationError(_("文件不是有效的 Office 文件（压缩包已损坏）。"), code="bad_zip") from None
    finally:
        file.seek(0)
    unpacked = sum(part.file_size for part in parts)
    packed = sum(part.compress_size for part in parts)
    largest = max((part.file_size for part in parts), default=0)
    if (
        len(parts) > max_parts
        or unpacked > max_unpacked
        or largest > max_part
        or unpacked > max_ratio * max(packed, 1024)
    ):
        raise ValidationError(
            _(
                "文件解压后过大或结构异常（%(mb)s MB，%(parts)d 个部分），已拒绝。请使用下载的模板重新填写后上传。"
            )
            % {"mb": round(unpacked / 1048576, 1), "parts": len(parts)},
            code="zip_bomb",
        )


def check_upload(file, *, kinds: Iterable[str] = DOCUMENTS, max_bytes: int | None = None) -> str:
    """The file's kind, or ValidationError in Chinese when it is too big or not one of `kinds`."""
    kinds = frozenset(kinds)
    max_bytes = max_bytes or settings.LIUDONG["UPLOAD_MAX_BYTES"]
    if file.size > max_bytes:
        raise ValidationError(
            _("文件“%(name)s”过大：不能超过 %(mb)s MB。")
            % {"name": file.name, "mb": round(max_bytes / 1048576, 1)}
        )
    if file.size == 0:
        raise ValidationError(_("文件“%(name)s”是空的。") % {"name": file.name})
    kind = sniff(file)
    if kind not in kinds:
        allowed = "、".join(KINDS[k][0] for k in sorted(kinds))
        raise ValidationError(
            _("文件“%(name)s”的内容不是允许的类型（%(allowed)s）。") % {"name": file.name, "allowed": allowed}
        )
    return kind


def storage_name(kind: str) -> str:
    """A random path for a stored file: the user's file name never reaches the file system."""
    today = timezone.localdate()
    return f"attachments/{today:%Y/%m}/{uuid.uuid4().hex}.{KINDS[kind][1]}"


def safe_display_name(name: str) -> str:
    """The user's file name without any path, for showing and for the download's name."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:200] or "file"


def download_name(name: str, kind: str) -> str:
    """The name a stored file is downloaded under: the user's name with the extension of the kind its content
    was found to be (`证据.html` holding a PDF downloads as `证据.pdf`), so that no browser or desktop opens
    it as something else."""
    stem = safe_display_name(name)
    base, dot, _extension = stem.rpartition(".")
    if dot and base.strip(". "):
        stem = base
    stem = stem.strip(". ") or "file"
    extension = KINDS[kind][1]
    return safe_filename(f"{stem[:150]}.{extension}", fallback=f"file.{extension}")


class CheckedFileField(forms.FileField):
    """A form field that checks the file's content and size (see `check_upload`)."""

    default_error_messages = {"required": gettext_lazy("请选择要上传的文件。")}

    def __init__(self, *, kinds: Iterable[str] = DOCUMENTS, max_bytes: int | None = None, **kwargs):
        self.kinds = frozenset(kinds)
        self.max_bytes = max_bytes
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file:
            file.detected_kind = check_upload(file, kinds=self.kinds, max_bytes=self.max_bytes)
        return file
