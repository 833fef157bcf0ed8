"""The factual-accuracy check: the force's comments on the draft report and the team's answers."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
