"""Build a quarter's bulletin by hand: `manage.py build_bulletin 2026 3 [--output 简报.pdf]`."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reporting.services import bulletin as service


class Command(BaseCommand):
    help = "生成某季度的《劳动保障信息简报》草稿（PDF 和 Excel 附表）；已发布的简报不再生成，只导出。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("year", type=int, help="年度，如 2026")
        parser.add_argument("quarter", type=int, help="季度，1 至 4")
        parser.add_argument("--output", help="另存 PDF 到此文件")

    def handle(self, *args, year: int, quarter: int, output: str | None, **options) -> None:
        try:
            bulletin = service.bulletin_for_quarter(year=year, quarter=quarter)
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from None
        if bulletin.is_published:
            self.stdout.write(f"{bulletin.slug} 已发布（第 {bulletin.revision} 版），不再生成。")
        else:
            built = service.bulletin_build(bulletin_id=bulletin.pk)
            if built is None:
                raise CommandError(f"{bulletin.slug} 正在由其他任务生成，请稍后再试。")
            bulletin = built
            self.stdout.write(self.style.SUCCESS(f"{bulletin.slug} 第 {bulletin.revision} 版已生成。"))
        if output:
            with bulletin.pdf_file.open("rb") as source:
                Path(output).write_bytes(source.read())
            self.stdout.write(f"PDF 已保存到 {output}")
