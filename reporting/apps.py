from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("信息报送与简报")

    def ready(self) -> None:
        from liudong_wages import access, navigation

        from .models import Report

        # A liaison sees and edits only their own unit's reports; the office sees and reviews every unit's.
        access.register(Report, access.UnitScopedPolicy("unit", view_perm="reporting.view_report"))

        navigation.register(
            navigation.NavItem(
                _("信息报送"), "reporting:list", navigation.has_perm("reporting.view_report"), order=60
            ),
            navigation.NavItem(_("报送看板"), "reporting:board", _may_see_board, order=61),
        )

    def seed_demo(self, stdout) -> None:
        from .demo import seed_reports

        created = seed_reports()
        stdout.write(f"reporting: {created} 份演示报表")


def _may_see_board(user) -> bool:
    return user.has_perm("reporting.view_report") and user.has_perm("liudong_wages.view_all_units")
