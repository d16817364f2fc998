"""The dishonest-employer list procedure (人社部令第45号): propose → notify (written notice, objection
period) → decide (3-year term; units record restriction measures) → early removal or expiry; or withdraw."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages import notifications
from liudong_wages.models import MemberUnit, User

from .. import rules
from ..models import RESTRICTION_UNIT_CODES, DishonestListing, Enterprise, Event, Project, RestrictionMeasure
from .events import event_write
from .registry import project_risk_refresh

Status = DishonestListing.Status


def _require(listing: DishonestListing, *allowed: str) -> None:
    if listing.status not in allowed:
        raise ValidationError(
            _("当前状态为“%(status)s”，不能进行此操作。") % {"status": listing.get_status_display()}
        )


def _save(listing: DishonestListing, by: User | None) -> None:
    listing._history_user = by
    listing.full_clean()
    listing.save()


def _refresh_projects(enterprise: Enterprise) -> None:
    for project in Project.objects.involving(enterprise).exclude(status=Project.Status.VOIDED):
        project_risk_refresh(project=project)


@transaction.atomic
def listing_propose(
    *,
    enterprise: Enterprise,
    by: User,
    grounds: str,
    facts: str,
    payment_order_number: str,
    payment_order_date: dt.date,
    amount_owed: Decimal = Decimal("0.00"),
    workers_affected: int = 0,
    responsible_persons: str = "",
    on: dt.date | None = None,
) -> DishonestListing:
    """Open the procedure: 45号令 art. 5 asks that an order to pay was issued and ignored first. `on` dates
    the proposal on an earlier day (never before the order to pay)."""
    if on is not None and (on > timezone.localdate() or on < payment_order_date):
        raise ValidationError(_("提请日期须在责令支付之后、今天以前。"))
    if DishonestListing.objects.filter(
        enterprise=enterprise, status__in=[Status.PROPOSED, Status.NOTIFIED, Status.LISTED]
    ).exists():
        raise ValidationError(_("该企业已有进行中的失信名单程序或正在名单中。"))
    listing = DishonestListing(
        enterprise=enterprise,
        grounds=grounds,
        facts=facts,
        payment_order_number=payment_order_number,
        payment_order_date=payment_order_date,
        amount_owed=amount_owed,
        workers_affected=workers_affected,
        responsible_persons=responsible_persons,
        created_by=by,
    )
    try:
        with transaction.atomic():
            _save(listing, by)
    except IntegrityError:  # a colleague opened one a moment ago
        raise ValidationError(_("该企业已有进行中的失信名单程序或正在名单中。")) from None
    event_write(
        kind=Event.Kind.LISTING_PROPOSED,
        enterprise=enterprise,
        listing=listing,
        by=by,
        summary=listing.get_grounds_display(),
        document=payment_order_number,
        on=on,
    )
    return listing


@transaction.atomic
def listing_notify(
    *, listing: DishonestListing, by: User, notice_number: str, notified_on: dt.date
) -> DishonestListing:
    """The written notice (告知书) was served: the objection period runs from that day (45号令 art. 9)."""
    _require(listing, Status.PROPOSED)
    if not notice_number.strip():
        raise ValidationError({"notice_number": _("请填写告知书文号。")})
    listing.status = Status.NOTIFIED
    listing.notice_number = notice_number.strip()
    listing.notified_on = notified_on
    listing.objection_deadline = rules.objection_deadline(notified_on)
    _save(listing, by)
    event_write(
        kind=Event.Kind.LISTING_NOTIFIED,
        enterprise=listing.enterprise,
        listing=listing,
        by=by,
        on=notified_on,
        document=listing.notice_number,
        summary=_("异议期至 %(date)s") % {"date": date_format(listing.objection_deadline)},
    )
    return listing


@transaction.atomic
def listing_record_objection(
    *, listing: DishonestListing, by: User, received_on: dt.date, objection: str, reply: str = ""
) -> DishonestListing:
    _require(listing, Status.NOTIFIED)
    assert listing.objection_deadline is not None  # set with the notice, before the status is NOTIFIED
    if received_on > listing.objection_deadline:
        raise ValidationError(
            {
                "received_on": _("异议期已于 %(date)s 届满。")
                % {"date": date_format(listing.objection_deadline)}
            }
        )
    if not objection.strip():
        raise ValidationError({"objection": _("请填写异议内容。")})
    listing.objection_received_on = received_on
    listing.objection = objection.strip()
    listing.objection_reply = reply.strip()
    _save(listing, by)
    event_write(
        kind=Event.Kind.LISTING_OBJECTION,
        enterprise=listing.enterprise,
        listing=listing,
        by=by,
        on=received_on,
        summary=objection[:120],
    )
    return listing


@transaction.atomic
def listing_decide(
    *, listing: DishonestListing, by: User, decided_on: dt.date, decision_number: str
) -> DishonestListing:
    """List the enterprise for three years, after the objection period, with any objection answered; ask
    each unit with a restriction duty to record its measures."""
    _require(listing, Status.NOTIFIED)
    assert listing.objection_deadline is not None  # set with the notice, before the status is NOTIFIED
    if decided_on <= listing.objection_deadline:
        raise ValidationError(
            {
                "decided_on": _("异议期至 %(date)s，期满后方可作出列入决定。")
                % {"date": date_format(listing.objection_deadline)}
            }
        )
    if listing.objection and not listing.objection_reply:
        raise ValidationError(_("当事人提出了异议，请先填写复核意见。"))
    if not decision_number.strip():
        raise ValidationError({"decision_number": _("请填写列入决定书文号。")})
    listing.status = Status.LISTED
    listing.decided_on = decided_on
    listing.decision_number = decision_number.strip()
    listing.listed_until = rules.listing_end(decided_on)
    _save(listing, by)
    units = list(MemberUnit.objects.filter(code__in=RESTRICTION_UNIT_CODES))
    RestrictionMeasure.objects.bulk_create(
        [RestrictionMeasure(listing=listing, unit=unit, created_by=by) for unit in units],
        ignore_conflicts=True,
    )
    event_write(
        kind=Event.Kind.LISTING_DECIDED,
        enterprise=listing.enterprise,
        listing=listing,
        by=by,
        on=decided_on,
        document=listing.decision_number,
        summary=_("列入期限至 %(date)s") % {"date": date_format(listing.listed_until)},
    )
    notifications.notify_units(
        units=units,
        kind="dishonest_listing",
        template="generic",
        context={
            "title": _("请记录对失信企业“%(name)s”的惩戒措施") % {"name": listing.enterprise.name},
            "body": _(
                "%(name)s 已列入拖欠农民工工资失信联合惩戒对象名单（%(number)s），期限至 %(until)s。"
                "请在职权范围内依法依规予以限制，并在平台上记录所采取的措施。"
            )
            % {
                "name": listing.enterprise.name,
                "number": listing.decision_number,
                "until": date_format(listing.listed_until),
            },
        },
        url=listing.get_absolute_url(),
        key=f"dishonest-listing:{listing.pk}:measures",
    )
    _refresh_projects(listing.enterprise)
    return listing


@transaction.atomic
def listing_withdraw(
    *, listing: DishonestListing, by: User, reason: str, on: dt.date | None = None
) -> DishonestListing:
    """Not listed after all (an objection upheld, the arrears paid before the decision)."""
    _require(listing, Status.PROPOSED, Status.NOTIFIED)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写不予列入的理由。")})
    listing.status = Status.WITHDRAWN
    listing.withdrawn_reason = reason.strip()
    _save(listing, by)
    event_write(
        kind=Event.Kind.LISTING_WITHDRAWN,
        enterprise=listing.enterprise,
        listing=listing,
        by=by,
        on=on or timezone.localdate(),
        summary=reason[:120],
    )
    return listing


@transaction.atomic
def listing_remove_early(
    *,
    listing: DishonestListing,
    by: User,
    arrears_paid_on: dt.date,
    commitment_received_on: dt.date,
    removed_on: dt.date,
    removal_number: str,
) -> DishonestListing:
    """Credit repair (45号令 art. 14): the arrears are paid, six months have passed since the correction
    while listed, and a written commitment not to owe wages again is on file."""
    _require(listing, Status.LISTED)
    assert listing.decided_on is not None  # set with the decision, before the status is LISTED
    earliest = rules.early_removal_possible_on(decided_on=listing.decided_on, arrears_paid_on=arrears_paid_on)
    if removed_on < earliest:
        raise ValidationError(
            {
                "removed_on": _("改正后须满 6 个月方可提前移出，最早 %(date)s。")
                % {"date": date_format(earliest)}
            }
        )
    if commitment_received_on > removed_on:
        raise ValidationError({"commitment_received_on": _("移出前须收到书面信用承诺。")})
    if not removal_number.strip():
        raise ValidationError({"removal_number": _("请填写移出决定文号。")})
    listing.status = Status.REMOVED
    listing.arrears_paid_on = arrears_paid_on
    listing.commitment_received_on = commitment_received_on
    listing.removed_on = removed_on
    listing.removal_number = removal_number.strip()
    _save(listing, by)
    event_write(
        kind=Event.Kind.LISTING_REMOVED,
        enterprise=listing.enterprise,
        listing=listing,
        by=by,
        on=removed_on,
        document=listing.removal_number,
    )
    _refresh_projects(listing.enterprise)
    return listing


@transaction.atomic
def listing_expire(*, listing: DishonestListing, today: dt.date) -> bool:
    """Take a listing off at the end of its term; False when it is not due (safe to run twice)."""
    claimed = DishonestListing.objects.filter(
        pk=listing.pk, status=Status.LISTED, listed_until__lt=today
    ).update(status=Status.EXPIRED, removed_on=today, updated_at=timezone.now())
    if claimed != 1:
        return False
    listing.refresh_from_db()
    event_write(kind=Event.Kind.LISTING_EXPIRED, enterprise=listing.enterprise, listing=listing, on=today)
    _refresh_projects(listing.enterprise)
    return True


def listings_expire_due(*, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    due = DishonestListing.objects.filter(status=Status.LISTED, listed_until__lt=today).select_related(
        "enterprise"
    )
    return sum(listing_expire(listing=listing, today=today) for listing in due)


@transaction.atomic
def measure_record(
    *, measure: RestrictionMeasure, by: User, measures: str, taken_on: dt.date
) -> RestrictionMeasure:
    if measure.listing.status != Status.LISTED:
        raise ValidationError(_("该企业已不在失信名单中。"))
    if not measures.strip():
        raise ValidationError({"measures": _("请填写采取的惩戒措施。")})
    measure.status = RestrictionMeasure.Status.RECORDED
    measure.measures = measures.strip()
    measure.taken_on = taken_on
    measure._history_user = by
    measure.full_clean()
    measure.save()
    event_write(
        kind=Event.Kind.MEASURE_RECORDED,
        enterprise=measure.listing.enterprise,
        listing=measure.listing,
        by=by,
        on=taken_on,
        summary=f"{measure.unit.short_name}：{measures[:100]}",
    )
    return measure
