"""The public pages of the findings being followed: a force's, one finding's status, the national list
with its filters, and the open data. The same for everyone, signed in or not
(followup_documents.py says what is read and what is not)."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse

from inspectorate.core.followup.states import FollowStatus
from inspectorate.core.history.themes import default_themes
from inspectorate.web.followup.models import FOLLOWED_KINDS
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.public.followup_documents import (
    AgeBand,
    FollowedFindingRow,
    ForceRecommendationsPage,
    OpenRecommendationsPage,
    RecommendationFilters,
    RecommendationPage,
    RecommendationsPage,
    counts,
    followed_findings,
    open_items_by_force,
    status_moves,
)
from inspectorate.web.public.paging import paged
from inspectorate.web.public.reports import public_reports
from inspectorate.web.public.views import DATASET_ROWS_PER_PAGE, LONG_VALUE
from inspectorate.web.registry.models import Force

FINDINGS_PER_PAGE = 50
STATES = {"open": "Open (not yet met)", "closed": "Closed (met or superseded)"}
FILTERS = ("force", "kind", "state", "status", "theme", "age", "overdue")


def _force(force_id: str) -> Force:
    force = Force.objects.filter(id=force_id).first()
    if force is None:
        raise Http404("No such force")
    return force


def force_recommendations(request: HttpRequest, fmt: Fmt, force_id: str) -> HttpResponse:
    force = _force(force_id)
    reports = [r for r in public_reports() if r.inspection.force_id == force.id]
    rows = [f.row for f in followed_findings(reports)]
    document = ForceRecommendationsPage(
        force=force.id, force_name=force.name, counts=counts(rows), findings=rows
    )
    context = {"force": force, **paged(request, rows, FINDINGS_PER_PAGE)}
    title = f"{force.name}: recommendations and areas for improvement"
    page = Page("public/recommendations_force.html", title, document, context, f"{force.id}-recommendations")
    return render_page(request, fmt, page)


def force_recommendation(request: HttpRequest, fmt: Fmt, force_id: str, finding_code: UUID) -> HttpResponse:
    """One finding's public status page: 404 unless a published report of this force prints it."""
    force = _force(force_id)
    reports = [r for r in public_reports() if r.inspection.force_id == force.id]
    by_code = {f.row.code: f for f in followed_findings(reports)}
    found = by_code.get(str(finding_code))
    if found is None:
        raise Http404("No such finding")
    document = RecommendationPage(finding=found.row, moves=status_moves(found.follow_up))
    # A recommendation is read beside the cause of concern it answers.
    parent = by_code.get(found.row.parent) if found.row.parent else None
    context = {"force": force, "parent": parent.row if parent else None}
    title = f"{found.row.kind_label}: {found.row.reference}"
    page = Page("public/recommendation.html", title, document, context, "recommendation")
    return render_page(request, fmt, page)


def _read_filters(request: HttpRequest) -> tuple[dict[str, str], list[str]]:
    """The filters as given, and a line for each that cannot be read, naming its field."""
    given = {key: request.GET.get(key, "").strip() for key in FILTERS}
    problems = []
    if given["force"] and not Force.objects.filter(id=given["force"]).exists():
        problems.append(f"force: there is no force {given['force']!r}")
    kinds = [kind.value for kind in FOLLOWED_KINDS]
    if given["kind"] and given["kind"] not in kinds:
        problems.append(f"kind: {given['kind']!r} is not one of {', '.join(kinds)}")
    if given["state"] and given["state"] not in STATES:
        problems.append(f"state: {given['state']!r} is not one of {', '.join(STATES)}")
    statuses = [status.value for status in FollowStatus]
    if given["status"] and given["status"] not in statuses:
        problems.append(f"status: {given['status']!r} is not one of {', '.join(statuses)}")
    themes = [theme.id for theme in default_themes().themes]
    if given["theme"] and given["theme"] not in themes:
        problems.append(f"theme: there is no theme {given['theme']!r}")
    ages = [band.value for band in AgeBand]
    if given["age"] and given["age"] not in ages:
        problems.append(f"age: {given['age']!r} is not one of {', '.join(ages)}")
    if given["overdue"] not in ("", "yes"):
        problems.append(f"overdue: {given['overdue']!r} is not yes (leave it out for every item)")
    return given, problems


