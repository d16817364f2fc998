import datetime as dt

from django.core.management.base import BaseCommand

from enterprises.tasks import refresh_registry


class Command(BaseCommand):
    help = "重新计算项目风险等级，并将期满的失信名单移出（可重复运行）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD, default today"
        )

    def handle(self, *args, date: dt.date | None, **options) -> None:
        summary = refresh_registry(today=date)
        self.stdout.write(
            f"失信名单期满移出 {summary['listings_expired']} 条；风险等级变化的项目 {summary['projects_changed_risk']} 个。"
        )
