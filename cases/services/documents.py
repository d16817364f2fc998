# Over 400 lines: one workflow (draft, issue, correct, serve) and the periods it starts, sharing its lock.
"""Case documents (文书): draft, issue, correct, serve; the periods a served document starts.

Each step locks the document's case, checks the document's status, writes the document and the case's event in
one transaction. Periods are rows (`DocumentPeriod`) computed once from the service date, so the case page,
the start page and the missed-period job read the same dates.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages import notifications, workdays
from liudong_wages.formats import money
from liudong_wages.locks import lock_row
from liudong_wages.models import User
from liudong_wages.pdf import render_pdf

from ..models import Case, CaseDocument, CaseEvent, DocumentPeriod, DocumentSequence

DocKind = CaseDocument.Kind
DocStatus = CaseDocument.Status
PeriodKind = DocumentPeriod.Kind

OFFICE_NAME = "柳东新区人力资源和社会保障局"

# The legal basis printed on each kind unless the inspector changes it in the draft.
LEGAL_BASIS: dict[str, str] = {
    DocKind.FILING_APPROVAL: "《劳动保障监察条例》第十七条，《关于实施〈劳动保障监察条例〉若干规定》第十八条",
    DocKind.INQUIRY_NOTICE: "《劳动保障监察条例》第十五条",
    DocKind.INQUIRY_RECORD: "《劳动保障监察条例》第十五条",
    DocKind.RECTIFICATION_ORDER: "《中华人民共和国劳动合同法》第八十五条，《劳动保障监察条例》第二十六条",
    DocKind.HANDLING_DECISION: "《劳动保障监察条例》第十八条、第二十六条",
    DocKind.PENALTY_NOTICE: "《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条",
    DocKind.PENALTY_DECISION: "《中华人民共和国行政处罚法》第五十九条，《劳动保障监察条例》第二十六条",
    DocKind.SERVICE_RECEIPT: "《中华人民共和国行政处罚法》第六十一条，《中华人民共和国民事诉讼法》有关送达的规定",
    DocKind.CLOSING_APPROVAL: "《劳动保障监察条例》第十七条",
    DocKind.LISTING_DECISION: "《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》（人力资源社会保障部令第45号）",
    DocKind.DELISTING_DECISION: "《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》（人力资源社会保障部令第45号）",
}

EDITABLE_FIELDS = (
    "addressee",
    "facts",
    "legal_basis",
    "requirement",
    "period_days",
    "penalty_amount",
    "appointment",
)


def _lock_case(case: Case | None) -> None:
    if case is not None:
        lock_row(case)


def _lock(document: CaseDocument) -> CaseDocument:
    _lock_case(document.case)
    return (
        CaseDocument.objects.select_for_update(of=("self",))
        .select_related("case", "enterprise")
        .get(pk=document.pk)
    )


def _event(case: Case | None, kind: str, *, by: User | None, on: dt.date, note: str, **data: Any) -> None:
    if case is None:
        return
    event = CaseEvent(case=case, kind=kind, by=by, on=on, note=note, data=data)
    event.full_clean()
    event.save()


def _default_requirement(kind: str, case: Case | None, period_days: int | None) -> str:
    if case is None:
        return ""
    amount = case.total_outstanding
    if kind == DocKind.RECTIFICATION_ORDER:
        return _(
            "责令你单位自收到本指令书之日起 %(days)d 日内，向下列劳动者足额支付拖欠的工资共计 %(amount)s 元，"
            "并将整改情况书面报告本局。逾期不改正的，本局将依法作出行政处理或行政处罚决定。"
        ) % {"days": period_days or settings.LIUDONG["RECTIFICATION_DEFAULT_DAYS"], "amount": money(amount)}
    if kind == DocKind.HANDLING_DECISION:
        return _("责令你单位向下列劳动者支付拖欠的工资共计 %(amount)s 元。") % {"amount": money(amount)}
    if kind == DocKind.PENALTY_NOTICE:
        return _("本局拟对你单位作出行政处罚。")
    if kind == DocKind.PENALTY_DECISION:
        return _("本局决定对你单位作出行政处罚。")
    return ""


@transaction.atomic
def document_create(
    *, by: User, kind: str, case: Case | None = None, enterprise=None, **fields: Any
) -> CaseDocument:
    """A draft of a document of `kind`, filled in from the case: the inspector edits it before issuing."""
    if kind not in DocKind.values:
        raise ValidationError(_("请选择文书种类。"))
    if kind == DocKind.SERVICE_RECEIPT:
        raise ValidationError(_("送达回证在登记送达时自动生成。"))
    if case is None and enterprise is None:
        raise ValidationError(_("文书必须属于一个案件或一家企业。"))
    if case is not None:
        _lock_case(case)
        case.refresh_from_db()
        if case.status == Case.Status.VOIDED:
            raise ValidationError(_("案件已作废，不能制作文书。"))
        enterprise = enterprise or case.enterprise
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("未知字段：%(names)s") % {"names": "、".join(sorted(unknown))})
    period_days = fields.get("period_days")
    if kind == DocKind.RECTIFICATION_ORDER and not period_days:
        period_days = settings.LIUDONG["RECTIFICATION_DEFAULT_DAYS"]
    document = CaseDocument(
        case=case,
        enterprise=enterprise,
        kind=kind,
        addressee=(fields.get("addressee") or "").strip()
        or (enterprise.name if enterprise else (case.respondent if case else "")),
        facts=(fields.get("facts") or "").strip() or (case.summary if case else ""),
        legal_basis=(fields.get("legal_basis") or "").strip() or LEGAL_BASIS[kind],
        requirement=(fields.get("requirement") or "").strip()
        or _default_requirement(kind, case, period_days),
        period_days=period_days if kind == DocKind.RECTIFICATION_ORDER else None,
        penalty_amount=fields.get("penalty_amount"),
        appointment=(fields.get("appointment") or "").strip(),
        created_by=by,
    )
    _refuse_same_draft(document)
    document._history_user = by
    document.full_clean()
    document.save()
    return document


def _refuse_same_draft(document: CaseDocument) -> None:
    """Sent twice (a double click, the back button and send again): a draft of the same kind with the same
    text, still waiting on the same case, is the draft already made. The case's lock, taken before this,
    makes a second post wait for the first and then find its draft. The error names the draft (code
    "duplicate", its id in params["document"]) so that the page can open it; a second draft of the same kind
    is made once the first is issued or its text differs."""
    same = (
        CaseDocument.objects.filter(
            case=document.case,
            enterprise=document.enterprise,
            listing__isnull=True,
            previous__isnull=True,
            kind=document.kind,
            status=DocStatus.DRAFT,
            **{name: getattr(document, name) for name in EDITABLE_FIELDS},
        )
        .order_by("pk")
        .first()
    )
    if same is not None:
        raise ValidationError(
            _(
                "已有一份内容相同的%(kind)s草稿（%(time)s 生成），未重复生成。"
                "如需另一份，请先修改该草稿，或填写不同的受送达人。"
            ),
            code="duplicate",
            params={
                "kind": same.get_kind_display(),
                "time": f"{timezone.localtime(same.created_at):%Y-%m-%d %H:%M}",
                "document": same.pk,
            },
        )


@transaction.atomic
def document_update(*, document: CaseDocument, by: User, **fields: Any) -> CaseDocument:
    """Change a draft. An issued document is frozen: a correction is a new version (document_correct)."""
    document = _lock(document)
    if not document.is_draft:
        raise ValidationError(_("文书已签发，不能修改；如需更正，请制作更正版本。"))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("未知字段：%(names)s") % {"names": "、".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(document, name, value.strip() if isinstance(value, str) else value)
    if document.kind == DocKind.RECTIFICATION_ORDER and not document.period_days:
        raise ValidationError({"period_days": _("请填写整改期限（日）。")})
    document._history_user = by
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_delete(*, document: CaseDocument, by: User) -> None:
    document = _lock(document)
    if not document.is_draft:
        raise ValidationError(_("已签发的文书不能删除。"))
    document._history_user = by
    document.delete()


def _take_sequence(kind: str, year: int) -> int:
    """The next number of `kind` in `year`. The sequence row is created if missing (a concurrent creator's
    row wins quietly) and locked until the transaction ends, so no two documents get the same number."""
    DocumentSequence.objects.bulk_create([DocumentSequence(kind=kind, year=year)], ignore_conflicts=True)
    sequence = DocumentSequence.objects.select_for_update().get(kind=kind, year=year)
    sequence.last = F("last") + 1
    sequence.save(update_fields=["last"])
    sequence.refresh_from_db(fields=["last"])
    return sequence.last


def format_number(kind: str, year: int, sequence: int) -> str:
    return f"{CaseDocument.PREFIXES[kind]}〔{year}〕{sequence}号"


def document_context(document: CaseDocument) -> dict[str, Any]:
    """What every document's PDF prints: the document, its case and enterprise, the workers' amounts."""
    case = document.case
    claims = list(case.claims.all()) if case is not None and document.kind in CaseDocument.WITH_CLAIMS else []
    served = document.served_document
    return {
        "document": document,
        "case": case,
        "enterprise": document.enterprise,
        "claims": claims,
        "total_owed": sum((c.amount_owed for c in claims), Decimal("0.00")),
        "total_outstanding": sum((c.outstanding for c in claims), Decimal("0.00")),
        "served": served,
        "office": OFFICE_NAME,
        "limits": settings.LIUDONG,
        "draft": document.is_draft,
        "date": document.issued_on or timezone.localdate(),
    }


def document_render(document: CaseDocument) -> bytes:
    """The document's PDF: the frozen one once issued, else a fresh draft marked 草稿."""
    if not document.is_draft and document.pdf:
        return bytes(document.pdf)
    return render_pdf("pdf/case_document.html", document_context(document))


