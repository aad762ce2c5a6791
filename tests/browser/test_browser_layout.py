"""Layout on a phone and a desktop, light and dark, and the printed interview."""

from __future__ import annotations

from typing import Any

import pytest

from browser.support import (
    DESKTOP,
    KINDS,
    OUTPUT,
    OVERFLOW,
    PHONE,
    SMALL_TEXT,
    Served,
    Watch,
    filter_block,
    goto_kind,
)

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
COLOURS = """() => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  const body = getComputedStyle(document.body);
  const link = getComputedStyle(document.querySelector('main a[href]'));
  return {paper: lum(rgb(body.backgroundColor)), text: lum(rgb(body.color)),
          link: lum(rgb(link.color))};
}"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", list(KINDS))
def test_screenshots_light_and_dark(
    new_page: Any, served: Served, kind: str, viewport: str
) -> None:
    """Screenshots `<kind>-<viewport>-<light|dark>.png`; readable, no sideways scrolling."""
    page = new_page(**VIEWPORTS[viewport])
    watch = Watch(page)
    goto_kind(page, served, kind)
    if kind == "search":
        filter_block(page, "Speaker", watch)  # open, so the screenshot shows a filter
    watch.stop()
    layout = page.evaluate(OVERFLOW)
    assert layout["scroll"] <= layout["width"], f"scrolls sideways: {layout}"
    assert page.evaluate(SMALL_TEXT) == [], "text smaller than 16px"
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.screenshot(path=OUTPUT / f"{kind}-{viewport}-{scheme}.png", full_page=True)
        colours = page.evaluate(COLOURS)
        if scheme == "dark":
            assert colours["paper"] < 0.15 and colours["text"] > 0.7 and colours["link"] > 0.5
        else:
            assert colours["paper"] > 0.9 and colours["text"] < 0.2 and colours["link"] < 0.4


HIDDEN_IN_PRINT = [
    "header.site",
    "footer.site",
    "a.skip",
    ".permalink",
    ".backlinks",
    ".cite-passage",
    ".pair-topics",
    "a[href='#cite']",
]


def test_an_interview_prints_as_clean_text_with_speakers_and_credits(
    new_page: Any, served: Served
) -> None:
    page = new_page()
    page.emulate_media(media="print")
    page.goto(served.url + KINDS["interview"])
    page.pdf(path=OUTPUT / "interview-print.pdf", format="A4")

    for selector in HIDDEN_IN_PRINT:
        shown = [e for e in page.locator(selector).all() if e.is_visible()]
        assert shown == [], f"{selector} is printed"
    turns = page.locator("main .turn").all()
    assert turns
    for turn in turns:
        who = turn.locator(".who")
        assert who.is_visible()
        speaker = turn.locator(".who .speaker").inner_text()
        assert speaker and speaker in who.inner_text()
    credits = page.locator("figure figcaption .credit").all()
    assert credits and all(c.is_visible() for c in credits)
    assert page.locator("#cite .citation").first.is_visible()

    style = page.evaluate(
        """() => {
          const a = getComputedStyle(document.querySelector('.turn .who .speaker'));
          const q = getComputedStyle(document.querySelector('.turn.question'));
          const body = getComputedStyle(document.body);
          const who = getComputedStyle(document.querySelector('.turn .who'));
          return {text: body.color, paper: body.backgroundColor, link: a.color === who.color,
                  underline: a.textDecorationLine, question: q.backgroundColor};
        }"""
    )
    assert style == {
        "text": "rgb(0, 0, 0)",
        "paper": "rgb(255, 255, 255)",
        "link": True,  # links print as the words around them
        "underline": "none",
        "question": "rgba(0, 0, 0, 0)",
    }
