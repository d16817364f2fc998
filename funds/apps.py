from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "funds"
    verbose_name = _("应急周转金")

    def ready(self) -> None:
        from liudong_wages import access, navigation, startpage

        from . import start
        from .models import AdvanceApplication, Fund, LedgerEntry
        from .policies import AdvanceApplicationPolicy, FundPolicy, LedgerEntryPolicy

        access.register(AdvanceApplication, AdvanceApplicationPolicy())
        access.register(LedgerEntry, LedgerEntryPolicy())
        access.register(Fund, FundPolicy())
        startpage.register(start.to_approve, order=30)
        startpage.register(start.to_pay, order=31)

        navigation.register_group(navigation.NavGroup("funds", _("周转金"), order=40))
        navigation.register(
            navigation.NavItem(
                _("周转金"), "funds:overview", navigation.has_perm("funds.view_fund"), order=40, group="funds"
            ),
            navigation.NavItem(
                _("垫付申请"),
                "funds:list",
                navigation.has_perm("funds.view_advanceapplication"),
                order=41,
                group="funds",
            ),
        )

    def seed_demo(self, stdout) -> None:
        from .demo import seed_demo

        seed_demo(stdout)
