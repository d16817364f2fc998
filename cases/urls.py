from django.urls import path

from .views import cases, documents, intake, interviews, joint
from .views.from_warning import case_from_wage_alert

app_name = "cases"

urlpatterns = [
    path("", cases.case_list, name="list"),
    path("export.xlsx", cases.case_export, name="export"),
    path("new/", cases.case_create, name="create"),
    path("from-warning/<int:alert_pk>/", case_from_wage_alert, name="from_wage_alert"),
    path("claims-template.xlsx", cases.claim_template, name="claim_template"),
    path("<int:pk>/", cases.case_detail, name="detail"),
    path("<int:pk>/step/<slug:step>/", cases.case_step, name="step"),
    path("<int:pk>/claims/", cases.claim_add, name="claim_add"),
    path("<int:pk>/claims/import/", cases.claim_import, name="claim_import"),
    path("<int:pk>/claims/<int:claim_pk>/", cases.claim_edit, name="claim_edit"),
    path("<int:pk>/claims/<int:claim_pk>/remove/", cases.claim_remove, name="claim_remove"),
    path("<int:pk>/instalments/<int:instalment_pk>/pay/", cases.instalment_pay, name="instalment_pay"),
    path("<int:pk>/payments/new/", cases.payment_record, name="payment_record"),
    path("<int:pk>/attachments/", cases.attachment_upload, name="attachment_upload"),
    path("<int:pk>/joint/", joint.joint_request, name="joint_request"),
    path("<int:pk>/documents/", documents.document_list, name="documents"),
    path("<int:pk>/documents/<int:doc_pk>.pdf", documents.document_pdf, name="document_pdf"),
    path("<int:pk>/documents/<int:doc_pk>/", documents.document_edit, name="document_edit"),
    path("<int:pk>/documents/<int:doc_pk>/issue/", documents.document_issue, name="document_issue"),
    path("<int:pk>/documents/<int:doc_pk>/serve/", documents.document_serve, name="document_serve"),
    path("<int:pk>/documents/<int:doc_pk>/correct/", documents.document_correct, name="document_correct"),
    path("<int:pk>/documents/<int:doc_pk>/delete/", documents.document_delete, name="document_delete"),
    path("joint/<int:pk>/", joint.joint_detail, name="joint"),
    path("interviews/", interviews.interview_list, name="interviews"),
    path("interviews/export.xlsx", interviews.interview_export, name="interview_export"),
    path("interviews/new/", interviews.interview_create, name="interview_create"),
    path("interviews/<int:pk>/", interviews.interview_detail, name="interview"),
    path("interviews/<int:pk>/record/", interviews.interview_record, name="interview_record"),
    path("interviews/<int:pk>/<slug:outcome>/", interviews.interview_outcome, name="interview_outcome"),
    path("interviews/<int:pk>/notice.pdf", interviews.interview_notice_pdf, name="interview_notice_pdf"),
    path("interviews/<int:pk>/record.pdf", interviews.interview_record_pdf, name="interview_record_pdf"),
    path("public-reports/", intake.public_report_list, name="public_reports"),
    path("public-reports/<int:pk>/", intake.public_report_detail, name="public_report"),
    path("petitions/", intake.petition_list, name="petitions"),
    path("petitions/new/", intake.petition_create, name="petition_create"),
    path("petitions/<int:pk>/", intake.petition_detail, name="petition"),
    path("warnings/", intake.warning_list, name="warnings"),
    path("warnings/new/", intake.warning_create, name="warning_create"),
    path("warnings/<int:pk>/", intake.warning_detail, name="warning"),
]
