# Over 400 lines: one workflow, a meeting from its minutes to their confirmation and the tasks they set.
"""Services of leading-group meetings and their minutes (实施方案 二(三)1; DESIGN.md section 4,
"Meetings"). Each state change is one function that writes its event row and its history in the same
transaction (STYLE.md, Where logic lives).

会议以会议纪要形式确认会议议定事项，经与会单位（部门）同意后印发至各成员单位（部门），同时报至新区党工委备案:
the minutes are final only once every attending unit agreed (or the office recorded why it goes ahead without
an answer); issuing them notifies every member unit and files them with the Party working committee.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.models import Case
from liudong_wages import notifications
from liudong_wages.models import Attachment, MemberUnit, User
from liudong_wages.pdf import render_pdf
from liudong_wages.services import attachment_add

from ..models import (
    AgreedItem,
    Meeting,
    MeetingEvent,
    Minutes,
    MinutesConfirmation,
)

# The Party working committee (新区党工委): issued minutes are filed with it (实施方案 二(三)1).
PARTY_COMMITTEE_CODE = "dgw"
MINUTES_PDF_CATEGORY = "minutes_pdf"

MinutesStatus = Minutes.Status
ConfirmationStatus = MinutesConfirmation.Status


@dataclass(frozen=True)
class ItemInput:
    """One agreed item as the minutes form gives it."""

    text: str
    unit: MemberUnit | None = None
    due_on: dt.date | None = None


def _meeting_event(
    meeting: Meeting, kind: str, by: User | None, note: str = "", at: dt.datetime | None = None
) -> MeetingEvent:
    return MeetingEvent.objects.create(meeting=meeting, kind=kind, by=by, note=note, at=at or timezone.now())


def _locked_minutes(minutes: Minutes) -> Minutes:
    """The minutes re-read under a row lock, so that two people acting at once see each other's change."""
    return Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)


def required_text(text: str, message: str) -> str:
    """The text stripped, or `message` as the error when nothing is left."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(message)
    return text


# Meetings ------------------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    kind: str,
    title: str,
    date: dt.date,
    place: str,
    convener: User,
    units: Iterable[MemberUnit],
    agenda: str,
    by: User,
    attendees: str = "",
    case: Case | None = None,
    now: dt.datetime | None = None,
) -> Meeting:
    """Record a meeting with its attending units; its minutes start as an empty draft."""
    units = list(units)
    if not units:
        raise ValidationError(_("请选择参会单位。"))
    if any(unit.kind != MemberUnit.Kind.MEMBER for unit in units):
        raise ValidationError(_("参会单位须为领导小组成员单位。"))
    if case is not None and kind != Meeting.Kind.SPECIAL:
        raise ValidationError(_("只有重大案件专题会议可以关联案件。"))
    meeting = Meeting(
        kind=kind,
        title=title.strip(),
        date=date,
        place=place.strip(),
        convener=convener,
        case=case,
        attendees=attendees.strip(),
        agenda=agenda.strip(),
        created_by=by,
    )
    meeting._history_user = by
    meeting.full_clean()
    meeting.save()
    meeting.units.set(units)
    minutes = Minutes(meeting=meeting, created_by=by)
    minutes._history_user = by
    minutes.save()
    _meeting_event(meeting, MeetingEvent.Kind.CREATED, by, at=now)
    return meeting


@transaction.atomic
def meeting_attach(*, meeting: Meeting, file: UploadedFile, by: User, description: str = "") -> Attachment:
    attachment = attachment_add(owner=meeting, file=file, by=by, category="meeting", description=description)
    _meeting_event(
        meeting, MeetingEvent.Kind.ATTACHED, by, _("添加附件：%(name)s") % {"name": attachment.original_name}
    )
    return attachment


# Minutes -------------------------------------------------------------------------------------------------


@transaction.atomic
def minutes_update(
    *,
    minutes: Minutes,
    text: str,
    items: Sequence[ItemInput],
    by: User,
    number: str = "",
    now: dt.datetime | None = None,
) -> Minutes:
    """Save the text and the agreed items (replaced as a whole). Circulated minutes may still change, but then
    every attending unit is asked again: a unit confirms the text it read, not a later one."""
    minutes = _locked_minutes(minutes)
    if not minutes.is_editable:
        raise ValidationError(_("纪要已定稿，不能再修改。"))
    minutes.text = text.strip()
    minutes.number = number.strip()
    changed_while_circulated = minutes.status == MinutesStatus.CIRCULATED
    if changed_while_circulated:
        minutes.revision += 1
    minutes._history_user = by
    minutes.full_clean(validate_constraints=False)
    minutes.save()
    minutes.items.all().delete()
    AgreedItem.objects.bulk_create(
        AgreedItem(minutes=minutes, number=number, text=item.text.strip(), unit=item.unit, due_on=item.due_on)
        for number, item in enumerate((i for i in items if i.text.strip()), start=1)
    )
    _meeting_event(minutes.meeting, MeetingEvent.Kind.MINUTES_SAVED, by, at=now)
    if changed_while_circulated:
        _ask_units(minutes=minutes, by=by, revised=True)
    return minutes


def _ask_units(*, minutes: Minutes, by: User, revised: bool) -> None:
    """(Re)open one confirmation per attending unit and tell the units' people."""
    meeting = minutes.meeting
    units = list(meeting.units.all())
    for unit in units:
        confirmation, _created = MinutesConfirmation.objects.get_or_create(minutes=minutes, unit=unit)
        confirmation.status = ConfirmationStatus.PENDING
        confirmation.comment = confirmation.override_reason = ""
        confirmation.by = confirmation.at = None
        confirmation._history_user = by
        confirmation.save()
    notifications.notify_units(
        units=units,
        kind="minutes_circulated",
        template="generic",
        context={
            "title": (
                _("会议纪要已修改，请重新确认：%(title)s") if revised else _("请确认会议纪要：%(title)s")
            )
            % {"title": meeting.title},
            "body": _("%(date)s 召开的“%(title)s”纪要已分发与会单位征求意见，请登录平台确认或提出意见。")
            % {"date": date_format(meeting.date), "title": meeting.title},
        },
        url=meeting.get_absolute_url(),
        key=f"minutes-circulated:{minutes.pk}:{minutes.revision}",
    )


