"""An inspection's crime data integrity audits: list, audit, records, worksheet, figures, evidence."""

from django.urls import path

from inspectorate.web.audits.views import audit, audits, records, worksheets
from inspectorate.web.pages.twins import twin_paths

AUDIT = "inspections/<uuid:code>/cdi/<uuid:audit_code>"

urlpatterns = [
    *twin_paths("inspections/<uuid:code>/cdi", audits.audit_list, "inspection-audits", audits.AuditListPage),
    *twin_paths(AUDIT, audit.audit_detail_page, "audit", audit.AuditPage),
    *twin_paths(
        f"{AUDIT}/records/<int:number>", records.audit_record, "audit-record", records.AuditRecordPage
    ),
    path(f"{AUDIT}/figures", audit.audit_figures, name="audit-figures"),
    path(f"{AUDIT}/evidence", audit.audit_evidence, name="audit-evidence"),
    # Downloads, not twins: the worksheet is the sample to fill in, not a view of the audit's page.
    path(f"{AUDIT}/worksheet.csv", worksheets.audit_worksheet, {"fmt": "csv"}, name="audit-worksheet-csv"),
    path(f"{AUDIT}/worksheet.xlsx", worksheets.audit_worksheet, {"fmt": "xlsx"}, name="audit-worksheet-xlsx"),
    path(f"{AUDIT}/worksheet/import", worksheets.audit_worksheet_import, name="audit-worksheet-import"),
]
