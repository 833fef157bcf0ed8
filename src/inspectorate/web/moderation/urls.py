"""Moderation: the team's proposed grades, the moderator's decisions with reasons, and grades across
forces."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
