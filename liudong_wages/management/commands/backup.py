from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from liudong_wages.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份数据库和上传的文件到一个新文件夹（含各表行数与校验和）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", default="var/backups", help="folder that receives the backup folder")

    def handle(self, *args, output: str, **options) -> None:
        try:
            target = backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"备份完成 / backup written: {target}"))
