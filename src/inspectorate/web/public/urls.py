"""The public site: the same for everyone, published versions only."""

from inspectorate.web.pages.twins import twin_paths
from inspectorate.web.public import across, followup_views, views
from inspectorate.web.public.followup_documents import (
    ForceRecommendationsPage,
    OpenRecommendationsPage,
    RecommendationPage,
    RecommendationsPage,
)

urlpatterns = [
    *twin_paths("reports", views.published_reports, "published-reports", views.PublishedReportsPage),
    *twin_paths("grades", views.grades_table, "grades", views.GradesPage),
    *twin_paths(
        "grades/across-programmes",
        across.grades_across_programmes,
        "grades-across-programmes",
        across.AcrossProgrammesPage,
    ),
    *twin_paths("open-data", views.open_data, "open-data", views.OpenDataPage),
    *twin_paths("open-data/grades", views.open_grades, "open-grades", views.OpenGradesPage),
    *twin_paths("open-data/figures", views.open_figures, "open-figures", views.OpenFiguresPage),
    # Followed findings: a force's, one finding's status, the national list, the open data.
    *twin_paths(
        "forces/<slug:force_id>/recommendations",
        followup_views.force_recommendations,
        "force-recommendations",
        ForceRecommendationsPage,
    ),
    *twin_paths(
        "forces/<slug:force_id>/recommendations/<uuid:finding_code>",
        followup_views.force_recommendation,
        "force-recommendation",
        RecommendationPage,
    ),
    *twin_paths("recommendations", followup_views.recommendations, "recommendations", RecommendationsPage),
    *twin_paths(
        "open-data/recommendations",
        followup_views.open_recommendations,
        "open-recommendations",
        OpenRecommendationsPage,
    ),
]
