"""The real-name roster of a project (实名制花名册, 条例 art. 28; DESIGN.md section 11): a worker added on a
form or imported from the Excel template, changed, and given a leave date. A worker is never deleted: the
roster is kept for 3 years after the project is complete and fully paid.

A worker already on another project's roster is accepted (people move between sites); the roster page
shows it through `selectors.workers_on_other_projects`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages.models import User

from ..models import Enterprise, Event, Project, ProjectWorker
from ..validators import normalize_code
from .events import event_write

WORKER_FIELDS = frozenset(
    {
        "name",
        "id_number",
        "phone",
        "bank_card",
        "bank_name",
        "employer",
        "team",
        "trade",
        "contract_signed",
        "contract_signed_on",
        "started_on",
        "left_on",
    }
)
# What a re-import may change on a worker already on the roster (the ID number is the key).
UPDATABLE = WORKER_FIELDS - {"id_number"}


def project_employer_ids(project: Project) -> set[int]:
    """The enterprises that may employ workers on the project: the general contractor and its subcontractors."""
    ids = set(project.subcontractors.values_list("enterprise_id", flat=True))
    ids.add(project.general_contractor_id)
    return ids


def _normalise(fields: dict[str, Any]) -> dict[str, Any]:
    for key in ("id_number", "bank_card"):
        if key in fields:
            fields[key] = normalize_code(fields[key])
    for key in ("name", "phone", "bank_name", "team", "trade"):
        if key in fields and isinstance(fields[key], str):
            fields[key] = fields[key].strip()
    if fields.get("contract_signed") is False:
        fields["contract_signed_on"] = None
    if fields.get("contract_signed_on") and "contract_signed" not in fields:
        fields["contract_signed"] = True
    return fields


def worker_errors(worker: ProjectWorker, *, employer_ids: set[int], today: dt.date) -> dict[str, list[str]]:
    """The roster's own rules beyond the model's (used by the services and by the import's row check)."""
    errors: dict[str, list[str]] = {}
    if worker.employer_id and worker.employer_id not in employer_ids:
        errors.setdefault("employer", []).append(_("用工单位应为本项目的总包单位或分包单位。"))
    if worker.left_on and worker.left_on > today:
        errors.setdefault("left_on", []).append(_("退场日期不能晚于今天。"))
    if worker.left_on and worker.started_on and worker.left_on < worker.started_on:
        errors.setdefault("left_on", []).append(_("退场日期不能早于进场日期。"))
    if worker.contract_signed_on and worker.contract_signed_on > today:
        errors.setdefault("contract_signed_on", []).append(_("合同签订日期不能晚于今天。"))
    return errors


def _check(worker: ProjectWorker, *, today: dt.date) -> None:
    errors = worker_errors(worker, employer_ids=project_employer_ids(worker.project), today=today)
    if errors:
        raise ValidationError(errors)
    worker.full_clean()


@transaction.atomic
def worker_add(*, project: Project, by: User | None, **fields: Any) -> ProjectWorker:
    unknown = set(fields) - WORKER_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if project.status != Project.Status.ACTIVE:
        raise ValidationError(_("项目不在建，不能增加花名册人员。"))
    worker = ProjectWorker(project=project, created_by=by, **_normalise(dict(fields)))
    worker._history_user = by
    _check(worker, today=timezone.localdate())
    worker.save()
    event_write(
        kind=Event.Kind.ROSTER_CHANGED,
        project=project,
        by=by,
        summary=_("增加人员：%(name)s") % {"name": worker.name},
    )
    return worker


@transaction.atomic
def worker_update(*, worker: ProjectWorker, by: User, **fields: Any) -> ProjectWorker:
    unknown = set(fields) - UPDATABLE
    if unknown:
        raise TypeError(f"unknown or fixed fields: {sorted(unknown)}")
    changed = []
    for name, value in _normalise(dict(fields)).items():
        if getattr(worker, name, None) != value:
            setattr(worker, name, value)
            changed.append(name)
    if not changed:
        return worker
    worker._history_user = by
    _check(worker, today=timezone.localdate())
    worker.save()
    # The names compared are the worker's own columns, never a relation.
    labels = "、".join(
        str(cast("Field", ProjectWorker._meta.get_field(name)).verbose_name) for name in changed
    )
    event_write(
        kind=Event.Kind.ROSTER_CHANGED,
        project=worker.project,
        by=by,
        summary=_("变更人员 %(name)s：%(fields)s") % {"name": worker.name, "fields": labels},
    )
    return worker


@transaction.atomic
def worker_leave(*, worker: ProjectWorker, by: User, left_on: dt.date) -> ProjectWorker:
    if worker.left_on is not None:
        raise ValidationError(
            _("%(name)s 已于 %(date)s 退场。") % {"name": worker.name, "date": date_format(worker.left_on)}
        )
    worker.left_on = left_on
    worker._history_user = by
    _check(worker, today=timezone.localdate())
    worker.save(update_fields=["left_on", "updated_at"])
    event_write(
        kind=Event.Kind.ROSTER_CHANGED,
        project=worker.project,
        by=by,
        on=left_on,
        summary=_("人员退场：%(name)s") % {"name": worker.name},
    )
    return worker


@dataclass(frozen=True)
class RosterImported:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def roster_import(*, project: Project, rows: Sequence[Mapping[str, Any]], by: User | None) -> RosterImported:
    """Save checked rows (enterprises.imports.monitoring.roster_check): a worker already on the roster (same
    ID number) is updated, a new one created. Bulk writes with their history rows, one event."""
    existing = {w.id_number: w for w in ProjectWorker.objects.filter(project=project)}
    now = timezone.now()
    to_create: list[ProjectWorker] = []
    to_update: list[ProjectWorker] = []
    changed_fields: set[str] = set()
    unchanged = 0
    for row in rows:
        fields = _normalise({k: v for k, v in row.items() if k in WORKER_FIELDS})
        worker = existing.get(fields["id_number"])
        if worker is None:
            worker = ProjectWorker(project=project, created_by=by, created_at=now, updated_at=now, **fields)
            to_create.append(worker)
            existing[worker.id_number] = worker
            continue
        # A second row of the same worker in one file is refused by the check; here it changes nothing.
        changed = (
            []
            if worker.pk is None
            else [n for n in UPDATABLE if n in fields and getattr(worker, n) != fields[n]]
        )
        if not changed:
            unchanged += 1
            continue
        for name in changed:
            setattr(worker, name, fields[name])
        worker.updated_at = now
        changed_fields.update(changed)
        to_update.append(worker)
    if to_create:
        ProjectWorker.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        ProjectWorker.objects.bulk_update(to_update, [*sorted(changed_fields), "updated_at"], batch_size=1000)
    if to_create or to_update:
        history = ProjectWorker.history
        history.bulk_history_create(to_create, batch_size=1000, default_user=by, default_date=now)
        history.bulk_history_create(
            to_update, batch_size=1000, default_user=by, default_date=now, update=True
        )
        event_write(
            kind=Event.Kind.ROSTER_IMPORTED,
            project=project,
            by=by,
            summary=_("导入花名册：新增 %(created)d 人，更新 %(updated)d 人")
            % {"created": len(to_create), "updated": len(to_update)},
        )
    return RosterImported(created=len(to_create), updated=len(to_update), unchanged=unchanged)


def employer_lookup(project: Project) -> dict[str, Enterprise]:
    """The project's possible employers by credit code and by name, for the import's 用工单位 column."""
    ids = project_employer_ids(project)
    lookup: dict[str, Enterprise] = {}
    for enterprise in Enterprise.objects.filter(pk__in=ids):
        lookup[enterprise.credit_code] = enterprise
        lookup[enterprise.name.strip()] = enterprise
    return lookup
