"""The Django admin behind the site's own login and second factor (issue 16).

The admin's login page would take a password alone. Here it sends to the site's login, which asks for both
factors, and, as django-otp's `OTPAdminSite` does, a staff user whose session django-otp has not verified
is not let in even if something else logged the session in.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        return super().has_permission(request) and request.user.is_verified()

    def login(self, request, extra_context=None):
        from .views import admin_login

        return admin_login(request)


class AdminConfig(DjangoAdminConfig):
    """`django.contrib.admin` with the site above as `admin.site` (named in INSTALLED_APPS)."""

    default_site = "liudong_wages.admin_site.AdminSite"
