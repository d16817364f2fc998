"""Models of the reporting app, one module per part: member-unit reports and their reminders here; the
bulletin, meetings and supervision in modules of their own."""

from .reports import ReminderSent, Report, ReportEvent, ReportProject, ReportQuerySet

__all__ = ["ReminderSent", "Report", "ReportEvent", "ReportProject", "ReportQuerySet"]
