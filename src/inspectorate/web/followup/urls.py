"""Published findings followed to closure: an inspection's followed findings, one finding's
follow-up with its log, and the force's updates and the inspectorate's verdicts."""

from django.urls import path

from inspectorate.web.followup import earlier_views, views
from inspectorate.web.followup.documents import FollowUpListPage, FollowUpPage
from inspectorate.web.followup.earlier_documents import EarlierFindingsPage
from inspectorate.web.pages.twins import twin_paths

FOLLOW_UP = "inspections/<uuid:code>/follow-up"
FINDING = f"{FOLLOW_UP}/<uuid:finding_code>"

urlpatterns = [
    *twin_paths(FOLLOW_UP, views.follow_ups, "follow-up", FollowUpListPage),
    *twin_paths(FINDING, views.follow_up, "follow-up-finding", FollowUpPage),
    path(f"{FINDING}/update", views.post, name="follow-up-post"),
    path(f"{FINDING}/details", views.details, name="follow-up-details"),
    path(f"{FINDING}/verdict", views.verdict, name="follow-up-verdict"),
    path(f"{FINDING}/reopen", views.reopen_view, name="follow-up-reopen"),
    # A download, not a page: a file sent with an update, as it was kept.
    path(f"{FINDING}/files/<uuid:file_code>/download", views.download, name="follow-up-file"),
    # The earlier findings an inspection reviews (web/followup/earlier.py): the team's worklist.
    *twin_paths(
        "inspections/<uuid:code>/earlier-findings",
        earlier_views.earlier_findings,
        "earlier-findings",
        EarlierFindingsPage,
    ),
    path(
        "inspections/<uuid:code>/earlier-findings/<uuid:follow_up_code>/verdict",
        earlier_views.earlier_finding_verdict,
        name="earlier-finding-verdict",
    ),
]
