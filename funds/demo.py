"""Demo data for the fund (issue 19, the demo year): the appropriation that opened the year and a top-up two
months ago, and, over the twelve months before today, advances on the demo year's open cases, paid some days
after they were received and, for the older ones, ordered back from the enterprise and recovered in full or in
part, so that the dashboard's chart of money paid and recovered shows every month. Everything goes through the
services (dated with their `on=` / `paid_on=` / `received_on=`), nothing is random, and running it twice adds
nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from cases.demo_year import MARK
from cases.models import Case
from liudong_wages import workdays
from liudong_wages.models import User

from . import selectors
from .models import AdvanceApplication, LedgerEntry
from .services import (
    advance_approve,
    advance_create,
    advance_order_recovery,
    advance_pay,
    advance_record_recovery,
    advance_submit,
    ledger_appropriate,
)

# The demo appropriation is known by its note: its document number carries the year it was seeded in.
DEMO_APPROPRIATION_NOTE = "新区财政局拨入农民工工资应急周转金"
OPENING_NOTE = "新区财政局拨入农民工工资应急周转金（年初预算）"
GROUNDS = [
    (AdvanceApplication.Ground.INCIDENT, "项目停工，工人聚集讨薪，春节前急需返乡。"),
    (AdvanceApplication.Ground.ARREARS_OR_FLIGHT, "企业负责人失联，工人生活困难。"),
    (AdvanceApplication.Ground.LACK_OF_FUNDS, "企业资金周转困难，短期内无力支付工资。"),
]


def _appropriate(by: User, today: dt.date, stdout) -> None:
    for days, amount, number, note in (
        (370, "800000.00", "3", OPENING_NOTE),
        (60, "500000.00", "12", DEMO_APPROPRIATION_NOTE),
    ):
        if LedgerEntry.objects.filter(note=note).exists():
            continue
        entry_date = today - dt.timedelta(days=days)
        ledger_appropriate(
            amount=Decimal(amount),
            entry_date=entry_date,
            document_ref=f"柳东财预〔{entry_date.year}〕{number}号",
            note=note,
            by=by,
        )
        stdout.write(f"  周转金：财政拨入 {Decimal(amount):,.2f} 元（{entry_date}）")


def seed_demo(stdout) -> None:
    users = {
        u.username: u for u in User.objects.filter(username__in=["chuna", "bangong", "shenpi", "zhuren"])
    }
    treasurer, applicant, approver = users.get("chuna"), users.get("bangong"), users.get("shenpi")
    if treasurer is None or applicant is None or approver is None:
        return
    today = timezone.localdate()
    _appropriate(treasurer, today, stdout)
    if AdvanceApplication.objects.exists():
        return
    cases = (
        Case.objects.filter(summary__startswith=MARK, received_on__lte=today - dt.timedelta(days=10))
        .exclude(status__in=[Case.Status.RECEIVED, Case.Status.VOIDED])
        .exclude(status=Case.Status.CLOSED, closure__in=[Case.Closure.PAID, Case.Closure.NOT_ESTABLISHED])
        .prefetch_related("claims")
        .order_by("received_on", "pk")
    )
    made = 0
    for index, case in enumerate(cases):
        if _advance(case, index, today, applicant, approver, treasurer):
            made += 1
    stdout.write(f"  周转金：{made} 笔演示垫付（按月支付，较早的已责令偿还并追回）")


def _advance(
    case: Case, index: int, today: dt.date, applicant: User, approver: User, treasurer: User
) -> bool:
    """One application for up to four of the case's workers, taken as far as its age allows."""
    lines = selectors.lines_from_claims(case)[: 2 + index % 3]
    if not lines:
        return False
    created_on = workdays.add_working_days(case.received_on, 3 + index % 4)
    if created_on > today:
        return False
    step = lambda day, n: min(workdays.add_working_days(day, n), today)  # noqa: E731
    ground, detail = GROUNDS[index % len(GROUNDS)]
    application = advance_create(
        case=case, ground=ground, ground_detail=detail, lines=lines, by=applicant, on=created_on
    )
    submitted_on = step(created_on, 1)
    advance_submit(application=application, by=applicant, on=submitted_on)
    decided_on = step(submitted_on, 2)
    advance_approve(application=application, by=approver, reason="同意先行垫付。", on=decided_on)
    paid_on = step(decided_on, 2)
    advance_pay(
        application=application,
        amount=application.total_requested,
        document_ref=f"柳东财付〔{paid_on.year}〕{application.pk:04d}号",
        paid_on=paid_on,
        by=treasurer,
    )
    ordered_on = paid_on + dt.timedelta(days=7)
    if ordered_on > today - dt.timedelta(days=20):
        return True  # paid lately: the order to repay is still to come
    application.refresh_from_db()
    advance_order_recovery(
        application=application,
        order_number=f"柳东人社偿〔{ordered_on.year}〕{application.pk}号",
        due_on=ordered_on + dt.timedelta(days=30),
        ordered_on=ordered_on,
        by=applicant,
    )
    received_on = min(ordered_on + dt.timedelta(days=12 + 5 * (index % 4)), today)
    # Every fourth enterprise has repaid nothing yet; every third repaid half so far.
    if index % 4 == 3:
        return True
    amount = application.total_requested
    if index % 3 == 2:
        amount = (amount / 2).quantize(Decimal("0.01"))
    application.refresh_from_db()
    advance_record_recovery(
        application=application,
        amount=amount,
        document_ref=f"柳东财收〔{received_on.year}〕{application.pk:04d}号",
        received_on=received_on,
        by=treasurer,
    )
    return True
