"""The quarterly bulletin: built from known data, its PDF and Excel annex agree; the job is idempotent; a
published bulletin is frozen until a new revision; publishing notifies every member unit; downloads count."""

import io
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from pypdf import PdfReader

from liudong_wages.models import MemberUnit, Notification
from liudong_wages.roles import Role
from reporting import tasks
from reporting.models import Bulletin, BulletinDownload
from reporting.periods import Period
from reporting.selectors.figures import period_figures
from reporting.services import bulletin as service

from ..factories import UserFactory
from .bulletin_data import NOW, TODAY, make_quarter_data


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _built(year=2026, quarter=3) -> Bulletin:
    bulletin = service.bulletin_for_quarter(year=year, quarter=quarter)
    return service.bulletin_build(bulletin_id=bulletin.pk, today=TODAY)


def test_the_bulletin_of_a_quarter_holds_its_title_units_and_totals(db, frozen):
    make_quarter_data()
    bulletin = _built()
    text = _text(bulletin.pdf_file.read())
    assert "劳动保障信息简报" in text and "2026年第3期" in text
    assert "柳东新区治理拖欠农民工工资工作领导小组办公室" in text and "2026年10月16日" in text
    for unit in MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER):
        assert unit.name in text
    assert "新受理欠薪案件2件，涉及劳动者15人，欠薪金额80,000.00元" in text
    assert "办结案件1件，为劳动者追回工资20,000.00元" in text
    assert "—1—" in text  # page numbers


def test_the_pdfs_tables_equal_the_excel_annex(db, frozen):
    make_quarter_data()
    bulletin = _built()
    text = _text(bulletin.pdf_file.read())
    workbook = load_workbook(io.BytesIO(bulletin.xlsx_file.read()), read_only=True)
    tables = service.bulletin_tables(period_figures(Period.quarter(2026, 3), today=TODAY, detail=True))
    assert len(workbook.sheetnames) == len(tables)
    for sheet_name, table in zip(workbook.sheetnames, tables, strict=True):
        rows = list(workbook[sheet_name].iter_rows(values_only=True))
        assert [str(h) for h in rows[0]] == [str(c.header) for c in table.columns]
        assert len(rows) - 1 == len(table.rows)
        for excel_row, table_row in zip(rows[1:], table.cells(), strict=True):
            for cell, (printed, _numeric), column in zip(excel_row, table_row, table.columns, strict=True):
                assert service.format_cell(column, cell) == printed or (cell is None and printed in ("", "—"))
                assert re.sub(r"\s+", "", printed) in text, (sheet_name, printed)


def test_a_quarter_without_data_still_builds_a_readable_bulletin(db, frozen):
    bulletin = _built(2020, 1)
    text = _text(bulletin.pdf_file.read())
    assert "2020年第1季度全区治理拖欠农民工工资工作情况" in text
    assert "本期无。" in text and "新受理欠薪案件0件" in text
    assert bulletin.build_status == Bulletin.BuildStatus.DONE and bulletin.build_progress == 100


def test_the_quarterly_job_run_twice_makes_one_draft(db, frozen):
    first = tasks.build_quarterly_bulletin("2026-10-05")
    built = Bulletin.objects.get(pk=first)
    second = tasks.build_quarterly_bulletin("2026-10-05")
    assert first == second and Bulletin.objects.count() == 1
    bulletin = Bulletin.objects.get()
    assert (bulletin.year, bulletin.quarter, bulletin.status) == (2026, 3, Bulletin.Status.DRAFT)
    assert bulletin.built_at == built.built_at  # not built again


def test_asking_twice_for_a_build_queues_one(db, director, django_capture_on_commit_callbacks):
    bulletin = service.bulletin_for_quarter(year=2026, quarter=3)
    with django_capture_on_commit_callbacks() as callbacks:
        assert service.bulletin_request_build(bulletin=bulletin, by=director)
        assert not service.bulletin_request_build(bulletin=bulletin, by=director)
    assert len(callbacks) == 1
    bulletin.refresh_from_db()
    assert bulletin.build_status == Bulletin.BuildStatus.QUEUED and bulletin.build_requested_by == director


def test_a_published_bulletin_cannot_change_without_a_new_revision(db, frozen, director):
    bulletin = service.bulletin_publish(bulletin=_built(), by=director)
    with pytest.raises(ValidationError):
        service.bulletin_update_texts(bulletin=bulletin, summary="改", next_quarter_work="", by=director)
    with pytest.raises(ValidationError):
        service.bulletin_request_build(bulletin=bulletin, by=director)
    assert service.bulletin_build(bulletin_id=bulletin.pk) is None
    bulletin.refresh_from_db()
    assert bulletin.summary == "" and bulletin.is_published

    revised = service.bulletin_revise(bulletin=bulletin, by=director, reason="更正第三节数字")
    assert (revised.status, revised.revision) == (Bulletin.Status.DRAFT, 2)
    service.bulletin_update_texts(bulletin=revised, summary="更正后", next_quarter_work="", by=director)
    with pytest.raises(ValidationError):  # the texts changed after the last build
        service.bulletin_publish(bulletin=revised, by=director)


