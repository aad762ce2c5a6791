"""Helpers for the browser tests: the page kinds, error watching, and checks run in the page."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUTPUT = Path(os.environ.get("SUMMITNOTES_BROWSER_OUTPUT", Path(__file__).parent / "output"))
"""Where screenshots and PDFs go; `tests/browser/output/` unless the variable says otherwise."""

INTERVIEW = "dknews-2025-shamilov-alaska-summit"
NOTE = "shamilov-on-the-alaska-summit"

KINDS = {
    "home": "",
    "interview": f"interviews/{INTERVIEW}/",
    "topic": "topics/alaska-summit/",
    "speaker": "speakers/murad-shamilov/",
    "note": f"notes/{NOTE}/",
    "search": "search/",
    "404": "404.html",
}
"""One page of each kind in the shipped project, as paths below the site root."""

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass(frozen=True)
class Served:
    """The built site and the address it is served at."""

    url: str
    """Root URL, ending in `/`."""
    root: Path
    """The site folder on disk."""

    def pages(self) -> list[str]:
        """Every HTML page of the site as a path below the root (`topics/x/`, `404.html`)."""
        found = []
        for file in sorted(self.root.rglob("*.html")):
            rel = file.relative_to(self.root).as_posix()
            if rel.startswith("pagefind/"):
                continue
            found.append(rel.removesuffix("index.html"))
        return found


class Watch:
    """Console errors, uncaught exceptions, failed requests and HTTP errors of one page."""

    def __init__(self, page: Any) -> None:
        self.problems: list[str] = []
        self._page = page
        self._listeners = {
            "console": self._console,
            "pageerror": self._uncaught,
            "requestfailed": self._failed,
            "response": self._response,
        }
        for event, listener in self._listeners.items():
            page.on(event, listener)

    def stop(self) -> None:
        """Stop watching the page."""
        for event, listener in self._listeners.items():
            self._page.remove_listener(event, listener)

    def _uncaught(self, exc: Any) -> None:
        self.problems.append(f"uncaught: {exc}")

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text} ({message.location})")

    def _failed(self, request: Any) -> None:
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def take(self) -> list[str]:
        """The problems seen since the last call."""
        found, self.problems = self.problems, []
        return found


def open_search(page: Any, url: str) -> None:
    """Go to a search page and wait until Pagefind's UI is up (and its results, if asked).

    If it does not come up, the failure says what the page shows and what went wrong
    in it (console, requests), not only that a selector timed out."""
    watch = Watch(page)
    try:
        page.goto(url)
        page.wait_for_selector(".pagefind-ui__search-input")
        if "?q=" in url:
            page.wait_for_function(RESULTS_SHOWN)
    except Exception as exc:
        raise search_failure(page, f"Pagefind's UI did not come up on {url}", exc, watch) from None
    finally:
        watch.stop()


def filter_block(page: Any, name: str, watch: Watch) -> Any:
    """Open the filter block `name` on a search page showing results; the block.

    Seen about once in fifteen runs (not understood, see the stop-12 note): Pagefind's
    UI showed the results but no filter panel. A reader reloads; so does this, once,
    and the filter must then be there."""
    block = page.locator("details.pagefind-ui__filter-block").filter(
        has=page.locator("summary", has_text=re.compile(rf"^{re.escape(name)}$"))
    )
    try:
        block.locator("summary").wait_for(timeout=5_000)
    except Exception:
        page.reload()
        page.wait_for_function(RESULTS_SHOWN)
    try:
        block.locator("summary").click()
    except Exception as exc:
        raise search_failure(page, f"no {name} filter", exc, watch) from None
    return block


def search_failure(page: Any, what: str, exc: Exception, watch: Watch) -> AssertionError:
    """A failure on the search page that says what the page holds and what it logged."""
    state = page.evaluate(SEARCH_STATE)
    return AssertionError(f"{what}: {exc}\npage: {state}\n" + "\n".join(watch.take()))


SEARCH_STATE = """() => ({
  status: (document.getElementById('search-status') || {}).textContent,
  search: (document.getElementById('search') || {outerHTML: 'no #search'}).outerHTML.slice(0, 3000),
  message: (document.querySelector('.pagefind-ui__message') || {}).textContent,
  pagefindUI: typeof window.PagefindUI,
  scripts: [...document.scripts].map(s => s.src),
})"""


RESULTS_SHOWN = """() => {
  // Pagefind draws placeholders first; wait until every result it counted has its link.
  const message = document.querySelector('.pagefind-ui__message');
  const counted = message && message.textContent.match(/^(\\d+) results? for/);
  return counted && document.querySelectorAll('.pagefind-ui__result-link').length === +counted[1];
}"""


def goto_kind(page: Any, served: Served, kind: str, query: str = "Anchorage") -> None:
    """Open the page of one kind; the search page with a query and its results."""
    if kind == "search":
        open_search(page, f"{served.url}{KINDS['search']}?q={query}")
    else:
        page.goto(served.url + KINDS[kind])


def on_screen(page: Any, selector: str) -> bool:
    """Whether the element's top is inside the viewport."""
    return page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect();"
        " return r.height > 0 && r.top >= 0 && r.top < innerHeight; }",
    )


HIGHLIGHTED = """e => {
  const s = getComputedStyle(e);
  const clear = ['rgba(0, 0, 0, 0)', 'transparent'];
  return e.matches(':target') && (!clear.includes(s.backgroundColor) || s.outlineStyle !== 'none');
}"""


def highlighted(page: Any, selector: str) -> bool:
    """Whether the element is the page's target and marked as such (background or outline)."""
    return page.eval_on_selector(selector, HIGHLIGHTED)


def axe_violations(page: Any, axe_source: str) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA,
    )
    found = []
    for v in result["violations"]:
        if v["impact"] in ("serious", "critical"):
            where = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            found.append(f"{v['id']} ({v['impact']}): {v['help']} at {where}")
    return found


SMALL_TEXT = """() => {
  const found = new Set();
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.data.trim()) continue;
    const e = n.parentElement;
    const s = getComputedStyle(e);
    if (!e.getClientRects().length || s.visibility !== 'visible') continue;
    const size = parseFloat(s.fontSize);
    const words = n.data.trim().slice(0, 30);
    if (size < 16) found.add(`${size}px <${e.localName} class="${e.className}"> ${words}`);
  }
  return [...found];
}"""

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .map(e => `<${e.localName} class="${e.className}">`);
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""

BROKEN_IMAGES = """() => [...document.images]
  .filter(i => !i.complete || i.naturalWidth === 0)
  .map(i => i.currentSrc || i.src)"""
