"""The public report of unpaid wages: no login (DESIGN.md section 7: /report/ and /report/track/)."""

from django.urls import path

from .views import public

app_name = "report"

urlpatterns = [
    path("", public.report_form, name="form"),
    path("track/", public.report_track, name="track"),
]
