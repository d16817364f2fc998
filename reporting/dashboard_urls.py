"""The director's dashboard lives at /dashboard/ (DESIGN.md section 7), outside the /reporting/ prefix."""

from django.urls import path

from .views import dashboard

app_name = "dashboard"

urlpatterns = [
    path("", dashboard.dashboard, name="index"),
    path("export.pdf", dashboard.dashboard_pdf, name="pdf"),
    path("export.xlsx", dashboard.dashboard_xlsx, name="xlsx"),
]
