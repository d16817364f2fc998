from captcha import views as captcha_views
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import help, views
from .forms import LoginForm

admin.site.site_header = _("柳东新区治欠平台管理后台")
admin.site.site_title = _("治欠平台管理后台")
admin.site.index_title = _("基础数据与用户")

units_patterns = (
    [
        path("", views.unit_list, name="list"),
        path("<slug:code>/", views.unit_detail, name="detail"),
        path("<slug:code>/edit/", views.unit_edit, name="edit"),
    ],
    "units",
)

notification_patterns = (
    [
        path("", views.inbox, name="inbox"),
        path("<int:pk>/open/", views.notification_open, name="open"),
        path("read-all/", views.notifications_read_all, name="read_all"),
    ],
    "notifications",
)

urlpatterns = [
    # The public report's captcha picture, drawn here (issue 16); django-simple-captcha's audio and refresh
    # views are left out.
    path("captcha/image/<slug:key>/", captcha_views.captcha_image, {"scale": 1}, name="captcha-image"),
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        views.LoginView.as_view(
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
            extra_context={"failure_limit": settings.AXES_FAILURE_LIMIT},
        ),
        name="login",
    ),
    path("accounts/two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("accounts/two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("units/", include(units_patterns)),
    path("enterprises/", include("enterprises.urls")),
    path("cases/", include("cases.urls")),
    path("report/", include("cases.public_urls")),
    path("funds/", include("funds.urls")),
    path("notifications/", include(notification_patterns)),
    path("reporting/", include("reporting.urls")),
    path("dashboard/", include("reporting.dashboard_urls")),
    path("calendar/", views.calendar_year, name="calendar"),
    path("calendar/<int:year>/", views.calendar_year, name="calendar_year"),
    path("history/<str:app_label>/<str:model_name>/<str:pk>/", views.object_history, name="history"),
    path("files/<uuid:pk>/", views.attachment_download, name="attachment"),
    path("audit/", views.audit, name="audit"),
    path("help/", help.help_index, name="help"),
    path("help/<slug:topic>/", help.help_page, name="help_page"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
