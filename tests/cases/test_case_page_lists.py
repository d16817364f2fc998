"""The case's page reads a list of the case (interviews, joint handlings, repayment agreements, attachments,
running document periods) only when the case has some (issue 21): the flags come with the case, and a
list with rows shows as before."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case, Interview, JointHandling, RepaymentAgreement
from cases.selectors import with_page_flags
from liudong_wages.services import attachment_add
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

LISTS = ("cases_interview", "cases_jointhandling", "cases_repaymentagreement", "liudong_wages_attachment")


def _page(client, case: Case) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries.captured_queries]


def _reads(statements: list[str], table: str) -> bool:
    """Whether a statement reads the table's rows (the case's own statement names it in its flags)."""
    return any(statement.startswith(f'SELECT "{table}".') for statement in statements)


def test_a_case_without_them_reads_none_of_the_lists(client, office_staff):
    case = CaseFactory()
    flags = with_page_flags(Case.objects.all()).get(pk=case.pk)
    assert not any(
        (flags.has_interviews, flags.has_joint_handlings, flags.has_agreements, flags.has_attachments)
    )
    assert not flags.has_document_periods
    client.force_login(office_staff)
    page, statements = _page(client, case)
    assert [table for table in LISTS if _reads(statements, table)] == []
    assert not _reads(statements, "cases_documentperiod")
    assert case.number in page


def test_a_case_with_them_shows_each_list(client, office_staff, inspector):
    case = CaseFactory()
    other = CaseFactory()  # another case's rows raise no flag of this one
    today = timezone.localdate()
    Interview.objects.create(
        enterprise=case.enterprise,
        case=case,
        notice_number="柳新治欠约〔2026〕7号",
        notice_date=today,
        legal_rep_name="韦某",
        scheduled_at=timezone.now() + dt.timedelta(days=3),
        place="新区人社局三楼会议室",
        matters="拖欠工资",
        main_interviewer=inspector,
        created_by=office_staff,
    )
    JointHandling.objects.create(case=case, reason="涉及 60 名工人，有聚集风险", created_by=office_staff)
    RepaymentAgreement.objects.create(case=case, signed_on=today)
    attachment_add(
        owner=case,
        file=SimpleUploadedFile("调解笔录.pdf", b"%PDF-1.4\n%%EOF\n"),
        by=office_staff,
        description="调解笔录",
    )
    flags = with_page_flags(Case.objects.all()).get(pk=case.pk)
    assert (
        flags.has_interviews and flags.has_joint_handlings and flags.has_agreements and flags.has_attachments
    )
    assert not any(
        getattr(with_page_flags(Case.objects.all()).get(pk=other.pk), name)
        for name in ("has_interviews", "has_joint_handlings", "has_agreements", "has_attachments")
    )
    client.force_login(office_staff)
    page, statements = _page(client, case)
    assert all(_reads(statements, table) for table in LISTS)
    assert "柳新治欠约〔2026〕7号" in page and "联合处置" in page and "调解笔录.pdf" in page
