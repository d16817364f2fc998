"""Measure the main pages and jobs against the data of `seed_bench` (README, Performance)."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cases.models import Case
from reporting.bench import run as bench


class Command(BaseCommand):
    help = "测量主要页面（服务器耗时中位数与 P95、SQL 查询数、主查询耗时）、案件导出、简报生成和提醒任务。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--repeat", type=int, default=20, help="每个页面请求次数（默认 20）")
        parser.add_argument(
            "--scale-check",
            action="store_true",
            help="先确认数据库中有 seed_bench 规模 10 的数据（10 万件案件以上），否则退出",
        )
        parser.add_argument("--pages-only", action="store_true", help="只测页面，不测导出和后台任务")
        parser.add_argument("--markdown", help="把结果表写入此文件（README 的 Performance 一节用）")

    def handle(
        self, *args, repeat: int, scale_check: bool, pages_only: bool, markdown: str | None, **options
    ):
        if connection.vendor != "postgresql":
            raise CommandError("benchmark 只对 PostgreSQL 有意义，请设置 DATABASE_URL。")
        cases = Case.objects.count()
        if scale_check and cases < 100_000:
            raise CommandError(f"只有 {cases:,} 件案件：先运行 seed_bench --scale 10。")
        load = os.getloadavg()
        self.stdout.write(
            f"benchmark: {cases:,} cases, {repeat} requests a page, {os.cpu_count()} CPUs, "
            f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
        )
        report = bench.run(repeat=repeat, log=self.stdout.write, only_pages=pages_only)
        load = os.getloadavg()
        self.stdout.write(f"load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
        table = bench.markdown(report)
        if markdown:
            with open(markdown, "w", encoding="utf-8") as target:
                target.write(table + "\n")
        self.stdout.write(table)
        over = [page.name for page in [*report.pages] if not page.within_budget()]
        if over:
            self.stdout.write(self.style.WARNING(f"over budget: {', '.join(over)}"))
        else:
            self.stdout.write(self.style.SUCCESS("every page within budget"))
        # Issue 21's target, a ratio measured in this same run.
        ratio_over = [page.name for page in report.pages if not page.meets_sql_ratio()]
        if ratio_over:
            self.stdout.write(
                self.style.WARNING(f"median over 3 x its SQL time and over 25 ms: {', '.join(ratio_over)}")
            )
        else:
            self.stdout.write(self.style.SUCCESS("every page's median within 3 x its SQL time or 25 ms"))
