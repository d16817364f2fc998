from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("信息报送与简报")

    def ready(self) -> None:
        from liudong_wages import access, navigation, startpage
        from liudong_wages.roles import Role

        from .models import Bulletin, Meeting, MinutesConfirmation, Report, SupervisionTask
        from .policies import BulletinPolicy, MeetingPolicy
        from .start import director_summary, unit_reports

        startpage.register(director_summary, order=10)
        startpage.register(unit_reports, order=40)
        # The director works from the dashboard (DESIGN.md section 1): a login lands there.
        startpage.register_landing(Role.DIRECTOR, "dashboard:index")

        # A liaison sees and edits only their own unit's reports; the office sees and reviews every unit's.
        access.register(Report, access.UnitScopedPolicy("unit", view_perm="reporting.view_report"))
        # Every member unit reads published bulletins; drafts only those who write them.
        access.register(Bulletin, BulletinPolicy())

        # Meetings: a liaison sees those their unit attends and every issued minutes; the office manages them.
        access.register(Meeting, MeetingPolicy())
        # A liaison confirms or comments for their own unit only; the office overrides a missing answer.
        access.register(
            MinutesConfirmation,
            access.UnitScopedPolicy("unit", view_perm="reporting.view_minutesconfirmation"),
        )
        # A liaison sees and reports on their own unit's tasks; the office accepts or sends back.
        access.register(
            SupervisionTask, access.UnitScopedPolicy("unit", view_perm="reporting.view_supervisiontask")
        )

        navigation.register_group(
            navigation.NavGroup("reporting", _("报送与简报"), order=60),
            navigation.NavGroup("meetings", _("会议督办"), order=64),
        )
        navigation.register(
            navigation.NavItem(
                _("信息报送"),
                "reporting:list",
                navigation.has_perm("reporting.view_report"),
                order=60,
                group="reporting",
            ),
            navigation.NavItem(_("报送看板"), "reporting:board", _may_see_board, order=61, group="reporting"),
            navigation.NavItem(
                _("驾驶舱"), "dashboard:index", navigation.has_perm("reporting.view_dashboard"), order=5
            ),
            navigation.NavItem(
                _("简报"),
                "reporting:bulletins",
                navigation.has_perm("reporting.view_bulletin"),
                order=62,
                group="reporting",
            ),
            navigation.NavItem(
                _("会议纪要"),
                "reporting:meetings",
                navigation.has_perm("reporting.view_meeting"),
                order=64,
                group="meetings",
            ),
            navigation.NavItem(
                _("督办事项"),
                "reporting:tasks",
                navigation.has_perm("reporting.view_supervisiontask"),
                order=65,
                group="meetings",
            ),
            navigation.NavItem(
                _("年度考核"), "reporting:assessment", _may_see_board, order=66, group="reporting"
            ),
        )

    def seed_demo(self, stdout) -> None:
        from .demo import seed_reports

        created = seed_reports()
        stdout.write(f"reporting: {created} 份演示报表")

        from .demo import seed_meetings

        stdout.write(f"reporting: {seed_meetings()} 次演示会议（含纪要和督办事项）")

        from .demo import seed_bulletins

        stdout.write(f"reporting: {seed_bulletins()} 期演示季度简报已发布")


def _may_see_board(user) -> bool:
    return user.has_perm("reporting.view_report") and user.has_perm("liudong_wages.view_all_units")
