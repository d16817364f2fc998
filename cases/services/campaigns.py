"""Special campaigns (专项行动): a named period and scope, and what happened inside it: the inspections made,
the cases received and closed, the workers and amounts involved and recovered (DESIGN.md section 12)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from enterprises.models import Enterprise, Project, SiteInspection
from liudong_wages.models import User
from liudong_wages.money import ZERO

from ..models import Campaign, Case


@transaction.atomic
def campaign_create(
    *,
    by: User,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    industries: Sequence[str] = (),
    areas: Sequence[str] = (),
    project_types: Sequence[str] = (),
    note: str = "",
) -> Campaign:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("结束日期不能早于开始日期。")})
    unknown = set(industries) - set(Enterprise.Industry.values)
    unknown |= set(project_types) - set(Project.Kind.values)
    if unknown:
        raise ValidationError(_("范围中有无法识别的选项：%(items)s") % {"items": "、".join(sorted(unknown))})
    campaign = Campaign(
        name=name.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        industries=sorted(set(industries)),
        areas=sorted({a.strip() for a in areas if a.strip()}),
        project_types=sorted(set(project_types)),
        note=note.strip(),
        created_by=by,
    )
    campaign._history_user = by
    try:
        campaign.full_clean()
        with transaction.atomic():
            campaign.save()
    except (ValidationError, IntegrityError):
        # Sent twice (a double click, the back button): the campaign of this name starting that day exists,
        # found by full_clean, or by the unique constraint when the two posts pass full_clean together.
        # Either way the answer names it, in place of Django's generic "already exists".
        same = Campaign.objects.filter(name=campaign.name, starts_on=starts_on).first()
        if same is not None:
            raise _already(same) from None
        raise
    return campaign


def _already(campaign: Campaign) -> ValidationError:
    return ValidationError(
        {
            "name": _(
                "专项行动“%(name)s”（%(start)s 开始）已建立，未重复保存；如是另一次行动，请改用其他名称。"
            )
            % {"name": campaign.name, "start": campaign.starts_on.isoformat()}
        }
    )


def _case_scope(campaign: Campaign) -> Q:
    scope = Q()
    if campaign.industries:
        scope &= Q(industry__in=campaign.industries)
    if campaign.areas:
        scope &= Q(enterprise__industrial_park__in=campaign.areas)
    if campaign.project_types:
        scope &= Q(project__kind__in=campaign.project_types)
    return scope


def _inspection_scope(campaign: Campaign) -> Q:
    scope = Q()
    if campaign.industries:
        scope &= Q(enterprise__industry__in=campaign.industries)
    if campaign.areas:
        scope &= Q(enterprise__industrial_park__in=campaign.areas)
    if campaign.project_types:
        scope &= Q(project__kind__in=campaign.project_types)
    return scope


def campaign_cases(campaign: Campaign) -> QuerySet[Case]:
    """The cases a campaign counts: received inside its period and scope, not voided."""
    period = (campaign.starts_on, campaign.ends_on)
    return Case.objects.filter(
        ~Q(status=Case.Status.VOIDED), _case_scope(campaign), received_on__range=period
    )


def campaign_inspections(campaign: Campaign) -> QuerySet[SiteInspection]:
    return SiteInspection.objects.filter(
        _inspection_scope(campaign), inspected_on__range=(campaign.starts_on, campaign.ends_on)
    )


def campaign_case_figures(campaign: Campaign) -> dict[str, Any]:
    """The aggregates of the summary's columns over `campaign_cases` (the director's dashboard joins them
    to its own row of counters; the summary groups them by industry)."""
    period = (campaign.starts_on, campaign.ends_on)
    return {
        "cases": Count("pk"),
        "workers": Sum("worker_count"),
        "owed": Sum("total_owed"),
        "paid": Sum("total_paid"),
        "closed": Count("pk", filter=Q(closed_on__range=period, status=Case.Status.CLOSED)),
    }


def campaign_summary(campaign: Campaign) -> list[dict[str, Any]]:
    """One row per industry and a total: inspections, cases received, workers, amounts owed and paid, cases
    closed, all inside the campaign's period and scope. Two queries, whatever the number of cases."""
    received = campaign_cases(campaign).values("industry").annotate(**campaign_case_figures(campaign))
    inspections = campaign_inspections(campaign).values("enterprise__industry").annotate(n=Count("pk"))
    labels = dict(Enterprise.Industry.choices)
    rows: dict[str, dict[str, Any]] = {}

    def row(industry: str) -> dict[str, Any]:
        return rows.setdefault(
            industry,
            {
                "group": str(labels.get(industry, _("未分类"))),
                "inspections": 0,
                "cases": 0,
                "workers": 0,
                "owed": ZERO,
                "paid": ZERO,
                "closed": 0,
            },
        )

    for item in received:
        target = row(item["industry"] or "")
        target.update(
            cases=item["cases"],
            workers=item["workers"] or 0,
            owed=item["owed"] or ZERO,
            paid=item["paid"] or ZERO,
            closed=item["closed"],
        )
    for item in inspections:
        row(item["enterprise__industry"] or "")["inspections"] = item["n"]
    result = sorted(rows.values(), key=lambda r: r["group"])
    total = {
        "group": _("合计"),
        **{k: sum(r[k] for r in result) for k in ("inspections", "cases", "workers", "closed")},
    }
    total["owed"] = sum((r["owed"] for r in result), ZERO)
    total["paid"] = sum((r["paid"] for r in result), ZERO)
    return [*result, total]


def campaign_scope_text(campaign: Campaign) -> str:
    industries = dict(Enterprise.Industry.choices)
    kinds = dict(Project.Kind.choices)
    parts = [
        _("行业：%(v)s")
        % {"v": "、".join(str(industries.get(i, i)) for i in campaign.industries) or _("全部")},
        _("区域：%(v)s") % {"v": "、".join(campaign.areas) or _("全部")},
        _("工程类别：%(v)s")
        % {"v": "、".join(str(kinds.get(k, k)) for k in campaign.project_types) or _("全部")},
    ]
    return "；".join(parts)
