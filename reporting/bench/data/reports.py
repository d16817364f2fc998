"""Ten years of the member units' periodic reports, submitted on time, late or not at all."""

from __future__ import annotations

import datetime as dt

from ... import definitions
from ...definitions import add_months
from ...demo import sample_body
from ...models import Report, ReportEvent
from .values import aware


class ReportsMixin:
    """Part of `Seeder`."""

    def reports(self) -> None:
        rng = self.rng
        reports, events = self.table(Report), self.table(ReportEvent)
        taken = set(Report.objects.values_list("unit__code", "report_type", "period"))
        for definition in definitions.periodic():
            unit = self.units.get(definition.unit_code)
            if unit is None:
                continue
            liaison = self.liaisons.get(f"lly_{definition.unit_code}", self.office_staff)
            months = 3 if definition.cadence == definitions.Cadence.QUARTERLY else 1
            period = definition.period_start(self.first_day)
            body = None
            while True:
                period = add_months(period, months)
                if definition.deadline(period) >= self.today + dt.timedelta(days=20):
                    break
                if (unit.code, definition.code, period) in taken:
                    continue
                deadline = definition.deadline(period)
                roll = rng.random()
                if roll < 0.03 or (deadline >= self.today and roll < 0.5):
                    continue  # missing (or not yet due)
                late = roll < 0.12
                submitted = (
                    deadline + dt.timedelta(days=rng.randrange(1, 15))
                    if late
                    else (deadline - dt.timedelta(days=rng.randrange(0, 9)))
                )
                if submitted > self.today:
                    continue
                body = body if body is not None and rng.random() < 0.8 else sample_body(definition, period)
                submitted_at = aware(submitted, rng)
                values = {
                    "unit_id": unit.pk,
                    "report_type": definition.code,
                    "period": period,
                    "body": body,
                    "status": Report.Status.SUBMITTED,
                    "submitted_at": submitted_at,
                    "first_submitted_at": submitted_at,
                    "created_at": submitted_at,
                    "created_by_id": liaison,
                }
                pk = reports.next_id
                events.add(report_id=pk, kind=ReportEvent.Kind.CREATED, at=submitted_at, by_id=liaison)
                events.add(report_id=pk, kind=ReportEvent.Kind.SUBMITTED, at=submitted_at, by_id=liaison)
                reviewed = submitted + dt.timedelta(days=rng.randrange(1, 5))
                if reviewed < self.today:
                    reviewed_at = aware(reviewed, rng)
                    values |= {
                        "status": Report.Status.ACCEPTED,
                        "reviewed_at": reviewed_at,
                        "reviewed_by_id": self.office_staff,
                    }
                    events.add(
                        report_id=pk, kind=ReportEvent.Kind.ACCEPTED, at=reviewed_at, by_id=self.office_staff
                    )
                reports.add(id=pk, **values)
