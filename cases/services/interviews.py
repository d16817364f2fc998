"""Interviews of legal representatives (问题企业法人约谈制度, 实施方案 二(三)3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages.models import User

from ..models import Case, CaseEvent, Interview
from .case import case_note

S = Interview.Status


@transaction.atomic
def interview_schedule(
    *,
    by: User,
    enterprise,
    scheduled_at: dt.datetime,
    place: str,
    matters: str,
    materials: str,
    main_interviewer: User,
    team: Iterable[User] = (),
    case: Case | None = None,
    notice_number: str = "",
    notice_date: dt.date | None = None,
) -> Interview:
    """Notify the legal representative of an interview (the notice prints as PDF)."""
    notice_date = notice_date or timezone.localdate()
    if timezone.localtime(scheduled_at).date() < notice_date:
        raise ValidationError(_("约谈时间不能早于通知日期。"))
    if case is not None and case.enterprise_id and case.enterprise_id != enterprise.pk:
        raise ValidationError(_("约谈企业与案件的被投诉企业不一致。"))
    if not enterprise.legal_rep_name:
        raise ValidationError(_("企业未登记法定代表人，请先在企业信息中补充。"))
    if not notice_number:
        year = notice_date.year
        count = Interview.objects.filter(notice_date__year=year).count() + 1
        notice_number = _("柳东治欠约〔%(year)d〕%(n)d号") % {"year": year, "n": count}
    interview = Interview(
        enterprise=enterprise,
        case=case,
        notice_number=notice_number,
        notice_date=notice_date,
        legal_rep_name=enterprise.legal_rep_name,
        scheduled_at=scheduled_at,
        place=place,
        matters=matters,
        materials=materials,
        main_interviewer=main_interviewer,
        created_by=by,
    )
    interview._history_user = by
    interview.full_clean()
    interview.save()
    interview.team.set([main_interviewer, *team])
    if case is not None:
        case_note(
            case=case,
            by=by,
            kind=CaseEvent.Kind.INTERVIEW,
            note=_("通知法定代表人 %(name)s 于 %(at)s 接受约谈")
            % {
                "name": interview.legal_rep_name,
                "at": date_format(timezone.localtime(scheduled_at), "DATETIME_FORMAT"),
            },
            interview=interview.pk,
            on=notice_date,
        )
    return interview


@transaction.atomic
def interview_record(
    *, interview: Interview, by: User, held_at: dt.datetime, rectification_due: dt.date, **record: Any
) -> Interview:
    """Record the interview in the source's order and set the due date of the written rectification report."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.status not in (S.NOTIFIED, S.HELD):
        raise ValidationError(
            _("约谈当前状态为“%(status)s”，不能修改笔录。") % {"status": interview.get_status_display()}
        )
    if held_at > timezone.now():
        raise ValidationError(_("约谈时间不能晚于现在。"))
    if rectification_due < timezone.localtime(held_at).date():
        raise ValidationError(_("整改报告期限不能早于约谈日期。"))
    unknown = set(record) - set(Interview.RECORD_FIELDS) - {"attendees"}
    if unknown:
        raise TypeError(f"Unknown record fields: {sorted(unknown)}")
    for name, value in record.items():
        setattr(interview, name, value)
    if not (interview.record_violations.strip() and interview.record_rectification.strip()):
        raise ValidationError(_("笔录须写明指出的违法违规问题和整改意见。"))
    interview.held_at = held_at
    interview.rectification_due = rectification_due
    interview.status = S.HELD
    interview._history_user = by
    interview.full_clean()
    interview.save()
    if interview.case is not None:
        case_note(
            case=interview.case,
            by=by,
            kind=CaseEvent.Kind.INTERVIEW,
            note=_("已约谈，整改报告期限 %(due)s") % {"due": date_format(rectification_due)},
            interview=interview.pk,
            on=timezone.localdate(held_at),
        )
    return interview


@transaction.atomic
def interview_record_rectification(
    *, interview: Interview, by: User, received_on: dt.date, summary: str
) -> Interview:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.status != S.HELD:
        raise ValidationError(_("只有已约谈、待整改的约谈才能登记整改报告。"))
    if not summary.strip():
        raise ValidationError(_("请填写整改情况。"))
    if received_on > timezone.localdate():
        raise ValidationError(_("收到日期不能晚于今天。"))
    interview.report_received_on = received_on
    interview.report_summary = summary.strip()
    interview.status = S.RECTIFIED
    interview._history_user = by
    interview.full_clean()
    interview.save()
    return interview


@transaction.atomic
def interview_record_penalty(
    *, interview: Interview, by: User, decision_number: str, decided_on: dt.date, content: str
) -> Interview:
    """A refusal to carry out the interview's decision leads to an administrative penalty (二(三)3)."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.status != S.HELD:
        raise ValidationError(_("只有已约谈、未整改的约谈才能登记处罚决定。"))
    if not (decision_number.strip() and content.strip()):
        raise ValidationError(_("请填写处罚决定书文号和处罚内容。"))
    interview.penalty_decision_number = decision_number.strip()
    interview.penalty_decided_on = decided_on
    interview.penalty_content = content.strip()
    interview.status = S.PENALISED
    interview._history_user = by
    interview.full_clean()
    interview.save()
    return interview
