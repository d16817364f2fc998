from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiudongWagesConfig(AppConfig):
    name = "liudong_wages"
    verbose_name = _("领导小组")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import access, navigation
        from .middleware import touch_at_login
        from .models import MemberUnit, Notification
        from .policies import NotificationPolicy

        # The unit directory is open to every member; a liaison edits only their own unit's contact details.
        access.register(MemberUnit, access.UnitScopedPolicy("pk", all_may_view=True))
        access.register(Notification, NotificationPolicy())
        user_logged_in.connect(touch_at_login, dispatch_uid="liudong_wages.touch_at_login")

        system = navigation.SYSTEM
        navigation.register_group(
            navigation.NavGroup(navigation.WORK, _("工作台"), order=0),
            navigation.NavGroup(system, _("系统"), order=900),
        )
        navigation.register(
            navigation.NavItem(_("工作台"), "home", navigation.anyone, order=0),
            navigation.NavItem(_("成员单位"), "units:list", navigation.anyone, order=900, group=system),
            navigation.NavItem(_("帮助"), "help", navigation.anyone, order=990, group=system),
            navigation.NavItem(
                _("审计"), "audit", navigation.has_perm("liudong_wages.view_audit"), order=950, group=system
            ),
            navigation.NavItem(_("管理后台"), "admin:index", navigation.is_staff, order=980, group=system),
        )