def _issue(document: CaseDocument, *, by: User, on: dt.date) -> None:
    document.year = on.year
    document.sequence = _take_sequence(document.kind, on.year)
    document.number = format_number(document.kind, on.year, document.sequence)
    document.issued_on = on
    document.issued_by = by
    document.status = DocStatus.ISSUED
    document.pdf = render_pdf("pdf/case_document.html", document_context(document))
    document._history_user = by
    document.full_clean()
    document.save()


@transaction.atomic
def document_issue(*, document: CaseDocument, by: User, on: dt.date | None = None) -> CaseDocument:
    """Sign and number a draft; its PDF is kept as issued. A correction replaces the version it corrects."""
    on = on or timezone.localdate()
    document = _lock(document)
    if not document.is_draft:
        raise ValidationError(_("文书已签发（%(number)s），不能重复签发。") % {"number": document.number})
    if on > timezone.localdate():
        raise ValidationError(_("签发日期不能晚于今天。"))
    if document.case is not None and on < document.case.received_on:
        raise ValidationError(_("签发日期不能早于案件受理日期。"))
    paying = (DocKind.RECTIFICATION_ORDER, DocKind.HANDLING_DECISION)
    if document.kind in paying and document.case is not None and not document.case.claims.exists():
        raise ValidationError(_("案件还没有劳动者欠薪明细，不能签发该文书。"))
    _issue(document, by=by, on=on)
    previous = document.previous
    if previous is not None:
        CaseDocument.objects.filter(pk=previous.pk).update(status=DocStatus.SUPERSEDED)
        # The corrected version's periods stop; the new version's service starts its own.
        DocumentPeriod.objects.filter(document=previous, met_on__isnull=True).update(met_on=on)
    if document.kind == DocKind.PENALTY_DECISION:
        _start_period(
            document,
            PeriodKind.SERVICE,
            starts_on=on,
            due_on=workdays.add_working_days(on, settings.LIUDONG["PENALTY_DECISION_SERVICE_WORKING_DAYS"]),
            working_days=True,
        )
    _event(
        document.case,
        CaseEvent.Kind.DOCUMENT_ISSUED,
        by=by,
        on=on,
        note=f"{document.get_kind_display()} {document.number}",
        document=document.pk,
        number=document.number,
    )
    return document


