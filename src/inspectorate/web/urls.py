"""URL map. Each data page is listed with twin_paths, which adds its .json and .csv twins."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.decorators.http import require_safe

from inspectorate.web.front.twins import twin_paths
from inspectorate.web.front.views import (
    audit_records,
    audit_worksheets,
    audits,
    editing,
    forces,
    frameworks,
    history,
    home,
    inspections,
    numbers,
    public,
    reports,
    review_cases,
    review_templates,
    reviews,
)

AUDIT = "inspections/<uuid:code>/cdi/<uuid:audit_code>"
REVIEW = "inspections/<uuid:code>/reviews/<uuid:review_code>"
# A template version may hold dots and slashes; its downloads come before its page, which would take them.
TEMPLATE = "review-templates/<str:template_id>/<path:version>"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(template_name="front/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    *twin_paths("", home.home, "home"),
    *twin_paths("frameworks", frameworks.framework_list, "frameworks"),
    *twin_paths("frameworks/<str:framework_id>", frameworks.framework_detail, "framework"),
    *twin_paths("forces", forces.force_list, "forces"),
    *twin_paths("forces/<slug:force_id>", forces.force_detail, "force"),
    *twin_paths("forces/<slug:force_id>/history", history.force_history_page, "force-history"),
    *twin_paths("most-similar-groups", forces.peer_groups, "peer-groups"),
    path("most-similar-groups/new", forces.peer_group_new, name="peer-group-new"),
    *twin_paths("reports", public.published_reports, "published-reports"),
    *twin_paths("grades", public.grades_table, "grades"),
    *twin_paths("open-data", public.open_data, "open-data"),
    *twin_paths("open-data/grades", public.open_grades, "open-grades"),
    *twin_paths("open-data/figures", public.open_figures, "open-figures"),
    *twin_paths("inspections", inspections.inspection_list, "inspections"),
    *twin_paths("inspections/<uuid:code>", inspections.inspection_detail, "inspection"),
    *twin_paths("inspections/<uuid:code>/history", inspections.inspection_history, "inspection-history"),
    *twin_paths("inspections/<uuid:code>/numbers", numbers.inspection_numbers, "inspection-numbers"),
    *twin_paths("inspections/<uuid:code>/report", reports.inspection_report, "inspection-report"),
    path(
        "inspections/<uuid:code>/report.pdf",
        require_safe(reports.inspection_report),
        {"fmt": "pdf"},
        name="inspection-report-pdf",
    ),
    path("inspections/<uuid:code>/report/publish", reports.report_publish, name="report-publish"),
    *twin_paths("inspections/<uuid:code>/areas/<str:area_id>", editing.area_detail, "area"),
    path("inspections/<uuid:code>/findings/new", editing.finding_new, name="finding-new"),
    *twin_paths("inspections/<uuid:code>/findings/<uuid:finding_code>", editing.finding_detail, "finding"),
    *twin_paths(
        "inspections/<uuid:code>/findings/<uuid:finding_code>/lineage",
        history.finding_lineage_page,
        "finding-lineage",
    ),
    path(
        "inspections/<uuid:code>/findings/<uuid:finding_code>/lineage/decide",
        history.finding_link_decide,
        name="finding-link-decide",
    ),
    path(
        "inspections/<uuid:code>/findings/<uuid:finding_code>/delete",
        editing.finding_delete,
        name="finding-delete",
    ),
    path("inspections/<uuid:code>/evidence/new", editing.evidence_new, name="evidence-new"),
    *twin_paths("inspections/<uuid:code>/evidence/<uuid:evidence_code>", editing.evidence_detail, "evidence"),
    path(
        "inspections/<uuid:code>/evidence/<uuid:evidence_code>/delete",
        editing.evidence_delete,
        name="evidence-delete",
    ),
    *twin_paths("inspections/<uuid:code>/cdi", audits.audit_list, "inspection-audits"),
    *twin_paths(AUDIT, audits.audit_detail, "audit"),
    *twin_paths(f"{AUDIT}/records/<int:number>", audit_records.audit_record, "audit-record"),
    path(f"{AUDIT}/figures", audits.audit_figures, name="audit-figures"),
    path(f"{AUDIT}/evidence", audits.audit_evidence, name="audit-evidence"),
    # Downloads, not twins: the worksheet is the sample to fill in, not a view of the audit's page.
    path(
        f"{AUDIT}/worksheet.csv", audit_worksheets.audit_worksheet, {"fmt": "csv"}, name="audit-worksheet-csv"
    ),
    path(
        f"{AUDIT}/worksheet.xlsx",
        audit_worksheets.audit_worksheet,
        {"fmt": "xlsx"},
        name="audit-worksheet-xlsx",
    ),
    path(f"{AUDIT}/worksheet/import", audit_worksheets.audit_worksheet_import, name="audit-worksheet-import"),
    *twin_paths("inspections/<uuid:code>/reviews", reviews.review_list, "inspection-reviews"),
    *twin_paths(REVIEW, reviews.review_detail, "review"),
    *twin_paths(f"{REVIEW}/cases/<int:number>", review_cases.review_case, "review-case"),
    *twin_paths(f"{REVIEW}/cases/<int:number>/second", review_cases.review_case_second, "review-case-second"),
    path(f"{REVIEW}/evidence", reviews.review_evidence, name="review-evidence"),
    # Downloads, not twins: the answer sheet is the cases to fill in, not a view of the review's page.
    path(f"{REVIEW}/answers.csv", reviews.answer_sheet, {"fmt": "csv"}, name="review-sheet-csv"),
    path(f"{REVIEW}/answers.xlsx", reviews.answer_sheet, {"fmt": "xlsx"}, name="review-sheet-xlsx"),
    path(f"{REVIEW}/answers/import", reviews.answer_sheet_import, name="review-sheet-import"),
    *twin_paths("review-templates", review_templates.template_list, "review-templates"),
    *[
        path(
            f"{TEMPLATE}/template.{kind}",
            review_templates.template_download,
            {"kind": kind},
            name=f"review-template-{kind}",
        )
        for kind in review_templates.DOWNLOADS
    ],
    *twin_paths(TEMPLATE, review_templates.template_detail, "review-template"),
]
