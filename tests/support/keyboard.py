"""Using a page with the keyboard alone, as the browser tests of the fieldwork workflows do: Tab to a
control, checking at every stop that the focus can be seen; signing in without the mouse."""

from __future__ import annotations

from typing import Any

# Whether the focused element shows that it has the focus: GOV.UK Frontend draws it as an outline, a
# box shadow or a yellow background, and on a radio or a checkbox (whose input is transparent) as a
# ring around its label's drawn box.
FOCUS_SHOWN = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const drawn = (style) => (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== 'none' || style.backgroundColor === 'rgb(255, 221, 0)';
  if (/^(radio|checkbox)$/.test(element.type)) {
    const label = document.querySelector(`label[for="${element.id}"]`);
    if (!label) return false;
    return drawn(getComputedStyle(label, '::before')) || drawn(getComputedStyle(label, '::after'));
  }
  return drawn(getComputedStyle(element));
}"""

DESCRIBE = """() => {
  const e = document.activeElement;
  const what = (e?.getAttribute('name') || e?.textContent || '').trim().slice(0, 40);
  return e ? `${e.tagName.toLowerCase()}#${e.id} ${what}` : '';
}"""


def focused_matches(page: Any, selector: str) -> bool:
    return bool(page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector))


def tab_to(page: Any, selector: str, limit: int = 80, backwards: bool = False) -> list[str]:
    """Press Tab (Shift+Tab ``backwards``) until the focus is on ``selector``; every stop on the way
    must show its focus. The stops, described, for tests of the order."""
    stops: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        stops.append(page.evaluate(DESCRIBE))
        shown = page.evaluate(FOCUS_SHOWN)
        assert shown is not False, f"the focus on {stops[-1]} cannot be seen"
        if focused_matches(page, selector):
            return stops
    raise AssertionError(f"{selector} not reached in {limit} presses of Tab: {stops}")


def sign_in_by_keyboard(page: Any, login_url: str, username: str, password: str) -> None:
    """Sign in from ``login_url`` (which may carry ?next=) with Tab, typing and Enter."""
    page.goto(login_url)
    tab_to(page, "#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    assert focused_matches(page, "#id_password")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
