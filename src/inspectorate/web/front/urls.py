"""The shell's pages: the home page and signing in and out."""

from django.contrib.auth import views as auth_views
from django.urls import path

from inspectorate.web.front import views
from inspectorate.web.pages.twins import twin_paths

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="front/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    *twin_paths("", views.home, "home", views.HomePage),
]
