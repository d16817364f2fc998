"""Models of the reporting app, one module per part: member-unit reports and their reminders here; the
bulletin, meetings and supervision in modules of their own."""

from .bulletin import Bulletin, BulletinDownload
from .meetings import (
    AgreedItem,
    Meeting,
    MeetingEvent,
    Minutes,
    MinutesConfirmation,
    SupervisionEvent,
    SupervisionReminderSent,
    SupervisionTask,
)
from .reports import ReminderSent, Report, ReportEvent, ReportProject, ReportQuerySet

__all__ = [
    "AgreedItem",
    "Bulletin",
    "BulletinDownload",
    "Meeting",
    "MeetingEvent",
    "Minutes",
    "MinutesConfirmation",
    "ReminderSent",
    "Report",
    "ReportEvent",
    "ReportProject",
    "ReportQuerySet",
    "SupervisionEvent",
    "SupervisionReminderSent",
    "SupervisionTask",
]
