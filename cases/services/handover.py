"""Member units hand wage-arrears matters to the office (实施方案 三(二)); the office accepts one into a case
or returns it with a reason, and the unit reads the outcome on its own page. Also: evidence that came with
a report or a hand-over follows it into the case."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages import notifications
from liudong_wages.formats import money
from liudong_wages.models import Attachment, MemberUnit, User

from ..models import Case, CaseEvent, CaseHandover
from .case import case_receive
from .claims import ClaimData
from .recipients import office_users


def attachments_copy(*, source: Model, target: Model, by: User | None) -> int:
    """Attach `source`'s files to `target` too (the same stored file, a second owner row)."""
    kind = ContentType.objects.get_for_model(source)
    target_kind = ContentType.objects.get_for_model(target)
    copies = [
        Attachment(
            content_type=target_kind,
            object_id=str(target.pk),
            file=a.file.name,
            original_name=a.original_name,
            kind=a.kind,
            size=a.size,
            category=a.category,
            description=a.description or _("随举报或移交提交的证据"),
            created_by=by,
        )
        for a in Attachment.objects.filter(content_type=kind, object_id=str(source.pk))
    ]
    Attachment.objects.bulk_create(copies)
    return len(copies)


@transaction.atomic
def handover_submit(
    *,
    by: User,
    employer_name: str,
    worker_count: int,
    amount: Decimal,
    period_start: dt.date,
    period_end: dt.date,
    summary: str,
    project_name: str = "",
    contact_name: str = "",
    contact_phone: str = "",
) -> CaseHandover:
    """A member unit hands a matter to the office; the office is told at once."""
    if by.unit_id is None:
        raise ValidationError(_("只有成员单位的联络员可以移交。"))
    if period_end < period_start:
        raise ValidationError(_("欠薪截止日期不能早于起始日期。"))
    if period_start > timezone.localdate():
        raise ValidationError(_("欠薪起始日期不能晚于今天。"))
    # Sent twice (a double click, the back button): the same matter still waiting for the office is one
    # hand-over. The unit's row serialises two posts of the same form.
    MemberUnit.objects.select_for_update().filter(pk=by.unit_id).values_list("pk", flat=True).first()
    waiting = CaseHandover.objects.filter(
        unit_id=by.unit_id,
        status=CaseHandover.Status.SUBMITTED,
        employer_name=employer_name.strip(),
        worker_count=worker_count,
        amount=amount,
        period_start=period_start,
        period_end=period_end,
    ).first()
    if waiting is not None:
        raise ValidationError(
            _("本单位已于%(day)s移交同一欠薪问题（%(employer)s），正在等待办公室处理，未重复提交。")
            % {
                "day": date_format(timezone.localtime(waiting.created_at).date()),
                "employer": waiting.employer_name,
            }
        )
    handover = CaseHandover(
        unit_id=by.unit_id,
        employer_name=employer_name.strip(),
        project_name=project_name.strip(),
        worker_count=worker_count,
        amount=amount,
        period_start=period_start,
        period_end=period_end,
        summary=summary.strip(),
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        created_by=by,
    )
    handover._history_user = by
    handover.full_clean()
    handover.save()
    notifications.notify(
        recipients=office_users(),
        kind="case_handover",
        template="generic",
        context={
            "title": _("%(unit)s 移交欠薪问题：%(employer)s")
            % {"unit": by.unit, "employer": handover.employer_name},
            "body": _("%(count)d 人，%(amount)s 元。%(summary)s")
            % {"count": worker_count, "amount": money(amount), "summary": handover.summary},
        },
        url=handover.get_absolute_url(),
        key=f"case-handover:{handover.pk}",
    )
    return handover


def _decide(handover: CaseHandover, by: User) -> CaseHandover:
    handover = CaseHandover.objects.select_for_update(of=("self",)).get(pk=handover.pk)
    if handover.status != CaseHandover.Status.SUBMITTED:
        raise ValidationError(_("该移交已处理（%(status)s）。") % {"status": handover.get_status_display()})
    handover.decided_on = timezone.localdate()
    handover.decided_by = by
    handover._history_user = by
    return handover


