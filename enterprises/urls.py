from django.urls import path

from .views import enterprises, imports, inspections, listings, projects

app_name = "enterprises"

urlpatterns = [
    path("", enterprises.enterprise_list, name="list"),
    path("export.xlsx", enterprises.enterprise_export, name="export"),
    path("new/", enterprises.enterprise_create, name="create"),
    path("internet-plus/", enterprises.internet_plus, name="internet_plus"),
    path("internet-plus/export.xlsx", enterprises.internet_plus, name="internet_plus_export"),
    path("import/<slug:kind>/", imports.import_upload, name="import"),
    path("import/<slug:kind>/template.xlsx", imports.import_template, name="import_template"),
    path("<int:pk>/", enterprises.enterprise_detail, name="detail"),
    path("<int:pk>/edit/", enterprises.enterprise_edit, name="edit"),
    path("<int:pk>/close/", enterprises.enterprise_close, name="close"),
    path("<int:pk>/assess/", enterprises.assessment_create, name="assess"),
    path("<int:pk>/list/", listings.listing_propose, name="listing_propose"),
    path("assessments/<int:pk>/", enterprises.assessment_detail, name="assessment"),
    path("projects/", projects.project_list, name="project_list"),
    path("projects/export.xlsx", projects.project_export, name="project_export"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<int:pk>/void/", projects.project_void, name="project_void"),
    path("projects/<int:pk>/deposit/<slug:step>/", projects.project_deposit, name="project_deposit"),
    path("projects/<int:pk>/subcontractors/", projects.subcontractor_add, name="subcontractor_add"),
    path(
        "projects/<int:pk>/subcontractors/<int:sub_pk>/remove/",
        projects.subcontractor_remove,
        name="subcontractor_remove",
    ),
    path("inspections/", inspections.inspection_list, name="inspection_list"),
    path("inspections/export.xlsx", inspections.inspection_export, name="inspection_export"),
    path("inspections/new/", inspections.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/resolve/", inspections.inspection_resolve, name="inspection_resolve"),
    path("inspections/<int:pk>/photos/", inspections.inspection_photo, name="inspection_photo"),
    path("listings/", listings.listing_list, name="listing_list"),
    path("listings/export.xlsx", listings.listing_export, name="listing_export"),
    path("listings/measures/pending/", listings.measures_pending, name="measures_pending"),
    path("listings/measures/<int:pk>/", listings.measure_edit, name="measure_edit"),
    path("listings/<int:pk>/", listings.listing_detail, name="listing_detail"),
    path("listings/<int:pk>/notice.pdf", listings.listing_notice, name="listing_notice"),
    path("listings/<int:pk>/<slug:step>/", listings.listing_step, name="listing_step"),
]
