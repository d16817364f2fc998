"""The dishonest-employer list end to end (人社部令第45号), including early removal and expiry."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.formats import date_format

from enterprises.models import DishonestListing, Event, RestrictionMeasure
from enterprises.services import (
    listing_decide,
    listing_notify,
    listing_propose,
    listing_record_objection,
    listing_remove_early,
    listing_withdraw,
    listings_expire_due,
    measure_record,
)
from liudong_wages.models import MemberUnit, Notification
from liudong_wages.roles import Role

from ..factories import DishonestListingFactory, EnterpriseFactory, UserFactory


@pytest.fixture
def enterprise(db):
    return EnterpriseFactory(name="柳州恒达建筑工程有限公司")


def _propose(enterprise, by):
    return listing_propose(
        enterprise=enterprise,
        by=by,
        grounds=DishonestListing.Grounds.CRIMINAL_THRESHOLD,
        facts="拖欠 35 名农民工工资 42 万元，责令支付后逾期未付。",
        payment_order_number="柳东人社监令〔2026〕12号",
        payment_order_date=dt.date(2026, 2, 2),
        responsible_persons="韦建国（法定代表人）",
    )


def test_the_whole_procedure_from_proposal_to_early_removal(office_staff, enterprise):
    jfj_liaison = UserFactory(roles=[Role.LIAISON], unit__code="jfj")
    listing = _propose(enterprise, office_staff)
    with pytest.raises(ValidationError):  # no decision before the notice
        listing_decide(
            listing=listing, by=office_staff, decided_on=dt.date(2026, 3, 20), decision_number="决1"
        )

    # Notice served on Monday 2 March 2026: five working days to object, to Monday 9 March.
    listing_notify(
        listing=listing,
        by=office_staff,
        notice_number="柳东人社失告〔2026〕3号",
        notified_on=dt.date(2026, 3, 2),
    )
    assert listing.objection_deadline == dt.date(2026, 3, 9)
    listing_record_objection(
        listing=listing, by=office_staff, received_on=dt.date(2026, 3, 6), objection="已支付部分工资"
    )
    with pytest.raises(ValidationError):  # still inside the objection period
        listing_decide(
            listing=listing, by=office_staff, decided_on=dt.date(2026, 3, 9), decision_number="决1"
        )
    with pytest.raises(ValidationError):  # the objection has no reply yet
        listing_decide(
            listing=listing, by=office_staff, decided_on=dt.date(2026, 3, 10), decision_number="决1"
        )
    listing_record_objection(
        listing=listing,
        by=office_staff,
        received_on=dt.date(2026, 3, 6),
        objection="已支付部分工资",
        reply="经复核，尚欠 38 万元，异议不成立。",
    )
    listing_decide(
        listing=listing,
        by=office_staff,
        decided_on=dt.date(2026, 3, 10),
        decision_number="柳东人社失决〔2026〕3号",
    )
    listing.refresh_from_db()
    assert listing.status == DishonestListing.Status.LISTED
    assert listing.listed_until == dt.date(2029, 3, 9)  # three years

    # Each unit with a restriction duty is asked, and told.
    measures = RestrictionMeasure.objects.filter(listing=listing)
    assert sorted(measures.values_list("unit__code", flat=True)) == ["czj", "gh", "jfj", "jsj", "shswj"]
    assert Notification.objects.filter(recipient=jfj_liaison, kind="dishonest_listing").count() == 1
    jfj = measures.get(unit__code="jfj")
    measure_record(measure=jfj, by=jfj_liaison, measures="限制新投资项目审批", taken_on=dt.date(2026, 3, 20))
    pending = set(measures.filter(status="pending").values_list("unit__code", flat=True))
    assert pending == {"czj", "gh", "jsj", "shswj"}

    # Paid on 1 April: early removal is possible six months later, with a written commitment.
    with pytest.raises(ValidationError) as error:
        listing_remove_early(
            listing=listing,
            by=office_staff,
            arrears_paid_on=dt.date(2026, 4, 1),
            commitment_received_on=dt.date(2026, 9, 1),
            removed_on=dt.date(2026, 9, 30),
            removal_number="移1",
        )
    assert date_format(dt.date(2026, 10, 1)) in str(error.value)
    listing_remove_early(
        listing=listing,
        by=office_staff,
        arrears_paid_on=dt.date(2026, 4, 1),
        commitment_received_on=dt.date(2026, 9, 1),
        removed_on=dt.date(2026, 10, 1),
        removal_number="柳东人社失移〔2026〕1号",
    )
    listing.refresh_from_db()
    assert listing.status == DishonestListing.Status.REMOVED
    kinds = list(listing.events.order_by("pk").values_list("kind", flat=True))
    assert kinds == [
        Event.Kind.LISTING_PROPOSED,
        Event.Kind.LISTING_NOTIFIED,
        Event.Kind.LISTING_OBJECTION,
        Event.Kind.LISTING_OBJECTION,
        Event.Kind.LISTING_DECIDED,
        Event.Kind.MEASURE_RECORDED,
        Event.Kind.LISTING_REMOVED,
    ]
    with pytest.raises(ValidationError):  # a removed listing takes no measures
        measure_record(
            measure=measures.get(unit__code="gh"),
            by=office_staff,
            measures="x",
            taken_on=dt.date(2026, 10, 2),
        )


def test_an_objection_after_the_deadline_is_refused(office_staff, enterprise):
    listing = _propose(enterprise, office_staff)
    listing_notify(listing=listing, by=office_staff, notice_number="告1", notified_on=dt.date(2026, 3, 2))
    with pytest.raises(ValidationError):
        listing_record_objection(
            listing=listing, by=office_staff, received_on=dt.date(2026, 3, 10), objection="迟"
        )


def test_a_second_procedure_cannot_open_while_one_is_running(office_staff, enterprise):
    _propose(enterprise, office_staff)
    with pytest.raises(ValidationError):
        _propose(enterprise, office_staff)
    assert DishonestListing.objects.count() == 1


def test_a_withdrawn_proposal_frees_the_enterprise(office_staff, enterprise):
    listing = _propose(enterprise, office_staff)
    listing_withdraw(listing=listing, by=office_staff, reason="异议成立，欠薪已全部支付")
    assert _propose(enterprise, office_staff).pk != listing.pk


def test_a_listing_expires_after_three_years_once(office_staff, db):
    listing = DishonestListingFactory()
    listing_notify(listing=listing, by=office_staff, notice_number="告1", notified_on=dt.date(2023, 3, 1))
    listing_decide(listing=listing, by=office_staff, decided_on=dt.date(2023, 3, 15), decision_number="决1")
    assert listings_expire_due(today=dt.date(2026, 3, 14)) == 0
    assert listings_expire_due(today=dt.date(2026, 3, 15)) == 1
    assert listings_expire_due(today=dt.date(2026, 3, 15)) == 0
    listing.refresh_from_db()
    assert listing.status == DishonestListing.Status.EXPIRED
    assert listing.events.filter(kind=Event.Kind.LISTING_EXPIRED).count() == 1


def test_the_seeded_restriction_units_exist(db):
    from enterprises.models import RESTRICTION_UNIT_CODES

    assert MemberUnit.objects.filter(code__in=RESTRICTION_UNIT_CODES).count() == len(RESTRICTION_UNIT_CODES)