def _tell_unit(handover: CaseHandover, title: str) -> None:
    liaisons = handover.unit.users.filter(is_active=True)
    notifications.notify(
        recipients=liaisons,
        kind="case_handover_outcome",
        template="generic",
        context={"title": title, "body": handover.return_reason or title},
        url=handover.get_absolute_url(),
        key=f"case-handover-outcome:{handover.pk}",
    )


@transaction.atomic
def handover_accept(
    *, handover: CaseHandover, by: User, enterprise=None, handler: User | None = None
) -> Case:
    """Accept a hand-over into a new case (source: another unit), the workers' representative as its claim."""
    handover = _decide(handover, by)
    claims = []
    if handover.contact_name:
        claims.append(
            ClaimData(
                name=handover.contact_name,
                phone=handover.contact_phone,
                amount_owed=handover.amount,
                note=_("%(unit)s 移交，共 %(count)d 人")
                % {"unit": handover.unit, "count": handover.worker_count},
            )
        )
    case = case_receive(
        by=by,
        source=Case.Source.OTHER_UNIT,
        enterprise=enterprise,
        respondent_name="" if enterprise else handover.employer_name,
        summary=handover.summary,
        period_start=handover.period_start,
        period_end=handover.period_end,
        handler=handler,
        complainant_name=handover.contact_name,
        complainant_phone=handover.contact_phone,
        mass_incident_risk=handover.worker_count >= settings.LIUDONG["MANY_WORKERS"],
        claims=claims,
        note=_("%(unit)s 移交") % {"unit": handover.unit},
    )
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.LINKED,
        by=by,
        on=case.received_on,
        note=_("成员单位移交：%(unit)s") % {"unit": handover.unit},
        data={"what": "handover", "id": handover.pk},
    )
    attachments_copy(source=handover, target=case, by=by)
    handover.status = CaseHandover.Status.ACCEPTED
    handover.case = case
    handover.full_clean()
    handover.save()
    _tell_unit(handover, _("移交已受理立案：案件编号 %(number)s") % {"number": case.number})
    return case


@transaction.atomic
def handover_return(*, handover: CaseHandover, by: User, reason: str) -> CaseHandover:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("退回必须填写理由，移交单位可以看到。")})
    handover = _decide(handover, by)
    handover.status = CaseHandover.Status.RETURNED
    handover.return_reason = reason
    handover.full_clean()
    handover.save()
    _tell_unit(handover, _("移交已退回"))
    return handover


def intake_reminders_send(*, on: dt.date | None = None) -> int:
    """Tell the office once about each public report not decided by its 1-working-day limit or not answered
    by its 3-working-day limit, and each platform clue past its answer deadline (issue 18). Idempotent: the
    notification key is unique per report, limit and clue."""
    from ..models import Clue, PublicReport

    on = on or timezone.localdate()
    office = list(office_users())
    sent = 0
    late_reports = PublicReport.objects.filter(
        status=PublicReport.Status.SUBMITTED, accept_due__lt=on
    ).order_by("pk")
    for report in late_reports:
        limit = "answer" if report.answer_due < on else "accept"
        created = notifications.notify(
            recipients=office,
            kind="case_public_report_late",
            template="generic",
            context={
                "title": _("网上举报超过%(limit)s期限：%(employer)s")
                % {"limit": _("答复") if limit == "answer" else _("受理"), "employer": report.employer_name},
                "body": _("受理期限 %(accept)s，答复期限 %(answer)s，请尽快处理。")
                % {"accept": report.accept_due, "answer": report.answer_due},
            },
            url=report.get_absolute_url(),
            key=f"case-public-report-late:{report.pk}:{limit}",
        )
        sent += bool(created)
    for clue in Clue.objects.overdue(on=on).order_by("pk"):
        created = notifications.notify(
            recipients=office,
            kind="case_clue_late",
            template="generic",
            context={
                "title": _("平台线索超过反馈期限：%(number)s") % {"number": clue.platform_number},
                "body": _("反馈期限 %(due)s。%(employer)s")
                % {"due": date_format(clue.answer_due), "employer": clue.employer_name},
            },
            url=clue.get_absolute_url(),
            key=f"case-clue-late:{clue.pk}",
        )
        sent += bool(created)
    return sent
