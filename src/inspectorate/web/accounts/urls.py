"""People and organisations: staff's pages."""

from django.urls import path

from inspectorate.web.accounts import views
from inspectorate.web.accounts.documents import OrganisationsPage, PeopleListPage, PersonPage
from inspectorate.web.pages.twins import twin_paths

PERSON = "people/<str:username>"

urlpatterns = [
    *twin_paths("people", views.people_list, "people", PeopleListPage),
    path("people/new", views.person_new, name="person-new"),
    *twin_paths(PERSON, views.person_detail, "person", PersonPage),
    path(f"{PERSON}/deactivate", views.person_deactivate, name="person-deactivate"),
    path(f"{PERSON}/reactivate", views.person_reactivate, name="person-reactivate"),
    path(f"{PERSON}/password", views.person_password, name="person-password"),
    *twin_paths("organisations", views.organisations, "organisations", OrganisationsPage),
]
