"""The figures a report prints, each with its method and where it can be checked.

- figures stored with the inspection (read from its published report, or recorded with it);
- the recording rates of each crime data integrity audit run here, with their intervals;
- the "N of M" counts of each case-file review run here.
"""

from __future__ import annotations

from django.urls import reverse

from inspectorate.core.reports.context import ReportFigure
from inspectorate.web.inspections.models import FigureSection, Inspection, PublishedFigure

CDI = FigureSection.CRIME_DATA_INTEGRITY.value
CASE_REVIEW = FigureSection.CASE_REVIEW.value
AUDIT_METHOD = (
    "Stratified sample of incident records, each decided by an auditor; weighted recording rate with "
    "its 95% interval (docs/cdi.md)"
)
REVIEW_METHOD = (
    "Case-file review: cases where the answer was yes, of those where the question applied (docs/reviews.md)"
)


def inspection_figures(inspection: Inspection) -> list[ReportFigure]:
    figures = [_stored(figure) for figure in inspection.published_figures.all()]
    figures += _audits(inspection)
    figures += _reviews(inspection)
    return figures


def _stored(figure: PublishedFigure) -> ReportFigure:
    return ReportFigure(
        section=figure.section,
        measure=figure.measure,
        percent=figure.percent,
        ci_plus_minus=figure.ci_plus_minus,
        n=figure.n,
        m=figure.m,
        value=figure.value,
        period=figure.period or None,
        method=figure.method,
        source=figure.source,
    )


def _audits(inspection: Inspection) -> list[ReportFigure]:
    from inspectorate.web.audits.results import audit_results

    figures = []
    for audit in inspection.cdi_audits.all():
        estimate = audit_results(audit).estimate
        url = reverse("audit", kwargs={"code": inspection.code, "audit_code": audit.code})
        scopes = [("all crime in the sample", estimate.recording)]
        scopes += [(f"{group} crime", rate) for group, rate in estimate.groups.items()]
        for scope, rate in scopes:
            if rate is None:
                continue
            provisional = " (provisional: records still undecided)" if estimate.provisional else ""
            figures.append(
                ReportFigure(
                    section=CDI,
                    measure=f"Recording rate, {scope}{provisional}",
                    percent=round(rate.rate * 100, 1),
                    ci_plus_minus=round(rate.margin * 100, 1),
                    method=AUDIT_METHOD,
                    source=f"audit {audit.reference} ({url})",
                )
            )
    return figures


def _reviews(inspection: Inspection) -> list[ReportFigure]:
    from inspectorate.web.reviews.results import review_outcome

    figures = []
    for review in inspection.case_reviews.all():
        outcome = review_outcome(review)
        url = reverse("review", kwargs={"code": inspection.code, "review_code": review.code})
        for result in outcome.results.questions:
            if result.counts_met and result.applicable:
                figures.append(
                    ReportFigure(
                        section=CASE_REVIEW,
                        measure=result.label,
                        n=result.met,
                        m=result.applicable,
                        method=REVIEW_METHOD,
                        source=f"review {review.reference} ({url})",
                    )
                )
    return figures
