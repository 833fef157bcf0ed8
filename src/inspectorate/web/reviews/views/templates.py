"""Review templates, open to everyone: those shipped with Inspectorate, the versions stored by reviews,
and one version's questions, with downloads as an XLSForm workbook, YAML and an ODK XForm.

A stored version is the exact template reviews were answered against, so where a version is both
shipped and stored, the page shows the stored one. A stored version is shown only to those who may
see an inspection with a review that uses it (listed as the inspections list lists them), so that a
draft's review is not told of by its template; which reviews use it is not said either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from pydantic import JsonValue

from inspectorate.core.casereview.export import to_xform, to_xlsx, to_yaml
from inspectorate.core.casereview.library import templates
from inspectorate.core.casereview.spec import Template, template_from_document
from inspectorate.web.inspections.access import listed_inspections, visible_inspections
from inspectorate.web.pages.documents import PageDocument, Row
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.pages.twins import Fmt, Page, render_page
from inspectorate.web.pages.uploads import download, safe_name
from inspectorate.web.reviews.documents import StoredTemplate, template_summary
from inspectorate.web.reviews.models import CaseReview, ReviewTemplate

DOWNLOADS: dict[str, tuple[str, Callable[[Template], bytes | str]]] = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
    "yaml": ("application/yaml; charset=utf-8", to_yaml),
    "xml": ("application/xml; charset=utf-8", to_xform),
}


def template_url(template_id: str, version: str, name: str = "review-template") -> str:
    return reverse(name, kwargs={"template_id": template_id, "version": version})


class ShippedTemplate(Row):
    """A template shipped with Inspectorate."""

    id: str
    version: str
    title: str
    framework: str
    questions: int
    sections: int
    areas: list[str]
    """The framework areas its questions inform."""
    sha256: str
    url: str


class StoredTemplateRow(StoredTemplate, Row):
    stored_at: str
    url: str


class TemplateListRow(Row):
    """A template, shipped or stored, as one line."""

    where: str
    """shipped, or stored (by a review that used it)."""
    id: str
    version: str
    title: str
    framework: str
    sha256: str
    url: str
    questions: int | None = None
    sections: int | None = None
    areas: list[str] | None = None
    source: str | None = None
    stored_at: str | None = None


def _shipped_row(template: Template) -> ShippedTemplate:
    return ShippedTemplate(**template.summary(), url=template_url(template.id, template.version))


def _stored_row(stored: ReviewTemplate) -> StoredTemplateRow:
    return StoredTemplateRow(
        **dict(template_summary(stored)),
        stored_at=stored.created_at.isoformat(),
        url=template_url(stored.template_id, stored.version),
    )


class TemplateListPage(PageDocument):
    ROW = TemplateListRow
    shipped: list[ShippedTemplate]
    stored: list[StoredTemplateRow]
    """The versions reviews were answered against, as first stored."""

    def csv_rows(self) -> Sequence[TemplateListRow]:
        return [TemplateListRow(where="shipped", **row.model_dump()) for row in self.shipped] + [
            TemplateListRow(where="stored", **row.model_dump()) for row in self.stored
        ]


def stored_templates(user: AnyUser, *, listed: bool = True) -> QuerySet[ReviewTemplate]:
    """The stored versions this user may see: those of reviews of the inspections they may see,
    ``listed`` as lists show them (an exercise's only to those who see its working copy), or
    else as its address opens it."""
    inspections = listed_inspections(user) if listed else visible_inspections(user)
    return ReviewTemplate.objects.filter(
        pk__in=CaseReview.objects.filter(inspection__in=inspections.values("pk")).values("template")
    )


@require_safe
def template_list(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    document = TemplateListPage(
        shipped=[_shipped_row(template) for template in templates().values()],
        stored=[_stored_row(template) for template in stored_templates(request.user)],
    )
    page = Page(
        "reviews/review_template_list.html", "Review templates", document, filename="review-templates"
    )
    return render_page(request, fmt, page)


def get_template_version(
    user: AnyUser, template_id: str, version: str
) -> tuple[Template, ReviewTemplate | None, bool]:
    """The template, its stored version (if any that the user may see) and whether it is shipped;
    404 when neither."""
    stored = stored_templates(user, listed=False).filter(template_id=template_id, version=version).first()
    shipped = templates().get(f"{template_id}@{version}")
    if stored is not None:
        return stored.spec, stored, shipped is not None and shipped.sha256 == stored.sha256
    if shipped is not None:
        return shipped, None, True
    raise Http404("No such review template")


def _area_titles(template: Template) -> dict[str, str]:
    from inspectorate.core.frameworks.library import library

    framework = library().get(template.framework) if template.framework else None
    if framework is None:
        return {}
    return {place.area.id: place.area.title for place in framework.walk()}


class QuestionRow(Row):
    """A question of the template as its XLSForm row says it."""

    name: str
    section: str
    section_label: str
    type: str
    label: str
    hint: str
    choices: list[str]
    """Each choice as name=label."""
    relevant: str
    """The skip logic: when the question is asked."""
    section_relevant: str
    constraint: str
    constraint_message: str
    required: bool
    areas: list[str]
    counts_met: bool
    """Whether it is a check counted as "N of M applicable cases"."""


def question_rows(template: Template) -> list[QuestionRow]:
    rows = []
    for question in template.questions:
        section = template.section(question.section)
        rows.append(
            QuestionRow(
                name=question.name,
                section=question.section,
                section_label=section.label if section else "",
                type=question.type.value,
                label=question.label,
                hint=question.hint,
                choices=[f"{choice.name}={choice.label}" for choice in template.choices_of(question)],
                relevant=question.relevant,
                section_relevant=section.relevant if section else "",
                constraint=question.constraint,
                constraint_message=question.constraint_message,
                required=question.required,
                areas=list(question.areas),
                counts_met=template.counts_met(question),
            )
        )
    return rows


class TemplatePage(PageDocument):
    ROW = QuestionRow
    id: str
    version: str
    title: str
    framework: str
    description: str
    sha256: str
    shipped: bool
    """Whether Inspectorate ships this version (with the same content)."""
    stored: StoredTemplateRow | None
    areas: list[str]
    document: dict[str, JsonValue]
    """The compiled template: settings, sections, questions and choices."""

    def csv_rows(self) -> Sequence[QuestionRow]:
        return question_rows(template_from_document(self.document))


@require_safe
def template_detail(request: HttpRequest, fmt: Fmt, template_id: str, version: str) -> HttpResponse:
    template, stored, shipped = get_template_version(request.user, template_id, version)
    document = TemplatePage(
        id=template.id,
        version=template.version,
        title=template.title,
        framework=template.framework,
        description=template.description,
        sha256=template.sha256,
        shipped=shipped,
        stored=_stored_row(stored) if stored else None,
        areas=list(template.areas()),
        document=template.document(),
    )
    context: dict[str, object] = {}
    if fmt == "html":
        titles = _area_titles(template)
        sections: list[dict[str, Any]] = []
        for row in question_rows(template):
            if not sections or sections[-1]["name"] != row.section:
                section = template.section(row.section)
                sections.append({"name": row.section, "section": section, "questions": []})
            choices = template.choices_of(template.question(row.name))
            areas = [(area, titles.get(area, area)) for area in row.areas]
            sections[-1]["questions"].append(
                {**row.model_dump(), "choice_list": choices, "area_titles": areas}
            )
        context = {
            "template": template,
            "sections": sections,
            "downloads": {
                kind: template_url(template.id, template.version, f"review-template-{kind}")
                for kind in DOWNLOADS
            },
        }
    filename = safe_name(f"{template.id}-{template.version}")
    page = Page("reviews/review_template_detail.html", template.title, document, context, filename)
    return render_page(request, fmt, page)


@require_safe
def template_download(request: HttpRequest, template_id: str, version: str, kind: str) -> HttpResponse:
    template, _, _ = get_template_version(request.user, template_id, version)
    content_type, write = DOWNLOADS[kind]
    filename = f"{safe_name(f'{template.id}-{template.version}')}.{kind}"
    return download(write(template), content_type, filename)
