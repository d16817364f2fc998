"""The steps of a case, one service each. Each checks that the step is allowed from the case's status,
writes the step's event in the same transaction and refreshes the deadline derived from the events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages.formats import money
from liudong_wages.locks import lock_row
from liudong_wages.models import User
from liudong_wages.numbering import next_number

from .. import deadlines
from ..models import Case, CaseEvent, Instalment, RepaymentAgreement
from .claims import ClaimData, add_claims, refresh_totals
from .common import check_date, record_event, require_status, save_case

S = Case.Status
Kind = CaseEvent.Kind

# Statuses from which each step may be taken (a missing status means the step is forbidden there).
WORKING = (S.FILED, S.INVESTIGATING, S.ORDER_ISSUED, S.AGREEMENT)


@transaction.atomic
def case_receive(
    *,
    by: User | None,
    source: str,
    summary: str,
    period_start: dt.date,
    period_end: dt.date,
    received_on: dt.date | None = None,
    enterprise=None,
    respondent_name: str = "",
    project=None,
    inspection=None,
    industry: str = "",
    handler: User | None = None,
    complainant_name: str = "",
    complainant_phone: str = "",
    mass_incident_risk: bool = False,
    is_major: bool = False,
    claims: Iterable[ClaimData] = (),
    note: str = "",
) -> Case:
    """Register a report of unpaid wages. The filing decision is due 5 working days later (art. 18)."""
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError(_("受理登记日期不能晚于今天。"))
    if enterprise is None and not respondent_name.strip():
        raise ValidationError(_("请选择被投诉企业，或填写被投诉单位名称。"))
    if period_end < period_start:
        raise ValidationError(_("欠薪截止日期不能早于起始日期。"))
    if period_start > received_on:
        raise ValidationError(_("欠薪起始日期不能晚于受理日期。"))
    if not industry and enterprise is not None:
        industry = enterprise.industry
    case = Case(
        source=source,
        summary=summary,
        period_start=period_start,
        period_end=period_end,
        received_on=received_on,
        enterprise=enterprise,
        respondent_name=respondent_name.strip(),
        project=project,
        inspection=inspection,
        industry=industry,
        handler=handler,
        complainant_name=complainant_name,
        complainant_phone=complainant_phone,
        mass_incident_risk=mass_incident_risk,
        is_major=is_major,
        created_by=by,
    )
    case._history_user = by
    for _attempt in range(5):
        case.number = next_number(Case, prefix=f"LD{received_on.year}-")
        case.full_clean(validate_unique=False)
        try:
            # A savepoint: two cases received at the same moment may pick the same number; retry with the next.
            with transaction.atomic():
                case.save()
            break
        except IntegrityError:
            case.pk = None
            continue
    else:
        raise ValidationError(_("案件编号分配冲突，请重试。"))
    record_event(case, Kind.RECEIVED, by=by, on=received_on, note=note, source=source)
    claims = list(claims)
    if claims:
        add_claims(case, claims, by=by)
        refresh_totals(case, by)
    save_case(case, by)
    return case


@transaction.atomic
def case_file(*, case: Case, by: User, on: dt.date | None = None, note: str = "") -> Case:
    """Decide to file the case (立案): the 60 working days of the investigation start."""
    on = on or timezone.localdate()
    lock_row(case)
    require_status(case, [S.RECEIVED], _("案件当前状态为“%(status)s”，只有待立案的案件才能立案。"))
    check_date(case, on, _("立案"))
    record_event(case, Kind.FILED, by=by, on=on, note=note)
    case.status = S.FILED
    save_case(case, by, "status")
    return case


@transaction.atomic
def case_decline(*, case: Case, by: User, reason: str, on: dt.date | None = None) -> Case:
    """Decide not to file (不予立案), with the reason the complainant is told."""
    on = on or timezone.localdate()
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("请填写不予立案的理由。"))
    lock_row(case)
    require_status(case, [S.RECEIVED], _("案件当前状态为“%(status)s”，只有待立案的案件才能决定不予立案。"))
    check_date(case, on, _("决定"))
    record_event(case, Kind.NOT_FILED, by=by, on=on, note=reason)
    case.status = S.NOT_FILED
    case.not_filed_reason = reason
    case.closed_on = on
    save_case(case, by, "status", "not_filed_reason", "closed_on")
    return case


@transaction.atomic
def case_start_investigation(*, case: Case, by: User, on: dt.date | None = None, note: str = "") -> Case:
    on = on or timezone.localdate()
    lock_row(case)
    require_status(case, [S.FILED], _("案件当前状态为“%(status)s”，只有已立案的案件才能开始调查。"))
    check_date(case, on, _("调查"))
    record_event(case, Kind.INVESTIGATION_STARTED, by=by, on=on, note=note)
    case.status = S.INVESTIGATING
    save_case(case, by, "status")
    return case


@transaction.atomic
def case_extend(
    *,
    case: Case,
    by: User,
    approved_by: str,
    approval_reference: str,
    reason: str,
    on: dt.date | None = None,
) -> Case:
    """Extend the investigation once by 30 working days, with the department head's approval (art. 17)."""
    on = on or timezone.localdate()
    if not (approved_by.strip() and reason.strip()):
        raise ValidationError(_("延长办案期限须填写批准人和延期理由。"))
    lock_row(case)
    require_status(case, WORKING, _("案件当前状态为“%(status)s”，不能延长办案期限。"))
    events = list(case.events.all())
    if any(e.kind == Kind.EXTENDED for e in events):
        raise ValidationError(_("办案期限只能延长一次（劳动保障监察条例第十七条），本案已延长过。"))
    check_date(case, on, _("批准"))
    current = deadlines.current(events)
    if current is not None and on > current.due:
        raise ValidationError(
            _("调查期限已于 %(due)s 届满，不能在届满后批准延期。") % {"due": date_format(current.due)}
        )
    record_event(
        case,
        Kind.EXTENDED,
        by=by,
        on=on,
        note=reason.strip(),
        approved_by=approved_by.strip(),
        approval_reference=approval_reference.strip(),
    )
    save_case(case, by)
    return case


