"""Cases with their events, deadlines and worker claims; the interviews of their enterprises."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings

from cases import deadlines
from cases import rules as case_rules
from cases.models import Case, CaseEvent, Interview, WorkerClaim
from liudong_wages import workdays

from .values import BASE, CENT, aware, id_number, money, person_name, phone, scaled

# How often each source brings a case; a source added later (platform clues) brings none in the bench data.
SOURCE_WEIGHTS = {
    Case.Source.COMPLAINT: 60,
    Case.Source.TIP_OFF: 12,
    Case.Source.INSPECTION: 10,
    Case.Source.PETITION: 5,
    Case.Source.POLICE_WARNING: 3,
    Case.Source.PUBLIC_REPORT: 7,
    Case.Source.OTHER_UNIT: 3,
}


@dataclass
class _Case:
    id: int
    status: str
    received_on: dt.date
    closed_on: dt.date | None
    enterprise_id: int | None
    project_id: int | None
    worker_count: int
    total_owed: Decimal
    claim_ids: list[int]
    claim_amounts: list[Decimal]
    claim_names: list[str]


class CasesMixin:
    """Part of `Seeder`. Runs after the enterprises and projects; leaves `case_list` for the fund."""

    def cases(self) -> None:
        rng = self.rng
        n_cases = scaled("cases", self.scale)
        mean_workers = BASE["claims"] / BASE["cases"]
        span = (self.today - self.first_day).days
        received = sorted(self.first_day + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(n_cases))
        per_year: dict[int, int] = {}
        existing = set(Case.objects.values_list("number", flat=True))
        self.case_list: list[_Case] = []
        # Some enterprises are repeat offenders: a skewed choice of employer.
        weights = [rng.paretovariate(1.2) for _ in self.enterprise_ids]
        employers = rng.choices(self.enterprise_ids, weights, k=n_cases)
        limits = {
            "filing": settings.LIUDONG["CASE_FILING_DECISION_WORKING_DAYS"],
            "investigation": settings.LIUDONG["CASE_INVESTIGATION_WORKING_DAYS"],
            "extension": settings.LIUDONG["CASE_EXTENSION_WORKING_DAYS"],
        }
        # `cases.deadlines` with this run's calendar: the same arithmetic, without a loop over dates.
        original = workdays.add_working_days
        workdays.add_working_days = lambda day, count: (
            self.calendar.add(day, count) if count > 0 else original(day, count)
        )
        try:
            self._cases(n_cases, received, per_year, existing, employers, limits, mean_workers)
        finally:
            workdays.add_working_days = original

    def _cases(self, n_cases, received, per_year, existing, employers, limits, mean_workers) -> None:
        for index in range(n_cases):
            self._case(index, received, per_year, existing, employers, limits, mean_workers)

    def _case(self, index, received, per_year, existing, employers, limits, mean_workers) -> None:
        rng = self.rng
        cases, events = self.table(Case), self.table(CaseEvent)
        S = Case.Status
        received_on = received[index]
        year = received_on.year
        per_year[year] = per_year.get(year, 0) + 1
        number = f"LD{year}-{per_year[year]:04d}"
        while number in existing:
            per_year[year] += 1
            number = f"LD{year}-{per_year[year]:04d}"
        pk = cases.next_id
        handler = rng.choice(self.handlers)
        enterprise_id = employers[index] if rng.random() < 0.95 else None
        project_id = None
        if enterprise_id is None or rng.random() < 0.35:
            project_id = rng.choice(self.project_ids)
            enterprise_id = self.project_contractor[project_id]
        industry = self.enterprise_industry[enterprise_id]
        source, log, outcome = self._case_history(received_on, limits)
        status, closed_on, closure, void_reason, not_filed_reason, order_number, pay_by = outcome
        event_rows = [
            CaseEvent(kind=kind, on=on, at=aware(on, rng), note=note, data=data, pk=i + 1)
            for i, (kind, on, note, data) in enumerate(log)
        ]
        current = deadlines.current(event_rows)
        workers, period_start, period_end, amounts, claim_ids, names, paid = self._claims(
            pk,
            received_on,
            handler,
            mean_workers,
            settled=status == S.CLOSED and closure == Case.Closure.PAID,
        )
        total_owed, total_paid = sum(amounts, Decimal(0)), sum(paid, Decimal(0))
        outstanding = [a - p for a, p in zip(amounts, paid, strict=True)]
        threshold = case_rules.police_threshold_reached(
            outstanding=outstanding, period_start=period_start, period_end=period_end
        )
        for i, (kind, on, note, data) in enumerate(log):
            events.add(case_id=pk, kind=kind, on=on, at=event_rows[i].at, note=note, data=data, by_id=handler)
        cases.add(
            id=pk,
            number=number,
            source=source,
            status=status,
            enterprise_id=enterprise_id,
            project_id=project_id,
            industry=industry,
            summary=f"{workers} 名劳动者反映{self.enterprise_names[enterprise_id]}拖欠"
            f"{period_start:%Y年%m月}至{period_end:%Y年%m月}工资共计 {total_owed} 元。",
            period_start=period_start,
            period_end=period_end,
            received_on=received_on,
            handler_id=handler,
            complainant_name=names[0],
            complainant_phone=phone(rng),
            worker_count=workers,
            total_owed=total_owed,
            total_paid=total_paid,
            police_threshold_reached=threshold,
            mass_incident_risk=workers >= 30 and rng.random() < 0.5,
            is_major=workers >= 50 and rng.random() < 0.3,
            deadline=current.due if current else None,
            deadline_kind=current.kind if current else "",
            not_filed_reason=not_filed_reason,
            closure=closure,
            closed_on=closed_on,
            void_reason=void_reason,
            order_number=order_number,
            order_pay_by=pay_by,
            created_at=aware(received_on, rng),
            created_by_id=handler,
        )
        self.case_list.append(
            _Case(
                pk,
                status,
                received_on,
                closed_on,
                enterprise_id,
                project_id,
                workers,
                total_owed,
                claim_ids,
                amounts,
                names,
            )
        )

    def _case_history(self, received_on: dt.date, limits: dict[str, int]) -> tuple[str, list, tuple]:
        """The case's events, in legal order, with the dates the deadlines are computed from: its source, the
        log, and what it comes to (status, closed_on, closure, void and not-filed reasons, the order)."""
        rng = self.rng
        S, K = Case.Status, CaseEvent.Kind
        source = rng.choices(Case.Source.values, [SOURCE_WEIGHTS.get(s, 0) for s in Case.Source.values])[0]
        log: list[tuple[str, dt.date, str, dict]] = [(K.RECEIVED, received_on, "", {"source": source})]
        age = (self.today - received_on).days
        year = received_on.year
        status, closed_on, closure, void_reason, not_filed_reason = S.RECEIVED, None, "", "", ""
        order_number, pay_by = "", None
        decided_on = min(self.calendar.add(received_on, rng.randrange(1, limits["filing"] + 2)), self.today)
        draw = rng.random()
        if age < 7 and decided_on >= self.today - dt.timedelta(days=1):
            pass  # still waiting for the filing decision
        elif draw < 0.07:
            status, not_filed_reason = (
                S.NOT_FILED,
                "经核查不属于劳动保障监察管辖范围，已告知投诉人申请劳动仲裁。",
            )
            log.append((K.NOT_FILED, decided_on, not_filed_reason, {}))
        else:
            log.append((K.FILED, decided_on, "", {}))
            status = S.FILED
            started = min(self.calendar.add(decided_on, rng.randrange(1, 4)), self.today)
            if started < self.today or rng.random() < 0.5:
                log.append((K.INVESTIGATION_STARTED, started, "", {}))
                status = S.INVESTIGATING
            extended = rng.random() < 0.12
            due = self.calendar.add(decided_on, limits["investigation"])
            if extended and started < due and self.today > started:
                approved = self.day_between(started, min(due, self.today))
                log.append(
                    (
                        K.EXTENDED,
                        approved,
                        "案情复杂，需进一步调查取证。",
                        {
                            "approved_by": "人社局分管领导",
                            "approval_reference": f"柳东人社延〔{year}〕号",
                        },
                    )
                )
                due = self.calendar.add(decided_on, limits["investigation"] + limits["extension"])
            # Most cases close within the time limit, a few late; old cases are closed but for a few.
            close_by = self.calendar.add(decided_on, rng.randrange(8, limits["investigation"] + 8))
            stays_open = rng.random() < (0.015 if due < self.today else 0.0)
            if status == S.INVESTIGATING and rng.random() < 0.5:
                issued = self.day_between(started, min(close_by, self.today))
                order_number = f"柳东人社监令〔{issued.year}〕{rng.randrange(1, 999)}号"
                pay_by = self.calendar.add(issued, 10)
                log.append(
                    (
                        K.ORDER_ISSUED,
                        issued,
                        "",
                        {"order_number": order_number, "pay_by": pay_by.isoformat()},
                    )
                )
                status = S.ORDER_ISSUED
            if close_by < self.today and not stays_open and status != S.FILED:
                closed_on = close_by
                closure = rng.choices(Case.Closure.values, [80, 10, 4, 6])[0]
                log.append((K.CLOSED, closed_on, "", {"closure": closure}))
                status = S.CLOSED
        if status not in (S.CLOSED, S.NOT_FILED) and age > 30 and rng.random() < 0.01:
            void_reason = "重复登记，与另一案件为同一事项。"
            log.append(
                (
                    K.VOIDED,
                    min(received_on + dt.timedelta(days=3), self.today),
                    void_reason,
                    {"previous_status": status},
                )
            )
            status = S.VOIDED
        return source, log, (status, closed_on, closure, void_reason, not_filed_reason, order_number, pay_by)

    def _claims(
        self, pk: int, received_on: dt.date, handler: int, mean_workers: float, *, settled: bool
    ) -> tuple:
        """Most cases a few workers, some many: the claims, and the case's worker count and wage period."""
        rng = self.rng
        claims = self.table(WorkerClaim)
        workers = min(400, max(1, int(rng.expovariate(1 / mean_workers) + 0.5)))
        period_end = received_on - dt.timedelta(days=rng.randrange(0, 60))
        period_start = period_end - dt.timedelta(days=rng.randrange(28, 330))
        amounts, paid = [], []
        claim_ids, names = [], []
        seen_ids: set[str] = set()
        for _w in range(workers):
            owed = money(rng, 1500, 28000)
            got = owed if settled else (Decimal(0) if rng.random() < 0.7 else (owed / 2).quantize(CENT))
            name = person_name(rng)
            number_id = id_number(rng) if rng.random() < 0.9 else ""
            if number_id in seen_ids:
                number_id = ""
            seen_ids.add(number_id)
            claim_id = claims.add(
                case_id=pk,
                name=name,
                id_number=number_id,
                phone=phone(rng) if rng.random() < 0.8 else "",
                amount_owed=owed,
                amount_paid=got,
                created_at=aware(received_on, rng),
                created_by_id=handler,
            )
            amounts.append(owed)
            paid.append(got)
            claim_ids.append(claim_id)
            names.append(name)
        return workers, period_start, period_end, amounts, claim_ids, names, paid

    # --- interviews -------------------------------------------------------------------------------------

    def interviews(self) -> None:
        rng = self.rng
        table = self.table(Interview)
        count = 0
        for case in self.case_list:
            if case.enterprise_id is None or case.status in (Case.Status.NOT_FILED, Case.Status.VOIDED):
                continue
            if table.count and rng.random() > 0.06:  # one at least, then 6 % of cases
                continue
            count += 1
            notice = self.calendar.add(case.received_on, rng.randrange(5, 20))
            if notice > self.today:
                continue
            scheduled = self.calendar.add(notice, 3)
            values: dict[str, Any] = {
                "enterprise_id": case.enterprise_id,
                "case_id": case.id,
                "notice_number": f"柳东治欠约〔{notice.year}〕{count}号",
                "notice_date": notice,
                "legal_rep_name": person_name(rng),
                "scheduled_at": aware(scheduled, rng),
                "place": "柳东新区人社局三楼会议室",
                "matters": "拖欠农民工工资问题",
                "materials": "劳动合同、考勤记录、工资支付台账",
                "main_interviewer_id": rng.choice(self.handlers),
                "created_at": aware(notice, rng),
                "created_by_id": self.office_staff,
            }
            if scheduled < self.today:
                due = self.calendar.add(scheduled, 10)
                values |= {
                    "status": Interview.Status.HELD,
                    "held_at": values["scheduled_at"],
                    "attendees": values["legal_rep_name"],
                    "record_case_statement": "通报劳动者投诉情况。",
                    "record_answers": "承认拖欠，资金周转困难。",
                    "record_violations": "未按时足额支付劳动报酬。",
                    "record_rectification": "限期支付所欠工资并书面报告。",
                    "rectification_due": due,
                }
                if due < self.today - dt.timedelta(days=30):
                    if rng.random() < 0.93:
                        received = self.calendar.add(scheduled, rng.randrange(3, 12))
                        values |= {
                            "status": Interview.Status.RECTIFIED,
                            "report_received_on": received,
                            "report_summary": "已支付所欠工资。",
                        }
                    else:
                        values |= {
                            "status": Interview.Status.PENALISED,
                            "penalty_decision_number": f"柳东人社罚〔{due.year}〕{count}号",
                            "penalty_decided_on": self.calendar.add(due, 10),
                            "penalty_content": "罚款",
                        }
            table.add(**values)
