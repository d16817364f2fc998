import pytest

from ..factories import EnterpriseFactory


@pytest.fixture
def enterprise(db):
    return EnterpriseFactory(name="柳州市宏达建筑劳务有限公司", legal_rep_name="韦建国")