@transaction.atomic
def case_issue_order(
    *, case: Case, by: User, order_number: str, pay_by: dt.date, on: dt.date | None = None, note: str = ""
) -> Case:
    """Order the enterprise to pay (责令支付) by a date."""
    on = on or timezone.localdate()
    if not order_number.strip():
        raise ValidationError(_("请填写责令支付文书号。"))
    if pay_by < on:
        raise ValidationError(_("责令支付期限不能早于下达日期。"))
    lock_row(case)
    require_status(
        case, [S.INVESTIGATING], _("案件当前状态为“%(status)s”，只有调查中的案件才能下达责令支付文书。")
    )
    check_date(case, on, _("下达"))
    record_event(
        case, Kind.ORDER_ISSUED, by=by, on=on, note=note, order_number=order_number, pay_by=pay_by.isoformat()
    )
    case.status = S.ORDER_ISSUED
    case.order_number = order_number.strip()
    case.order_pay_by = pay_by
    save_case(case, by, "status", "order_number", "order_pay_by")
    return case


@transaction.atomic
def case_record_agreement(
    *,
    case: Case,
    by: User,
    signed_on: dt.date,
    instalments: Iterable[tuple[dt.date, Decimal]],
    note: str = "",
) -> RepaymentAgreement:
    """Record a repayment agreement (还款协议) with its instalments (due date, amount)."""
    instalments = sorted(instalments)
    if not instalments:
        raise ValidationError(_("还款协议至少要有一期还款。"))
    if any(amount <= 0 for _due, amount in instalments):
        raise ValidationError(_("每期还款金额必须大于零。"))
    if any(due < signed_on for due, _amount in instalments):
        raise ValidationError(_("还款日期不能早于协议签订日期。"))
    lock_row(case)
    require_status(
        case,
        [S.INVESTIGATING, S.ORDER_ISSUED, S.AGREEMENT],
        _("案件当前状态为“%(status)s”，不能登记还款协议。"),
    )
    check_date(case, signed_on, _("签订"))
    total = sum((amount for _due, amount in instalments), Decimal(0))
    if case.worker_count and total < case.total_outstanding:
        note = (note + "\n" if note else "") + _("注意：协议金额 %(total)s 元少于未付欠薪 %(owed)s 元。") % {
            "total": money(total),
            "owed": money(case.total_outstanding),
        }
    agreement = RepaymentAgreement(case=case, signed_on=signed_on, note=note, created_by=by)
    agreement.full_clean()
    agreement.save()
    for due, amount in instalments:
        item = Instalment(agreement=agreement, due_on=due, amount=amount)
        item.full_clean()
        item.save()
    record_event(
        case,
        Kind.AGREEMENT,
        by=by,
        on=signed_on,
        note=note,
        agreement=agreement.pk,
        instalments=[[due.isoformat(), str(amount)] for due, amount in instalments],
    )
    case.status = S.AGREEMENT
    save_case(case, by, "status")
    return agreement


