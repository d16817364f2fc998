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
