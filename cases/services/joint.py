"""Joint handling of a major case (重大事件联合处置制度, 实施方案 二(三)6): the leader approves convening a
special meeting; units propose; disagreements go to the leader or the office, and unresolved ones to the
management committee; the decision is sent to every member unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages import notifications
from liudong_wages.models import MemberUnit, User
from liudong_wages.roles import Role

from ..models import Case, CaseEvent, JointDisagreement, JointHandling, JointProposal
from .case import case_note
from .recipients import users_with_roles

S = JointHandling.Status
D = JointDisagreement.Status


@transaction.atomic
def joint_handling_request(
    *, case: Case, by: User, reason: str, units: Iterable[MemberUnit]
) -> JointHandling:
    if not case.is_open:
        raise ValidationError(_("案件已办结或作废。"))
    if not (case.is_major or case.mass_incident_risk):
        raise ValidationError(_("只有重大案件或有群体性事件风险的案件才能提请联合处置。"))
    if case.joint_handlings.filter(status__in=[S.REQUESTED, S.APPROVED, S.ESCALATED]).exists():
        raise ValidationError(_("本案已有进行中的联合处置。"))
    units = list(units)
    if not units:
        raise ValidationError(_("请选择参会单位。"))
    handling = JointHandling(case=case, reason=reason, created_by=by)
    handling.full_clean()
    handling.save()
    handling.units.set(units)
    case_note(case=case, by=by, kind=CaseEvent.Kind.JOINT_HANDLING, note=_("提请组长同意召开联合处置会议"))
    notifications.notify(
        recipients=users_with_roles(Role.LEADER),
        kind="case_joint_request",
        template="generic",
        context={
            "title": _("请批示：%(number)s 提请召开重大事件联合处置会议") % {"number": case.number},
            "body": reason,
        },
        url=handling.get_absolute_url(),
        key=f"case-joint-request:{handling.pk}",
    )
    return handling


def _lock(handling: JointHandling) -> JointHandling:
    return JointHandling.objects.select_for_update().select_related("case").get(pk=handling.pk)


@transaction.atomic
def joint_handling_approve(
    *,
    handling: JointHandling,
    by: User,
    approve: bool,
    note: str = "",
    meeting_at: dt.datetime | None = None,
    place: str = "",
) -> JointHandling:
    """The leader agrees (or not) to convene the special meeting; the units are told of it."""
    if not (by.is_superuser or by.has_perm("cases.approve_jointhandling")):
        raise ValidationError(_("只有领导小组组长、副组长可以批准召开联合处置会议。"))
    handling = _lock(handling)
    if handling.status != S.REQUESTED:
        raise ValidationError(_("该联合处置已批示。"))
    if approve and meeting_at is None:
        raise ValidationError(_("请确定会议时间。"))
    handling.status = S.APPROVED if approve else S.REFUSED
    handling.approved_by = by
    handling.approved_at = timezone.now()
    handling.approval_note = note
    handling.meeting_at = meeting_at
    handling.place = place
    handling._history_user = by
    handling.full_clean()
    handling.save()
    case_note(
        case=handling.case,
        by=by,
        kind=CaseEvent.Kind.JOINT_HANDLING,
        note=_("组长同意召开联合处置会议")
        if approve
        else _("组长未同意召开联合处置会议：%(note)s") % {"note": note},
    )
    if approve:
        notifications.notify_units(
            units=handling.units.all(),
            kind="case_joint_meeting",
            template="generic",
            context={
                "title": _("联合处置会议通知：%(number)s") % {"number": handling.case.number},
                "body": _(
                    "定于 %(at)s 在 %(place)s 召开重大欠薪事件联合处置专门会议，请准时参会并提出处置意见。"
                )
                % {"at": date_format(timezone.localtime(meeting_at), "DATETIME_FORMAT"), "place": place},
            },
            url=handling.get_absolute_url(),
            key=f"case-joint-meeting:{handling.pk}",
        )
    return handling


@transaction.atomic
def joint_proposal_add(*, handling: JointHandling, by: User, unit: MemberUnit, text: str) -> JointProposal:
    handling = _lock(handling)
    if handling.status not in (S.APPROVED, S.ESCALATED):
        raise ValidationError(_("会议尚未批准召开或已形成处置方案。"))
    if not handling.units.filter(pk=unit.pk).exists():
        raise ValidationError(_("%(unit)s 不是本次会议的参会单位。") % {"unit": unit})
    proposal = JointProposal(handling=handling, unit=unit, text=text, created_by=by)
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def joint_disagreement_add(
    *, handling: JointHandling, by: User, subject: str, positions: str
) -> JointDisagreement:
    handling = _lock(handling)
    if handling.status != S.APPROVED:
        raise ValidationError(_("只有已批准召开、尚未形成方案的会议才能登记分歧。"))
    item = JointDisagreement(handling=handling, subject=subject, positions=positions, created_by=by)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def joint_disagreement_resolve(
    *, disagreement: JointDisagreement, by: User, resolution: str, resolved_by: str
) -> JointDisagreement:
    """Settle a disagreement: by the leader or the office while open; by the committee once escalated."""
    item = JointDisagreement.objects.select_for_update().get(pk=disagreement.pk)
    if not resolution.strip():
        raise ValidationError(_("请填写协调结果。"))
    R = JointDisagreement.ResolvedBy
    if item.status == D.OPEN and resolved_by in (R.LEADER, R.OFFICE):
        item.status = D.RESOLVED
    elif item.status == D.ESCALATED and resolved_by == R.COMMITTEE:
        item.status = D.COMMITTEE_DECIDED
    else:
        raise ValidationError(
            _("分歧当前状态为“%(status)s”，不能由该方协调。") % {"status": item.get_status_display()}
        )
    item.resolution = resolution.strip()
    item.resolved_by = resolved_by
    item._history_user = by
    item.full_clean()
    item.save()
    handling = _lock(item.handling)
    if handling.status == S.ESCALATED and not handling.disagreements.filter(status=D.ESCALATED).exists():
        handling.status = S.APPROVED
        handling.save(update_fields=["status", "updated_at"])
    return item


@transaction.atomic
def joint_disagreement_escalate(
    *, disagreement: JointDisagreement, by: User, reason: str = ""
) -> JointDisagreement:
    """No agreement after the leader's or office's coordination: the views and reasons go to the committee."""
    item = JointDisagreement.objects.select_for_update().get(pk=disagreement.pk)
    if item.status != D.OPEN:
        raise ValidationError(_("只有待协调的分歧才能上报管委会。"))
    item.status = D.ESCALATED
    if reason.strip():
        item.positions = f"{item.positions}\n\n{_('协调情况')}：{reason.strip()}"
    item._history_user = by
    item.save()
    handling = _lock(item.handling)
    handling.status = S.ESCALATED
    handling.save(update_fields=["status", "updated_at"])
    notifications.notify(
        recipients=users_with_roles(Role.APPROVER),
        kind="case_joint_escalated",
        template="generic",
        context={
            "title": _("提请管委会解决：%(number)s 联合处置分歧") % {"number": handling.case.number},
            "body": f"{item.subject}\n{item.positions}",
        },
        url=handling.get_absolute_url(),
        key=f"case-joint-escalated:{item.pk}",
    )
    return item


@transaction.atomic
def joint_handling_decide(*, handling: JointHandling, by: User, decision: str) -> JointHandling:
    """Record the agreed plan and send it to every member unit, which must carry it out."""
    handling = _lock(handling)
    if handling.status != S.APPROVED:
        raise ValidationError(_("只有已批准召开、无待决分歧的会议才能形成处置方案。"))
    if handling.disagreements.filter(status__in=[D.OPEN, D.ESCALATED]).exists():
        raise ValidationError(_("还有未解决的分歧，请先协调或等待管委会决定。"))
    if not decision.strip():
        raise ValidationError(_("请填写处置方案。"))
    handling.decision = decision.strip()
    handling.decided_at = timezone.now()
    handling.status = S.DECIDED
    handling._history_user = by
    handling.save()
    case_note(
        case=handling.case,
        by=by,
        kind=CaseEvent.Kind.JOINT_HANDLING,
        note=_("形成联合处置方案并通报各成员单位"),
    )
    notifications.notify_units(
        units=MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER),
        kind="case_joint_decision",
        template="case_joint_decision",
        context={"handling": handling, "case": handling.case},
        url=handling.get_absolute_url(),
        key=f"case-joint-decision:{handling.pk}",
    )
    return handling
