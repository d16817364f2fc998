"""Referral to police of suspected refusal to pay wages (涉嫌拒不支付劳动报酬罪, 刑法 art. 276-1)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liudong_wages import notifications
from liudong_wages.locks import lock_row
from liudong_wages.models import User

from ..models import Case, CaseEvent, PoliceReferral
from .common import check_date, record_event, require_status, save_case
from .recipients import office_users, police_users

Kind = CaseEvent.Kind
S = Case.Status


@transaction.atomic
def case_refer_police(*, case: Case, by: User, evidence: str, on: dt.date | None = None) -> PoliceReferral:
    """Refer the case to police with its evidence; the police liaison is told at once and then sees the case."""
    on = on or timezone.localdate()
    evidence = evidence.strip()
    if not evidence:
        raise ValidationError(_("移送公安须列明证据材料。"))
    lock_row(case)
    require_status(
        case,
        [S.FILED, S.INVESTIGATING, S.ORDER_ISSUED, S.AGREEMENT],
        _("案件当前状态为“%(status)s”，不能移送公安。"),
    )
    if PoliceReferral.objects.filter(case=case).exists():
        raise ValidationError(_("本案已移送公安。"))
    check_date(case, on, _("移送"))
    referral = PoliceReferral(case=case, referred_on=on, evidence=evidence, created_by=by)
    referral._history_user = by
    referral.full_clean()
    referral.save()
    record_event(
        case,
        Kind.POLICE_REFERRED,
        by=by,
        on=on,
        note=evidence,
        threshold_reached=case.police_threshold_reached,
        outstanding=str(case.total_outstanding),
        workers=case.worker_count,
    )
    save_case(case, by)
    notifications.notify(
        recipients=police_users(),
        kind="case_police_referral",
        template="case_police_referral",
        context={"case": case, "referral": referral},
        url=case.get_absolute_url(),
        key=f"case-police-referral:{case.pk}",
    )
    return referral


@transaction.atomic
def police_referral_decide(
    *,
    referral: PoliceReferral,
    by: User,
    accepted: bool,
    on: dt.date | None = None,
    police_case_number: str = "",
    note: str = "",
) -> PoliceReferral:
    """The police record whether they accepted the referral (立案受理), with their case number."""
    on = on or timezone.localdate()
    referral = PoliceReferral.objects.select_for_update().select_related("case").get(pk=referral.pk)
    if referral.status != PoliceReferral.Status.REFERRED:
        raise ValidationError(_("公安受理情况已登记。"))
    if accepted and not police_case_number.strip():
        raise ValidationError(_("受理的，请填写公安案件编号。"))
    if not accepted and not note.strip():
        raise ValidationError(_("不予受理的，请填写理由。"))
    if on < referral.referred_on or on > timezone.localdate():
        raise ValidationError(_("受理决定日期应在移送日期和今天之间。"))
    referral.status = PoliceReferral.Status.ACCEPTED if accepted else PoliceReferral.Status.DECLINED
    referral.decided_on = on
    referral.police_case_number = police_case_number.strip()
    referral.decision_note = note.strip()
    referral._history_user = by
    referral.full_clean()
    referral.save()
    record_event(
        referral.case,
        Kind.POLICE_ACCEPTED if accepted else Kind.POLICE_DECLINED,
        by=by,
        on=on,
        note=note.strip(),
        police_case_number=referral.police_case_number,
    )
    _notify_handler(referral, by)
    return referral


@transaction.atomic
def police_referral_feedback(
    *, referral: PoliceReferral, by: User, feedback: str, on: dt.date | None = None
) -> PoliceReferral:
    """The police report back after handling (处置反馈); each report is kept in the case's log."""
    on = on or timezone.localdate()
    feedback = feedback.strip()
    if not feedback:
        raise ValidationError(_("请填写反馈内容。"))
    referral = PoliceReferral.objects.select_for_update().select_related("case").get(pk=referral.pk)
    if on < referral.referred_on or on > timezone.localdate():
        raise ValidationError(_("反馈日期应在移送日期和今天之间。"))
    referral.feedback = feedback if not referral.feedback else f"{referral.feedback}\n\n{on}：{feedback}"
    referral.feedback_on = on
    referral._history_user = by
    referral.full_clean()
    referral.save()
    record_event(referral.case, Kind.POLICE_FEEDBACK, by=by, on=on, note=feedback)
    _notify_handler(referral, by)
    return referral


def _notify_handler(referral: PoliceReferral, by: User) -> None:
    case = referral.case
    recipients = [case.handler] if case.handler is not None else []
    if not recipients:
        recipients = list(office_users())
    notifications.notify(
        recipients=recipients,
        kind="case_police_update",
        template="generic",
        context={
            "title": _("公安反馈：%(number)s") % {"number": case.number},
            "body": _("%(case)s 的移送公安情况已更新：%(status)s。")
            % {"case": case, "status": referral.get_status_display()},
        },
        url=case.get_absolute_url(),
    )
