"""An inspection's report in every format, and publishing it."""

from django.urls import path
from django.views.decorators.http import require_safe

from inspectorate.web.pages.twins import twin_paths
from inspectorate.web.reports import views
from inspectorate.web.reports.documents import ReportPage

REPORT = "inspections/<uuid:code>/report"

urlpatterns = [
    *twin_paths(REPORT, views.inspection_report, "inspection-report", ReportPage),
    path(
        f"{REPORT}.pdf", require_safe(views.inspection_report), {"fmt": "pdf"}, name="inspection-report-pdf"
    ),
    path(f"{REPORT}/publish", views.report_publish, name="report-publish"),
    path(f"{REPORT}/correction", views.report_correction, name="report-correction"),
]
