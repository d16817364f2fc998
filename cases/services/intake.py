"""What reaches the office from outside a case: petitions (综治办), police early warnings (公安分局) and
public reports (/report/). Each is told to the office at once and ends up linked to a new or existing case."""

from __future__ import annotations

import datetime as dt
import zlib
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from enterprises.identity import id_number_warnings
from liudong_wages import notifications, workdays
from liudong_wages.models import User

from ..models import Case, CaseEvent, Petition, PoliceWarning, PublicReport
from .case import case_receive
from .claims import ClaimData, worker_claims_add
from .common import record_event
from .handover import attachments_copy
from .recipients import office_users

Kind = CaseEvent.Kind


def _tell_office(*, kind: str, obj, title: str, body: str, key: str) -> None:
    notifications.notify(
        recipients=office_users(),
        kind=kind,
        template="case_intake",
        context={"title": title, "body": body, "object": obj},
        url=obj.get_absolute_url(),
        key=key,
    )


@transaction.atomic
def petition_create(*, by: User, **fields: Any) -> Petition:
    """The stability office passes on a wage-arrears petition; the office is told at once."""
    petition = Petition(created_by=by, **fields)
    if petition.received_on and petition.received_on > timezone.localdate():
        raise ValidationError(_("上访日期不能晚于今天。"))
    petition._history_user = by
    petition.full_clean()
    petition.save()
    _tell_office(
        kind="case_petition",
        obj=petition,
        title=_("综治办转来欠薪上访：%(employer)s") % {"employer": petition.employer_name},
        body=_("%(date)s，%(people)d 人反映 %(employer)s 拖欠工资。%(summary)s")
        % {
            "date": date_format(petition.received_on),
            "people": petition.people_count,
            "employer": petition.employer_name,
            "summary": petition.summary,
        },
        key=f"case-petition:{petition.pk}",
    )
    return petition


@transaction.atomic
def police_warning_create(*, by: User, **fields: Any) -> PoliceWarning:
    """The police liaison's early warning of a major wage dispute; the office is told at once."""
    warning = PoliceWarning(created_by=by, **fields)
    if warning.reported_on and warning.reported_on > timezone.localdate():
        raise ValidationError(_("预警日期不能晚于今天。"))
    warning._history_user = by
    warning.full_clean()
    warning.save()
    _tell_office(
        kind="case_police_warning",
        obj=warning,
        title=_("公安预警（%(level)s）：%(employer)s")
        % {"level": warning.get_level_display(), "employer": warning.employer_name},
        body=warning.summary,
        key=f"case-police-warning:{warning.pk}",
    )
    return warning


def _link(obj, case: Case, by: User, what: str) -> None:
    if obj.case_id is not None:
        raise ValidationError(
            _("该%(what)s已关联案件 %(number)s。") % {"what": what, "number": obj.case.number}
        )
    if case.status == Case.Status.VOIDED:
        raise ValidationError(_("不能关联到已作废的案件。"))
    obj.case = case
    obj._history_user = by
    obj.save(update_fields=["case", "updated_at"] if hasattr(obj, "updated_at") else ["case"])
    record_event(
        case, Kind.LINKED, by=by, on=timezone.localdate(), note=f"{what}：{obj}", what=what, id=obj.pk
    )


