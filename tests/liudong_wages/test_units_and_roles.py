from django.contrib.auth.models import Group

from liudong_wages.models import MemberUnit
from liudong_wages.roles import Role

MEMBER_CODES = {"rsj", "bgs", "jfj", "czj", "shswj", "zzb", "gh", "gaj", "jsj", "gsj", "jczd"}


def test_the_eleven_member_units_and_two_bodies_are_seeded(db):
    members = MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER)
    assert set(members.values_list("code", flat=True)) == MEMBER_CODES
    assert MemberUnit.objects.get(kind=MemberUnit.Kind.APPROVER).name == "柳东新区管委会"
    assert MemberUnit.objects.get(kind=MemberUnit.Kind.RECIPIENT).name == "柳东新区党工委"


def test_the_office_sits_in_the_hr_bureau(db):
    assert MemberUnit.objects.get(is_office=True).code == "rsj"


def test_each_unit_carries_its_reporting_duty_from_the_plan(db):
    assert "每月10日前" in MemberUnit.objects.get(code="jsj").reporting_duty
    assert "新开工项目" in MemberUnit.objects.get(code="jsj").reporting_duty
    assert "预警信息" in MemberUnit.objects.get(code="gaj").reporting_duty
    assert "欠薪上访" in MemberUnit.objects.get(code="zzb").reporting_duty


def test_every_role_is_a_group(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_office_roles_see_all_units_and_liaisons_do_not(director, inspector, liaison, leader):
    for user in (director, inspector, leader):
        assert user.has_perm("liudong_wages.view_all_units")
    assert not liaison.has_perm("liudong_wages.view_all_units")


def test_personal_data_is_for_the_office_only(director, inspector, liaison, approver, leader):
    assert director.has_perm("liudong_wages.view_personal_data")
    assert inspector.has_perm("liudong_wages.view_personal_data")
    for user in (liaison, approver, leader):
        assert not user.has_perm("liudong_wages.view_personal_data")


def test_roles_combine(police):
    assert police.has_role(Role.POLICE)
    assert police.has_role(Role.LIAISON)
    assert not police.has_role(Role.DIRECTOR)