@transaction.atomic
def minutes_circulate(*, minutes: Minutes, by: User, now: dt.datetime | None = None) -> Minutes:
    """Send the draft to the attending units, each of which confirms or comments (`now`: recorded for an
    earlier moment, as the demo year does)."""
    minutes = _locked_minutes(minutes)
    if minutes.status != MinutesStatus.DRAFT:
        raise ValidationError(_("只能分发草稿状态的纪要。"))
    if not minutes.text.strip():
        raise ValidationError(_("纪要正文不能为空。"))
    minutes.status = MinutesStatus.CIRCULATED
    minutes.circulated_at = now or timezone.now()
    minutes._history_user = by
    minutes.save()
    _ask_units(minutes=minutes, by=by, revised=False)
    _meeting_event(minutes.meeting, MeetingEvent.Kind.CIRCULATED, by, at=minutes.circulated_at)
    return minutes


def _open_confirmation(confirmation: MinutesConfirmation) -> tuple[Minutes, MinutesConfirmation]:
    minutes = _locked_minutes(confirmation.minutes)
    if minutes.status != MinutesStatus.CIRCULATED:
        raise ValidationError(_("纪要不在征求意见阶段。"))
    confirmation = (
        MinutesConfirmation.objects.select_for_update().select_related("unit").get(pk=confirmation.pk)
    )
    return minutes, confirmation


@transaction.atomic
def minutes_confirm(
    *, confirmation: MinutesConfirmation, by: User, now: dt.datetime | None = None
) -> MinutesConfirmation:
    """The attending unit agrees with the circulated minutes (the view lets only its own people do this)."""
    minutes, confirmation = _open_confirmation(confirmation)
    confirmation.status = ConfirmationStatus.CONFIRMED
    confirmation.override_reason = ""
    confirmation.by, confirmation.at = by, now or timezone.now()
    confirmation._history_user = by
    confirmation.save()
    _meeting_event(
        minutes.meeting, MeetingEvent.Kind.CONFIRMED, by, confirmation.unit.name, at=confirmation.at
    )
    return confirmation


@transaction.atomic
def minutes_comment(*, confirmation: MinutesConfirmation, by: User, comment: str) -> MinutesConfirmation:
    """The attending unit asks for a change; the office amends the minutes (which asks everyone again)."""
    comment = required_text(comment, _("请填写意见。"))
    minutes, confirmation = _open_confirmation(confirmation)
    confirmation.status = ConfirmationStatus.COMMENTED
    confirmation.comment = comment
    confirmation.by, confirmation.at = by, timezone.now()
    confirmation._history_user = by
    confirmation.save()
    _meeting_event(minutes.meeting, MeetingEvent.Kind.COMMENTED, by, f"{confirmation.unit.name}：{comment}")
    return confirmation


@transaction.atomic
def minutes_override(
    *, confirmation: MinutesConfirmation, by: User, reason: str, now: dt.datetime | None = None
) -> MinutesConfirmation:
    """The office goes ahead without a unit's answer, and records why."""
    reason = required_text(reason, _("办公室代为确认时必须说明理由。"))
    minutes, confirmation = _open_confirmation(confirmation)
    if confirmation.status == ConfirmationStatus.CONFIRMED:
        raise ValidationError(_("该单位已确认，无需办公室代为确认。"))
    confirmation.status = ConfirmationStatus.OVERRIDDEN
    confirmation.override_reason = reason
    confirmation.by, confirmation.at = by, now or timezone.now()
    confirmation._history_user = by
    confirmation.save()
    _meeting_event(
        minutes.meeting,
        MeetingEvent.Kind.OVERRIDDEN,
        by,
        f"{confirmation.unit.name}：{reason}",
        at=confirmation.at,
    )
    return confirmation


