"""The revolving fund: advance applications, their lines, payments and events, and the ledger."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from cases.models import Case
from funds.models import AdvanceApplication, AdvanceEvent, AdvanceLine, AdvancePayment, LedgerEntry

from .values import CENT, aware, scaled


class FundMixin:
    """Part of `Seeder`. Runs after the cases: advances are paid for closed cases and issued orders."""

    def fund(self) -> None:
        """Applications, payments, recoveries and write-offs, then the ledger in date order, topped up by
        appropriations so that the balance never goes below zero on any day."""
        rng = self.rng
        target = scaled("ledger", self.scale)
        # (year, number) of the payment vouchers already used, this run's and any earlier run's (--force).
        self.voucher_next: dict[tuple[int, int], int] = {}
        self.vouchers_used: set[tuple[int, int]] = {
            (int(year), int(number))
            for year, number in re.findall(
                r"〔(\d{4})〕(\d+)号", " ".join(AdvancePayment.objects.values_list("document_ref", flat=True))
            )
        }
        eligible = [
            c
            for c in self.case_list
            if c.status in (Case.Status.CLOSED, Case.Status.ORDER_ISSUED) and c.worker_count >= 3
        ]
        n_apps = min(len(eligible), max(1, target * 3 // 20))  # about 6.6 ledger entries each
        chosen = sorted(rng.sample(eligible, n_apps), key=lambda c: c.received_on)
        movements: list[tuple[dt.date, int, dict[str, Any]]] = []  # (date, order, ledger values)
        per_year: dict[int, int] = {}
        taken = set(AdvanceApplication.objects.values_list("number", flat=True))
        for seq, case in enumerate(chosen):
            self._application(seq, case, movements, per_year, taken)
        self._ledger(movements, target)

    def _application(
        self,
        seq: int,
        case: Any,
        movements: list[tuple[dt.date, int, dict[str, Any]]],
        per_year: dict[int, int],
        taken: set[str],
    ) -> None:
        """One advance application of `case`: its lines and events, payments and recovery."""
        rng = self.rng
        apps, lines = self.table(AdvanceApplication), self.table(AdvanceLine)
        events = self.table(AdvanceEvent)
        S, E = AdvanceApplication.Status, AdvanceEvent.Kind
        created = self.calendar.add(case.received_on, rng.randrange(3, 15))
        if created > self.today:
            return
        number = ""
        while not number or number in taken:
            per_year[created.year] = per_year.get(created.year, 0) + 1
            number = f"YJ{created.year}-{per_year[created.year]:04d}"
        pk = apps.next_id
        picked = rng.sample(range(case.worker_count), min(case.worker_count, rng.randrange(3, 12)))
        line_amounts = []
        for i in picked:
            amount = (case.claim_amounts[i] * Decimal("0.5")).quantize(CENT)
            line_amounts.append(amount)
            lines.add(
                application_id=pk,
                claim_id=case.claim_ids[i],
                worker_name=case.claim_names[i],
                purpose=AdvanceLine.Purpose.WAGES,
                amount=amount,
            )
        requested = sum(line_amounts, Decimal(0))
        submitted = created
        decided = min(self.calendar.add(submitted, rng.randrange(1, 6)), self.today)
        values: dict[str, Any] = {
            "number": number,
            "case_id": case.id,
            "ground": AdvanceApplication.Ground.ARREARS_OR_FLIGHT,
            "ground_detail": "企业拖欠工资，劳动者生活困难，可能引发群体性事件。",
            "employer_absconded": rng.random() < 0.2,
            "total_requested": requested,
            "submitted_at": aware(submitted, rng),
            "submitted_by_id": self.office_staff,
            "created_at": aware(created, rng),
            "created_by_id": self.office_staff,
        }
        at = values["created_at"]
        events.add(application_id=pk, kind=E.CREATED, at=at, by_id=self.office_staff)
        events.add(application_id=pk, kind=E.SUBMITTED, at=values["submitted_at"], by_id=self.office_staff)
        recent = (self.today - created).days < 20
        if recent and rng.random() < 0.5:
            values["status"] = S.SUBMITTED
            apps.add(id=pk, **values)
            return
        if rng.random() < 0.05:
            values |= {
                "status": S.REJECTED,
                "decided_at": aware(decided, rng),
                "decided_by_id": self.approver,
                "decision_reason": "不符合垫付情形。",
                "finished_on": decided,
            }
            events.add(application_id=pk, kind=E.REJECTED, at=values["decided_at"], by_id=self.approver)
            apps.add(id=pk, **values)
            return
        approved = requested
        values |= {
            "approved_amount": approved,
            "decided_at": aware(decided, rng),
            "decided_by_id": self.approver,
        }
        events.add(
            application_id=pk,
            kind=E.APPROVED,
            at=values["decided_at"],
            by_id=self.approver,
            amount=approved,
        )
        paid, day = self._payments(pk, number, approved, decided, movements)
        values["paid_amount"] = paid
        if paid == 0:
            values["status"] = S.APPROVED
            apps.add(id=pk, **values)
            return
        values["status"] = S.PAID if paid == approved else S.APPROVED
        recovered, written_off = self._recovery(seq, pk, number, case, values, day, paid, movements)
        values |= {"recovered_amount": recovered, "written_off_amount": written_off}
        apps.add(id=pk, **values)

    def _free_voucher(self, year: int, number: int) -> int:
        """The first number from `number` on that no payment of `year` uses: what walking up one by one finds,
        with each walked run remembered (`voucher_next`: from a used number, a higher one below which all are
        used), so that a crowded year costs no more than an empty one. Walking one by one made the fund's
        generation quadratic once a year's numbers filled up: 265 s at scale 30, 28 s since."""
        walked = []
        while (year, number) in self.vouchers_used:
            walked.append(number)
            number = self.voucher_next.get((year, number), number + 1)
        for used in walked:
            self.voucher_next[(year, used)] = number
        return number

    def _payments(
        self,
        pk: int,
        number: str,
        approved: Decimal,
        decided: dt.date,
        movements: list[tuple[dt.date, int, dict[str, Any]]],
    ) -> tuple[Decimal, dt.date]:
        """One to three payments adding up to the approved amount (fewer when the last ones are in the
        future); returns what was paid and the day of the last payment."""
        rng = self.rng
        payments_t, events = self.table(AdvancePayment), self.table(AdvanceEvent)
        E = AdvanceEvent.Kind
        parts = rng.randrange(1, 4)
        pay_amounts = [(approved / parts).quantize(CENT)] * (parts - 1)
        pay_amounts.append(approved - sum(pay_amounts, Decimal(0)))
        day = decided
        paid = Decimal(0)
        for amount in pay_amounts:
            day = self.calendar.add(day, rng.randrange(1, 5))
            if day > self.today:
                break
            # A voucher pays one payment only (funds 0005): the drawn number, or the next one free.
            number = self._free_voucher(day.year, rng.randrange(1, 9999))
            self.vouchers_used.add((day.year, number))
            payment = payments_t.add(
                application_id=pk,
                amount=amount,
                paid_on=day,
                document_ref=f"柳东财支〔{day.year}〕{number}号",
                created_at=aware(day, rng),
                created_by_id=self.treasurer,
            )
            movements.append(
                (
                    day,
                    1,
                    {
                        "kind": LedgerEntry.Kind.ADVANCE_PAYMENT,
                        "amount": amount,
                        "application_id": pk,
                        "payment_id": payment,
                        "document_ref": f"支付凭证 {payment}",
                        "note": f"{number} 垫付",
                        "recorded_by_id": self.treasurer,
                    },
                )
            )
            events.add(
                application_id=pk, kind=E.PAID, at=aware(day, rng), by_id=self.treasurer, amount=amount
            )
            paid += amount
        return paid, day

    def _recovery(
        self,
        seq: int,
        pk: int,
        number: str,
        case: Any,
        values: dict[str, Any],
        day: dt.date,
        paid: Decimal,
        movements: list[tuple[dt.date, int, dict[str, Any]]],
    ) -> tuple[Decimal, Decimal]:
        """Ordered after the payment, repaid in instalments, sometimes written off after a year; updates the
        application's `values` and returns what was recovered and written off."""
        rng = self.rng
        events = self.table(AdvanceEvent)
        S, E = AdvanceApplication.Status, AdvanceEvent.Kind
        approved = values["approved_amount"]
        ordered = self.calendar.add(day, rng.randrange(5, 30))
        recovered = written_off = Decimal(0)
        if ordered <= self.today and paid == approved:
            values |= {
                "status": S.RECOVERY_ORDERED,
                "recovery_order_number": f"柳东人社偿〔{ordered.year}〕{seq}号",
                "recovery_ordered_on": ordered,
                "recovery_due_on": self.calendar.add(ordered, 30),
            }
            events.add(
                application_id=pk,
                kind=E.RECOVERY_ORDERED,
                at=aware(ordered, rng),
                by_id=self.office_staff,
            )
            instalments = rng.randrange(2, 10)
            share = (paid / instalments).quantize(CENT)
            rday = ordered
            full = rng.random() < 0.8
            for k in range(instalments if full else rng.randrange(1, instalments)):
                rday = self.calendar.add(rday, rng.randrange(10, 60))
                if rday > self.today:
                    break
                amount = share if k < instalments - 1 else paid - recovered
                movements.append(
                    (
                        rday,
                        2,
                        {
                            "kind": LedgerEntry.Kind.RECOVERY,
                            "amount": amount,
                            "application_id": pk,
                            "document_ref": f"缴款书 {pk}-{k + 1}",
                            "note": f"{number} 追回",
                            "recorded_by_id": self.treasurer,
                        },
                    )
                )
                events.add(
                    application_id=pk,
                    kind=E.RECOVERED,
                    at=aware(rday, rng),
                    by_id=self.treasurer,
                    amount=amount,
                )
                recovered += amount
            if recovered == paid:
                values |= {"status": S.CLOSED, "finished_on": rday}
                events.add(application_id=pk, kind=E.CLOSED, at=aware(rday, rng), by_id=self.office_staff)
            elif (
                case.closed_on
                and (woff := case.closed_on + dt.timedelta(days=400)) <= self.today
                and (woff > rday and rng.random() < 0.5)
            ):
                written_off = paid - recovered
                movements.append(
                    (
                        woff,
                        3,
                        {
                            "kind": LedgerEntry.Kind.WRITE_OFF,
                            "amount": written_off,
                            "application_id": pk,
                            "document_ref": f"柳东管核〔{woff.year}〕号",
                            "note": f"{number} 核销",
                            "recorded_by_id": self.approver,
                        },
                    )
                )
                events.add(
                    application_id=pk,
                    kind=E.WRITTEN_OFF,
                    at=aware(woff, rng),
                    by_id=self.approver,
                    amount=written_off,
                )
                values |= {"status": S.WRITTEN_OFF, "finished_on": woff}
        return recovered, written_off

    def _ledger(self, movements: list[tuple[dt.date, int, dict[str, Any]]], target: int) -> None:
        rng = self.rng
        ledger = self.table(LedgerEntry)
        # Yearly appropriations, plus top-ups when a payment would overdraw the fund.
        for year in range(self.first_day.year, self.today.year + 1):
            day = max(dt.date(year, 1, 15), self.first_day)
            if day <= self.today:
                movements.append(
                    (
                        day,
                        0,
                        {
                            "kind": LedgerEntry.Kind.APPROPRIATION,
                            "amount": Decimal(2_000_000 * max(1, round(self.scale))),
                            "document_ref": f"柳东财预〔{year}〕1号",
                            "note": "年度预算拨入",
                            "recorded_by_id": self.treasurer,
                        },
                    )
                )
        movements.sort(key=lambda m: (m[0], m[1]))
        balance = Decimal(0)
        effects = {
            LedgerEntry.Kind.APPROPRIATION: (1, 0),
            LedgerEntry.Kind.ADVANCE_PAYMENT: (-1, 1),
            LedgerEntry.Kind.RECOVERY: (1, -1),
            LedgerEntry.Kind.WRITE_OFF: (0, -1),
        }
        # About one recovery in a hundred is entered wrongly and reversed: corrections as they look.
        reversals_left = len(movements) // 100
        for day, _order, values in movements:
            cash, advances = effects[values["kind"]]
            amount = values["amount"]
            if balance + cash * amount < 0:
                top_up = (amount * 3).quantize(Decimal(1))
                ledger.add(
                    kind=LedgerEntry.Kind.APPROPRIATION,
                    entry_date=day,
                    amount=top_up,
                    cash_effect=top_up,
                    advances_effect=Decimal(0),
                    document_ref=f"柳东财追〔{day.year}〕号",
                    note="追加拨入",
                    recorded_by_id=self.treasurer,
                    recorded_at=aware(day, rng),
                )
                balance += top_up
            entry = ledger.add(
                entry_date=day,
                cash_effect=cash * amount,
                advances_effect=advances * amount,
                recorded_at=aware(day, rng),
                **values,
            )
            balance += cash * amount
            # A mistaken recovery entry reversed the same day and entered again: how corrections look.
            mistaken = values["kind"] == LedgerEntry.Kind.RECOVERY and reversals_left and rng.random() < 0.02
            if mistaken and balance - amount >= 0:
                ledger.add(
                    kind=LedgerEntry.Kind.REVERSAL,
                    entry_date=day,
                    amount=amount,
                    cash_effect=-amount,
                    advances_effect=amount,
                    reverses_id=entry,
                    document_ref=values["document_ref"],
                    note="金额录入错误，冲销",
                    recorded_by_id=self.treasurer,
                    recorded_at=aware(day, rng),
                )
                ledger.add(
                    entry_date=day,
                    cash_effect=amount,
                    advances_effect=-amount,
                    recorded_at=aware(day, rng),
                    **values,
                )
                reversals_left -= 1
            assert balance >= 0
