"""The inspection page leads each reader to the work that is theirs: the team to its progress, team,
plan, moderation and factual-accuracy pages; the force's invited liaison, at the factual-accuracy
check, to its comments; anyone else to none of them."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEAM_PAGES = ("inspection-progress", "inspection-team", "plan", "moderation", "factual-accuracy")


def _links(html: str, inspection) -> set[str]:
    return {
        name for name in TEAM_PAGES if f'href="{reverse(name, kwargs={"code": inspection.code})}"' in html
    }


@pytest.mark.parametrize("role", ["writer", "reader", "staff"])
def test_the_team_and_staff_are_led_to_every_part_of_the_work(cast, client_for, reading, role):
    html = reading.html(client_for(role).get(reverse("inspection", kwargs={"code": cast.draft.code})))
    assert _links(html, cast.draft) == set(TEAM_PAGES)


def test_the_liaison_at_the_check_is_led_to_the_comments_only(cast, client_for, reading):
    html = reading.html(client_for("liaison").get(reverse("inspection", kwargs={"code": cast.factual.code})))
    assert _links(html, cast.factual) == {"factual-accuracy"}


@pytest.mark.parametrize("role", ["liaison", "outsider", "anonymous"])
def test_readers_of_the_published_record_are_led_to_none_of_it(cast, client_for, reading, role):
    html = reading.html(client_for(role).get(reverse("inspection", kwargs={"code": cast.published.code})))
    assert _links(html, cast.published) == set()
