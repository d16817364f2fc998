"""Identity numbers on a fund application's lines (issue 22): checked like everywhere, never a 500."""

from decimal import Decimal

import pytest

from funds.models import AdvanceApplication

from ..factories import CaseFactory

QIANTANG = "330114199003071236"  # a valid check character; python-stdnum 2.2 fails on its area code


def _post(client, case, id_number):
    return client.post(
        "/funds/applications/new/",
        {
            "case": case.pk,
            "ground": "arrears_or_flight",
            "ground_detail": "企业负责人失联",
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "0",
            "form-0-worker_name": "韦工",
            "form-0-id_number": id_number,
            "form-0-purpose": "wages",
            "form-0-amount": "4000.00",
        },
    )


def test_the_qiantang_number_on_a_fund_application_is_an_answer_not_a_500(client, office_staff):
    case = CaseFactory()
    client.force_login(office_staff)
    response = _post(client, case, QIANTANG)
    assert response.status_code == 302
    line = AdvanceApplication.objects.get().lines.get()
    assert (line.id_number, line.amount) == (QIANTANG, Decimal("4000.00"))


@pytest.mark.parametrize(
    ("value", "message"), [("450204199003071237", "校验位不正确"), ("45020419901307123X", "不是有效日期")]
)
def test_a_wrong_number_on_a_fund_line_is_a_form_error_and_nothing_is_saved(
    client, office_staff, value, message
):
    case = CaseFactory()
    client.force_login(office_staff)
    response = _post(client, case, value)
    assert response.status_code == 200 and message in response.text
    assert not AdvanceApplication.objects.exists()