def unsettled_units(minutes: Minutes) -> list[MemberUnit]:
    """Attending units that have neither confirmed nor been overridden by the office with a reason."""
    settled = {
        c.unit_id
        for c in minutes.confirmations.all()
        if c.status in (ConfirmationStatus.CONFIRMED, ConfirmationStatus.OVERRIDDEN)
    }
    return [unit for unit in minutes.meeting.units.all() if unit.pk not in settled]


@transaction.atomic
def minutes_finalize(*, minutes: Minutes, by: User, now: dt.datetime | None = None) -> Minutes:
    """Lock the minutes. Refused until every attending unit confirmed, or the office overrode it with a reason."""
    minutes = _locked_minutes(minutes)
    if minutes.status != MinutesStatus.CIRCULATED:
        raise ValidationError(_("只能对已分发征求意见的纪要定稿。"))
    waiting = unsettled_units(minutes)
    if waiting:
        raise ValidationError(
            _("以下与会单位尚未确认纪要：%(units)s。请待其确认，或由办公室说明理由后代为确认。")
            % {"units": "、".join(unit.short_name for unit in waiting)}
        )
    minutes.status = MinutesStatus.FINAL
    minutes.finalized_at = now or timezone.now()
    minutes._history_user = by
    minutes.save()
    _meeting_event(minutes.meeting, MeetingEvent.Kind.FINALIZED, by, at=minutes.finalized_at)
    return minutes


def next_minutes_number(year: int) -> str:
    """柳新治欠纪〔2026〕3号: numbered per year in the order issued (the caller holds the minutes' row lock, and
    the unique constraint on the number catches two issues at the very same moment)."""
    prefix = f"柳新治欠纪〔{year}〕"
    numbers = Minutes.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    used = [int(n.removeprefix(prefix).removesuffix("号")) for n in numbers if n.endswith("号")]
    used = [n for n in used if n > 0]
    return f"{prefix}{max(used, default=0) + 1}号"


def minutes_context(minutes: Minutes) -> dict:
    """What templates/pdf/minutes.html needs; also read by the page that previews it."""
    meeting = minutes.meeting
    return {
        "minutes": minutes,
        "meeting": meeting,
        "units": list(meeting.units.all()),
        "items": list(minutes.items.select_related("unit")),
        "member_units": list(MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER)),
        "party_committee": MemberUnit.objects.filter(code=PARTY_COMMITTEE_CODE).first(),
        "issued_on": timezone.localdate(minutes.issued_at) if minutes.issued_at else None,
    }


def minutes_pdf(minutes: Minutes) -> bytes:
    return render_pdf("pdf/minutes.html", minutes_context(minutes))


@transaction.atomic
def minutes_issue(*, minutes: Minutes, by: User, now: dt.datetime | None = None) -> Minutes:
    """Issue final minutes to every member unit and file them with the Party working committee.

    The PDF printed now is kept as the minutes' attachment: what was issued stays what was issued.
    """
    minutes = _locked_minutes(minutes)
    if minutes.status != MinutesStatus.FINAL:
        raise ValidationError(_("纪要须先定稿才能印发。"))
    minutes.issued_at = now or timezone.now()
    minutes.issued_by = by
    if not minutes.number:
        minutes.number = next_minutes_number(timezone.localdate(minutes.issued_at).year)
    minutes.status = MinutesStatus.ISSUED
    minutes._history_user = by
    minutes.full_clean(validate_constraints=False)
    minutes.save()
    meeting = minutes.meeting
    content = minutes_pdf(minutes)
    attachment_add(
        owner=meeting,
        file=SimpleUploadedFile(f"{minutes.number}.pdf", content, "application/pdf"),
        by=by,
        kinds={"pdf"},
        category=MINUTES_PDF_CATEGORY,
        description=_("印发的会议纪要"),
    )
    recipients = MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER) | MemberUnit.objects.filter(
        code=PARTY_COMMITTEE_CODE
    )
    notifications.notify_units(
        units=recipients,
        kind="minutes_issued",
        template="generic",
        context={
            "title": _("会议纪要印发：%(number)s %(title)s")
            % {"number": minutes.number, "title": meeting.title},
            "body": _(
                "领导小组办公室印发%(title)s纪要（%(number)s），共 %(count)d 项议定事项，请各成员单位贯彻落实。"
            )
            % {"title": meeting.title, "number": minutes.number, "count": minutes.items.count()},
        },
        url=reverse("reporting:minutes_pdf", args=[meeting.pk]),
        key=f"minutes-issued:{minutes.pk}",
    )
    committee = MemberUnit.objects.filter(code=PARTY_COMMITTEE_CODE).first()
    _meeting_event(
        meeting,
        MeetingEvent.Kind.ISSUED,
        by,
        _("%(number)s，印发各成员单位，报%(committee)s备案")
        % {"number": minutes.number, "committee": committee.name if committee else _("党工委")},
        at=minutes.issued_at,
    )
    return minutes


def issued_pdf(meeting: Meeting) -> Attachment | None:
    from django.contrib.contenttypes.models import ContentType

    return (
        Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(Meeting),
            object_id=str(meeting.pk),
            category=MINUTES_PDF_CATEGORY,
        )
        .order_by("-created_at")
        .first()
    )
