"""Base classes for the back office (Django admin) of every app.

In this domain records are voided or closed through the pages, never deleted, and state changes go through
the services that write the event log; the admin keeps master data in order and lets support read the rest.
The change history (django-simple-history) is shown read-only: reverting to an old version would change a
record behind its service and its event log.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import privacy


class HistoryAdmin(SimpleHistoryAdmin):
    """Editable master data with its change history, which cannot be reverted; nothing is deleted."""

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history saves a POST to an old version (a revert) even when the model is read-only here.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyHistoryAdmin(HistoryAdmin):
    """Records that change only through their workflow pages: the admin shows them and their history."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class LogAdmin(admin.ModelAdmin):
    """Event logs and other append-only rows: read only."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


def masked_id(field: str, description: str):
    """A method for a ModelAdmin's list or detail columns: the ID number, masked."""

    @admin.display(description=description)
    def column(model_admin, obj) -> str:
        return privacy.mask_id_number(getattr(obj, field))

    return column


def masked_phone(field: str, description: str):
    @admin.display(description=description)
    def column(model_admin, obj) -> str:
        return privacy.mask_phone(getattr(obj, field))

    return column


ID_NUMBER = _("身份证号")
PHONE = _("电话")
