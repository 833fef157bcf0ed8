"""The fieldwork plan: requests to the force with due dates and the force's answers, and the team's
activities."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
