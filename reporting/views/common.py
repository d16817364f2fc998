"""What the reporting app's pages share: a service's refusal and a form's errors shown as messages, an
object's attachments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from liudong_wages.models import Attachment


def show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def show_form_errors(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def attachments_of(owner) -> list[Attachment]:
    return list(
        Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(type(owner)), object_id=str(owner.pk)
        ).select_related("created_by")
    )
