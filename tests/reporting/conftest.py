import pytest

from liudong_wages.roles import Role

from ..factories import UserFactory


@pytest.fixture
def director_with_mail(db):
    return UserFactory(roles=[Role.DIRECTOR], unit__code="rsj")


@pytest.fixture
def liaisons(db):
    """A liaison in each unit with a monthly report."""
    from reporting import definitions

    return {
        d.unit_code: UserFactory(roles=[Role.LIAISON], unit__code=d.unit_code, username=f"lly_{d.unit_code}")
        for d in definitions.periodic()
    }
