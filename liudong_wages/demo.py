"""Demo people for a first run: one account per role, a liaison in each member unit."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from .models import MemberUnit, User
from .roles import Role


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    unit: str
    roles: tuple[Role, ...]
    position: str = ""
    superuser: bool = False


LIAISON_UNITS = ["bgs", "jfj", "czj", "shswj", "zzb", "gh", "gaj", "jsj", "gsj", "jczd"]
EXTRA_ROLES = {"gaj": (Role.POLICE,), "zzb": (Role.STABILITY,)}
SURNAMES = "王李张刘陈杨黄赵吴周"

DEMO_USERS = [
    DemoUser("admin", "系统管理员", "rsj", (), "系统管理员", superuser=True),
    DemoUser("zuzhang", "覃组长", "gwh", (Role.LEADER,), "领导小组组长"),
    DemoUser("fuzuzhang", "韦副组长", "rsj", (Role.LEADER,), "领导小组副组长"),
    DemoUser("zhuren", "张莉", "rsj", (Role.DIRECTOR,), "领导小组办公室主任"),
    DemoUser("bangong", "蒙秀", "rsj", (Role.OFFICE,), "办公室工作人员"),
    DemoUser("jiancha1", "黎明", "rsj", (Role.INSPECTOR,), "劳动监察大队监察员"),
    DemoUser("jiancha2", "廖强", "rsj", (Role.INSPECTOR,), "劳动监察大队监察员"),
    DemoUser("shenpi", "卢审批", "gwh", (Role.APPROVER,), "管委会分管领导"),
    DemoUser("chuna", "莫出纳", "czj", (Role.TREASURER,), "财政局出纳"),
    *[
        DemoUser(
            f"lly_{code}", f"{SURNAMES[i]}联络员", code, (Role.LIAISON, *EXTRA_ROLES.get(code, ())), "联络员"
        )
        for i, code in enumerate(LIAISON_UNITS)
    ],
]


@transaction.atomic
def seed_users(
    *, password: str | None = None, reset_passwords: bool = False
) -> list[tuple[DemoUser, str | None]]:
    """Create the demo users that do not exist yet. Returns each user with the password set now, or None
    when an existing user kept theirs. Running it again changes nothing unless `reset_passwords`."""
    units = {unit.code: unit for unit in MemberUnit.objects.all()}
    groups = {group.name: group for group in Group.objects.all()}
    result = []
    # One password for everyone (--password) is hashed once: each hash costs most of a second on purpose.
    shared = make_password(password) if password else None
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "full_name": demo.full_name,
                "unit": units[demo.unit],
                "position": demo.position,
                "email": f"{demo.username}@liudong.example",
                "is_staff": demo.superuser,
                "is_superuser": demo.superuser,
            },
        )
        user.groups.add(*(groups[role] for role in demo.roles))
        new_password = None
        if created or reset_passwords:
            new_password = password or secrets.token_urlsafe(9)
            user.password = shared or make_password(new_password)
            user.save(update_fields=["password"])
        if Role.LIAISON in demo.roles:
            unit = units[demo.unit]
            if not unit.contact_person:
                unit.contact_person = demo.full_name
                unit.contact_email = user.email
                unit.save(update_fields=["contact_person", "contact_email"])
        result.append((demo, new_password))
    return result
