from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("欠薪案件")

    def ready(self) -> None:
        from liudong_wages import access, navigation, startpage

        from . import start
        from .models import Case, Interview, JointHandling, Petition, PoliceWarning, PublicReport, WorkerClaim
        from .policies import (
            CaseChildPolicy,
            CasePolicy,
            IntakePolicy,
            JointHandlingPolicy,
            WorkerClaimPolicy,
        )

        case_policy = CasePolicy()
        access.register(Case, case_policy)
        access.register(WorkerClaim, WorkerClaimPolicy(case_policy))
        access.register(
            Interview, CaseChildPolicy(view_perm="cases.view_interview", change_perm="cases.change_interview")
        )
        access.register(
            PublicReport,
            CaseChildPolicy(view_perm="cases.view_publicreport", change_perm="cases.change_publicreport"),
        )
        access.register(
            Petition, IntakePolicy(view_perm="cases.view_petition", add_perm="cases.add_petition")
        )
        access.register(
            PoliceWarning,
            IntakePolicy(view_perm="cases.view_policewarning", add_perm="cases.add_policewarning"),
        )
        access.register(JointHandling, JointHandlingPolicy())
        from .models import CaseHandover
        from .policies import HandoverPolicy

        access.register(CaseHandover, HandoverPolicy())
        startpage.register(start.my_cases, order=20)
        startpage.register(start.police_referrals, order=25)
        startpage.register(start.stability_watch, order=26)
        startpage.register(start.document_periods, order=21)
        startpage.register(start.intake_waiting, order=19)

        navigation.register_group(navigation.NavGroup("cases", _("案件"), order=20))
        navigation.register(
            navigation.NavItem(
                _("欠薪案件"), "cases:list", navigation.has_perm("cases.view_case"), order=20, group="cases"
            ),
            navigation.NavItem(
                _("法人约谈"),
                "cases:interviews",
                navigation.has_perm("cases.view_interview"),
                order=22,
                group="cases",
            ),
            navigation.NavItem(
                _("网上举报"),
                "cases:public_reports",
                navigation.has_perm("cases.view_publicreport"),
                order=24,
                group="cases",
            ),
            navigation.NavItem(
                _("欠薪上访"),
                "cases:petitions",
                navigation.has_perm("cases.view_petition"),
                order=26,
                group="cases",
            ),
            navigation.NavItem(
                _("公安预警"),
                "cases:warnings",
                navigation.has_perm("cases.view_policewarning"),
                order=27,
                group="cases",
            ),
            # Issue 18: clues from the national platform, special campaigns, member units' hand-overs.
            navigation.NavItem(
                _("平台线索"),
                "cases:clues",
                navigation.has_perm("cases.view_all_case"),
                order=23,
                group="cases",
            ),
            navigation.NavItem(
                _("专项行动"),
                "cases:campaigns",
                navigation.has_perm("cases.view_all_case"),
                order=28,
                group="cases",
            ),
            navigation.NavItem(
                _("移交办公室"),
                "cases:handovers",
                lambda user: user.unit_id is not None or user.has_perm("cases.view_all_case"),
                order=29,
                group="cases",
            ),
        )

    def seed_demo(self, stdout) -> None:
        from .demo import seed_demo
        from .demo_year import seed_year

        seed_demo(stdout)
        seed_year(stdout)
