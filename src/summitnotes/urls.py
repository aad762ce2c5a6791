"""Where each page lives in the site, and how one page links to another.

Output paths are POSIX paths inside the site (`topics/trust/index.html`).
Without a base URL every link is relative, so the site works from disk and
under any prefix; with one, links are root-relative under that prefix and
pretty (`/sub/path/topics/trust/`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

STYLESHEET = "static/style.css"
SEARCH = "search/index.html"
SEARCH_SCRIPT = "static/search.js"
SEARCH_RECORDS = "search/records.jsonl"
"""What Pagefind indexes besides the HTML pages: one record per turn (see `search.py`)."""
PAGEFIND = "pagefind/"
"""The Pagefind bundle, written after the rest of the site (see `searchindex.py`)."""
NOT_FOUND = "404.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOJEKYLL = ".nojekyll"
CORPUS = "data/corpus.json"
TURNS_CSV = "data/turns.csv"
TURNS_JSONL = "data/turns.jsonl"


def home() -> str:
    return "index.html"


def section(kind: str) -> str:
    """Index page of `interviews`, `topics`, `speakers` or `notes`."""
    return f"{kind}/index.html"


def interview(slug: str) -> str:
    return f"interviews/{slug}/index.html"


def topic(slug: str, page: int = 1) -> str:
    """Page `page` of a topic: the first at `topics/<slug>/`, the others at
    `topics/<slug>/page/<n>/` (Hugo's convention), so links to a topic never change."""
    if page == 1:
        return f"topics/{slug}/index.html"
    return f"topics/{slug}/page/{page}/index.html"


def speaker(slug: str) -> str:
    return f"speakers/{slug}/index.html"


def note(slug: str) -> str:
    return f"notes/{slug}/index.html"


def image(interview_slug: str, name: str) -> str:
    return f"interviews/{interview_slug}/{name}"


@dataclass(frozen=True)
class Linker:
    """Makes the href from one page (`page`) to a file of the site."""

    page: str
    base_url: str | None = None
    _up: str = field(init=False, repr=False, compare=False)
    """`../` for each folder `page` is in: from the page to the site root."""
    _top: str | None = field(init=False, repr=False, compare=False)
    """`page`'s first folder and a slash (None at the root): a target outside it
    shares no folder with the page, so its link is `_up` and the target, no walk needed."""

    def __post_init__(self) -> None:
        folders = self.page.count("/")
        object.__setattr__(self, "_up", "../" * folders)
        object.__setattr__(self, "_top", self.page.split("/", 1)[0] + "/" if folders else None)

    def __call__(self, target: str, fragment: str | None = None) -> str:
        frag = f"#{fragment}" if fragment else ""
        if self.base_url is not None:
            pretty = target[: -len("index.html")] if target.endswith("index.html") else target
            return self.base_url + pretty + frag
        if target == self.page and frag:
            return frag
        if self._top is None or not target.startswith(self._top):
            return self._up + target + frag
        return _relative(self.page, target) + frag


def _relative(page: str, target: str) -> str:
    """`posixpath.relpath` for our clean site paths, without its file system calls."""
    here = page.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:])


WEB_SCHEMES = ("http://", "https://")


def is_web_address(url: str) -> bool:
    """`http(s)://…`: the only addresses from user input put into an `href` (never
    `javascript:`, `data:` or the like)."""
    return url.strip().lower().startswith(WEB_SCHEMES)


def pretty(target: str) -> str:
    """`topics/trust/index.html` → `topics/trust/`: the address a server answers for a page."""
    return target[: -len("index.html")] if target.endswith("index.html") else target


def address(target: str, site_url: str | None, base_url: str | None) -> str:
    """Where a file of the site lives once published, for feeds, sitemaps and exports.

    Absolute with `site_url`, root-relative with `base_url`, else relative to the site root.
    """
    if site_url:
        return site_url.rstrip("/") + "/" + pretty(target)
    return (base_url or "") + pretty(target)
