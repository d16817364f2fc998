from django.urls import path

from .views import reports

app_name = "reporting"

urlpatterns = [
    path("reports/", reports.report_list, name="list"),
    path("reports/export.xlsx", reports.report_export, name="export"),
    path("reports/<int:pk>/", reports.report_detail, name="detail"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="edit"),
    path("reports/<int:pk>/submit/", reports.report_submit, name="submit"),
    path("reports/<int:pk>/review/", reports.report_review, name="review"),
    path("reports/<int:pk>/upload/", reports.report_upload, name="upload"),
    path("reports/<int:pk>/attach/", reports.report_attach, name="attach"),
    path("reports/<int:pk>/items/<int:index>/project/", reports.report_item_project, name="item_project"),
    path("types/<slug:report_type>/template.xlsx", reports.template_download, name="template"),
    path("types/<slug:report_type>/<str:period>/", reports.report_start, name="start"),
    path("types/<slug:report_type>/<str:period>/reopen/", reports.report_reopen, name="reopen"),
    path("board/", reports.board, name="board"),
    path("board/export.xlsx", reports.board_export, name="board_export"),
]
