"""The factual-accuracy check: the force's comments on the draft report and the team's answers."""

from django.urls import path

from inspectorate.web.factcheck import views
from inspectorate.web.factcheck.documents import CommentPage, FactualAccuracyPage
from inspectorate.web.pages.twins import twin_paths

CHECK = "inspections/<uuid:code>/factual-accuracy"

urlpatterns = [
    *twin_paths(CHECK, views.factual_accuracy, "factual-accuracy", FactualAccuracyPage),
    path(f"{CHECK}/comment", views.comment_add, name="factual-accuracy-comment-add"),
    *twin_paths(
        f"{CHECK}/<uuid:comment_code>",
        views.factual_accuracy_comment,
        "factual-accuracy-comment",
        CommentPage,
    ),
    path(f"{CHECK}/<uuid:comment_code>/answer", views.comment_answer, name="factual-accuracy-answer"),
]
