"""Load large, reproducible benchmark data (DESIGN.md section 7): `seed_bench --scale N`."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from reporting.bench import data as bench_data


class Command(BaseCommand):
    help = (
        "载入基准测试数据：规模 1 为 5,000 家企业、1,000 个项目、10,000 件案件（约 100,000 条欠薪明细）、"
        "约 20,000 条周转金台账和十年的成员单位报表；--scale N 为其 N 倍。固定随机种子，结果可重现。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="数据规模倍数（默认 1）")
        parser.add_argument("--seed", type=int, default=bench_data.DEFAULT_SEED, help="随机种子")
        parser.add_argument("--as-of", help="以该日期为“今天”生成数据（YYYY-MM-DD），默认今天")
        parser.add_argument(
            "--force", action="store_true", help="数据库中已有业务数据时仍然追加（切勿用于生产库）"
        )

    def handle(self, *args, scale: float, seed: int, as_of: str | None, force: bool, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "seed_bench 使用 PostgreSQL 的 COPY 载入数据，请设置 DATABASE_URL 指向 PostgreSQL。"
            )
        if scale <= 0:
            raise CommandError("--scale 应大于 0。")
        existing = bench_data.has_real_data()
        if existing and not force:
            raise CommandError(
                f"数据库 {connection.settings_dict['NAME']} 中已有业务数据（{', '.join(existing)}）。"
                "基准数据只应载入专用数据库；确需追加请加 --force。"
            )
        try:
            day = dt.date.fromisoformat(as_of) if as_of else None
        except ValueError:
            raise CommandError("--as-of 应为 YYYY-MM-DD。") from None
        self.stdout.write(
            f"seed_bench: scale {scale:g}, seed {seed}, database {connection.settings_dict['NAME']}"
        )
        started = time.monotonic()
        result = bench_data.seed_bench(scale=scale, seed=seed, as_of=day, log=self.stdout.write)
        for label, count in result.counts.items():
            self.stdout.write(f"  {label:32} {count:>10,}")
        self.stdout.write(self.style.SUCCESS(f"seed_bench: done in {time.monotonic() - started:.1f} s"))
