import datetime as dt

from django.db.models import CharField
from django.utils import timezone

from liudong_wages import privacy
from liudong_wages.audit import models_with_history
from liudong_wages.models import PersonalDataAccess
from liudong_wages.services import unit_update_contact

from ..factories import EnterpriseFactory, valid_id_number


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


# The change history shows personal data as the record's own page does (issue 16, finding 3).


def _enterprise_with_a_changed_representative():
    enterprise = EnterpriseFactory(legal_rep_id_number=valid_id_number(1), legal_rep_phone="13877200001")
    enterprise.legal_rep_id_number = valid_id_number(2)
    enterprise.legal_rep_phone = "13977209999"
    enterprise.save()
    return enterprise


def _history(client, enterprise, **params):
    response = client.get(f"/history/enterprises/enterprise/{enterprise.pk}/", params)
    assert response.status_code == 200
    return response.text


def test_the_history_masks_id_numbers_and_phones_for_a_role_that_may_not_see_them(client, leader):
    enterprise = _enterprise_with_a_changed_representative()
    client.force_login(leader)
    for text in (_history(client, enterprise), _history(client, enterprise, full="1")):
        for value in (valid_id_number(1), valid_id_number(2), "13877200001", "13977209999"):
            assert value not in text
        assert privacy.mask_id_number(valid_id_number(2)) in text
        assert privacy.mask_phone("13977209999") in text
        assert "显示完整信息（将记录）" not in text
    assert not PersonalDataAccess.objects.exists()


def test_the_history_shows_them_in_full_only_on_request_to_a_role_that_may_and_logs_it(client, inspector):
    enterprise = _enterprise_with_a_changed_representative()
    client.force_login(inspector)
    masked = _history(client, enterprise)
    assert valid_id_number(1) not in masked and privacy.mask_id_number(valid_id_number(1)) in masked
    assert "显示完整信息（将记录）" in masked
    assert not PersonalDataAccess.objects.exists()

    full = _history(client, enterprise, full="1")
    assert valid_id_number(1) in full and valid_id_number(2) in full and "13977209999" in full
    log = PersonalDataAccess.objects.get()
    assert (log.user, log.action, log.object_ref) == (inspector, "view", str(enterprise.pk))
    assert "变更记录" in log.what


def test_a_history_without_personal_changes_logs_nothing(client, inspector, liaison, unit):
    for phone in ("0772-1234567", "0772-7654321"):
        unit_update_contact(
            unit=unit, by=liaison, contact_person="覃某", contact_phone=phone, contact_email=""
        )
    client.force_login(inspector)
    response = client.get(f"/history/liudong_wages/memberunit/{unit.pk}/", {"full": "1"})
    # A unit's office telephone is public in the unit directory: its history shows it as that page does.
    assert "0772-1234567 → 0772-7654321" in response.text
    assert not PersonalDataAccess.objects.exists()


# Words in a field's label that say it holds personal data; every such field of a model with a history
# must be masked by privacy.personal_fields (the naming rule or the model's own declaration).
_PERSONAL_LABELS = ("身份证", "电话", "手机", "账号", "账户", "银行卡")


def test_every_personal_field_of_every_model_with_a_history_is_declared():
    missed = []
    for label, model in models_with_history().items():
        declared = privacy.personal_fields(model)
        for field in model._meta.concrete_fields:
            if not isinstance(field, CharField) or field.choices:
                continue  # a date, an amount, a yes/no check is not the data itself
            labelled = any(word in str(field.verbose_name) for word in _PERSONAL_LABELS)
            if labelled and field.name not in declared and field.name not in privacy.public_fields(model):
                missed.append(f"{label}.{field.name}")
    assert not missed, f"personal fields not masked in the change history: {missed}"


def test_odd_values_of_full_on_the_history_show_it_masked(client, inspector):
    enterprise = _enterprise_with_a_changed_representative()
    client.force_login(inspector)
    for value in ("²", "\x00", "1' or 1=1", "", "true"):
        text = _history(client, enterprise, full=value)
        assert valid_id_number(2) not in text
    assert not PersonalDataAccess.objects.exists()
