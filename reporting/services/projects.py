"""Turning a project listed in a unit's report (经发局, 建设局, 社会事务局) into an `enterprises.Project` in
one step. Reporting sits last in the import order, so it may call the enterprises app's service."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from enterprises.models import Enterprise, Project
from enterprises.services import project_create
from liudong_wages.models import User

from ..models import Report, ReportEvent, ReportProject

# The report's project categories as the registry's kinds.
KIND_BY_LABEL = {
    "房屋建筑": Project.Kind.BUILDING,
    "市政工程": Project.Kind.MUNICIPAL,
    "交通工程": Project.Kind.TRANSPORT,
    "水利工程": Project.Kind.WATER,
}


def _enterprise(name: str | None, role: str) -> Enterprise:
    matches = list(Enterprise.objects.filter(name=(name or "").strip())[:2])
    if len(matches) != 1:
        raise ValidationError(
            _("企业库中找不到唯一的“%(name)s”（%(role)s），请先登记该企业或指定企业。")
            % {"name": name or "—", "role": role}
        )
    return matches[0]


@transaction.atomic
def report_item_to_project(
    *,
    report: Report,
    item_index: int,
    by: User,
    construction_unit: Enterprise | None = None,
    general_contractor: Enterprise | None = None,
) -> Project:
    """Create the project listed as item `item_index` of a submitted report; each item at most once."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    mapping = report.definition.project_mapping
    if mapping is None:
        raise ValidationError(_("该报表不列报项目。"))
    if report.first_submitted_at is None:
        raise ValidationError(_("报表报送后才能生成项目。"))
    items = report.body.get("items") or []
    if not 0 <= item_index < len(items):
        raise ValidationError(_("没有这一行明细。"))
    if ReportProject.objects.filter(report=report, item_index=item_index).exists():
        raise ValidationError(_("这一行已生成过项目。"))
    item = items[item_index]
    definition = report.definition
    fields = {
        target: definition.field(key).python_value(item.get(key))
        for target, key in mapping.fields.items()
        if item.get(key) is not None
    }
    owner = construction_unit or _enterprise(item.get(mapping.owner_key), _("建设单位"))
    if general_contractor is None:
        if mapping.contractor_key is None:
            raise ValidationError(_("新审批项目尚无施工总承包单位，请指定后再生成项目。"))
        general_contractor = _enterprise(item.get(mapping.contractor_key), _("施工总承包单位"))
    kind = mapping.fixed_kind or KIND_BY_LABEL.get(item.get(mapping.kind_key or ""), Project.Kind.OTHER)
    if mapping.contractor_key is None:
        fields["approving_unit"] = report.unit.name
    project = project_create(
        by=by, construction_unit=owner, general_contractor=general_contractor, kind=kind, **fields
    )
    ReportProject.objects.create(report=report, item_index=item_index, project=project)
    ReportEvent.objects.create(
        report=report,
        kind=ReportEvent.Kind.PROJECT_CREATED,
        by=by,
        note=_("第 %(row)d 行：%(name)s") % {"row": item_index + 1, "name": project.name},
    )
    return project
