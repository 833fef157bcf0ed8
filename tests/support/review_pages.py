"""The pages of case-file reviews, as the web tests reach them: URLs, the start form, answers."""

from __future__ import annotations

import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspectorate.core.casereview.library import get_template
from inspectorate.web.reviews.models import CaseAnswers, CaseReview, Role

TEMPLATE = get_template("peel-2021-victim-service")


def list_url(inspection: Any, fmt: str = "html") -> str:
    name = "inspection-reviews" if fmt == "html" else f"inspection-reviews.{fmt}"
    return reverse(name, kwargs={"code": inspection.code})


def review_url(review: CaseReview, name: str = "review", **extra: Any) -> str:
    return reverse(name, kwargs={"code": review.inspection.code, "review_code": review.code, **extra})


def case_url(review: CaseReview, number: int, fmt: str = "html", second: bool = False) -> str:
    name = "review-case-second" if second else "review-case"
    return review_url(review, name if fmt == "html" else f"{name}.{fmt}", number=number)


def case_list(count: int, prefix: str = "CASE") -> bytes:
    lines = ["case_ref,crime_id,offence,reported_on,summary"]
    lines += [
        f"{prefix}-{i:03d},CR-{i:03d},theft,2021-0{1 + i % 9}-1{i % 10},Case {i}" for i in range(1, count + 1)
    ]
    return ("\n".join(lines) + "\n").encode()


def start(client: Any, inspection: Any, **fields: Any) -> Any:
    data: dict[str, Any] = {
        "template_from": "library",
        "template": "peel-2021-victim-service@2021.1",
        "cases_from": "file",
        "case_file": SimpleUploadedFile("cases.csv", case_list(6), content_type="text/csv"),
        "second_share": "50",
        "seed": "1",
        "reference": "",
    }
    return client.post(list_url(inspection), {**data, **fields})


def post_answers(client: Any, review: CaseReview, number: int, answers: dict[str, Any], *,
                  action: str = "complete", revision: int = 0, second: bool = False) -> Any:  # fmt: skip
    return client.post(
        case_url(review, number, second=second), {**answers, "revision": revision, "action": action}
    )


def stored_answers(review: CaseReview, number: int, role: str = Role.FIRST) -> CaseAnswers | None:
    return CaseAnswers.objects.filter(case__review=review, case__number=number, role=role).first()


def picked_numbers(review: CaseReview) -> list[int]:
    return list(review.cases.filter(second_review=True).values_list("number", flat=True))


def first_not_picked(review: CaseReview) -> int:
    return review.cases.filter(second_review=False).order_by("number").first().number


def listed_problems(page: str) -> list[str]:
    """The problems a page lists beside an upload or start form."""
    found = re.search(r'<ul class="[^"]*\bproblems">(.*?)</ul>', page, re.S)
    assert found, "no list of problems"
    return re.findall(r"<li>(.*?)</li>", found.group(1), re.S)