@transaction.atomic
def document_correct(*, document: CaseDocument, by: User) -> CaseDocument:
    """A new draft version of an issued document, to be issued in its place; the old one stays as it was."""
    document = _lock(document)
    if document.status != DocStatus.ISSUED:
        raise ValidationError(_("只有已签发的现行文书才能更正。"))
    if CaseDocument.objects.filter(previous=document).exists():
        raise ValidationError(_("该文书已有更正版本。"))
    correction = CaseDocument(
        case=document.case,
        enterprise=document.enterprise,
        kind=document.kind,
        version=document.version + 1,
        previous=document,
        created_by=by,
        **{name: getattr(document, name) for name in EDITABLE_FIELDS},
    )
    correction._history_user = by
    correction.full_clean()
    correction.save()
    return correction


def calendar_period_end(start: dt.date, days: int) -> dt.date:
    """The last day of a period of `days` days from `start`: counted from the next day (民法典 art. 201), and
    when that day is a holiday or a rest day, the first working day after it (民法典 art. 203; 民事诉讼法
    art. 85 says the same of procedural periods)."""
    return workdays.next_working_day(start + dt.timedelta(days=days))


def _start_period(
    document: CaseDocument, kind: str, *, starts_on: dt.date, due_on: dt.date, working_days: bool
) -> DocumentPeriod:
    period = DocumentPeriod(
        document=document,
        case=document.case,
        kind=kind,
        starts_on=starts_on,
        due_on=due_on,
        working_days=working_days,
    )
    period.full_clean()
    period.save()
    return period