def test_the_page_refuses_to_edit_a_published_bulletin(client, db, frozen, director):
    bulletin = service.bulletin_publish(bulletin=_built(), by=director)
    client.force_login(director)
    response = client.post("/reporting/bulletins/2026/3/texts/", {"summary": "改", "next_quarter_work": ""})
    assert response.status_code == 403
    bulletin.refresh_from_db()
    assert bulletin.summary == ""


def test_publishing_notifies_every_member_unit_and_records_first_downloads(client, db, frozen, director):
    units = list(MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER))
    liaisons = {u.code: UserFactory(roles=[Role.LIAISON], unit=u) for u in units}
    service.bulletin_publish(bulletin=_built(), by=director)
    notified = set(
        Notification.objects.filter(kind="bulletin").values_list("recipient__unit__code", flat=True)
    )
    assert notified == {u.code for u in units}

    client.force_login(liaisons["jsj"])
    assert client.get("/reporting/bulletins/2026q3.pdf").status_code == 200
    client.force_login(UserFactory(roles=[Role.LIAISON], unit=liaisons["jsj"].unit))
    assert client.get("/reporting/bulletins/2026q3.xlsx").status_code == 200
    client.force_login(liaisons["jfj"])
    assert client.get("/reporting/bulletins/2026q3.pdf").status_code == 200
    downloads = BulletinDownload.objects.order_by("unit__code")
    assert [(d.unit.code, d.user, d.file_format) for d in downloads] == [
        ("jfj", liaisons["jfj"], "pdf"),
        ("jsj", liaisons["jsj"], "pdf"),
    ]
    # Publishing again after a revision notifies again, once.
    bulletin = Bulletin.objects.get()
    revised = service.bulletin_revise(bulletin=bulletin, by=director, reason="更正")
    service.bulletin_build(bulletin_id=revised.pk, today=TODAY)
    service.bulletin_publish(bulletin=revised, by=director)
    again = Notification.objects.filter(key=f"bulletin:{bulletin.pk}:r2")
    assert {n.recipient.unit.code for n in again} == {u.code for u in units}
    assert again.count() == again.values("recipient").distinct().count()


def test_a_liaison_cannot_open_a_draft(client, db, frozen, liaison):
    _built()
    client.force_login(liaison)
    assert client.get("/reporting/bulletins/2026q3.pdf").status_code == 404
    assert client.get("/reporting/bulletins/2026/3/").status_code == 404


def test_the_build_command_writes_the_pdf(db, frozen, tmp_path):
    from django.core.management import call_command

    output = tmp_path / "out.pdf"
    call_command("build_bulletin", "2026", "3", "--output", str(output), stdout=io.StringIO())
    assert output.read_bytes().startswith(b"%PDF")


def _publish_button(html: str) -> str:
    """The publish button's tag ('' when the page offers none)."""
    match = re.search(r"<button[^>]*>发布并通知成员单位</button>", html)
    return match.group(0) if match else ""


def test_the_polled_status_enables_publishing_once_the_build_is_done(client, db, frozen, director):
    bulletin = service.bulletin_for_quarter(year=2026, quarter=3)
    client.force_login(director)
    assert "disabled" in _publish_button(client.get("/reporting/bulletins/2026/3/").text)

    # "Build" (htmx): the fragment comes back polling, both buttons disabled while the worker builds.
    started = client.post("/reporting/bulletins/2026/3/build/", HTTP_HX_REQUEST="true").text
    assert 'hx-get="/reporting/bulletins/2026/3/status/"' in started and 'hx-trigger="every 2s"' in started
    assert 'id="bulletin-status"' in started and "disabled" in _publish_button(started)
    polled = client.get("/reporting/bulletins/2026/3/status/", HTTP_HX_REQUEST="true").text
    assert "hx-trigger" in polled and "disabled" in _publish_button(polled)

    service.bulletin_build(bulletin_id=bulletin.pk, today=TODAY)  # the worker

    # The next poll swaps in the finished build: files, publish enabled, and no more polling.
    done = client.get("/reporting/bulletins/2026/3/status/", HTTP_HX_REQUEST="true").text
    assert "hx-trigger" not in done and "下载 PDF" in done
    assert _publish_button(done) and "disabled" not in _publish_button(done)
    assert 'action="/reporting/bulletins/2026/3/publish/"' in done


def test_the_status_offers_publishing_only_to_who_may_publish(client, db, frozen, inspector):
    _built()
    client.force_login(inspector)  # writes and builds drafts, does not publish
    done = client.get("/reporting/bulletins/2026/3/status/", HTTP_HX_REQUEST="true").text
    assert "下载 PDF" in done and "生成" in done
    assert _publish_button(done) == ""
