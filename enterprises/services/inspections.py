"""Site inspections and "ten comprehensives" assessments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from liudong_wages.models import User

from .. import rules
from ..models import Assessment, AssessmentItem, Enterprise, Event, Project, SiteInspection
from .events import event_write
from .registry import project_risk_refresh

CHECK_FIELDS = [name for name, _label in SiteInspection.CHECKLIST]


@transaction.atomic
def inspection_create(
    *,
    by: User,
    project: Project | None,
    enterprise: Enterprise | None = None,
    inspected_on: dt.date,
    inspectors: Iterable[User],
    checks: Mapping[str, str],
    findings: str = "",
    follow_up_due: dt.date | None = None,
) -> SiteInspection:
    """Record a visit. A problem on the checklist, or findings written down, opens a finding that must be
    rectified by the follow-up date; the project's risk is recomputed at once."""
    if enterprise is None:
        if project is None:
            raise ValidationError(_("请选择巡视的项目或单位。"))
        enterprise = project.general_contractor
    inspectors = list(inspectors)
    if not inspectors:
        raise ValidationError({"inspectors": _("请至少选择一名巡视人员。")})
    unknown = set(checks) - set(CHECK_FIELDS)
    if unknown:
        raise TypeError(f"unknown checklist items: {sorted(unknown)}")
    inspection = SiteInspection(
        project=project,
        enterprise=enterprise,
        inspected_on=inspected_on,
        findings=findings.strip(),
        follow_up_due=follow_up_due,
        created_by=by,
        **checks,
    )
    has_finding = bool(inspection.problems) or bool(inspection.findings)
    if has_finding:
        if follow_up_due is None:
            raise ValidationError({"follow_up_due": _("发现问题的，请填写整改期限。")})
        if follow_up_due < inspected_on:
            raise ValidationError({"follow_up_due": _("整改期限不能早于巡视日期。")})
        inspection.finding_status = SiteInspection.FindingStatus.OPEN
    inspection._history_user = by
    inspection.full_clean()
    inspection.save()
    inspection.inspectors.set(inspectors)
    problems = "、".join(inspection.problems)
    event_write(
        kind=Event.Kind.INSPECTION,
        enterprise=inspection.enterprise,
        project=project,
        inspection=inspection,
        by=by,
        on=inspected_on,
        summary=_("发现问题：%(problems)s") % {"problems": problems or inspection.findings[:80]}
        if has_finding
        else _("未发现问题"),
    )
    if project is not None:
        project_risk_refresh(project=project)
    return inspection


@transaction.atomic
def inspection_resolve(
    *, inspection: SiteInspection, by: User, resolved_on: dt.date, resolution: str
) -> SiteInspection:
    if inspection.finding_status != SiteInspection.FindingStatus.OPEN:
        raise ValidationError(_("该巡视没有待整改的问题。"))
    if not resolution.strip():
        raise ValidationError({"resolution": _("请填写整改情况。")})
    if resolved_on < inspection.inspected_on:
        raise ValidationError({"resolved_on": _("整改完成日期不能早于巡视日期。")})
    inspection.finding_status = SiteInspection.FindingStatus.RESOLVED
    inspection.resolved_on = resolved_on
    inspection.resolution = resolution.strip()
    inspection._history_user = by
    inspection.save()
    event_write(
        kind=Event.Kind.FINDING_RESOLVED,
        enterprise=inspection.enterprise,
        project=inspection.project,
        inspection=inspection,
        by=by,
        on=resolved_on,
        summary=resolution[:120],
    )
    if inspection.project is not None:
        project_risk_refresh(project=inspection.project)
    return inspection


@transaction.atomic
def assessment_create(
    *,
    enterprise: Enterprise,
    by: User,
    assessor: User,
    assessed_on: dt.date,
    items: Mapping[str, tuple[int, str]],
    remarks: str = "",
) -> Assessment:
    """Score the ten items (0–10 each, with evidence), rate the enterprise, and make the rating current
    unless a later assessment exists."""
    missing = [Assessment.Item(key).label for key in Assessment.Item.values if key not in items]
    if missing:
        raise ValidationError(_("以下项目未评分：%(items)s") % {"items": "、".join(str(m) for m in missing)})
    for key, (score, _evidence) in items.items():
        if key not in Assessment.Item.values:
            raise TypeError(f"unknown item {key}")
        if not 0 <= int(score) <= Assessment.MAX_ITEM_SCORE:
            raise ValidationError(
                _("“%(item)s”得分应在 0 至 %(max)d 之间。")
                % {"item": Assessment.Item(key).label, "max": Assessment.MAX_ITEM_SCORE}
            )
    total = sum(int(score) for score, _evidence in items.values())
    assessment = Assessment(
        enterprise=enterprise,
        assessor=assessor,
        assessed_on=assessed_on,
        total_score=total,
        star_rating=rules.star_rating_for(total),
        remarks=remarks,
        created_by=by,
    )
    assessment._history_user = by
    assessment.full_clean()
    assessment.save()
    AssessmentItem.objects.bulk_create(
        [
            AssessmentItem(assessment=assessment, item=key, score=int(score), evidence=evidence)
            for key, (score, evidence) in items.items()
        ]
    )
    latest = enterprise.assessments.order_by("-assessed_on", "-pk").first()
    if latest == assessment:
        enterprise.star_rating = assessment.star_rating
        enterprise.rated_on = assessed_on
        enterprise._history_user = by
        enterprise.save(update_fields=["star_rating", "rated_on", "updated_at"])
    event_write(
        kind=Event.Kind.ASSESSMENT,
        enterprise=enterprise,
        assessment=assessment,
        by=by,
        on=assessed_on,
        summary=_("总分 %(total)d，%(stars)d 星") % {"total": total, "stars": assessment.star_rating},
    )
    return assessment