@transaction.atomic
def case_close(*, case: Case, by: User, closure: str, on: dt.date | None = None, note: str = "") -> Case:
    """Close the case (结案): paid, referred to arbitration or court, referred to police, or not established."""
    on = on or timezone.localdate()
    lock_row(case)
    if case.status == S.RECEIVED:
        raise ValidationError(_("案件尚未立案，不能结案：请先作出立案或不予立案的决定。"))
    require_status(case, WORKING, _("案件当前状态为“%(status)s”，不能结案。"))
    check_date(case, on, _("结案"))
    if closure not in Case.Closure.values:
        raise ValidationError(_("请选择结案方式。"))
    if closure == Case.Closure.PAID and (case.worker_count == 0 or case.total_outstanding > 0):
        raise ValidationError(
            _("仍有 %(amount)s 元欠薪未登记支付，不能以“已足额支付”结案。")
            % {"amount": money(case.total_outstanding)}
        )
    if closure == Case.Closure.POLICE and not hasattr(case, "police_referral"):
        raise ValidationError(_("本案尚未移送公安，不能以“移送公安机关”结案。"))
    record_event(case, Kind.CLOSED, by=by, on=on, note=note, closure=closure)
    case.status = S.CLOSED
    case.closure = closure
    case.closed_on = on
    save_case(case, by, "status", "closure", "closed_on")
    return case


@transaction.atomic
def case_void(*, case: Case, by: User, reason: str) -> Case:
    """Void a case entered by mistake. It is never deleted: it stays, marked void, with its log."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("作废案件必须填写理由。"))
    lock_row(case)
    require_status(case, [s for s in S.values if s != S.VOIDED], _("案件已作废。"))
    record_event(case, Kind.VOIDED, by=by, on=timezone.localdate(), note=reason, previous_status=case.status)
    case.status = S.VOIDED
    case.void_reason = reason
    save_case(case, by, "status", "void_reason")
    return case


@transaction.atomic
def case_refer_legal_aid(
    *, case: Case, by: User, organisation: str, on: dt.date | None = None, note: str = ""
) -> Case:
    """Record a referral of the workers to legal aid (法律援助): possible at any step of a live case."""
    on = on or timezone.localdate()
    if not organisation.strip():
        raise ValidationError(_("请填写法律援助机构。"))
    lock_row(case)
    require_status(case, [s for s in S.values if s != S.VOIDED], _("案件已作废，不能转法律援助。"))
    check_date(case, on, _("转介"))
    record_event(case, Kind.LEGAL_AID, by=by, on=on, note=note, organisation=organisation.strip())
    case.legal_aid_referred_on = on
    save_case(case, by, "legal_aid_referred_on")
    return case


@transaction.atomic
def case_assign(*, case: Case, by: User, handler: User | None) -> Case:
    lock_row(case)
    if not case.is_open:
        raise ValidationError(_("案件已办结或作废，不能更换承办人。"))
    case.handler = handler
    record_event(
        case,
        Kind.HANDLER_ASSIGNED,
        by=by,
        on=timezone.localdate(),
        note=handler.display_name if handler else "",
    )
    save_case(case, by, "handler")
    return case


@transaction.atomic
def case_set_flags(*, case: Case, by: User, mass_incident_risk: bool, is_major: bool, note: str = "") -> Case:
    lock_row(case)
    if case.status == S.VOIDED:
        raise ValidationError(_("案件已作废。"))
    case.mass_incident_risk = mass_incident_risk
    case.is_major = is_major
    record_event(
        case,
        Kind.FLAGS_CHANGED,
        by=by,
        on=timezone.localdate(),
        note=note,
        mass_incident_risk=mass_incident_risk,
        is_major=is_major,
    )
    save_case(case, by, "mass_incident_risk", "is_major")
    return case


def case_note(
    *, case: Case, by: User, note: str, kind: str = Kind.NOTE, on: dt.date | None = None, **data: Any
) -> CaseEvent:
    """A line in the timeline from another part of the app (an interview, a linked petition), on the day it
    happened (today unless said)."""
    return record_event(case, kind, by=by, on=on or timezone.localdate(), note=note, **data)
