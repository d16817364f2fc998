from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("reports/", views.report_list, name="list"),
    path("reports/export.xlsx", views.report_export, name="export"),
    path("reports/<int:pk>/", views.report_detail, name="detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="edit"),
    path("reports/<int:pk>/submit/", views.report_submit, name="submit"),
    path("reports/<int:pk>/review/", views.report_review, name="review"),
    path("reports/<int:pk>/upload/", views.report_upload, name="upload"),
    path("reports/<int:pk>/attach/", views.report_attach, name="attach"),
    path("reports/<int:pk>/items/<int:index>/project/", views.report_item_project, name="item_project"),
    path("types/<slug:report_type>/template.xlsx", views.template_download, name="template"),
    path("types/<slug:report_type>/<str:period>/", views.report_start, name="start"),
    path("types/<slug:report_type>/<str:period>/reopen/", views.report_reopen, name="reopen"),
    path("board/", views.board, name="board"),
    path("board/export.xlsx", views.board_export, name="board_export"),
]
