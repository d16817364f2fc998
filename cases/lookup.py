"""A case named on a form by its number, never picked from a <select> of every case.

At scale 10 there are 100,000 cases: a select of the open or the non-voided ones made the public report's
acceptance, the petition's and the warning's link and the interview's scheduling megabytes long. Here the user
types the number the system gave the case (LD2026-0001), or a part of it or of the respondent's name and picks
one of the box's suggestions (`cases:search`, through htmx); the form resolves the number on the server.

Only among the cases the user may see (`liudong_wages.access`): the suggestions never offer another case, and a
typed number of a case outside the user's access is refused with the same words as a number that does not
exist, so that nobody learns by typing which numbers exist.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from enterprises.forms.lookup import LookupField
from liudong_wages import access
from liudong_wages.models import User

from .models import Case

# The mixin is only ever mixed into a form; the type checker reads it as one (liudong_wages.forms does the same).
if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


def typed_number(text: str) -> str:
    """A case number as typed (full-width characters, spaces, lower case) in its stored form."""
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


class CaseField(LookupField):
    """A case by its number, among the cases `user` may see: open ones (`active_only`, the default), or any
    but a voided one (`active_only=False`: a petition about a case closed last month is linked to it).

    The form sets `user` (`CaseLookupFormMixin`); without one the field finds nothing."""

    search_url = "cases:search"
    model = Case
    placeholder = _("案件编号，如 LD2026-0001")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("填写案件编号，或输入编号、被投诉单位名称的一部分后从提示中选择"))
        kwargs.setdefault("error_messages", {"required": _("请填写案件编号。")})
        super().__init__(**kwargs)
        self.user: User | None = None

    @staticmethod
    def key(row: Any) -> str:
        return row.number

    @staticmethod
    def describe(row: Any) -> str:
        respondent = row.respondent
        label = f"{row.number} {respondent}" if respondent else row.number
        return f"{label}（{Case.Status(row.status).label}）"

    def queryset(self) -> QuerySet:
        if self.user is None:
            return Case.objects.none()
        cases = access.visible_to(self.user, Case.objects.select_related("enterprise"))
        return cases.open() if self.active_only else cases.exclude(status=Case.Status.VOIDED)

    def row_of(self, value: Any) -> Case | None:
        # An id (a form's initial value) counts only for a case the user may see, in the field's statuses.
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            if value not in self._rows:
                self._rows[value] = self.queryset().filter(pk=value).first()
            found = self._rows[value]
            return found if isinstance(found, Case) else None
        return value if isinstance(value, Case) else None

    def candidates(self, text: str) -> QuerySet:
        # The number is unique: its own index finds it, whatever the number of cases.
        return self.queryset().filter(number=typed_number(text))

    def matches_kept(self, text: str) -> bool:
        # Even the case the form started from (an interview asked for from a case page) is looked up afresh
        # through the user's access and the field's statuses: it may have been voided since.
        return False

    def is_code_match(self, row: Any, text: str) -> bool:
        return row.number == typed_number(text)

    def none_found(self, text: str) -> ValidationError:
        message = (
            _("没有编号为“%(value)s”的未办结案件，请核对。")
            if self.active_only
            else _("没有编号为“%(value)s”的案件，请核对。")
        )
        return ValidationError(message, code="not_found", params={"value": text})

    def several_found(self, text: str) -> ValidationError:
        # Numbers are unique (the database says so): kept for the base class, never reached by a number.
        return ValidationError(
            _("有多个案件编号为“%(value)s”，请核对。"), code="several", params={"value": text}
        )


class CaseLookupFormMixin(_FormBase):
    """A form with `CaseField`s, built with the user whose cases alone they find: `Form(data, user=user)`."""

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, CaseField):
                field.user = user
