"""Frameworks, forces and the most-similar-group table."""

from django.urls import path

from inspectorate.web.front.twins import twin_paths
from inspectorate.web.registry.views import forces, frameworks

urlpatterns = [
    *twin_paths("frameworks", frameworks.framework_list, "frameworks"),
    *twin_paths("frameworks/<str:framework_id>", frameworks.framework_detail, "framework"),
    *twin_paths("forces", forces.force_list, "forces"),
    *twin_paths("forces/<slug:force_id>", forces.force_detail, "force"),
    *twin_paths("most-similar-groups", forces.peer_groups, "peer-groups"),
    path("most-similar-groups/new", forces.peer_group_new, name="peer-group-new"),
]