@transaction.atomic
def petition_link(*, petition: Petition, by: User, case: Case | None = None, **new_case: Any) -> Case:
    """Link a petition to an existing case, or open a new one (source: petition) from it."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if case is None:
        case = case_receive(
            by=by,
            source=Case.Source.PETITION,
            received_on=new_case.pop("received_on", petition.received_on),
            respondent_name=new_case.pop("respondent_name", petition.employer_name),
            summary=new_case.pop("summary", petition.summary),
            complainant_name=petition.petitioner_name,
            complainant_phone=petition.petitioner_phone,
            mass_incident_risk=petition.people_count >= settings.LIUDONG["MANY_WORKERS"],
            **new_case,
        )
    _link(petition, case, by, _("上访"))
    return case


@transaction.atomic
def police_warning_link(
    *, warning: PoliceWarning, by: User, case: Case | None = None, **new_case: Any
) -> Case:
    warning = PoliceWarning.objects.select_for_update().get(pk=warning.pk)
    if case is None:
        case = case_receive(
            by=by,
            source=Case.Source.POLICE_WARNING,
            received_on=new_case.pop("received_on", warning.reported_on),
            respondent_name=new_case.pop("respondent_name", warning.employer_name),
            summary=new_case.pop("summary", warning.summary),
            mass_incident_risk=True,
            is_major=warning.level == PoliceWarning.Level.MAJOR,
            **new_case,
        )
    _link(warning, case, by, _("公安预警"))
    return case


@transaction.atomic
def police_warning_feedback(*, warning: PoliceWarning, by: User, feedback: str) -> PoliceWarning:
    if not feedback.strip():
        raise ValidationError(_("请填写反馈内容。"))
    warning = PoliceWarning.objects.select_for_update().get(pk=warning.pk)
    warning.feedback = (
        feedback.strip() if not warning.feedback else f"{warning.feedback}\n\n{feedback.strip()}"
    )
    warning._history_user = by
    warning.save(update_fields=["feedback", "updated_at"])
    return warning


# Public reports --------------------------------------------------------------------------------------------


def public_report_rate_limited(ip_address: str | None, *, now: dt.datetime | None = None) -> bool:
    """Whether this address has sent as many reports as allowed in the last hour (counted in the database,
    so every web process sees the same count)."""
    if not ip_address:
        return False
    now = now or timezone.now()
    recent = PublicReport.objects.filter(ip_address=ip_address, submitted_at__gte=now - dt.timedelta(hours=1))
    return recent.count() >= settings.LIUDONG["PUBLIC_REPORT_MAX_PER_HOUR"]


def public_report_needs_captcha(ip_address: str | None, *, now: dt.datetime | None = None) -> bool:
    """Whether this address already sent a report within the hour: its next one asks for the captcha."""
    if not ip_address:
        return False
    now = now or timezone.now()
    recent = PublicReport.objects.filter(ip_address=ip_address, submitted_at__gte=now - dt.timedelta(hours=1))
    return recent.exists()


def _lock_address(ip_address: str | None) -> None:
    """Hold, until the transaction ends, a lock of this address: the count of its reports and the insert of the
    next one happen as one step (issue 16: 12 parallel posts saved 8 with a limit of 5). PostgreSQL takes an
    advisory lock per address; SQLite's immediate transactions (settings) already let one writer in at a time.
    """
    if not ip_address or connection.vendor != "postgresql":
        return
    key = zlib.crc32(f"public-report:{ip_address}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


@transaction.atomic
def public_report_submit(
    *,
    reporter_name: str,
    reporter_id_number: str,
    reporter_phone: str,
    employer_name: str,
    amount_owed: Decimal,
    period_start: dt.date,
    period_end: dt.date,
    worker_count: int,
    project_name: str = "",
    description: str = "",
    ip_address: str | None = None,
) -> PublicReport:
    """Save a report from the public form; the office must accept or reject it within the settings' days."""
    _lock_address(ip_address)
    if public_report_rate_limited(ip_address):
        raise ValidationError(_("提交过于频繁，请一小时后再试，或拨打 12333 劳动保障咨询电话。"))
    today = timezone.localdate()
    limits = settings.LIUDONG
    report = PublicReport(
        reporter_name=reporter_name.strip(),
        reporter_id_number=reporter_id_number.strip().upper(),
        reporter_phone=reporter_phone.strip(),
        employer_name=employer_name.strip(),
        project_name=project_name.strip(),
        amount_owed=amount_owed,
        period_start=period_start,
        period_end=period_end,
        worker_count=worker_count,
        description=description.strip(),
        ip_address=ip_address,
        accept_due=workdays.add_working_days(today, limits["PUBLIC_REPORT_ACCEPT_WORKING_DAYS"]),
        answer_due=workdays.add_working_days(today, limits["PUBLIC_REPORT_ANSWER_WORKING_DAYS"]),
    )
    report.full_clean()
    report.save()
    _tell_office(
        kind="case_public_report",
        obj=report,
        title=_("网上举报：%(employer)s 拖欠 %(count)d 人工资")
        % {"employer": report.employer_name, "count": report.worker_count},
        # A warning about the reporter's ID number (an area code the table does not know, or one that did
        # not exist in the birth year) was not put to the worker: the office reads it here and on the report.
        body=" ".join(
            [
                _("请于 %(due)s 前受理或不予受理。") % {"due": date_format(report.accept_due)},
                *id_number_warnings(report.reporter_id_number),
            ]
        ),
        key=f"case-public-report:{report.pk}",
    )
    return report