def periods_for_service(
    kind: str, served_on: dt.date, *, period_days: int | None = None
) -> list[tuple[str, dt.date, bool]]:
    """(period kind, last day, counted in working days) for a document of `kind` served on `served_on`."""
    limits = settings.LIUDONG
    if kind == DocKind.RECTIFICATION_ORDER:
        days = period_days or limits["RECTIFICATION_DEFAULT_DAYS"]
        return [(PeriodKind.RECTIFICATION, calendar_period_end(served_on, days), False)]
    if kind == DocKind.PENALTY_NOTICE:
        days = limits["PENALTY_REPRESENTATION_DAYS"]
        if limits["PENALTY_REPRESENTATION_WORKING_DAYS"]:
            representation = (PeriodKind.REPRESENTATION, workdays.add_working_days(served_on, days), True)
        else:
            representation = (PeriodKind.REPRESENTATION, calendar_period_end(served_on, days), False)
        hearing = (
            PeriodKind.HEARING,
            workdays.add_working_days(served_on, limits["PENALTY_HEARING_WORKING_DAYS"]),
            True,
        )
        return [representation, hearing]
    return []


@transaction.atomic
def document_serve(
    *,
    document: CaseDocument,
    by: User,
    method: str,
    served_on: dt.date,
    served_to: str = "",
    note: str = "",
) -> CaseDocument:
    """Record how and when an issued document was served; print its 送达回证 and start its periods."""
    document = _lock(document)
    if document.status != DocStatus.ISSUED or document.issued_on is None:
        raise ValidationError(_("只有已签发的现行文书才能登记送达。"))
    if not document.needs_service:
        raise ValidationError(_("该文书为内部文书，无需送达。"))
    if document.served_on is not None:  # is_served, spelled so the checker knows the day is there
        raise ValidationError(
            _("该文书已于 %(day)s 送达，不能重复登记。") % {"day": date_format(document.served_on)}
        )
    if method not in CaseDocument.ServiceMethod.values:
        raise ValidationError({"method": _("请选择送达方式。")})
    if served_on > timezone.localdate():
        raise ValidationError({"served_on": _("送达日期不能晚于今天。")})
    if served_on < document.issued_on:
        raise ValidationError(
            {
                "served_on": _("送达日期不能早于签发日期（%(day)s）。")
                % {"day": date_format(document.issued_on)}
            }
        )
    served_to = served_to.strip()
    if method in (CaseDocument.ServiceMethod.IN_PERSON, CaseDocument.ServiceMethod.LEFT) and not served_to:
        raise ValidationError({"served_to": _("直接送达或留置送达须填写受送达人或签收人。")})
    document.service_method = method
    document.served_on = served_on
    document.served_to = served_to
    document.service_note = note.strip()
    document._history_user = by
    document.full_clean()
    document.save()
    for kind, due_on, working in periods_for_service(
        document.kind, served_on, period_days=document.period_days
    ):
        _start_period(document, kind, starts_on=served_on, due_on=due_on, working_days=working)
    DocumentPeriod.objects.filter(document=document, kind=PeriodKind.SERVICE, met_on__isnull=True).update(
        met_on=served_on
    )
    receipt = CaseDocument(
        case=document.case,
        enterprise=document.enterprise,
        kind=DocKind.SERVICE_RECEIPT,
        served_document=document,
        addressee=document.addressee,
        legal_basis=LEGAL_BASIS[DocKind.SERVICE_RECEIPT],
        service_method=method,
        served_to=served_to,
        service_note=document.service_note,
        created_by=by,
    )
    # The receipt is numbered and frozen with the service it proves.
    _issue(receipt, by=by, on=served_on)
    _event(
        document.case,
        CaseEvent.Kind.DOCUMENT_SERVED,
        by=by,
        on=served_on,
        note=f"{document.get_kind_display()} {document.number}：{document.get_service_method_display()}",
        document=document.pk,
        method=method,
    )
    _order_from_rectification(document, by=by)
    return document


def _order_from_rectification(document: CaseDocument, *, by: User) -> None:
    """A served 限期整改指令书 is the case's order to pay (责令支付) when the case is being investigated."""
    case = document.case
    if document.kind != DocKind.RECTIFICATION_ORDER or case is None:
        return
    case.refresh_from_db()
    if case.status != Case.Status.INVESTIGATING:
        return
    from .case import case_issue_order

    period = document.periods.get(kind=PeriodKind.RECTIFICATION)
    case_issue_order(
        case=case, by=by, order_number=document.number, pay_by=period.due_on, on=document.served_on
    )


