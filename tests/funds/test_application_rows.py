"""The applications list reads values, not AdvanceApplications (issue 21); `application_row` computes what the
list shows as the models do. This keeps the copy honest: each row equals the application's own properties."""

from decimal import Decimal

from funds import tables
from funds.models import AdvanceApplication
from funds.selectors import application_list_rows, application_row, application_row_labels

from ..factories import AdvanceApplicationFactory, CaseFactory, UserFactory


def test_each_row_reads_as_the_application_itself(db):
    nameless = UserFactory(full_name="", first_name="", last_name="", roles=["office"], unit__code="rsj")
    applications = [
        AdvanceApplicationFactory(),
        AdvanceApplicationFactory(
            case=CaseFactory(enterprise=None, respondent_name="某包工头"), created_by=nameless
        ),
        AdvanceApplicationFactory(created_by=None),
    ]
    AdvanceApplication.objects.filter(pk=applications[0].pk).update(
        status=AdvanceApplication.Status.PAID,
        approved_amount=Decimal("6000.00"),
        paid_amount=Decimal("6000.00"),
        recovered_amount=Decimal("1000.00"),
        written_off_amount=Decimal("500.50"),
    )
    listed = AdvanceApplication.objects.filter(pk__in=[a.pk for a in applications])
    labels = application_row_labels()
    rows = {row["pk"]: application_row(row, labels=labels) for row in application_list_rows(listed)}
    assert len(rows) == 3
    for application in listed.select_related("case__enterprise", "created_by"):
        row = rows[application.pk]
        assert row["get_absolute_url"] == application.get_absolute_url()
        assert row["case"] == {"number": application.case.number, "respondent": application.case.respondent}
        assert row["get_status_display"] == application.get_status_display()
        assert row["get_ground_display"] == application.get_ground_display()
        assert row["outstanding"] == application.outstanding
        assert (row["created_by"] or {}).get("display_name") == (
            application.created_by.display_name if application.created_by else None
        )
    html = tables.APPLICATIONS.body(rows[a.pk] for a in applications)
    assert '<td class="text-end">4,499.50</td>' in html  # 6,000 paid, 1,000 recovered, 500.50 written off
    assert '<td class="text-end">—</td>' in html  # not approved yet
    assert "某包工头" in html and nameless.username in html
