"""Site inspections and project changes through the pages: happy path, no right (403), outsider (404),
bad input (nothing saved)."""

import base64
import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from enterprises.models import Project, SiteInspection
from liudong_wages.models import Attachment

from ..factories import ProjectFactory

# A 1×1 PNG: the upload check reads the content, not the name.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _inspection_post(project, inspector, **overrides):
    data = {
        "project": project.name,
        "inspected_on": "2026-07-01",
        "inspectors": [inspector.pk],
        "check_filing": "ok",
        "check_real_name": "ok",
        "check_wage_account": "ok",
        "check_notice_board": "problem",
        "check_deposit": "ok",
        "check_wage_payment": "ok",
        "findings": "告示牌缺少维权电话",
        "follow_up_due": "2026-07-10",
    }
    return {**data, **overrides}


def test_an_inspector_records_an_inspection_with_a_photo(client, inspector):
    project = ProjectFactory()
    client.force_login(inspector)
    photo = SimpleUploadedFile("现场.png", PNG)
    response = client.post(
        "/enterprises/inspections/new/", {**_inspection_post(project, inspector), "photos": photo}
    )
    inspection = SiteInspection.objects.get()
    assert response.status_code == 302 and response.url == f"/enterprises/inspections/{inspection.pk}/"
    assert inspection.finding_status == SiteInspection.FindingStatus.OPEN
    assert inspection.enterprise == project.general_contractor
    assert Attachment.objects.filter(object_id=str(inspection.pk), kind="png").count() == 1
    page = client.get(response.url).text
    assert "现场.png" in page and "登记整改完成" in page
    project.refresh_from_db()
    assert project.risk != "none"


def test_a_finding_without_a_due_date_shows_an_error_and_saves_nothing(client, inspector):
    project = ProjectFactory()
    client.force_login(inspector)
    response = client.post(
        "/enterprises/inspections/new/", _inspection_post(project, inspector, follow_up_due="")
    )
    assert response.status_code == 200 and "请填写整改期限" in response.text
    assert not SiteInspection.objects.exists()


def test_a_photo_that_is_not_an_image_is_refused(client, inspector):
    project = ProjectFactory()
    client.force_login(inspector)
    fake = SimpleUploadedFile("现场.png", b"MZ\x90\x00 not an image")
    response = client.post(
        "/enterprises/inspections/new/", {**_inspection_post(project, inspector), "photos": fake}
    )
    assert response.status_code == 200
    assert not SiteInspection.objects.exists()


def test_a_liaison_may_not_record_inspections_or_change_projects(client, liaison):
    project = ProjectFactory()
    client.force_login(liaison)
    assert client.get("/enterprises/inspections/new/").status_code == 403
    assert client.get(f"/enterprises/projects/{project.pk}/edit/").status_code == 403
    assert client.post(f"/enterprises/projects/{project.pk}/void/", {"reason": "x"}).status_code == 403
    assert client.get(f"/enterprises/projects/{project.pk}/deposit/pay/").status_code == 403
    project.refresh_from_db()
    assert project.status == Project.Status.ACTIVE


def test_an_outsider_gets_404_on_every_detail(client, outsider, inspector):
    project = ProjectFactory()
    inspection = SiteInspection.objects.create(project=project, enterprise=project.general_contractor)
    client.force_login(outsider)
    assert client.get(f"/enterprises/projects/{project.pk}/").status_code == 404
    assert client.get(f"/enterprises/inspections/{inspection.pk}/").status_code == 404
    assert client.get("/enterprises/projects/export.xlsx").status_code == 403


def test_the_office_resolves_a_finding(client, inspector):
    project = ProjectFactory()
    client.force_login(inspector)
    client.post("/enterprises/inspections/new/", _inspection_post(project, inspector))
    inspection = SiteInspection.objects.get()
    client.post(
        f"/enterprises/inspections/{inspection.pk}/resolve/",
        {"resolved_on": "2026-07-08", "resolution": "已补全维权电话"},
    )
    inspection.refresh_from_db()
    assert inspection.finding_status == SiteInspection.FindingStatus.RESOLVED
    assert inspection.resolved_on == dt.date(2026, 7, 8)


def test_the_deposit_form_records_a_payment(client, office_staff):
    project = ProjectFactory(approved_on=dt.date(2026, 6, 1))
    client.force_login(office_staff)
    response = client.post(
        f"/enterprises/projects/{project.pk}/deposit/pay/",
        {"amount": "0", "form": "cash", "paid_on": "2026-06-20"},
    )
    assert response.status_code == 200 and "缴存金额应大于零" in response.text
    client.post(
        f"/enterprises/projects/{project.pk}/deposit/pay/",
        {"amount": "100000.00", "form": "guarantee", "paid_on": "2026-06-20"},
    )
    project.refresh_from_db()
    assert project.deposit_form == "guarantee" and project.deposit_paid_on == dt.date(2026, 6, 20)
