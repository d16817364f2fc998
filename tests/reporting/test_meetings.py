"""Meetings and their minutes: circulated to the attending units, confirmed or overridden with a reason,
locked, issued to every member unit and filed with the Party working committee as a PDF."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from liudong_wages.models import MemberUnit, Notification
from liudong_wages.roles import Role
from reporting.models import AgreedItem, Meeting, MeetingEvent, Minutes, MinutesConfirmation
from reporting.services import meetings

from ..factories import MeetingFactory, UserFactory


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def meeting(db, unit, other_unit):
    return MeetingFactory(units=[unit, other_unit])


def _circulate(meeting, office):
    meetings.minutes_update(
        minutes=meeting.minutes,
        text="会议听取了本季度治理欠薪工作汇报。\n会议要求各单位压实责任。",
        items=[
            meetings.ItemInput(
                "柳东建设局排查在建项目农民工工资专用账户开设情况。", meeting.units.get(code="jsj")
            ),
            meetings.ItemInput("新区经发局报送新审批项目清单。", meeting.units.get(code="jfj")),
        ],
        by=office,
    )
    return meetings.minutes_circulate(minutes=meeting.minutes, by=office)


def _confirmation(meeting, unit) -> MinutesConfirmation:
    return MinutesConfirmation.objects.get(minutes=meeting.minutes, unit=unit)


def test_the_office_records_a_meeting_through_the_form(client, office_staff, leader, unit, other_unit):
    client.force_login(office_staff)
    response = client.post(
        "/reporting/meetings/new/",
        {
            "kind": "regular",
            "title": "2026年第四季度领导小组会议",
            "date": "2026-11-20",
            "place": "新区人社局三楼会议室",
            "convener": leader.pk,
            "units": [unit.pk, other_unit.pk],
            "agenda": "通报工作",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert set(meeting.units.values_list("code", flat=True)) == {"jsj", "jfj"}
    assert meeting.minutes.status == Minutes.Status.DRAFT
    assert meeting.events.get().kind == MeetingEvent.Kind.CREATED


def test_a_meeting_without_units_is_refused_and_nothing_is_saved(client, office_staff, leader):
    client.force_login(office_staff)
    response = client.post(
        "/reporting/meetings/new/",
        {
            "kind": "regular",
            "title": "会议",
            "date": "2026-11-20",
            "place": "会议室",
            "convener": leader.pk,
            "agenda": "通报",
        },
    )
    assert response.status_code == 200 and "参会单位" in response.content.decode()
    assert not Meeting.objects.exists()


def test_circulating_asks_each_attending_unit_and_notifies_its_people(
    meeting, office_staff, liaison, other_liaison, police
):
    _circulate(meeting, office_staff)
    assert {c.unit.code: c.status for c in meeting.minutes.confirmations.all()} == {
        "jsj": "pending",
        "jfj": "pending",
    }
    assert Notification.objects.filter(recipient=liaison, kind="minutes_circulated").count() == 1
    assert Notification.objects.filter(recipient=other_liaison, kind="minutes_circulated").count() == 1
    assert not Notification.objects.filter(recipient=police).exists()


def test_minutes_cannot_be_finalized_or_issued_before_every_unit_confirmed(
    meeting, office_staff, liaison, unit, other_unit
):
    _circulate(meeting, office_staff)
    with pytest.raises(ValidationError):
        meetings.minutes_issue(minutes=meeting.minutes, by=office_staff)
    meetings.minutes_confirm(confirmation=_confirmation(meeting, unit), by=liaison)
    with pytest.raises(ValidationError) as refused:
        meetings.minutes_finalize(minutes=meeting.minutes, by=office_staff)
    assert "经发局" in refused.value.messages[0]
    # A comment does not settle the unit either.
    meetings.minutes_comment(
        confirmation=_confirmation(meeting, other_unit), by=office_staff, comment="第二项时限请放宽"
    )
    with pytest.raises(ValidationError):
        meetings.minutes_finalize(minutes=meeting.minutes, by=office_staff)
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.status == Minutes.Status.CIRCULATED


def test_the_office_overrides_a_missing_confirmation_only_with_a_reason(
    meeting, office_staff, liaison, unit, other_unit
):
    _circulate(meeting, office_staff)
    meetings.minutes_confirm(confirmation=_confirmation(meeting, unit), by=liaison)
    with pytest.raises(ValidationError):
        meetings.minutes_override(
            confirmation=_confirmation(meeting, other_unit), by=office_staff, reason="  "
        )
    meetings.minutes_override(
        confirmation=_confirmation(meeting, other_unit),
        by=office_staff,
        reason="经发局会上已口头同意，逾期未答复",
    )
    meetings.minutes_finalize(minutes=meeting.minutes, by=office_staff)
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.status == Minutes.Status.FINAL
    overridden = _confirmation(meeting, other_unit)
    assert overridden.status == "overridden" and overridden.by == office_staff
    # Final minutes are locked.
    with pytest.raises(ValidationError):
        meetings.minutes_update(minutes=meeting.minutes, text="改", items=[], by=office_staff)


def test_changing_circulated_minutes_asks_every_unit_again(meeting, office_staff, liaison, unit):
    _circulate(meeting, office_staff)
    meetings.minutes_confirm(confirmation=_confirmation(meeting, unit), by=liaison)
    meetings.minutes_update(minutes=meeting.minutes, text="修改后的纪要。", items=[], by=office_staff)
    assert _confirmation(meeting, unit).status == "pending"
    assert Notification.objects.filter(recipient=liaison, kind="minutes_circulated").count() == 2


def test_issuing_notifies_every_member_unit_and_the_party_committee_and_prints_the_agreed_items(
    meeting, media, office_staff, liaison, other_liaison, police, unit, other_unit
):
    committee_clerk = UserFactory(roles=[], unit=MemberUnit.objects.get(code="dgw"))
    _circulate(meeting, office_staff)
    meetings.minutes_confirm(confirmation=_confirmation(meeting, unit), by=liaison)
    meetings.minutes_confirm(confirmation=_confirmation(meeting, other_unit), by=other_liaison)
    meetings.minutes_finalize(minutes=meeting.minutes, by=office_staff)
    minutes = meetings.minutes_issue(minutes=meeting.minutes, by=office_staff)

    assert minutes.status == Minutes.Status.ISSUED and minutes.number.startswith("柳新治欠纪〔")
    issued_to = set(
        Notification.objects.filter(kind="minutes_issued").values_list("recipient__unit__code", flat=True)
    )
    # 公安分局 did not attend, yet every member unit receives issued minutes; so does the Party committee.
    assert {"jsj", "jfj", "gaj", "dgw"} <= issued_to
    assert "gwh" not in issued_to
    assert Notification.objects.filter(recipient=committee_clerk, kind="minutes_issued").exists()
    assert "党工委" in meeting.events.get(kind=MeetingEvent.Kind.ISSUED).note

    stored = meetings.issued_pdf(meeting)
    with stored.file.open("rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    assert "柳东建设局排查在建项目农民工工资专用账户开设情况" in text.replace(" ", "").replace("\n", "")
    assert "新区经发局报送新审批项目清单" in text.replace(" ", "").replace("\n", "")
    with pytest.raises(ValidationError):
        meetings.minutes_issue(minutes=minutes, by=office_staff)


def test_a_liaison_confirms_through_the_page_for_their_own_unit_only(
    client, meeting, office_staff, liaison, unit, other_unit
):
    _circulate(meeting, office_staff)
    client.force_login(liaison)
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200 and "my-confirmation" in page.content.decode()
    mine, theirs = _confirmation(meeting, unit), _confirmation(meeting, other_unit)
    assert f'action="/reporting/confirmations/{mine.pk}/confirm/"' in page.content.decode()
    assert f'action="/reporting/confirmations/{mine.pk}/comment/"' in page.content.decode()
    assert client.post(f"/reporting/confirmations/{theirs.pk}/confirm/").status_code == 404
    assert client.post(f"/reporting/confirmations/{theirs.pk}/comment/", {"comment": "x"}).status_code == 404
    response = client.post(f"/reporting/confirmations/{mine.pk}/confirm/")
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == "confirmed" and mine.by == liaison
    assert theirs.status == "pending"


def test_a_comment_without_text_is_refused_on_its_own_page(client, meeting, office_staff, liaison, unit):
    _circulate(meeting, office_staff)
    client.force_login(liaison)
    url = f"/reporting/confirmations/{_confirmation(meeting, unit).pk}/comment/"
    response = client.post(url, {"comment": " "})
    assert response.status_code == 200 and response.templates[0].name == "step_form.html"
    assert response.context["form"].errors["comment"] == ["请填写意见。"]
    assert _confirmation(meeting, unit).status == "pending"
    response = client.post(url, {"comment": "第二项请改由经发局牵头"})
    assert response.status_code == 302
    confirmation = _confirmation(meeting, unit)
    assert confirmation.status == "commented" and confirmation.comment == "第二项请改由经发局牵头"


def test_liaisons_see_meetings_their_unit_attends_and_issued_minutes(
    client, media, meeting, office_staff, liaison, police, unit, other_unit, other_liaison
):
    client.force_login(police)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    _circulate(meeting, office_staff)
    meetings.minutes_confirm(confirmation=_confirmation(meeting, unit), by=liaison)
    meetings.minutes_confirm(confirmation=_confirmation(meeting, other_unit), by=other_liaison)
    meetings.minutes_finalize(minutes=meeting.minutes, by=office_staff)
    meetings.minutes_issue(minutes=meeting.minutes, by=office_staff)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert meeting.title in client.get("/reporting/meetings/").content.decode()
    pdf = client.get(f"/reporting/meetings/{meeting.pk}/minutes.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_office_walks_the_minutes_through_the_pages(
    client, media, meeting, office_staff, liaison, unit, other_unit
):
    client.force_login(office_staff)
    response = client.post(
        f"/reporting/meetings/{meeting.pk}/minutes/",
        {
            "number": "",
            "text": "会议纪要正文。",
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "0",
            "items-0-text": "建设局排查专用账户。",
            "items-0-unit": unit.pk,
            "items-0-due_on": "2026-12-31",
            "items-1-text": "",
        },
    )
    assert response.status_code == 302
    assert list(AgreedItem.objects.values_list("text", flat=True)) == ["建设局排查专用账户。"]
    client.post(f"/reporting/meetings/{meeting.pk}/minutes/circulate/")
    client.post(f"/reporting/meetings/{meeting.pk}/minutes/finalize/")
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.status == Minutes.Status.CIRCULATED  # units have not answered
    for confirmation in meeting.minutes.confirmations.all():
        client.post(f"/reporting/confirmations/{confirmation.pk}/override/", {"reason": "会上已当场同意"})
    client.post(f"/reporting/meetings/{meeting.pk}/minutes/finalize/")
    client.post(f"/reporting/meetings/{meeting.pk}/minutes/issue/")
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.status == Minutes.Status.ISSUED
    assert client.get(f"/reporting/meetings/{meeting.pk}/minutes.pdf").content.startswith(b"%PDF")


def test_a_liaison_cannot_manage_minutes(client, meeting, liaison):
    client.force_login(liaison)
    assert client.get(f"/reporting/meetings/{meeting.pk}/minutes/").status_code == 403
    assert client.post(f"/reporting/meetings/{meeting.pk}/minutes/circulate/").status_code == 403
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.status == Minutes.Status.DRAFT


def test_a_special_meeting_may_name_its_major_case(db, office_staff, leader, unit):
    from ..factories import CaseFactory

    case = CaseFactory()
    with pytest.raises(ValidationError):
        meetings.meeting_create(
            kind=Meeting.Kind.REGULAR,
            title="例会",
            date=case.received_on,
            place="会议室",
            convener=leader,
            units=[unit],
            agenda="研究",
            by=office_staff,
            case=case,
        )
    meeting = meetings.meeting_create(
        kind=Meeting.Kind.SPECIAL,
        title="专题会议",
        date=case.received_on,
        place="会议室",
        convener=leader,
        units=[unit],
        agenda="研究处置方案",
        by=office_staff,
        case=case,
    )
    assert meeting.case == case and Role.LEADER in leader.roles


def test_navigation_shows_meetings_and_tasks_to_liaisons_and_the_assessment_to_the_office(
    client, liaison, director
):
    client.force_login(liaison)
    page = client.get("/").content.decode()
    assert "会议纪要" in page and "督办事项" in page and "年度考核" not in page
    client.force_login(director)
    page = client.get("/").content.decode()
    assert "会议纪要" in page and "督办事项" in page and "年度考核" in page
