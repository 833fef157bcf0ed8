"""An inspection, its audit trail, and the pages that edit its judgments, findings and evidence."""

from django.urls import path

from inspectorate.web.inspections.views import editing, evidence_files, history, inspections, setup
from inspectorate.web.pages.twins import twin_paths

INSPECTION = "inspections/<uuid:code>"

urlpatterns = [
    *twin_paths("inspections", inspections.inspection_list, "inspections", inspections.InspectionListPage),
    path("inspections/new", setup.inspection_new, name="inspection-new"),
    *twin_paths(INSPECTION, inspections.inspection_detail, "inspection", inspections.InspectionPage),
    *twin_paths(f"{INSPECTION}/team", setup.inspection_team, "inspection-team", setup.TeamPage),
    path(f"{INSPECTION}/team/appoint", setup.team_appoint, name="team-appoint"),
    path(f"{INSPECTION}/team/remove", setup.team_remove, name="team-remove"),
    path(f"{INSPECTION}/contacts/invite", setup.contact_invite, name="contact-invite"),
    path(f"{INSPECTION}/contacts/remove", setup.contact_remove, name="contact-remove"),
    *twin_paths(
        f"{INSPECTION}/history",
        history.inspection_history,
        "inspection-history",
        history.InspectionHistoryPage,
    ),
    *twin_paths(f"{INSPECTION}/areas/<str:area_id>", editing.area_detail, "area", editing.AreaPage),
    path(f"{INSPECTION}/findings/new", editing.finding_new, name="finding-new"),
    *twin_paths(
        f"{INSPECTION}/findings/<uuid:finding_code>", editing.finding_detail, "finding", editing.FindingPage
    ),
    path(f"{INSPECTION}/findings/<uuid:finding_code>/delete", editing.finding_delete, name="finding-delete"),
    path(f"{INSPECTION}/evidence/new", editing.evidence_new, name="evidence-new"),
    *twin_paths(
        f"{INSPECTION}/evidence/<uuid:evidence_code>",
        editing.evidence_detail,
        "evidence",
        editing.EvidencePage,
    ),
    path(
        f"{INSPECTION}/evidence/<uuid:evidence_code>/delete", editing.evidence_delete, name="evidence-delete"
    ),
    path(
        f"{INSPECTION}/evidence/<uuid:evidence_code>/files",
        evidence_files.evidence_file_upload,
        name="evidence-file-upload",
    ),
    # A download, not a page: the file as it was kept, under the name it was sent with.
    path(
        f"{INSPECTION}/evidence/<uuid:evidence_code>/files/<uuid:file_code>/download",
        evidence_files.evidence_file_download,
        name="evidence-file",
    ),
    path(
        f"{INSPECTION}/evidence/<uuid:evidence_code>/files/<uuid:file_code>/remove",
        evidence_files.evidence_file_remove,
        name="evidence-file-remove",
    ),
]
