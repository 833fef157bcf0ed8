"""The public site: the same for everyone, published versions only."""

from inspectorate.web.pages.twins import twin_paths
from inspectorate.web.public import views

urlpatterns = [
    *twin_paths("reports", views.published_reports, "published-reports", views.PublishedReportsPage),
    *twin_paths("grades", views.grades_table, "grades", views.GradesPage),
    *twin_paths("open-data", views.open_data, "open-data", views.OpenDataPage),
    *twin_paths("open-data/grades", views.open_grades, "open-grades", views.OpenGradesPage),
    *twin_paths("open-data/figures", views.open_figures, "open-figures", views.OpenFiguresPage),
]