def _matches(row: FollowedFindingRow, given: dict[str, str]) -> bool:
    return (
        (not given["force"] or row.force == given["force"])
        and (not given["kind"] or row.kind == given["kind"])
        and (not given["state"] or row.closed == (given["state"] == "closed"))
        and (not given["status"] or row.status == given["status"])
        and (not given["theme"] or given["theme"] in row.themes)
        and (not given["age"] or row.age == given["age"])
        and (not given["overdue"] or row.overdue)
    )


def recommendations(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    """Every followed finding of every force's published reports, filtered; open items by force."""
    given, problems = _read_filters(request)
    everything = [f.row for f in followed_findings(public_reports())]
    chosen = [] if problems else [row for row in everything if _matches(row, given)]
    document = RecommendationsPage(
        filters=RecommendationFilters(
            **{key: value or None for key, value in given.items() if key != "overdue"},
            overdue=given["overdue"] == "yes",
        ),
        problems=problems,
        open_by_force=open_items_by_force(chosen),
        findings=chosen,
    )
    context = {
        "filters": given,
        # Each problem names its field first: its line links to that field's control.
        "problems": [(line.split(":", 1)[0], line) for line in problems],
        "filtered": any(given.values()),
        "total": len(everything),
        "forces": sorted({(r.force, r.force_name) for r in everything}, key=lambda f: f[1]),
        "kinds": [(kind.value, kind.label) for kind in FOLLOWED_KINDS],
        "states": list(STATES.items()),
        "statuses": [(status.value, status.label) for status in FollowStatus],
        "themes": [(theme.id, theme.title) for theme in default_themes().themes],
        "ages": [(band.value, band.label) for band in AgeBand],
        **paged(request, chosen, FINDINGS_PER_PAGE),
    }
    page = Page("public/recommendations.html", "Recommendations and areas for improvement", document, context)
    return render_page(request, fmt, page, status=400 if problems else 200)


# What the open data's page shows of each row, in words: the downloads carry every field, ids and all.
OPEN_COLUMNS = (
    "Force",
    "Report",
    "Published",
    "Kind",
    "Areas",
    "Themes",
    "Addressed to",
    "Due",
    "Status",
    "Verdict",
    "Verdict given",
)


def _in_words(row: FollowedFindingRow) -> list[str]:
    addressee = row.addressee_name or row.addressee_label or "Not yet recorded"
    return [
        row.force_name,
        row.report_title,
        row.published or row.published_on,
        row.kind_label,
        "; ".join(row.area_titles),
        "; ".join(row.theme_titles),
        addressee,
        row.due_on or "",
        f"{row.status_label} (overdue)" if row.overdue else row.status_label,
        row.verdict_label or "",
        row.verdict_on or "",
    ]


def open_recommendations(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    """The open dataset, as open_grades and open_figures give theirs (views.py)."""
    rows = [f.row for f in followed_findings(public_reports())]
    document = OpenRecommendationsPage(recommendations=rows)
    paging = paged(request, rows, DATASET_ROWS_PER_PAGE)
    page_rows = [_in_words(row) for row in paging["shown"]]
    context = {
        "columns": OPEN_COLUMNS,
        "page_rows": page_rows,
        "long_columns": {n for row in page_rows for n, v in enumerate(row) if len(v) > LONG_VALUE},
        "total": len(rows),
        "ids": "of the force, the inspection, the finding, its areas and themes, a verdict's later report",
        **paging,
    }
    title = "Open data: every recommendation and area for improvement"
    page = Page("public/open_dataset.html", title, document, context, "recommendations")
    return render_page(request, fmt, page)
