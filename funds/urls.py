from django.urls import path

from . import views

app_name = "funds"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("applications/", views.application_list, name="list"),
    path("applications/export.xlsx", views.application_export, name="export"),
    path("applications/new/", views.application_create, name="create"),
    path("applications/<int:pk>/", views.application_detail, name="detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="edit"),
    path("applications/<int:pk>/recovery-order.pdf", views.recovery_order_pdf, name="recovery_order_pdf"),
    path("applications/<int:pk>/<slug:action>/", views.application_action, name="action"),
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/appropriate/", views.appropriate, name="appropriate"),
    path("ledger/<int:pk>/reverse/", views.reverse_entry, name="reverse"),
    path("statement/", views.statement, name="statement"),
    path("statement.xlsx", views.statement, {"fmt": "xlsx"}, name="statement_xlsx"),
    path("statement.pdf", views.statement, {"fmt": "pdf"}, name="statement_pdf"),
]
