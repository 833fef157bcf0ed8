"""The local policing bodies' responses: the national list, a report's response, and recording them."""

from django.urls import path

from inspectorate.web.pages.twins import twin_paths
from inspectorate.web.responses import views
from inspectorate.web.responses.documents import InspectionResponsePage, ResponsesPage

RESPONSE = "inspections/<uuid:code>/response"

urlpatterns = [
    *twin_paths("responses", views.responses, "responses", ResponsesPage),
    path(f"{RESPONSE}/record", views.response_record, name="response-record"),
    path(f"{RESPONSE}/statements/new", views.statement_new, name="response-statement-new"),
    *twin_paths(RESPONSE, views.inspection_response, "inspection-response", InspectionResponsePage),
]
