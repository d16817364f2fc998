"""Demo data for a first run: users for every role, then whatever each app contributes.

Each app's AppConfig may define `seed_demo(stdout)`; they run in INSTALLED_APPS order, so enterprises come
before cases and cases before funds. Running the command twice adds nothing the second time.
"""

import os

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from liudong_wages.demo import seed_users


class Command(BaseCommand):
    help = "创建演示数据：各角色的演示账号，以及各模块的演示记录（可重复运行）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--password",
            default=os.environ.get("DEMO_PASSWORD") or None,
            help="give every new demo user this password (default: a random one each, printed once)",
        )
        parser.add_argument(
            "--reset-passwords", action="store_true", help="set new passwords for existing demo users too"
        )

    def handle(self, *args, password: str | None, reset_passwords: bool, **options) -> None:
        with transaction.atomic():
            users = seed_users(password=password, reset_passwords=reset_passwords)
            for config in apps.get_app_configs():
                if hasattr(config, "seed_demo"):
                    config.seed_demo(self.stdout)
        self.stdout.write(self.style.SUCCESS("演示账号 / demo accounts:"))
        for demo, new_password in users:
            roles = "、".join(str(role.label) for role in demo.roles) or "超级管理员"
            shown = new_password if new_password else "(已存在，密码未改 / exists, password unchanged)"
            self.stdout.write(f"  {demo.username:<14} {shown:<22} {demo.full_name}（{roles}）")
        if any(new_password for _demo, new_password in users):
            self.stdout.write(
                self.style.WARNING("密码只显示这一次，请妥善保存。 Passwords are shown only this once.")
            )
