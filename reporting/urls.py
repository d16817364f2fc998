from django.urls import path

from .views import assessment, board, bulletin, meetings, reports, supervision

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
    path("board/", board.board, name="board"),
    path("board/export.xlsx", board.board_export, name="board_export"),
    # The quarterly bulletin; the .pdf and .xlsx addresses are public interface (DESIGN.md section 7).
    path("bulletins/", bulletin.bulletin_list, name="bulletins"),
    path("bulletins/new/", bulletin.bulletin_create, name="bulletin_create"),
    path("bulletins/<int:year>q<int:quarter>.pdf", bulletin.bulletin_pdf, name="bulletin_pdf"),
    path("bulletins/<int:year>q<int:quarter>.xlsx", bulletin.bulletin_xlsx, name="bulletin_xlsx"),
    path("bulletins/<int:year>/<int:quarter>/", bulletin.bulletin_detail, name="bulletin"),
    path("bulletins/<int:year>/<int:quarter>/texts/", bulletin.bulletin_texts, name="bulletin_texts"),
    path("bulletins/<int:year>/<int:quarter>/build/", bulletin.bulletin_build, name="bulletin_build"),
    path("bulletins/<int:year>/<int:quarter>/status/", bulletin.bulletin_status, name="bulletin_status"),
    path("bulletins/<int:year>/<int:quarter>/publish/", bulletin.bulletin_publish, name="bulletin_publish"),
    path("bulletins/<int:year>/<int:quarter>/revise/", bulletin.bulletin_revise, name="bulletin_revise"),
    # Leading-group meetings, minutes, supervision tasks and the yearly assessment.
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/attach/", meetings.meeting_attach, name="meeting_attach"),
    path("meetings/<int:pk>/minutes/", meetings.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/minutes/circulate/", meetings.minutes_circulate, name="minutes_circulate"),
    path("meetings/<int:pk>/minutes/finalize/", meetings.minutes_finalize, name="minutes_finalize"),
    path("meetings/<int:pk>/minutes/issue/", meetings.minutes_issue, name="minutes_issue"),
    path("meetings/<int:pk>/minutes.pdf", meetings.minutes_pdf, name="minutes_pdf"),
    path("confirmations/<int:pk>/", meetings.confirmation_answer, name="confirmation_answer"),
    path("confirmations/<int:pk>/override/", meetings.confirmation_override, name="confirmation_override"),
    path("tasks/", supervision.task_list, name="tasks"),
    path("tasks/board/", supervision.task_board, name="task_board"),
    path("tasks/new/", supervision.task_create, name="task_create"),
    path("tasks/<int:pk>/", supervision.task_detail, name="task"),
    path("tasks/<int:pk>/report/", supervision.task_report, name="task_report"),
    path("tasks/<int:pk>/review/", supervision.task_review, name="task_review"),
    path("assessment/", assessment.assessment_page, name="assessment"),
    path("assessment/<int:year>.pdf", assessment.assessment_pdf, name="assessment_pdf"),
    path("assessment/<int:year>.xlsx", assessment.assessment_xlsx, name="assessment_xlsx"),
]
