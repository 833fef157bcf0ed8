"""An inspection's life: the recorded moves from planning to publication, who may make each and what
must hold first."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
