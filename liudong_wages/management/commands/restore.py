from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from liudong_wages.backup import BackupError, restore


class Command(BaseCommand):
    help = "从备份文件夹恢复数据库和上传的文件（会覆盖现有数据），并核对校验和。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="a folder written by the backup command")
        parser.add_argument("--yes", action="store_true", help="do not ask before overwriting the data")

    def handle(self, *args, source: str, yes: bool, **options) -> None:
        if not yes and input("这将覆盖当前全部数据。继续吗？ Type 'yes' to overwrite all data: ") != "yes":
            raise CommandError("已取消 / cancelled")
        try:
            mismatches = restore(Path(source))
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        if mismatches:
            for table, detail in mismatches.items():
                self.stderr.write(f"{table}: expected {detail['expected']}, found {detail['found']}")
            raise CommandError("恢复后的数据与备份清单不一致 / restored data differ from the manifest")
        self.stdout.write(
            self.style.SUCCESS("恢复完成，各表校验一致 / restored; every table matches the manifest")
        )