@transaction.atomic
def document_period_meet(*, period: DocumentPeriod, by: User, on: dt.date | None = None) -> DocumentPeriod:
    """Mark a period done: the enterprise rectified, the representations or the hearing request came in."""
    on = on or timezone.localdate()
    period = DocumentPeriod.objects.select_for_update().get(pk=period.pk)
    if period.met_on is not None:
        raise ValidationError(_("该期限已于 %(day)s 办结。") % {"day": date_format(period.met_on)})
    if on > timezone.localdate() or on < period.starts_on:
        raise ValidationError(_("完成日期须在起算日与今天之间。"))
    period.met_on = on
    period.save(update_fields=["met_on"])
    return period


def document_periods_notify_missed(*, on: dt.date | None = None) -> int:
    """Tell each case's handler (or the office) once about every period that ended before `on` unmet.

    The claim is a conditional UPDATE: a second run, or a second worker, finds nothing left to claim.
    A rectification period whose case is paid in full counts as met on the day the job sees it.
    """
    from .recipients import office_users

    on = on or timezone.localdate()
    sent = 0
    candidates = list(
        DocumentPeriod.objects.missed(on=on)
        .filter(missed_notified_at__isnull=True)
        .select_related("document", "case", "case__handler", "case__enterprise")
    )
    for period in candidates:
        case = period.case
        if (
            period.kind == PeriodKind.RECTIFICATION
            and case is not None
            and case.worker_count
            and case.total_outstanding == 0
        ):
            DocumentPeriod.objects.filter(pk=period.pk, met_on__isnull=True).update(met_on=on)
            continue
        claimed = DocumentPeriod.objects.filter(pk=period.pk, missed_notified_at__isnull=True).update(
            missed_notified_at=timezone.now()
        )
        if claimed != 1:
            continue
        recipients = [case.handler] if case is not None and case.handler_id else list(office_users())
        notifications.notify(
            recipients=recipients,
            kind="case_document_period",
            template="generic",
            context={
                "title": _("%(period)s已届满：%(document)s")
                % {"period": period.get_kind_display(), "document": period.document},
                "body": _("%(case)s 的%(period)s已于 %(due)s 届满，请依法作出下一步处理。")
                % {
                    "case": case.number if case else period.document.addressee,
                    "period": period.get_kind_display(),
                    "due": date_format(period.due_on),
                },
            },
            url=period.document.get_absolute_url() if case else "",
            key=f"case-document-period:{period.pk}",
        )
        sent += 1
    return sent


@transaction.atomic
def listing_document_issue(*, listing, by: User, kind: str, on: dt.date | None = None) -> CaseDocument:
    """The 列入决定书 or 移出决定书 of a listing on the dishonest list, numbered in its own sequence and frozen.
    The listing's own step (enterprises) then records the decision under this number."""
    from enterprises.models import DishonestListing

    on = on or timezone.localdate()
    Status = DishonestListing.Status
    listing = (
        DishonestListing.objects.select_for_update(of=("self",))
        .select_related("enterprise")
        .get(pk=listing.pk)
    )
    if kind == DocKind.LISTING_DECISION:
        if listing.status not in (Status.NOTIFIED, Status.LISTED):
            raise ValidationError(_("只有已告知或已列入的记录才能制作列入决定书。"))
        years = settings.LIUDONG["DISHONEST_LISTING_YEARS"]
        requirement = _(
            "本局决定将你单位列入拖欠农民工工资失信联合惩戒对象名单，期限 %(years)d 年。"
            "列入期间，有关部门将依法依规实施联合惩戒。"
        ) % {"years": years}
    elif kind == DocKind.DELISTING_DECISION:
        if listing.status not in (Status.LISTED, Status.REMOVED, Status.EXPIRED):
            raise ValidationError(_("只有已列入的记录才能制作移出决定书。"))
        requirement = _(
            "你单位已改正拖欠工资违法行为并作出信用承诺，本局决定将你单位移出拖欠农民工工资失信联合惩戒对象名单。"
        )
    else:
        raise ValidationError(_("请选择列入决定书或移出决定书。"))
    if CaseDocument.objects.filter(listing=listing, kind=kind, status=DocStatus.ISSUED).exists():
        raise ValidationError(_("该记录的%(kind)s已签发。") % {"kind": DocKind(kind).label})
    enterprise = listing.enterprise
    document = CaseDocument(
        listing=listing,
        enterprise=enterprise,
        kind=kind,
        addressee=enterprise.name,
        facts=listing.facts,
        legal_basis=LEGAL_BASIS[kind],
        requirement=requirement,
        created_by=by,
    )
    _issue(document, by=by, on=on)
    return document
