"""Frameworks, forces and the most-similar-group table."""

from django.urls import path

from inspectorate.web.pages.twins import twin_paths
from inspectorate.web.registry.views import forces, frameworks

urlpatterns = [
    *twin_paths("frameworks", frameworks.framework_list, "frameworks", frameworks.FrameworkListPage),
    *twin_paths(
        "frameworks/<str:framework_id>", frameworks.framework_detail, "framework", frameworks.FrameworkPage
    ),
    *twin_paths("forces", forces.force_list, "forces", forces.ForceListPage),
    *twin_paths("forces/<slug:force_id>", forces.force_detail, "force", forces.ForcePage),
    *twin_paths("most-similar-groups", forces.peer_groups, "peer-groups", forces.PeerGroupsPage),
    path("most-similar-groups/new", forces.peer_group_new, name="peer-group-new"),
]
