"""Wage-payment monitoring (DESIGN.md section 11): every active project with its payday, contract, special
account and deposit, a real-name roster, two years of monthly wage sheets with their lines, and the
labour-cost transfers; a few projects late, underpaid or without a transfer, so that the daily check raises
exactly those warnings.

Its own random generator (the run's seed + 17), so the other subjects' rows stay what they were before this
module existed. At scale N: 200·N active projects (the active ones among the generated projects, topped up
with new ones), 20,000·N roster workers (one project with 500, for the project page's budget), a sheet per
month and project from its start or two years back, about 480,000·N lines.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from enterprises import rules
from enterprises.models import LabourCostTransfer, Payroll, PayrollLine, Project, ProjectWorker, WageAlert
from liudong_wages.money import ZERO

from .values import BANKS, BUILDINGS, PLACES, aware, id_number, money, person_name, phone

ACTIVE_PROJECTS = 200
WORKERS = 20_000
MONTHS = 24
BIG_ROSTER = 500
# The share of monitored projects given each gap the daily check must find.
LATE_SHEET, NO_TRANSFER, UNDERPAID, NO_ACCOUNT, NO_DEPOSIT = 0.03, 0.01, 0.02, 0.01, 0.01
TEAMS = ("钢筋班", "木工班", "泥水班", "架子班", "水电班", "油漆班", "杂工班")
TRADES = ("钢筋工", "木工", "泥瓦工", "架子工", "电工", "水暖工", "油漆工", "普工")
DAY_RATES = (180, 200, 220, 250, 280, 320)


def _month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = rules.next_month(month)
    return months


class MonitoringMixin:
    """Part of `Seeder`: `monitoring_projects` before `project_risks` (which writes the project rows),
    `monitoring` after it."""

    def monitoring_projects(self) -> None:
        rng = self.mrng = random.Random(self.seed + 17)
        today = self.today
        active = [pk for pk, v in self.projects_data.items() if v["status"] == Project.Status.ACTIVE]
        wanted = max(1, round(ACTIVE_PROJECTS * self.scale))
        table = self.table(Project)
        # Topped up with projects started two years and a bit ago, still under way.
        for n in range(max(0, wanted - len(active))):
            start = rules.add_months(today, -MONTHS) - dt.timedelta(days=rng.randrange(5, 90))
            approved = start - dt.timedelta(days=rng.randrange(10, 60))
            pk = table.next_id
            table.next_id += 1
            contractor = rng.choice(self.contractors)
            self.projects_data[pk] = {
                "name": f"柳东新区{rng.choice(PLACES)}片区{rng.choice(BUILDINGS)}工程（监控{n + 1:05d}）",
                "kind": rng.choice(Project.Kind.values),
                "location": f"柳东新区{rng.choice(PLACES)}片区",
                "permit_number": f"450211{approved:%Y%m%d}{n % 10000:04d}02",
                "status": Project.Status.ACTIVE,
                "void_reason": "",
                "management_invested": False,
                "responsible_person": "",
                "construction_unit_id": rng.choice(self.enterprise_ids),
                "general_contractor_id": contractor,
                "approving_unit": "柳东建设局",
                "approved_on": approved,
                "start_date": start,
                "planned_end_date": today + dt.timedelta(days=rng.randrange(90, 700)),
                "contract_value": money(rng, 5_000_000, 300_000_000),
                "worker_count": 0,
                "wage_supervisor": person_name(rng),
                "wage_supervisor_phone": phone(rng),
                "wage_account_number": f"{rng.randrange(10**18):019d}",
                "wage_account_bank": rng.choice(BANKS),
                "labour_filed": True,
                "real_name_management": True,
                "notice_board": True,
                "deposit_amount": None,
                "deposit_form": "",
                "deposit_paid_on": None,
                "deposit_checked_on": None,
                "created_at": aware(approved, rng),
                "created_by_id": self.office_staff,
            }
            self.project_contractor[pk] = contractor
            active.append(pk)
        self.monitored_projects = active
        # (project, reason) of each gap left on purpose: the warnings the daily check must raise, and no other.
        self.gaps: set[tuple[int, str]] = set()
        earliest = rules.add_months(today, -MONTHS) - dt.timedelta(days=5)
        for pk in active:
            values = self.projects_data[pk]
            if values["start_date"] > earliest:
                # Two years of sheets: a project under way for less is moved back (its cases do not depend
                # on its dates).
                back = values["start_date"] - earliest + dt.timedelta(days=rng.randrange(0, 60))
                values["start_date"] -= back
                if values["approved_on"]:
                    values["approved_on"] -= back
                    values["created_at"] -= back
            start, approved = values["start_date"], values["approved_on"] or values["start_date"]
            values["payday"] = rng.choice((5, 10, 10, 15, 15, 15, 20, 25))
            signed = min(approved, start) - dt.timedelta(days=rng.randrange(5, 40))
            values["contract_signed_on"] = signed
            if rng.random() < NO_ACCOUNT:
                values["wage_account_opened_on"] = None
                values["wage_account_number"] = ""
                self.gaps.add((pk, WageAlert.Reason.ACCOUNT_NOT_OPENED))
            else:
                values["wage_account_opened_on"] = signed + dt.timedelta(days=rng.randrange(3, 28))
                if not values["wage_account_number"]:
                    values["wage_account_number"] = f"{rng.randrange(10**18):019d}"
            exempt = rules.deposit_is_exempt(values["contract_value"], contractor_had_arrears=False)
            if exempt or rng.random() < NO_DEPOSIT:
                if not exempt:
                    self.gaps.add((pk, WageAlert.Reason.DEPOSIT_MISSING))
                values.update(
                    deposit_amount=None, deposit_form="", deposit_paid_on=None, deposit_checked_on=None
                )
            else:
                paid_on = self.calendar.add(approved, rng.randrange(3, 15))
                values.update(
                    deposit_amount=rules.deposit_required_amount(values["contract_value"]),
                    deposit_form=values["deposit_form"] or Project.DepositForm.values[0],
                    deposit_paid_on=paid_on,
                    # Checked within the last DEPOSIT_CHECK_MONTHS, so no check is due.
                    deposit_checked_on=max(paid_on, today - dt.timedelta(days=rng.randrange(1, 150))),
                )

    def monitoring(self) -> None:
        rng = self.mrng
        today, current = self.today, rules.month_start(self.today)
        workers, payrolls = self.table(ProjectWorker), self.table(Payroll)
        lines, transfers = self.table(PayrollLine), self.table(LabourCostTransfer)
        projects = self.monitored_projects
        # The roster sizes: 20,000·N in all, one project with BIG_ROSTER, the others around the mean.
        total = max(len(projects), round(WORKERS * self.scale))
        rest = max(len(projects) - 1, 1)
        mean = max(1, (total - BIG_ROSTER) // rest) if len(projects) > 1 else total
        self.big_roster_project = projects[0]
        for index, pk in enumerate(projects):
            values = self.projects_data[pk]
            size = min(BIG_ROSTER, total) if index == 0 else max(3, round(mean * rng.uniform(0.4, 1.6)))
            values["worker_count"] = size
            start = values["start_date"]
            payday = values["payday"]
            first = max(rules.month_start(start), rules.add_months(current, -MONTHS))
            # Sheets for the months whose payday has come; the latest of them is the one a gap is left in.
            months = [
                m
                for m in _month_range(first, rules.add_months(current, -1))
                if rules.payday_of(m, payday) <= today
            ]
            due = [m for m in months if today >= rules.warning_from(rules.payday_of(m, payday))]
            gap = due[-1] if due else None
            late = gap is not None and rng.random() < LATE_SHEET
            no_transfer = gap is not None and rng.random() < NO_TRANSFER
            underpaid = gap is not None and not late and rng.random() < UNDERPAID
            gaps = {WageAlert.Reason.SHEET_MISSING: late, WageAlert.Reason.TRANSFER_MISSING: no_transfer}
            contractor = self.project_contractor.get(pk) or values["general_contractor_id"]
            self.gaps |= {(pk, reason) for reason, chosen in gaps.items() if chosen}
            roster = self._roster(workers, pk, size, start, contractor, values["created_at"])
            for month in months:
                payday_on = rules.payday_of(month, payday)
                if not (late and month == gap):
                    short = self._sheet(
                        payrolls, lines, pk, month, payday_on, roster, underpaid and month == gap
                    )
                    if short:
                        self.gaps.add((pk, WageAlert.Reason.UNDERPAID))
                if not (no_transfer and month == gap):
                    transfers.add(
                        project_id=pk,
                        period=month,
                        transferred_on=payday_on - dt.timedelta(days=rng.randrange(3, 12)),
                        amount=money(rng, 200 * size, 600 * size),
                        bank_reference=f"RG{pk:06d}{month:%Y%m}",
                        payer="建设单位",
                        source=LabourCostTransfer.Source.STATEMENT,
                        created_at=aware(payday_on, rng),
                        created_by_id=self.office_staff,
                    )

    def _roster(
        self, table, pk, size, start, employer, created_at
    ) -> list[tuple[int, dt.date, dt.date | None]]:
        """The project's workers: (id, first month on the site, last month or None)."""
        rng = self.mrng
        taken: set[str] = set()
        roster = []
        span = max((self.today - start).days, 1)
        for _n in range(size):
            number = id_number(rng, born_from=1965, born_to=2002)
            while number in taken:
                number = id_number(rng, born_from=1965, born_to=2002)
            taken.add(number)
            started = start if rng.random() < 0.9 else start + dt.timedelta(days=rng.randrange(span))
            left = None
            if rng.random() < 0.05:
                stay = max((self.today - started).days, 1)
                left = started + dt.timedelta(days=rng.randrange(stay // 2, stay))
            signed = rng.random() < 0.9
            wid = table.add(
                project_id=pk,
                name=person_name(rng),
                id_number=number,
                phone=phone(rng),
                bank_card=f"6217{rng.randrange(10**15):015d}",
                bank_name=rng.choice(BANKS),
                employer_id=employer,
                team=rng.choice(TEAMS),
                trade=rng.choice(TRADES),
                contract_signed=signed,
                contract_signed_on=started if signed else None,
                started_on=started,
                left_on=left,
                created_at=created_at,
                created_by_id=self.office_staff,
            )
            roster.append(
                (
                    wid,
                    rules.month_start(started),
                    rules.month_start(left) if left else None,
                    rng.choice(DAY_RATES),
                )
            )
        return roster

    def _sheet(self, payrolls, lines, pk, month, payday_on, roster, underpaid: bool) -> int:
        """One sheet with its lines and their totals; how many workers it pays less than payable."""
        rng = self.mrng
        sheet_id = payrolls.next_id
        count, payable_sum, paid_sum, unpaid_workers = 0, ZERO, ZERO, 0
        paid_on = payday_on - dt.timedelta(days=rng.randrange(0, 4))
        for wid, first, last, rate in roster:
            if first > month or (last is not None and last < month):
                continue
            days = rng.randrange(12, 27)
            payable = Decimal(days * rate)
            paid, note = payable, ""
            if underpaid and rng.random() < 0.3:
                paid = (payable * Decimal("0.6")).quantize(Decimal("1"))
                unpaid_workers += 1
            elif rng.random() < 0.001:
                paid, note = payable + 200, "补发上月加班工资"
            lines.add(
                payroll_id=sheet_id,
                worker_id=wid,
                days_worked=days,
                payable=payable,
                paid=paid,
                paid_on=paid_on,
                bank_reference="",
                note=note,
            )
            count += 1
            payable_sum += payable
            paid_sum += paid
        submitted = aware(payday_on - dt.timedelta(days=rng.randrange(5, 12)), rng)
        payrolls.add(
            id=sheet_id,
            project_id=pk,
            month=month,
            status=Payroll.Status.PAID,
            source=Payroll.Source.TEMPLATE,
            submitted_at=submitted,
            checked_at=submitted + dt.timedelta(days=1),
            checked_by_id=self.office_staff,
            paid_on=paid_on,
            worker_count=count,
            total_payable=payable_sum,
            total_paid=paid_sum,
            total_outside=ZERO,
            unpaid_workers=unpaid_workers,
            created_at=submitted,
            created_by_id=self.office_staff,
        )
        return unpaid_workers
