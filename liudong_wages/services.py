"""Services of the core app: each state change in one function (STYLE.md, Where logic lives)."""

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import workdays
from .models import Attachment, HolidayYear, MemberUnit, SpecialDay, User
from .uploads import DOCUMENTS, check_upload, safe_display_name, storage_name


def unit_update_contact(
    *, unit: MemberUnit, by: User, contact_person: str, contact_phone: str, contact_email: str
) -> MemberUnit:
    unit.contact_person = contact_person
    unit.contact_phone = contact_phone
    unit.contact_email = contact_email
    unit._history_user = by
    unit.full_clean()
    unit.save(update_fields=["contact_person", "contact_phone", "contact_email"])
    return unit


@transaction.atomic
def holiday_year_set(
    *,
    year: int,
    holidays: dict[dt.date, str],
    working_days: dict[dt.date, str],
    confirmed: bool,
    source: str = "",
) -> HolidayYear:
    """Enter a year's official schedule: {date: name} of holidays and of adjusted working days.

    Replaces what was entered for that year before. Used by the office (through the admin) and by tests.
    """
    outside = sorted(d for d in [*holidays, *working_days] if d.year != year)
    if outside:
        raise ValidationError(
            _("日期 %(date)s 不属于 %(year)d 年。") % {"date": date_format(outside[0]), "year": year}
        )
    overlap = sorted(set(holidays) & set(working_days))
    if overlap:
        raise ValidationError(_("日期 %(date)s 不能既放假又上班。") % {"date": date_format(overlap[0])})
    entry, _created = HolidayYear.objects.update_or_create(
        year=year, defaults={"confirmed": confirmed, "source": source}
    )
    entry.days.all().delete()
    SpecialDay.objects.bulk_create(
        [
            SpecialDay(year=entry, date=d, kind=SpecialDay.Kind.HOLIDAY, name=name)
            for d, name in holidays.items()
        ]
        + [
            SpecialDay(year=entry, date=d, kind=SpecialDay.Kind.WORKDAY, name=name)
            for d, name in working_days.items()
        ]
    )
    # Forget now for this process, and again after commit in case a reader cached the old rows meanwhile.
    workdays.forget(year)
    transaction.on_commit(lambda: workdays.forget(year))
    return entry


def attachment_add(
    *,
    owner: Model,
    file: UploadedFile,
    by: User,
    kinds: Iterable[str] = DOCUMENTS,
    category: str = "",
    description: str = "",
) -> Attachment:
    """Check `file` by its content and size, store it under a random name and attach it to `owner`."""
    kind = getattr(file, "detected_kind", None) or check_upload(file, kinds=kinds)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(owner),
        object_id=str(owner.pk),
        original_name=safe_display_name(file.name or ""),
        kind=kind,
        size=file.size or 0,
        category=category,
        description=description,
        created_by=by,
    )
    file.seek(0)
    attachment.file.save(storage_name(kind), file, save=False)
    attachment.save()
    return attachment
