"""The case list reads values, not Cases (issue 21); `case_row` computes what the template reads as the model
does. This keeps the copy honest: each row equals the Case's own properties."""

from decimal import Decimal

from cases.models import Case
from cases.selectors import case_list_rows, case_row

from ..factories import CaseFactory, ProjectFactory


def test_each_row_reads_as_the_case_itself(inspector):
    inspector.full_name = ""
    inspector.save()
    cases = [
        CaseFactory(handler=inspector, project=ProjectFactory(), total_owed=Decimal("900.50")),
        CaseFactory(enterprise=None, respondent_name="某包工头", worker_count=40, status=Case.Status.CLOSED),
        CaseFactory(total_owed=Decimal("100.00"), total_paid=Decimal("120.00")),
    ]
    rows = {
        row["pk"]: case_row(row) for row in case_list_rows(Case.objects.filter(pk__in=[c.pk for c in cases]))
    }
    assert len(rows) == 3
    for case in Case.objects.filter(pk__in=rows).select_related("project", "handler", "enterprise"):
        row = rows[case.pk]
        assert row["respondent"] == case.respondent
        assert row["is_open"] == case.is_open
        assert row["total_outstanding"] == case.total_outstanding
        assert row["many_workers"] == case.many_workers
        assert row["get_status_display"] == case.get_status_display()
        assert row["get_absolute_url"] == case.get_absolute_url()
        assert (row["handler"] or {}).get("display_name") == (
            case.handler.display_name if case.handler else None
        )
        assert (row["project"] or {}).get("name") == (case.project.name if case.project else None)
