"""docs/pages.md lists every page with twins, and every field of its documents, as the code has them."""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "pages.md"
REGENERATE = (
    "DJANGO_SETTINGS_MODULE=inspectorate.web.settings "
    ".venv/bin/python -m inspectorate.web.pages.catalogue > docs/pages.md"
)


def test_the_pages_doc_is_the_one_written_from_the_documents() -> None:
    import inspectorate.web.urls  # noqa: F401  (registers every page's twins)
    from inspectorate.web.pages.catalogue import pages_markdown

    assert DOC.read_text(encoding="utf-8") == pages_markdown(), f"regenerate it: {REGENERATE}"


def test_every_page_and_field_is_named_in_the_doc() -> None:
    import inspectorate.web.urls  # noqa: F401
    from inspectorate.web.pages.twins import TWIN_ROUTES

    text = DOC.read_text(encoding="utf-8")
    for name, route in TWIN_ROUTES.items():
        assert f"## `{name}`:" in text
        for field in (*route.document.model_fields, *route.document.ROW.model_fields):
            assert f"| `{field}` |" in text
