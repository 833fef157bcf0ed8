"""The fieldwork plan: requests to the force with due dates and the force's answers, and the team's
activities."""

from django.urls import path

from inspectorate.web.pages.twins import twin_paths
from inspectorate.web.plan import views
from inspectorate.web.plan.documents import ActivityPage, PlanPage, RequestPage

INSPECTION = "inspections/<uuid:code>"
REQUEST = f"{INSPECTION}/requests/<uuid:request_code>"

urlpatterns = [
    *twin_paths(f"{INSPECTION}/plan", views.plan, "plan", PlanPage),
    path(f"{INSPECTION}/requests/new", views.request_new, name="plan-request-new"),
    *twin_paths(REQUEST, views.request_detail, "plan-request", RequestPage),
    path(f"{REQUEST}/answer", views.request_answer, name="plan-request-answer"),
    # A download, not a page: a file the force sent, as it was kept, under the name it was sent with.
    path(
        f"{REQUEST}/answers/<uuid:answer_code>/download", views.answer_download, name="plan-answer-download"
    ),
    path(f"{REQUEST}/decide", views.request_decide, name="plan-request-decide"),
    path(f"{REQUEST}/withdraw", views.request_withdraw, name="plan-request-withdraw"),
    path(f"{INSPECTION}/activities/new", views.activity_new, name="plan-activity-new"),
    *twin_paths(
        f"{INSPECTION}/activities/<uuid:activity_code>", views.activity_detail, "plan-activity", ActivityPage
    ),
]
