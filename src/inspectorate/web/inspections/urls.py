"""An inspection, its audit trail, and the pages that edit its judgments, findings and evidence."""

from django.urls import path

from inspectorate.web.inspections.views import editing, history, inspections
from inspectorate.web.pages.twins import twin_paths

INSPECTION = "inspections/<uuid:code>"

urlpatterns = [
    *twin_paths("inspections", inspections.inspection_list, "inspections", inspections.InspectionListPage),
    *twin_paths(INSPECTION, inspections.inspection_detail, "inspection", inspections.InspectionPage),
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
]
