"""Send the reminders, overdue notices and the director's summary due on a day (the daily job, by hand)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reporting.services import reminders


class Command(BaseCommand):
    help = "发送到期的报送提醒、逾期通知和给办公室主任的汇总（可重复运行，不会重复发送）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="按该日期计算（YYYY-MM-DD），默认今天（北京时间）")

    def handle(self, *args, date: str | None, **options) -> None:
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError("--date 应为 YYYY-MM-DD，如 2026-11-10。") from None
        result = reminders.reminders_send(today=today)
        for unit, report_type, period, kind in result.sent:
            self.stdout.write(f"{today} {unit} {report_type or '-'} {period:%Y-%m} {kind}")
        self.stdout.write(
            self.style.SUCCESS(f"{today}: 发送 {len(result.sent)} 条，已发送过而跳过 {result.skipped} 条。")
        )
