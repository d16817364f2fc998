"""Services of supervision tasks (督办事项, 实施方案 二(三)1): the office gives a member unit a task, from an
agreed item of final minutes or on its own; the unit reports it done with evidence; the office accepts it or
sends it back. Each state change writes its event row and its history in the same transaction. The daily job
warns of tasks coming due and tells once when they are overdue (`supervision_reminders_send`, with the core's
rule in `liudong_wages.due_dates`).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages import notifications, workdays
from liudong_wages.due_dates import DueReminder, RunResult, claim, due_kind, warning_days
from liudong_wages.formats import working_days_left
from liudong_wages.models import Attachment, MemberUnit, User
from liudong_wages.roles import Role
from liudong_wages.services import attachment_add

from ..models import AgreedItem, Minutes, SupervisionEvent, SupervisionReminderSent, SupervisionTask
from .meetings import required_text

EVIDENCE_CATEGORY = "evidence"

MinutesStatus = Minutes.Status
TaskStatus = SupervisionTask.Status

logger = logging.getLogger(__name__)


def _task_event(task: SupervisionTask, kind: str, by: User | None, note: str = "") -> SupervisionEvent:
    return SupervisionEvent.objects.create(task=task, kind=kind, by=by, note=note, at=timezone.now())


def _locked_task(task: SupervisionTask) -> SupervisionTask:
    return SupervisionTask.objects.select_for_update().select_related("unit").get(pk=task.pk)


@transaction.atomic
def task_create(
    *,
    unit: MemberUnit,
    content: str,
    due_on: dt.date,
    by: User,
    item: AgreedItem | None = None,
    today: dt.date | None = None,
) -> SupervisionTask:
    """Give a unit a supervised task, from an agreed item of final minutes or on its own."""
    today = today or timezone.localdate()
    content = required_text(content, _("请填写督办内容。"))
    if unit.kind != MemberUnit.Kind.MEMBER:
        raise ValidationError(_("督办事项须交由成员单位办理。"))
    if due_on < today:
        raise ValidationError(_("办结时限不能早于今天。"))
    if (
        item is not None
        and not Minutes.objects.filter(
            pk=item.minutes_id, status__in=[MinutesStatus.FINAL, MinutesStatus.ISSUED]
        ).exists()
    ):
        raise ValidationError(_("只能从已定稿的会议纪要的议定事项交办督办。"))
    task = SupervisionTask(unit=unit, item=item, content=content, due_on=due_on, created_by=by)
    task._history_user = by
    task.full_clean()
    task.save()
    _task_event(task, SupervisionEvent.Kind.CREATED, by)
    notifications.notify_units(
        units=[unit],
        kind="supervision_task",
        template="generic",
        context={
            "title": _("督办事项：请于 %(due)s 前办结") % {"due": date_format(due_on)},
            "body": content,
        },
        url=task.get_absolute_url(),
        key=f"supervision-created:{task.pk}",
    )
    return task


def _evidence_count(task: SupervisionTask) -> int:
    from django.contrib.contenttypes.models import ContentType

    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(SupervisionTask),
        object_id=str(task.pk),
        category=EVIDENCE_CATEGORY,
    ).count()


@transaction.atomic
def task_report_done(
    *, task: SupervisionTask, by: User, report: str, evidence: UploadedFile | None = None
) -> SupervisionTask:
    """The unit reports the task done, with evidence (a file: a document, a photo, a notice it issued)."""
    report = required_text(report, _("请填写办理情况。"))
    task = _locked_task(task)
    if not task.is_open:
        raise ValidationError(_("该督办事项已报办结，等待验收。"))
    if evidence is not None:
        attachment_add(
            owner=task, file=evidence, by=by, category=EVIDENCE_CATEGORY, description=_("办结佐证")
        )
    if _evidence_count(task) == 0:
        raise ValidationError(_("请上传办结佐证材料。"))
    task.status = TaskStatus.REPORTED
    task.report = report
    task.reported_at = timezone.now()
    task.reported_by = by
    task._history_user = by
    task.full_clean(validate_constraints=False)
    task.save()
    _task_event(task, SupervisionEvent.Kind.REPORTED, by, report)
    return task


@transaction.atomic
def task_accept(*, task: SupervisionTask, by: User) -> SupervisionTask:
    task = _locked_task(task)
    if task.status != TaskStatus.REPORTED:
        raise ValidationError(_("只能验收已报办结的督办事项。"))
    task.status = TaskStatus.ACCEPTED
    task.accepted_at = timezone.now()
    task.accepted_by = by
    task._history_user = by
    task.save()
    _task_event(task, SupervisionEvent.Kind.ACCEPTED, by)
    return task


@transaction.atomic
def task_send_back(*, task: SupervisionTask, by: User, reason: str) -> SupervisionTask:
    """Not done as asked: back to the unit with the reason; the due date stands."""
    reason = required_text(reason, _("退回时必须说明理由。"))
    task = _locked_task(task)
    if task.status != TaskStatus.REPORTED:
        raise ValidationError(_("只能退回已报办结的督办事项。"))
    task.status = TaskStatus.RETURNED
    task.return_reason = reason
    task._history_user = by
    task.save()
    _task_event(task, SupervisionEvent.Kind.RETURNED, by, reason)
    notifications.notify_units(
        units=[task.unit],
        kind="supervision_task",
        template="generic",
        context={
            "title": _("督办事项被退回，请继续办理"),
            "body": f"{task.content}\n\n{_('退回理由')}：{reason}",
        },
        url=task.get_absolute_url(),
        # Each send-back is its own message: the count of earlier ones makes the key.
        key=f"supervision-returned:{task.pk}:{task.events.filter(kind=SupervisionEvent.Kind.RETURNED).count()}",
    )
    return task


# The due-date job ----------------------------------------------------------------------------------------


def supervision_reminders_send(*, today: dt.date) -> RunResult:
    """Warn of the tasks due on `today` or soon, and tell once when they are overdue (DESIGN.md section 5). Safe
    to run any number of times, from any number of workers."""
    result = RunResult()
    if not workdays.is_working_day(today):
        return result
    horizon = workdays.add_working_days(today, warning_days())
    directors = _active(User.objects.filter(groups__name=Role.DIRECTOR))
    tasks = (
        SupervisionTask.objects.open()
        .filter(due_on__lte=horizon)
        .select_related("unit")
        .order_by("due_on", "pk")
    )
    for task in tasks:
        kind = due_kind(task.due_on, today)
        if kind is not None:
            _remind(task=task, kind=kind, today=today, directors=directors, result=result)
    if result.sent:
        logger.info("Supervision reminders for %s: %s", today, result)
    return result


def _active(users) -> list[User]:
    return list(users.filter(is_active=True).distinct())


def _remind(
    *, task: SupervisionTask, kind: DueReminder, today: dt.date, directors: list[User], result: RunResult
) -> None:
    with transaction.atomic():
        sent = claim(SupervisionReminderSent, kind=kind, due_on=task.due_on, result=result, task=task)
        if sent is None:
            return
        recipients = _active(User.objects.filter(unit=task.unit, groups__name=Role.LIAISON))
        if not recipients:  # a unit whose liaison has no role yet still hears from us
            recipients = _active(User.objects.filter(unit=task.unit))
        if kind == DueReminder.OVERDUE:
            title = _("督办事项已逾期：%(unit)s") % {"unit": task.unit.short_name}
            body = _("督办事项办结时限为 %(due)s，至今未报办结：%(content)s") % {
                "due": date_format(task.due_on),
                "content": task.content,
            }
            recipients = [*recipients, *directors]
        else:
            left = workdays.working_days_between(today, task.due_on)
            title = _("督办事项即将到期（%(left)s）") % {"left": working_days_left(left)}
            body = _("请于 %(due)s 前办结并上传佐证材料：%(content)s") % {
                "due": date_format(task.due_on),
                "content": task.content,
            }
        notifications.notify(
            recipients=recipients,
            kind="supervision_due",
            template="generic",
            context={"title": title, "body": body},
            url=task.get_absolute_url(),
            key=f"supervision-due:{task.pk}:{kind}",
        )
        sent.recipients = len({user.pk for user in recipients})
        sent.save(update_fields=["recipients"])
    result.sent.append(("task", task.pk, kind))
