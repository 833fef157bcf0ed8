"""An inspection's case-file reviews, their cases and answer sheets, and the review templates."""

from django.urls import path

from inspectorate.web.pages.twins import twin_paths
from inspectorate.web.reviews.views import cases, review, reviews, templates

REVIEW = "inspections/<uuid:code>/reviews/<uuid:review_code>"
# A template version may hold dots and slashes; its downloads come before its page, which would take them.
TEMPLATE = "review-templates/<str:template_id>/<path:version>"

urlpatterns = [
    *twin_paths(
        "inspections/<uuid:code>/reviews", reviews.review_list, "inspection-reviews", reviews.ReviewListPage
    ),
    *twin_paths(REVIEW, review.review_detail, "review", review.ReviewPage),
    *twin_paths(f"{REVIEW}/cases/<int:number>", cases.review_case, "review-case", cases.ReviewCasePage),
    *twin_paths(
        f"{REVIEW}/cases/<int:number>/second",
        cases.review_case_second,
        "review-case-second",
        cases.ReviewCasePage,
    ),
    path(f"{REVIEW}/evidence", review.review_evidence, name="review-evidence"),
    # Downloads, not twins: the answer sheet is the cases to fill in, not a view of the review's page.
    path(f"{REVIEW}/answers.csv", review.answer_sheet, {"fmt": "csv"}, name="review-sheet-csv"),
    path(f"{REVIEW}/answers.xlsx", review.answer_sheet, {"fmt": "xlsx"}, name="review-sheet-xlsx"),
    path(f"{REVIEW}/answers/import", review.answer_sheet_import, name="review-sheet-import"),
    *twin_paths("review-templates", templates.template_list, "review-templates", templates.TemplateListPage),
    *[
        path(
            f"{TEMPLATE}/template.{kind}",
            templates.template_download,
            {"kind": kind},
            name=f"review-template-{kind}",
        )
        for kind in templates.DOWNLOADS
    ],
    *twin_paths(TEMPLATE, templates.template_detail, "review-template", templates.TemplatePage),
]
