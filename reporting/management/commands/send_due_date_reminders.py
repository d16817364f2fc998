"""Send the due-date reminders of supervision tasks and of interviews' rectification reports: both daily jobs
(`reporting.tasks.send_supervision_reminders`, `cases.tasks.send_rectification_reminders`), by hand. It lives
in `reporting`, the one app that sees both."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.services import rectification_reminders_send
from reporting.services import supervision_reminders_send


class Command(BaseCommand):
    help = "发送督办事项和约谈整改报告的到期提醒、逾期通知（可重复运行，不会重复发送）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="按该日期计算（YYYY-MM-DD），默认今天（北京时间）")

    def handle(self, *args, date: str | None, **options) -> None:
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError("--date 应为 YYYY-MM-DD，如 2026-11-10。") from None
        result = supervision_reminders_send(today=today).add(rectification_reminders_send(today=today))
        for subject, pk, kind in result.sent:
            self.stdout.write(f"{today} {subject} {pk} {kind}")
        self.stdout.write(
            self.style.SUCCESS(f"{today}: 发送 {len(result.sent)} 条，已发送过而跳过 {result.skipped} 条。")
        )
