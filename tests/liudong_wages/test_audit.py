import datetime as dt

from django.utils import timezone

from liudong_wages import privacy
from liudong_wages.services import unit_update_contact


def test_the_office_finds_who_saw_personal_data(client, director, inspector, liaison):
    privacy.log_access(user=inspector, action="view", what="案件 LD2026-0007 工人名单", object_ref="7")
    privacy.log_access(user=inspector, action="export", what="案件列表", rows=120)
    privacy.log_access(user=director, action="view", what="企业 柳州某建筑公司")
    client.force_login(director)

    response = client.get("/audit/", {"tab": "access", "person": inspector.username})
    assert response.status_code == 200
    assert "LD2026-0007" in response.text
    assert "案件列表" in response.text
    assert "柳州某建筑公司" not in response.text

    exports = client.get("/audit/", {"tab": "access", "action": "export"})
    assert "案件列表" in exports.text and "LD2026-0007" not in exports.text


def test_a_date_range_narrows_the_log(client, director, inspector):
    old = privacy.log_access(user=inspector, action="view", what="旧记录")
    old.at = timezone.now() - dt.timedelta(days=40)
    old.save()
    privacy.log_access(user=inspector, action="view", what="新记录")
    client.force_login(director)
    start = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    response = client.get("/audit/", {"tab": "access", "start": start})
    assert "新记录" in response.text and "旧记录" not in response.text


def test_the_office_reads_the_change_history_of_a_kind_of_record(client, office_staff, liaison, unit):
    unit_update_contact(unit=unit, by=liaison, contact_person="覃某", contact_phone="", contact_email="")
    client.force_login(office_staff)
    response = client.get("/audit/", {"tab": "changes", "model": "liudong_wages.memberunit"})
    assert response.status_code == 200
    assert liaison.display_name in response.text
    assert unit.name in response.text


def test_only_the_office_may_audit(client, liaison, inspector, leader):
    for user in (liaison, inspector, leader):
        client.force_login(user)
        assert client.get("/audit/").status_code == 403
