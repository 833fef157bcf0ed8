"""The shell's pages: the home page, signing in and out, and the accessibility statement."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from inspectorate.web.front import views
from inspectorate.web.pages.twins import twin_paths

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="front/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accessibility",
        TemplateView.as_view(template_name="front/accessibility.html"),
        name="accessibility",
    ),
    *twin_paths("", views.home, "home", views.HomePage),
]
