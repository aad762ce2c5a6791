"""Accessibility in Chromium: axe-core on every page kind, and the site used with a keyboard."""

from __future__ import annotations

from typing import Any

import pytest

from browser.support import KINDS, Served, axe_violations, goto_kind


@pytest.mark.parametrize("kind", list(KINDS))
def test_axe_finds_no_serious_violations_light_or_dark(
    new_page: Any, served: Served, axe_source: str, kind: str
) -> None:
    page = new_page(width=375, height=812)
    goto_kind(page, served, kind)
    if kind == "search":
        # Open every filter, so its checkboxes and labels are checked too.
        for summary in page.locator(".pagefind-ui__filter-name").all():
            summary.click()
    found = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        found += [f"{scheme}: {v}" for v in axe_violations(page, axe_source)]
    assert found == []


KEYS = """
  // A key that survives re-rendering (Pagefind redraws its results): tag, address, words,
  // and which of the elements with that key it is.
  const focusable = () => [...document.querySelectorAll(
      'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
    .filter(e => !e.disabled && !e.closest('[inert]')
      // checkVisibility leaves out what a closed <details> hides.
      && e.checkVisibility({visibilityProperty: true}));
  const keys = () => {
    const seen = new Map();
    return focusable().map(e => {
      const base = [e.localName, e.getAttribute('href') || '', e.id, e.name || '',
                    (e.textContent || '').trim().slice(0, 60)].join('|');
      const n = (seen.get(base) || 0) + 1;
      seen.set(base, n);
      return [e, `${base}#${n}`];
    });
  };
"""

FOCUSABLE = "() => {" + KEYS + "return keys().map(([, key]) => key); }"

FOCUSED = (
    "() => {"
    + KEYS
    + """
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const found = keys().find(([el]) => el === e);
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const seen = r.width > 0 && r.bottom > 0 && r.top < innerHeight
    && r.right > 0 && r.left < innerWidth;
  return {kb: found ? found[1] : null, ring, seen, html: e.outerHTML.slice(0, 80)};
}"""
)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_link_and_control_is_reached_with_tab_and_shows_a_ring(
    new_page: Any, served: Served, kind: str
) -> None:
    page = new_page()
    goto_kind(page, served, kind)
    focusable = page.evaluate(FOCUSABLE)
    reached: set[str] = set()
    problems: list[str] = []
    # Start from the top of the page (the search page autofocuses its box).
    page.evaluate("() => { document.body.tabIndex = -1; document.body.focus(); }")
    for _ in range(len(focusable) + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        if focused["kb"] is None:
            problems.append(f"focus on something not listed as focusable: {focused['html']}")
            continue
        if not (focused["ring"] and focused["seen"]) and focused["kb"] not in reached:
            problems.append(f"no visible focus ring: {focused['html']}")
        reached.add(focused["kb"])
        if len(reached) == len(focusable):
            break
    missed = [key for key in focusable if key not in reached]
    assert (problems, missed) == ([], [])


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "search"])
def test_the_first_tab_is_a_skip_link_to_the_text(new_page: Any, served: Served, kind: str) -> None:
    page = new_page(width=375, height=812)
    goto_kind(page, served, kind)
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert skip.evaluate("e => e === document.activeElement")
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= 375
    assert "Skip" in skip.inner_text()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_search_page_starts_in_the_search_box(new_page: Any, served: Served) -> None:
    page = new_page()
    goto_kind(page, served, "search")
    assert page.evaluate("document.activeElement.matches('.pagefind-ui__search-input')")
    assert page.locator("a.skip").count() == 1
