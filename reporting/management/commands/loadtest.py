"""The load test of issue 21 in one command: `manage.py loadtest` (README, Performance)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from reporting.bench import load


class Command(BaseCommand):
    help = (
        "负载测试：按 docker-compose 的方式在 127.0.0.1 上启动 gunicorn，用 Locust 以各角色用户（联络员、办公室、"
        "主任）在 8 和 32 个并发下各运行一段时间，另测 /healthz 和 /cases/ 单独 8 并发，打印每秒请求数、P50、P95、"
        "失败数及比值；结束后停止它启动的所有进程。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=8111, help="gunicorn 端口（默认 8111，仅 127.0.0.1）")
        parser.add_argument("--duration", type=int, default=30, help="每轮秒数（默认 30）")
        parser.add_argument(
            "--workers", type=int, default=3, help="gunicorn 进程数（默认 3，同 docker-compose）"
        )
        parser.add_argument("--markdown", help="把结果表写入此文件")

    def handle(self, *args, port: int, duration: int, workers: int, markdown: str | None, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("loadtest 只对 PostgreSQL 有意义，请设置 DATABASE_URL。")
        if duration < 5:
            raise CommandError("--duration 至少 5 秒。")
        table = load.run(port=port, duration=duration, workers=workers, log=self.stdout.write)
        if markdown:
            with open(markdown, "w", encoding="utf-8") as target:
                target.write(table + "\n")
        self.stdout.write(table)
