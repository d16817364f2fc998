"""Every state change of the reporting app, one module per workflow (STYLE.md, Where logic lives): member-unit
reports (`reports`, their items turned into projects in `projects`, the reminders in `reminders`), meetings
and their minutes (`meetings`), supervision tasks and the due-date job over them (`supervision`; interviews'
rectification reports have theirs in `cases.services.reminders`), the quarterly bulletin (`bulletin`)."""

from .bulletin import (
    bulletin_build,
    bulletin_build_scheduled,
    bulletin_for_quarter,
    bulletin_publish,
    bulletin_record_download,
    bulletin_request_build,
    bulletin_revise,
    bulletin_update_texts,
)
from .meetings import (
    ItemInput,
    issued_pdf,
    meeting_attach,
    meeting_create,
    minutes_circulate,
    minutes_comment,
    minutes_confirm,
    minutes_context,
    minutes_finalize,
    minutes_issue,
    minutes_override,
    minutes_pdf,
    minutes_update,
    next_minutes_number,
    unsettled_units,
)
from .projects import report_item_to_project
from .reminders import reminders_send
from .reports import (
    period_check,
    report_accept,
    report_attach,
    report_import_items,
    report_reopen,
    report_return,
    report_save,
    report_start,
    report_submit,
)
from .supervision import (
    supervision_reminders_send,
    task_accept,
    task_create,
    task_report_done,
    task_send_back,
)

__all__ = [
    "ItemInput",
    "bulletin_build",
    "bulletin_build_scheduled",
    "bulletin_for_quarter",
    "bulletin_publish",
    "bulletin_record_download",
    "bulletin_request_build",
    "bulletin_revise",
    "bulletin_update_texts",
    "issued_pdf",
    "meeting_attach",
    "meeting_create",
    "minutes_circulate",
    "minutes_comment",
    "minutes_confirm",
    "minutes_context",
    "minutes_finalize",
    "minutes_issue",
    "minutes_override",
    "minutes_pdf",
    "minutes_update",
    "next_minutes_number",
    "period_check",
    "reminders_send",
    "report_accept",
    "report_attach",
    "report_import_items",
    "report_item_to_project",
    "report_reopen",
    "report_return",
    "report_save",
    "report_start",
    "report_submit",
    "supervision_reminders_send",
    "task_accept",
    "task_create",
    "task_report_done",
    "task_send_back",
    "unsettled_units",
]