def _decide(report: PublicReport, by: User) -> PublicReport:
    report = PublicReport.objects.select_for_update().get(pk=report.pk)
    if report.status != PublicReport.Status.SUBMITTED:
        raise ValidationError(_("该举报已处理（%(status)s）。") % {"status": report.get_status_display()})
    report.decided_at = timezone.now()
    report.decided_by = by
    report._history_user = by
    return report


@transaction.atomic
def public_report_accept(
    *, report: PublicReport, by: User, reply: str = "", case: Case | None = None, **new_case: Any
) -> PublicReport:
    """Accept a public report: join it to an existing case, or open a case (source: public report) from it."""
    report = _decide(report, by)
    # Issue 18: the reporter is the case's first worker claim, with the amount, period and headcount reported.
    claim = ClaimData(
        name=report.reporter_name,
        id_number=report.reporter_id_number,
        phone=report.reporter_phone,
        amount_owed=report.amount_owed,
        note=_("网上举报 %(code)s，反映 %(count)d 人被欠薪")
        % {"code": report.tracking_code, "count": report.worker_count},
    )
    if case is None:
        if not new_case.get("enterprise"):
            new_case.setdefault("respondent_name", report.employer_name)
        case = case_receive(
            by=by,
            source=Case.Source.PUBLIC_REPORT,
            summary=new_case.pop("summary", report.description or report.employer_name),
            period_start=new_case.pop("period_start", report.period_start),
            period_end=new_case.pop("period_end", report.period_end),
            complainant_name=report.reporter_name,
            complainant_phone=report.reporter_phone,
            mass_incident_risk=report.worker_count >= settings.LIUDONG["MANY_WORKERS"],
            claims=[claim],
            **new_case,
        )
    elif case.status == Case.Status.VOIDED:
        raise ValidationError(_("不能关联到已作废的案件。"))
    elif not case.claims.filter(id_number=report.reporter_id_number).exists():
        worker_claims_add(case=case, by=by, claims=[claim])
    attachments_copy(source=report, target=case, by=by)
    report.status = PublicReport.Status.ACCEPTED
    report.case = case
    report.reply = reply.strip() or _("您的举报已受理，案件编号 %(number)s。我们将依法调查处理。") % {
        "number": case.number
    }
    report.full_clean()
    report.save()
    record_event(
        case,
        Kind.LINKED,
        by=by,
        on=timezone.localdate(),
        note=_("网上举报 %(code)s") % {"code": report.tracking_code},
        what="public_report",
        id=report.pk,
    )
    return report


@transaction.atomic
def public_report_reject(*, report: PublicReport, by: User, reason: str) -> PublicReport:
    """Reject a public report with the reason the reporter will read with their code."""
    if not reason.strip():
        raise ValidationError(_("不予受理必须填写理由，举报人凭查询码可以看到。"))
    report = _decide(report, by)
    report.status = PublicReport.Status.REJECTED
    report.reply = reason.strip()
    report.full_clean()
    report.save()
    return report
