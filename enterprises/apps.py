from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = _("企业与工程项目")

    def ready(self) -> None:
        from liudong_wages import access, navigation, startpage

        from . import start
        from .models import (
            Assessment,
            DishonestListing,
            Enterprise,
            Project,
            RestrictionMeasure,
            SiteInspection,
        )
        from .policies import MeasurePolicy, RegistryPolicy

        access.register(Enterprise, RegistryPolicy("enterprises.view_enterprise"))
        access.register(Project, RegistryPolicy("enterprises.view_project"))
        access.register(SiteInspection, RegistryPolicy("enterprises.view_siteinspection"))
        access.register(Assessment, RegistryPolicy("enterprises.view_assessment"))
        access.register(DishonestListing, RegistryPolicy("enterprises.view_dishonestlisting"))
        access.register(RestrictionMeasure, MeasurePolicy())
        # Wage-payment monitoring (issue 17): office-wide, plus the construction bureau's liaison.
        from .models import DepositUse, LabourCostTransfer, Payroll, ProjectWorker, WageAlert
        from .policies import MonitoringPolicy, may_monitor

        for model in (ProjectWorker, Payroll, LabourCostTransfer, WageAlert, DepositUse):
            access.register(model, MonitoringPolicy(f"enterprises.view_{model._meta.model_name}"))

        startpage.register(start.unit_measures, order=41)
        startpage.register(start.wage_alerts, order=42)

        has = navigation.has_perm
        navigation.register_group(navigation.NavGroup("enterprises", _("企业与项目"), order=10))
        navigation.register(
            navigation.NavItem(
                _("企业"),
                "enterprises:list",
                has("enterprises.view_enterprise"),
                order=10,
                group="enterprises",
            ),
            navigation.NavItem(
                _("工程项目"),
                "enterprises:project_list",
                has("enterprises.view_project"),
                order=11,
                group="enterprises",
            ),
            navigation.NavItem(
                _("工地巡视"),
                "enterprises:inspection_list",
                has("enterprises.view_siteinspection"),
                order=12,
                group="enterprises",
            ),
            navigation.NavItem(
                _("失信名单"),
                "enterprises:listing_list",
                has("enterprises.view_dishonestlisting"),
                order=13,
                group="enterprises",
            ),
            navigation.NavItem(
                _("工资支付监控"), "enterprises:monitoring", may_monitor, order=14, group="enterprises"
            ),
        )

    def seed_demo(self, stdout) -> None:
        from .demo import seed_demo
        from .demo_monitoring import seed_demo as seed_monitoring

        seed_demo(stdout)
        seed_monitoring(stdout)
