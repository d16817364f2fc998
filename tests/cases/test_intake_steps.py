"""What comes in (public reports, police warnings, petitions) is worked at one URL per step: accept or reject
a report, link a warning or a petition to a case, the police's feedback. The detail pages' forms post there,
and a refused step shows its form alone, with nothing saved."""

import datetime as dt

import pytest

from cases import services
from cases.models import Case, Petition, PoliceWarning, PublicReport

from ..factories import CaseFactory
from .test_public_report import _cleaned


@pytest.fixture
def warning(police):
    return PoliceWarning.objects.create(
        reported_on=dt.date(2026, 11, 2),
        employer_name="柳州市宏达建筑劳务有限公司",
        summary="预警",
        created_by=police,
    )


@pytest.fixture
def report(db):
    return services.public_report_submit(**{**_cleaned(), "ip_address": "10.0.0.1"})


def test_the_detail_pages_post_to_the_steps_urls_and_take_no_post_themselves(
    client, inspector, police, warning, report
):
    client.force_login(inspector)
    page = client.get(f"/cases/warnings/{warning.pk}/").content.decode()
    assert f'action="/cases/warnings/{warning.pk}/link/"' in page
    page = client.get(f"/cases/public-reports/{report.pk}/").content.decode()
    assert f'action="/cases/public-reports/{report.pk}/accept/"' in page
    assert f'action="/cases/public-reports/{report.pk}/reject/"' in page
    assert client.post(f"/cases/public-reports/{report.pk}/", {"accept": "1"}).status_code == 405
    client.force_login(police)
    page = client.get(f"/cases/warnings/{warning.pk}/").content.decode()
    assert f'action="/cases/warnings/{warning.pk}/feedback/"' in page
    assert client.post(f"/cases/warnings/{warning.pk}/", {"feedback": "已处置"}).status_code == 405


def test_a_warning_is_linked_to_a_new_case_at_its_link_url(client, inspector, warning):
    client.force_login(inspector)
    response = client.post(
        f"/cases/warnings/{warning.pk}/link/", {"period_start": "2026-08-01", "period_end": "2026-10-31"}
    )
    warning.refresh_from_db()
    assert warning.case is not None and warning.case.source == Case.Source.POLICE_WARNING
    assert response.status_code == 302 and response.url == warning.case.get_absolute_url()


def test_a_link_without_a_case_or_a_period_shows_the_form_alone(client, inspector, warning):
    client.force_login(inspector)
    response = client.post(f"/cases/warnings/{warning.pk}/link/", {"period_start": "2026-08-01"})
    assert response.status_code == 200 and response.templates[0].name == "step_form.html"
    assert response.context["form"].errors
    warning.refresh_from_db()
    assert warning.case is None and not Case.objects.exists()


def test_the_police_give_feedback_and_the_office_may_not(client, police, inspector, warning):
    client.force_login(inspector)
    assert client.post(f"/cases/warnings/{warning.pk}/feedback/", {"feedback": "已处置"}).status_code == 403
    client.force_login(police)
    assert client.get(f"/cases/warnings/{warning.pk}/feedback/").status_code == 200
    response = client.post(
        f"/cases/warnings/{warning.pk}/feedback/", {"feedback": "工人已疏散，企业承诺周五前支付"}
    )
    assert response.status_code == 302
    warning.refresh_from_db()
    assert warning.feedback == "工人已疏散，企业承诺周五前支付"


def test_a_petition_is_linked_to_an_existing_case(client, inspector, stability):
    petition = Petition.objects.create(
        received_on=dt.date(2026, 11, 2),
        petitioner_name="韦某",
        employer_name="某公司",
        summary="上访",
        created_by=stability,
    )
    case = CaseFactory()
    client.force_login(inspector)
    # The case is named by its number, as the system gave it (cases.lookup.CaseField).
    response = client.post(f"/cases/petitions/{petition.pk}/link/", {"case": case.number})
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    petition.refresh_from_db()
    assert petition.case == case


def test_a_rejection_without_a_reason_shows_the_form_alone_and_saves_nothing(client, inspector, report):
    client.force_login(inspector)
    response = client.post(f"/cases/public-reports/{report.pk}/reject/", {"reject-reason": " "})
    assert response.status_code == 200 and response.templates[0].name == "step_form.html"
    report.refresh_from_db()
    assert report.status == PublicReport.Status.SUBMITTED
    response = client.post(f"/cases/public-reports/{report.pk}/reject/", {"reject-reason": "不属于本区管辖"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == PublicReport.Status.REJECTED and report.reply == "不属于本区管辖"
