import datetime as dt

import pytest
import time_machine

from ..factories import EnterpriseFactory


@pytest.fixture
def enterprise(db):
    return EnterpriseFactory(name="柳州市宏达建筑劳务有限公司", legal_rep_name="韦建国")


@pytest.fixture
def frozen():
    """Freeze 'now' at a given Beijing date (10:00): frozen(dt.date(2026, 10, 9))."""
    travellers = []

    def freeze(day: dt.date):
        traveller = time_machine.travel(
            dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
            tick=False,
        )
        traveller.start()
        travellers.append(traveller)

    yield freeze
    for traveller in reversed(travellers):
        traveller.stop()
