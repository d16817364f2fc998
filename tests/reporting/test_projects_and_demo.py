"""Listed projects become registry projects in one step; the demo data; the navigation."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import time_machine

from enterprises.models import Project
from reporting import services
from reporting.models import Report, ReportProject

from ..factories import EnterpriseFactory, ReportFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _submitted_report(liaison):
    owner = EnterpriseFactory(name="柳东新区教育局", industry="other")
    contractor = EnterpriseFactory(name="广西建工集团")
    report = ReportFactory(unit=liaison.unit)
    report.body["items"][0].update(owner=owner.name, contractor=contractor.name, kind="市政工程")
    report.save()
    with time_machine.travel(dt.datetime(2026, 11, 9, 10, tzinfo=SHANGHAI), tick=False):
        services.report_submit(report=report, by=liaison)
    return report, owner, contractor


def test_the_office_turns_a_listed_project_into_a_project(client, liaison, office_staff):
    report, owner, contractor = _submitted_report(liaison)
    client.force_login(office_staff)
    assert "生成项目" in client.get(f"/reporting/reports/{report.pk}/").text
    response = client.post(f"/reporting/reports/{report.pk}/items/1/project/")
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    item = report.body["items"][0]
    assert project.name == item["name"]
    assert project.construction_unit == owner and project.general_contractor == contractor
    assert project.kind == Project.Kind.MUNICIPAL
    assert str(project.contract_value) == item["contract_amount"]
    assert project.start_date == dt.date.fromisoformat(item["started_on"])
    # Only once per item.
    client.post(f"/reporting/reports/{report.pk}/items/1/project/")
    assert Project.objects.count() == 1 and ReportProject.objects.count() == 1
    assert "已生成" in client.get(f"/reporting/reports/{report.pk}/").text


def test_an_unknown_enterprise_stops_the_project_with_a_reason(client, liaison, office_staff):
    report, owner, _contractor = _submitted_report(liaison)
    report.body["items"][1].update(owner=owner.name, contractor="不存在的公司")
    Report.objects.filter(pk=report.pk).update(body=report.body)
    client.force_login(office_staff)
    response = client.post(f"/reporting/reports/{report.pk}/items/2/project/", follow=True)
    assert "找不到唯一的“不存在的公司”" in response.text
    assert not Project.objects.exists()


def test_a_liaison_cannot_make_projects(client, liaison):
    report, _owner, _contractor = _submitted_report(liaison)
    client.force_login(liaison)
    assert client.post(f"/reporting/reports/{report.pk}/items/1/project/").status_code == 403
    assert not Project.objects.exists()


def test_seed_demo_creates_past_reports_once(db):
    from django.apps import apps

    from liudong_wages.demo import seed_users

    seed_users(password="Demo-password-2026")
    config = apps.get_app_config("reporting")
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, tzinfo=SHANGHAI), tick=False):
        config.seed_demo(io.StringIO())
        count = Report.objects.count()
        assert count > 10
        assert Report.objects.filter(status=Report.Status.RETURNED).exists()
        assert Report.objects.filter(unit__code="gh", period=dt.date(2026, 9, 1)).get().on_time is False
        config.seed_demo(io.StringIO())
    assert Report.objects.count() == count


def test_navigation_shows_reporting_to_liaisons_and_the_board_to_the_office(client, liaison, director):
    client.force_login(liaison)
    page = client.get("/").text
    assert "信息报送" in page and "报送看板" not in page
    client.force_login(director)
    page = client.get("/").text
    assert "信息报送" in page and "报送看板" in page
