"""A case is named on a form by its number (cases.lookup.CaseField), never picked from a <select> of every open
or non-voided case: at scale 10 that is 100,000 cases, and the forms that name one (a public report's
acceptance, a petition's or a warning's link, an interview's scheduling) must cost the same bytes and queries
at any number of cases. The box suggests the cases the user may see; the server resolves the number typed
among those alone, and says the same of a case outside the user's access as of a number that does not exist."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import services
from cases.forms import InterviewScheduleForm, LinkForm, PublicReportAcceptForm
from cases.lookup import CaseField
from cases.models import Case, Interview, Petition, PoliceReferral, PoliceWarning, PublicReport

from ..factories import CaseFactory, EnterpriseFactory
from .test_public_report import _cleaned

TODAY = dt.date(2026, 11, 18)
UNKNOWN = "LD2099-9999"


@pytest.fixture
def today(frozen):
    frozen(TODAY)
    return TODAY


@pytest.fixture
def intake(today, police, stability):
    """A public report, a petition and a police warning waiting for the office."""
    return {
        "report": services.public_report_submit(**{**_cleaned(), "ip_address": "10.0.0.1"}),
        "petition": Petition.objects.create(
            received_on=TODAY,
            petitioner_name="韦某",
            employer_name="某公司",
            summary="上访",
            created_by=stability,
        ),
        "warning": PoliceWarning.objects.create(
            reported_on=TODAY, employer_name="柳州市宏达建筑劳务有限公司", summary="预警", created_by=police
        ),
    }


def _many_cases(count: int) -> None:
    """`count` more cases of one employer, open, closed and voided in turn."""
    enterprise = EnterpriseFactory()
    statuses = [
        {"status": Case.Status.FILED},
        {"status": Case.Status.CLOSED, "closed_on": TODAY, "closure": Case.Closure.PAID},
        {"status": Case.Status.VOIDED, "void_reason": "重复登记"},
    ]
    Case.objects.bulk_create(
        [CaseFactory.build(enterprise=enterprise, **statuses[n % 3]) for n in range(count)]
    )


def _errors(response) -> str:
    """The text of the page's field errors."""
    return " ".join(
        re.findall(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</div>\s*</div>', response.text, re.S)
    )


def _referred(case: Case) -> Case:
    PoliceReferral.objects.create(case=case, referred_on=TODAY, evidence="工资表、询问笔录")
    return case


# The pages cost the same at any number of cases ---------------------------------------------------------------


def _pages(intake: dict, case: Case) -> list[str]:
    report, petition, warning = intake["report"], intake["petition"], intake["warning"]
    return [
        f"/cases/public-reports/{report.pk}/",
        f"/cases/public-reports/{report.pk}/accept/",
        f"/cases/petitions/{petition.pk}/",
        f"/cases/petitions/{petition.pk}/link/",
        f"/cases/warnings/{warning.pk}/",
        f"/cases/warnings/{warning.pk}/link/",
        "/cases/interviews/new/",
        f"/cases/interviews/new/?case={case.pk}",
    ]


def _measure(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(response.content), len(captured.captured_queries)


def test_the_case_form_pages_cost_the_same_bytes_and_queries_at_any_number_of_cases(
    client, inspector, intake
):
    case = CaseFactory()
    client.force_login(inspector)
    pages = _pages(intake, case)
    for url in pages:
        client.get(url)  # the session's and the menu's first reads
    small = {url: _measure(client, url) for url in pages}
    _many_cases(300)
    large = {url: _measure(client, url) for url in pages}
    for url in pages:
        size, queries = large[url]
        # The same page to the byte (the CSRF token is random but of fixed length) and the same queries:
        # session, user, device and permissions, the menu's unread count, the page's own object (the report,
        # petition or warning; the case an interview was asked for, with its enterprise; the interviewers).
        assert (size, queries) == small[url], url
        assert queries <= 12, url
    for url in pages:
        body = client.get(url).text
        box = re.search(r'<input type="text" name="(accept-)?case"[^>]*>', body)
        assert box is not None, url
        assert f'hx-get="/cases/search/?field={box.group(1) or ""}case' in box.group(0), url
        # No case is offered on the page.
        assert not re.search(r'<option[^>]*value="(T|LD)20', body), url
        assert Case.objects.order_by("-pk").first().number not in body, url


def test_the_box_says_what_to_type_and_its_suggestions_are_a_datalist(client, inspector, intake):
    client.force_login(inspector)
    page = client.get(f"/cases/petitions/{intake['petition'].pk}/").text
    box = re.search(r'<input type="text" name="case"[^>]*>', page).group(0)
    for attribute in (
        'id="id_case"',
        'list="id_case_options"',
        # Linking takes a closed case too (a petition about a case finished last month), never a voided one.
        'hx-get="/cases/search/?field=case&amp;all=1"',
        'hx-target="#id_case_options"',
        'autocomplete="off"',
        'placeholder="案件编号，如 LD2026-0001"',
        'aria-describedby="id_case_helptext"',
    ):
        assert attribute in box
    assert '<datalist id="id_case_options"></datalist>' in page
    assert "填写案件编号，或输入被投诉单位名称后从提示中选择；不填则据此新建案件。" in page
    report_page = client.get(f"/cases/public-reports/{intake['report'].pk}/").text
    box = re.search(r'<input type="text" name="accept-case"[^>]*>', report_page).group(0)
    # A report joins an open case only.
    assert 'hx-get="/cases/search/?field=accept-case"' in box and 'list="id_accept-case_options"' in box


# Resolving what was typed -------------------------------------------------------------------------------------


def test_a_public_report_joins_an_open_case_typed_by_its_number_in_any_case_and_spacing(
    client, inspector, intake
):
    case = CaseFactory(number="LD2026-0042")
    report = intake["report"]
    client.force_login(inspector)
    response = client.post(
        f"/cases/public-reports/{report.pk}/accept/", {"accept-case": " ld2026 -0042 ", "accept-reply": ""}
    )
    assert response.status_code == 302 and response.url == f"/cases/public-reports/{report.pk}/"
    report.refresh_from_db()
    assert (report.status, report.case) == (PublicReport.Status.ACCEPTED, case)
    assert Case.objects.count() == 1
    # Full-width characters, as a Chinese keyboard may type them, are the same number.
    form = LinkForm({"case": "ＬＤ２０２６－００４２"}, user=inspector)
    assert form.is_valid() and form.cleaned_data["case"] == case


def test_an_unknown_number_is_refused_in_chinese_and_nothing_is_saved(client, inspector, intake):
    CaseFactory()
    report, petition = intake["report"], intake["petition"]
    client.force_login(inspector)
    response = client.post(f"/cases/public-reports/{report.pk}/accept/", {"accept-case": UNKNOWN})
    assert response.status_code == 200
    assert f"没有编号为“{UNKNOWN}”的未办结案件，请核对。" in _errors(response)
    # What was typed stays in the box.
    assert f'value="{UNKNOWN}"' in response.text
    response = client.post(
        f"/cases/petitions/{petition.pk}/link/", {"case": UNKNOWN, "period_start": "2026-08-01"}
    )
    assert f"没有编号为“{UNKNOWN}”的案件，请核对。" in _errors(response)
    report.refresh_from_db()
    petition.refresh_from_db()
    assert (report.status, report.case, petition.case) == (PublicReport.Status.SUBMITTED, None, None)
    assert Case.objects.count() == 1


def test_a_closed_case_takes_a_petition_but_not_a_report_and_a_voided_one_takes_nothing(
    client, inspector, intake
):
    closed = CaseFactory(status=Case.Status.CLOSED, closed_on=TODAY, closure=Case.Closure.PAID)
    voided = CaseFactory(status=Case.Status.VOIDED, void_reason="重复登记")
    report, petition, warning = intake["report"], intake["petition"], intake["warning"]
    client.force_login(inspector)
    response = client.post(f"/cases/public-reports/{report.pk}/accept/", {"accept-case": closed.number})
    assert f"没有编号为“{closed.number}”的未办结案件，请核对。" in _errors(response)
    response = client.post(f"/cases/warnings/{warning.pk}/link/", {"case": voided.number})
    assert f"没有编号为“{voided.number}”的案件，请核对。" in _errors(response)
    response = client.post(f"/cases/petitions/{petition.pk}/link/", {"case": closed.number})
    assert response.status_code == 302 and response.url == closed.get_absolute_url()
    petition.refresh_from_db()
    warning.refresh_from_db()
    report.refresh_from_db()
    assert (petition.case, warning.case, report.case) == (closed, None, None)


def test_an_interview_asked_for_from_a_case_shows_the_case_and_keeps_it(client, inspector, today):
    case = CaseFactory(number="LD2026-0007", enterprise__name="柳州市恒建劳务有限公司")
    client.force_login(inspector)
    page = client.get(f"/cases/interviews/new/?case={case.pk}").text
    box = re.search(r'<input type="text" name="case"[^>]*>', page).group(0)
    assert 'value="LD2026-0007"' in box
    assert 'aria-describedby="id_case_helptext id_case_current"' in box
    assert "已选：LD2026-0007 柳州市恒建劳务有限公司（已登记待立案）" in page
    data = {
        "enterprise": case.enterprise.credit_code,
        "case": "LD2026-0007",
        "scheduled_at": "2026-11-20T09:30",
        "place": "柳东新区人社局三楼会议室",
        "matters": "拖欠工资",
        "materials": "工资支付台账",
        "main_interviewer": inspector.pk,
    }
    # Another field wrong: the case found comes back named under its box.
    response = client.post(f"/cases/interviews/new/?case={case.pk}", {**data, "matters": ""})
    assert (
        response.status_code == 200
        and "已选：LD2026-0007 柳州市恒建劳务有限公司（已登记待立案）" in response.text
    )
    response = client.post(f"/cases/interviews/new/?case={case.pk}", data)
    assert response.status_code == 302
    assert Interview.objects.get().case == case


# Only the cases the user may see ------------------------------------------------------------------------------


def test_a_case_outside_the_users_access_is_refused_with_the_words_of_an_unknown_number(
    police, other_liaison, inspector, today
):
    """The police liaison sees only the cases referred to the police, 经发局's liaison none: a form built for
    them finds nothing else, and says so exactly as of a number that does not exist."""
    hidden = CaseFactory()
    referred = _referred(CaseFactory())

    def error(user, number: str) -> list[str]:
        form = LinkForm({"case": number, "period_start": "2026-08-01"}, user=user)
        assert not form.is_valid()
        return form.errors["case"]

    for user in (police, other_liaison):
        assert error(user, hidden.number) == [f"没有编号为“{hidden.number}”的案件，请核对。"]
        assert error(user, UNKNOWN) == [f"没有编号为“{UNKNOWN}”的案件，请核对。"]
    assert error(other_liaison, referred.number) == [f"没有编号为“{referred.number}”的案件，请核对。"]
    form = LinkForm({"case": referred.number}, user=police)
    assert form.is_valid() and form.cleaned_data["case"] == referred
    form = InterviewScheduleForm({"case": hidden.number}, user=police)
    assert not form.is_valid() and form.errors["case"] == [f"没有编号为“{hidden.number}”的案件，请核对。"]
    # An id given as the form's start counts only for a case the user may see either.
    assert CaseField().row_of(hidden.pk) is None
    form = PublicReportAcceptForm(prefix="accept", initial={"case": hidden.pk}, user=police)
    assert hidden.number not in str(form["case"])
    assert hidden.number in str(
        PublicReportAcceptForm(prefix="accept", initial={"case": hidden.pk}, user=inspector)["case"]
    )
    # Every form with a case box is built for its user: none can be built without one.
    with pytest.raises(TypeError):
        LinkForm({"case": referred.number})


# The suggestions -----------------------------------------------------------------------------------------------


def _suggest(client, text: str, **extra) -> str:
    return client.get("/cases/search/", {"field": "case", "case": text, **extra}).text.strip()


def test_the_suggestions_find_cases_by_number_or_respondent_newest_first(client, inspector, today):
    older = CaseFactory(
        number="LD2026-0101", enterprise__name="柳州鑫达劳务有限公司", received_on=dt.date(2026, 9, 1)
    )
    newer = CaseFactory(number="LD2026-0102", enterprise=older.enterprise)
    unregistered = CaseFactory(number="LD2026-0103", enterprise=None, respondent_name="鑫达包工头覃某")
    CaseFactory(number="LD2026-0201", enterprise__name="柳州其他公司")
    client.force_login(inspector)
    assert _suggest(client, "鑫达") == (
        '<option value="LD2026-0103">LD2026-0103 鑫达包工头覃某（已登记待立案）</option>'
        '<option value="LD2026-0102">LD2026-0102 柳州鑫达劳务有限公司（已登记待立案）</option>'
        '<option value="LD2026-0101">LD2026-0101 柳州鑫达劳务有限公司（已登记待立案）</option>'
    )
    assert unregistered.number in _suggest(client, "覃某")
    # A part of the number, in any letter case and spacing.
    body = _suggest(client, "ld2026-01 0")
    assert body.count("<option") == 3 and "LD2026-0201" not in body
    assert _suggest(client, "0102") == (
        '<option value="LD2026-0102">LD2026-0102 柳州鑫达劳务有限公司（已登记待立案）</option>'
    )
    assert newer.number in _suggest(client, "鑫达劳务")
    # Latin letters without a digit are looked for in names too, in any letter case.
    latin = CaseFactory(number="LD2026-0104", enterprise__name="柳州ABC建筑有限公司")
    assert re.findall(r'value="([^"]+)"', _suggest(client, "abc")) == [latin.number]


def test_the_suggestions_offer_open_cases_unless_the_box_takes_closed_ones_and_never_voided_ones(
    client, inspector, today
):
    CaseFactory(number="LD2026-0301")
    CaseFactory(number="LD2026-0302", status=Case.Status.CLOSED, closed_on=TODAY, closure=Case.Closure.PAID)
    CaseFactory(number="LD2026-0303", status=Case.Status.VOIDED, void_reason="重复登记")
    client.force_login(inspector)
    assert re.findall(r'value="([^"]+)"', _suggest(client, "LD2026-03")) == ["LD2026-0301"]
    body = _suggest(client, "LD2026-03", all="1")
    assert re.findall(r'value="([^"]+)"', body) == ["LD2026-0302", "LD2026-0301"]
    assert "（已结案）" in body


def test_the_suggestions_offer_only_the_cases_the_user_may_see(
    client, police, other_liaison, inspector, today
):
    hidden = CaseFactory(number="LD2026-0401")
    referred = _referred(CaseFactory(number="LD2026-0402"))
    client.force_login(police)
    assert re.findall(r'value="([^"]+)"', _suggest(client, "LD2026-04")) == [referred.number]
    client.force_login(other_liaison)
    assert client.get("/cases/search/", {"field": "case", "case": "LD2026-04"}).status_code == 403
    client.force_login(inspector)
    assert re.findall(r'value="([^"]+)"', _suggest(client, "LD2026-04")) == [referred.number, hidden.number]
    client.logout()
    assert client.get("/cases/search/", {"field": "case", "case": "LD2026-04"}).status_code == 302


def test_the_suggestions_are_at_most_ten_one_query_at_any_number_of_cases(client, inspector, today):
    _many_cases(30)
    client.force_login(inspector)
    _suggest(client, "T2026")  # the session's first reads

    def measure() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            body = _suggest(client, "T2026", all="1")
        return body.count("<option"), len(captured.captured_queries)

    small = measure()
    _many_cases(300)
    assert measure() == small and small[0] == 10
    assert _suggest(client, "T") == ""
    # Only the box's own parameter is searched.
    assert client.get("/cases/search/", {"field": "a", "b": "T2026"}).text.strip() == ""
