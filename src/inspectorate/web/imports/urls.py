"""The staff's upload of a published report."""

from django.urls import path

from inspectorate.web.imports import views

urlpatterns = [
    path("imports", views.report_upload, name="report-upload"),
    path("imports/store", views.report_store, name="report-store"),
]
