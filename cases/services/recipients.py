"""Who is told what: the people behind each role that the case steps notify."""

from __future__ import annotations

from django.db.models import QuerySet

from liudong_wages.models import User
from liudong_wages.roles import Role


def users_with_roles(*roles: Role) -> QuerySet[User]:
    return User.objects.filter(is_active=True, groups__name__in=[str(r) for r in roles]).distinct()


def office_users() -> QuerySet[User]:
    """The office director, office staff and inspectors: whoever handles cases day to day."""
    return users_with_roles(Role.DIRECTOR, Role.OFFICE, Role.INSPECTOR)


def police_users() -> QuerySet[User]:
    return users_with_roles(Role.POLICE)
