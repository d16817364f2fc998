"""Demo data for the fund: an appropriation and, when cases has a demo case with claims, an advance."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from liudong_wages.models import User

from . import selectors
from .models import AdvanceApplication, LedgerEntry
from .services import advance_approve, advance_create, advance_pay, advance_submit, ledger_appropriate

# The demo appropriation is known by its note: its document number carries the year it was seeded in.
DEMO_APPROPRIATION_NOTE = "新区财政局拨入农民工工资应急周转金"


def seed_demo(stdout) -> None:
    treasurer = User.objects.filter(username="chuna").first()
    applicant = User.objects.filter(username="bangong").first()
    approver = User.objects.filter(username="shenpi").first()
    if treasurer is None or applicant is None or approver is None:
        return
    today = timezone.localdate()
    if not LedgerEntry.objects.filter(note=DEMO_APPROPRIATION_NOTE).exists():
        entry_date = today - dt.timedelta(days=60)
        ledger_appropriate(
            amount=Decimal("500000.00"),
            entry_date=entry_date,
            document_ref=f"柳东财预〔{entry_date.year}〕12号",
            note=DEMO_APPROPRIATION_NOTE,
            by=treasurer,
        )
        stdout.write("  周转金：财政拨入 500,000.00 元")
    if AdvanceApplication.objects.exists():
        return
    from cases.models import Case

    case = Case.objects.exclude(status=Case.Status.VOIDED).filter(claims__isnull=False).first()
    if case is None:
        return
    lines = selectors.lines_from_claims(case)[:5]
    if not lines:
        return
    application = advance_create(
        case=case,
        ground=AdvanceApplication.Ground.INCIDENT,
        ground_detail="项目停工，企业负责人失联，数十名工人聚集讨薪，春节前急需返乡。",
        lines=lines,
        by=applicant,
    )
    application = advance_submit(application=application, by=applicant)
    application = advance_approve(application=application, by=approver, reason="同意先行垫付。")
    advance_pay(
        application=application,
        amount=application.approved_amount,
        document_ref=f"柳东财付〔{today.year}〕0031号",
        by=treasurer,
    )
    stdout.write(f"  周转金：垫付申请 {application.number}（案件 {case.number}）已支付")
