"""Enterprises with their assessments, projects with their subcontractors, and each project's risk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cases.models import Case
from enterprises import rules as enterprise_rules
from enterprises.models import Assessment, AssessmentItem, Enterprise, Event, Project, Subcontractor

from .values import (
    BANKS,
    BRAND,
    BUILDINGS,
    FORMS,
    INDUSTRY_WEIGHTS,
    PARKS,
    PLACES,
    TRADE,
    aware,
    credit_code,
    id_number,
    money,
    person_name,
    phone,
    scaled,
)


class EnterprisesMixin:
    """Part of `Seeder`. `project_risks` runs after the cases, whose open ones raise a project's risk."""

    def enterprises(self) -> None:
        rng = self.rng
        table = self.table(Enterprise)
        events = self.table(Event)
        assessments, items = self.table(Assessment), self.table(AssessmentItem)
        taken = set(Enterprise.objects.values_list("credit_code", flat=True))
        industries = list(TRADE)
        self.enterprise_ids: list[int] = []
        self.enterprise_industry: dict[int, str] = {}
        self.enterprise_names: dict[int, str] = {}
        self.contractors: list[int] = []
        for _n in range(scaled("enterprises", self.scale)):
            code = credit_code(rng)
            while code in taken:
                code = credit_code(rng)
            taken.add(code)
            industry = rng.choices(industries, INDUSTRY_WEIGHTS)[0]
            name = f"柳州{''.join(rng.sample(BRAND, 2))}{rng.choice(TRADE[industry])}{rng.choice(FORMS)}"
            headcount = rng.randrange(5, 2000)
            created = self.day_between(self.first_day, self.today)
            closed = rng.random() < 0.04
            rated = rng.random() < 0.15
            values = {
                "name": name,
                "credit_code": code,
                "industry": industry,
                "legal_rep_name": person_name(rng),
                "legal_rep_id_number": id_number(rng, born_from=1955, born_to=1990),
                "legal_rep_phone": phone(rng),
                "address": f"柳州市柳东新区{rng.choice(PLACES)}路{rng.randrange(1, 300)}号",
                "industrial_park": rng.choice(PARKS),
                "headcount": headcount,
                "migrant_worker_count": rng.randrange(0, headcount + 1),
                "has_trade_union": rng.random() < 0.4,
                "has_collective_contract": rng.random() < 0.25,
                "created_at": aware(created, rng),
                "created_by_id": self.office_staff,
            }
            if closed:
                values |= {
                    "status": Enterprise.Status.CLOSED,
                    "closed_on": self.today,
                    "closed_reason": "注销登记",
                }
            pk = table.next_id
            if rated:
                rated_on = self.day_between(created, self.today)
                scores = [rng.randrange(5, 11) for _ in Assessment.Item]
                total = sum(scores)
                stars = enterprise_rules.star_rating_for(total)
                assessment = assessments.add(
                    enterprise_id=pk,
                    assessed_on=rated_on,
                    assessor_id=self.office_staff,
                    total_score=total,
                    star_rating=stars,
                    created_at=aware(rated_on, rng),
                    created_by_id=self.office_staff,
                )
                for item, score in zip(Assessment.Item.values, scores, strict=True):
                    items.add(assessment_id=assessment, item=item, score=score)
                events.add(
                    kind=Event.Kind.ASSESSMENT,
                    on=rated_on,
                    at=aware(rated_on, rng),
                    enterprise_id=pk,
                    assessment_id=assessment,
                    summary=f"{stars} 星",
                    by_id=self.office_staff,
                )
                # The latest assessment's rating is kept on the enterprise, as `assessment_create` does.
                values |= {"star_rating": stars, "rated_on": rated_on}
            table.add(id=pk, **values)
            events.add(
                kind=Event.Kind.ENTERPRISE_CREATED,
                on=created,
                at=aware(created, rng),
                enterprise_id=pk,
                summary=name,
                by_id=self.office_staff,
            )
            self.enterprise_ids.append(pk)
            self.enterprise_industry[pk] = industry
            self.enterprise_names[pk] = name
            if industry in (
                Enterprise.Industry.CONSTRUCTION,
                Enterprise.Industry.MUNICIPAL,
                Enterprise.Industry.TRANSPORT,
                Enterprise.Industry.WATER,
            ):
                self.contractors.append(pk)

    def projects(self) -> None:
        rng = self.rng
        table, subs, events = self.table(Project), self.table(Subcontractor), self.table(Event)
        self.projects_data: dict[int, dict[str, Any]] = {}
        self.project_contractor: dict[int, int] = {}
        kinds = list(Project.Kind.values)
        for n in range(scaled("projects", self.scale)):
            approved = self.day_between(self.first_day, self.today - dt.timedelta(days=20))
            start = approved + dt.timedelta(days=rng.randrange(0, 60))
            end = start + dt.timedelta(days=rng.randrange(180, 1100))
            status = Project.Status.COMPLETED if end < self.today else Project.Status.ACTIVE
            if rng.random() < 0.01:
                status = Project.Status.VOIDED
            value = money(rng, 800_000, 300_000_000)
            contractor = rng.choice(self.contractors)
            invested = rng.random() < 0.2
            exempt = enterprise_rules.deposit_is_exempt(value, contractor_had_arrears=False)
            required = enterprise_rules.deposit_required_amount(value)
            deposit_paid = not exempt and rng.random() < 0.9
            paid_on = self.calendar.add(approved, rng.randrange(3, 25)) if deposit_paid else None
            checked_on = None
            if deposit_paid:
                checked_on = min(self.today, paid_on + dt.timedelta(days=rng.randrange(30, 400)))
            values = {
                "name": f"柳东新区{rng.choice(PLACES)}片区{rng.choice(BUILDINGS)}"
                f"{rng.choice(('', '一期', '二期', '三期'))}工程（{n + 1:05d}）",
                "kind": rng.choice(kinds),
                "location": f"柳东新区{rng.choice(PLACES)}片区",
                "permit_number": f"450211{approved:%Y%m%d}{n % 10000:04d}01",
                "status": status,
                "void_reason": "重复登记" if status == Project.Status.VOIDED else "",
                "management_invested": invested,
                "responsible_person": person_name(rng) if invested or rng.random() < 0.5 else "",
                "construction_unit_id": rng.choice(self.enterprise_ids),
                "general_contractor_id": contractor,
                "approving_unit": "柳东建设局",
                "approved_on": approved,
                "start_date": start,
                "planned_end_date": end,
                "contract_value": value,
                "worker_count": rng.randrange(20, 800),
                "wage_supervisor": person_name(rng),
                "wage_supervisor_phone": phone(rng),
                "wage_account_number": f"{rng.randrange(10**18):019d}" if rng.random() < 0.9 else "",
                "wage_account_bank": rng.choice(BANKS),
                "labour_filed": rng.random() < 0.85,
                "real_name_management": rng.random() < 0.85,
                "notice_board": rng.random() < 0.9,
                "deposit_amount": required if deposit_paid else None,
                "deposit_form": rng.choice(Project.DepositForm.values) if deposit_paid else "",
                "deposit_paid_on": paid_on,
                "deposit_checked_on": checked_on,
                "created_at": aware(approved, rng),
                "created_by_id": self.office_staff,
            }
            pk = table.next_id
            self.projects_data[pk] = values
            self.project_contractor[pk] = contractor
            table.next_id += 1
            for role in rng.sample(Subcontractor.Role.values, rng.randrange(0, 3)):
                subs.add(
                    project_id=pk, enterprise_id=rng.choice(self.contractors), role=role, scope="劳务作业"
                )
            events.add(
                kind=Event.Kind.PROJECT_CREATED,
                on=approved,
                at=aware(approved, rng),
                project_id=pk,
                summary=values["name"],
                by_id=self.office_staff,
            )
        self.project_ids = list(self.projects_data)

    def project_risks(self) -> None:
        """Store each project's risk as `project_risk_refresh` would, from the facts generated here."""
        table = self.table(Project)
        open_cases: dict[int, int] = {}
        for case in self.case_list:
            if case.project_id and case.status not in Case.FINISHED_STATUSES:
                open_cases[case.project_id] = open_cases.get(case.project_id, 0) + 1
        for pk, values in self.projects_data.items():
            deposit = enterprise_rules.deposit_status(
                contract_value=values["contract_value"],
                contractor_had_arrears=False,
                rate=None,
                approved_on=values["approved_on"],
                amount_paid=values["deposit_amount"],
                paid_on=values["deposit_paid_on"],
                checked_on=values["deposit_checked_on"],
                returned_on=None,
                today=self.today,
            )
            facts = enterprise_rules.RiskFacts(
                active=values["status"] == Project.Status.ACTIVE,
                deposit=deposit,
                has_wage_account=bool(values["wage_account_number"]),
                labour_filed=values["labour_filed"],
                real_name_management=values["real_name_management"],
                notice_board=values["notice_board"],
                open_cases=open_cases.get(pk, 0),
                started=values["start_date"] <= self.today,
            )
            rating = enterprise_rules.project_risk(facts, today=self.today)
            table.add(
                id=pk,
                risk=rating.level,
                risk_rank=rating.rank,
                risk_reasons=[{"level": level, "reason": str(reason)} for level, reason in rating.reasons],
                risk_assessed_at=self.now,
                **values,
            )
