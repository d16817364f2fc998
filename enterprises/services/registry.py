"""Enterprises, projects, subcontractors and wage deposits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages.models import User

from .. import rules
from ..models import Enterprise, Event, Project, Subcontractor
from ..selectors import project_risk_facts
from .deposit import deposit_return_blockers
from .events import event_write

ENTERPRISE_FIELDS = frozenset(
    {
        "name",
        "credit_code",
        "industry",
        "legal_rep_name",
        "legal_rep_id_number",
        "legal_rep_phone",
        "address",
        "industrial_park",
        "headcount",
        "migrant_worker_count",
        "has_trade_union",
        "has_collective_contract",
    }
)

PROJECT_FIELDS = frozenset(
    {
        "name",
        "kind",
        "location",
        "permit_number",
        "management_invested",
        "responsible_person",
        "construction_unit",
        "general_contractor",
        "approving_unit",
        "approved_on",
        "start_date",
        "planned_end_date",
        "contract_value",
        "worker_count",
        "wage_supervisor",
        "wage_supervisor_phone",
        "wage_account_number",
        "wage_account_bank",
        "labour_filed",
        "real_name_management",
        "notice_board",
        "contractor_had_arrears",
        "deposit_rate",
        "deposit_amount",
        "deposit_form",
        "deposit_paid_on",
        "deposit_checked_on",
        "contract_signed_on",
        "wage_account_opened_on",
        "wage_account_closed_on",
        "payday",
    }
)


def _assign(obj, fields: Mapping[str, Any], allowed: frozenset[str]) -> list[str]:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changed = []
    for name, value in fields.items():
        # A default, because an unsaved row's empty foreign key raises (RelatedObjectDoesNotExist).
        if getattr(obj, name, None) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _labels(model, names: Iterable[str]) -> str:
    return "、".join(str(model._meta.get_field(name).verbose_name) for name in names)


# --- enterprises --------------------------------------------------------------------------------------------


@transaction.atomic
def enterprise_create(*, by: User | None, **fields: Any) -> Enterprise:
    enterprise = Enterprise(created_by=by)
    _assign(enterprise, fields, ENTERPRISE_FIELDS)
    enterprise._history_user = by
    enterprise.full_clean()
    enterprise.save()
    event_write(kind=Event.Kind.ENTERPRISE_CREATED, enterprise=enterprise, by=by, summary=enterprise.name)
    return enterprise


@transaction.atomic
def enterprise_update(*, enterprise: Enterprise, by: User, **fields: Any) -> Enterprise:
    changed = _assign(enterprise, fields, ENTERPRISE_FIELDS)
    if not changed:
        return enterprise
    enterprise._history_user = by
    enterprise.full_clean()
    enterprise.save()
    event_write(
        kind=Event.Kind.ENTERPRISE_CHANGED,
        enterprise=enterprise,
        by=by,
        summary=_("变更：%(fields)s") % {"fields": _labels(Enterprise, changed)},
    )
    return enterprise


@transaction.atomic
def enterprise_close(
    *, enterprise: Enterprise, by: User, reason: str, closed_on: dt.date | None = None
) -> Enterprise:
    if not enterprise.is_active:
        raise ValidationError(_("该企业已关闭。"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写关闭原因。")})
    enterprise.status = Enterprise.Status.CLOSED
    enterprise.closed_reason = reason.strip()
    enterprise.closed_on = closed_on or timezone.localdate()
    enterprise._history_user = by
    enterprise.full_clean()
    enterprise.save()
    event_write(
        kind=Event.Kind.ENTERPRISE_CLOSED,
        enterprise=enterprise,
        by=by,
        on=enterprise.closed_on,
        summary=reason,
    )
    return enterprise


# --- projects -----------------------------------------------------------------------------------------------


def _project_check(project: Project) -> None:
    errors: dict[str, str] = {}
    if project.management_invested and not project.responsible_person.strip():
        errors["responsible_person"] = _("管委会投资的项目须填写项目负责人（欠薪时追究其责任）。")
    if project.deposit_rate is not None and not rules.deposit_rate_is_allowed(project.deposit_rate):
        errors["deposit_rate"] = _("保证金比例应在 %(min)s 至 %(max)s 之间。") % {
            "min": rules.policy("DEPOSIT_RATE_MIN"),
            "max": rules.policy("DEPOSIT_RATE_MAX"),
        }
    if (project.deposit_paid_on is None) != (project.deposit_amount is None):
        errors["deposit_paid_on"] = _("缴存金额和缴存日期须同时填写。")
    if project.deposit_paid_on and not project.deposit_form:
        errors["deposit_form"] = _("请选择保证金缴存形式。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def project_create(
    *,
    by: User | None,
    subcontractors: Sequence[Mapping[str, Any]] = (),
    today: dt.date | None = None,
    **fields: Any,
) -> Project:
    project = Project(created_by=by)
    _assign(project, fields, PROJECT_FIELDS)
    project._history_user = by
    _project_check(project)
    project.full_clean()
    project.save()
    for sub in subcontractors:
        Subcontractor.objects.create(project=project, **sub)
    event_write(
        kind=Event.Kind.PROJECT_CREATED,
        project=project,
        enterprise=project.general_contractor,
        by=by,
        summary=project.name,
    )
    project_risk_refresh(project=project, today=today)
    return project


@transaction.atomic
def project_update(*, project: Project, by: User, today: dt.date | None = None, **fields: Any) -> Project:
    status = fields.pop("status", None)
    changed = _assign(project, fields, PROJECT_FIELDS)
    if status is not None and status != project.status:
        if status == Project.Status.VOIDED:
            raise ValidationError(_("作废项目请使用“作废”并填写原因。"))
        project.status = status
        changed.append("status")
    if changed:
        project._history_user = by
        _project_check(project)
        project.full_clean()
        project.save()
        event_write(
            kind=Event.Kind.PROJECT_CHANGED,
            project=project,
            by=by,
            summary=_("变更：%(fields)s") % {"fields": _labels(Project, changed)},
        )
    project_risk_refresh(project=project, today=today)
    return project


@transaction.atomic
def project_void(*, project: Project, by: User, reason: str) -> Project:
    if project.status == Project.Status.VOIDED:
        raise ValidationError(_("该项目已作废。"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写作废原因。")})
    project.status = Project.Status.VOIDED
    project.void_reason = reason.strip()
    project._history_user = by
    project.full_clean()
    project.save()
    event_write(kind=Event.Kind.PROJECT_VOIDED, project=project, by=by, summary=reason)
    project_risk_refresh(project=project)
    return project


@transaction.atomic
def subcontractor_add(
    *, project: Project, enterprise: Enterprise, role: str, scope: str = "", by: User
) -> Subcontractor:
    sub = Subcontractor(project=project, enterprise=enterprise, role=role, scope=scope)
    sub._history_user = by
    sub.full_clean()
    sub.save()
    event_write(
        kind=Event.Kind.PROJECT_CHANGED,
        project=project,
        enterprise=enterprise,
        by=by,
        summary=_("增加分包单位：%(sub)s") % {"sub": sub},
    )
    project_risk_refresh(project=project)
    return sub


@transaction.atomic
def subcontractor_remove(*, subcontractor: Subcontractor, by: User) -> None:
    """A subcontractor entered by mistake is removed; its history row keeps the record."""
    project = subcontractor.project
    subcontractor._history_user = by
    summary = _("移除分包单位：%(sub)s") % {"sub": subcontractor}
    subcontractor.delete()
    event_write(kind=Event.Kind.PROJECT_CHANGED, project=project, by=by, summary=summary)
    project_risk_refresh(project=project)


# --- wage deposit -------------------------------------------------------------------------------------------


@transaction.atomic
def deposit_record_payment(
    *, project: Project, by: User, amount: Decimal, form: str, paid_on: dt.date, document: str = ""
) -> Project:
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("缴存金额应大于零。")})
    project.deposit_amount = amount
    project.deposit_form = form
    project.deposit_paid_on = paid_on
    project._history_user = by
    project.full_clean()
    project.save()
    event_write(
        kind=Event.Kind.DEPOSIT_PAID,
        project=project,
        by=by,
        on=paid_on,
        document=document,
        summary=_("%(form)s %(amount)s 元") % {"form": project.get_deposit_form_display(), "amount": amount},
    )
    project_risk_refresh(project=project)
    return project


@transaction.atomic
def deposit_record_check(*, project: Project, by: User, checked_on: dt.date, note: str = "") -> Project:
    if project.deposit_paid_on is None:
        raise ValidationError(_("尚未缴存工资保证金，无法核查。"))
    if checked_on < project.deposit_paid_on:
        raise ValidationError({"checked_on": _("核查日期不能早于缴存日期。")})
    project.deposit_checked_on = checked_on
    project._history_user = by
    project.save(update_fields=["deposit_checked_on", "updated_at"])
    event_write(kind=Event.Kind.DEPOSIT_CHECKED, project=project, by=by, on=checked_on, summary=note)
    project_risk_refresh(project=project)
    return project


@transaction.atomic
def deposit_start_return_notice(*, project: Project, by: User, notice_on: dt.date) -> Project:
    if project.deposit_paid_on is None:
        raise ValidationError(_("尚未缴存工资保证金。"))
    project.deposit_return_notice_on = notice_on
    project._history_user = by
    project.save(update_fields=["deposit_return_notice_on", "updated_at"])
    event_write(
        kind=Event.Kind.DEPOSIT_RETURN_NOTICE,
        project=project,
        by=by,
        on=notice_on,
        summary=_("开始返还前公示（%(days)d 日）") % {"days": rules.policy("DEPOSIT_RETURN_NOTICE_DAYS")},
    )
    return project


@transaction.atomic
def deposit_record_return(*, project: Project, by: User, returned_on: dt.date) -> Project:
    """65号文 art. 14: returned only after the public notice period ended without objections."""
    blockers = deposit_return_blockers(project)
    if blockers:
        raise ValidationError(_("不能返还工资保证金：%(reasons)s。") % {"reasons": "；".join(blockers)})
    notice_on = project.deposit_return_notice_on
    if notice_on is None:
        raise ValidationError(_("返还工资保证金前须公示。"))
    earliest = notice_on + dt.timedelta(days=rules.policy("DEPOSIT_RETURN_NOTICE_DAYS"))
    if returned_on < earliest:
        raise ValidationError(
            {"returned_on": _("公示期未满，最早可于 %(date)s 返还。") % {"date": date_format(earliest)}}
        )
    project.deposit_returned_on = returned_on
    project._history_user = by
    project.save(update_fields=["deposit_returned_on", "updated_at"])
    event_write(kind=Event.Kind.DEPOSIT_RETURNED, project=project, by=by, on=returned_on)
    project_risk_refresh(project=project)
    return project


# --- risk ---------------------------------------------------------------------------------------------------


def project_risk_refresh(*, project: Project, today: dt.date | None = None) -> rules.RiskRating:
    """Compute the project's risk and store it, so lists filter and sort on it (a daily job also runs it,
    because deadlines and the Spring Festival come without anybody touching the project)."""
    today = today or timezone.localdate()
    rating = rules.project_risk(project_risk_facts(project, today=today), today=today)
    reasons = [{"level": level, "reason": str(reason)} for level, reason in rating.reasons]
    Project.objects.filter(pk=project.pk).update(
        risk=rating.level, risk_rank=rating.rank, risk_reasons=reasons, risk_assessed_at=timezone.now()
    )
    project.risk, project.risk_rank, project.risk_reasons = rating.level, rating.rank, reasons
    return rating


def projects_risk_refresh(*, today: dt.date | None = None) -> int:
    """Refresh every project that is not voided; returns how many changed level."""
    changed = 0
    for project in Project.objects.exclude(status=Project.Status.VOIDED).select_related(
        "construction_unit", "general_contractor"
    ):
        before = project.risk
        if project_risk_refresh(project=project, today=today).level != before:
            changed += 1
    return changed


# --- imports ------------------------------------------------------------------------------------------------


@transaction.atomic
def enterprises_import(*, rows: Sequence[Mapping[str, Any]], by: User) -> list[Enterprise]:
    """Create one enterprise per checked row; all or nothing (the caller checked every row first, and any
    error here, such as a duplicate between two rows, rolls everything back)."""
    return [
        enterprise_create(by=by, **{k: v for k, v in row.items() if k in ENTERPRISE_FIELDS}) for row in rows
    ]


@transaction.atomic
def projects_import(*, rows: Sequence[Mapping[str, Any]], by: User) -> list[Project]:
    return [project_create(by=by, **{k: v for k, v in row.items() if k in PROJECT_FIELDS}) for row in rows]
