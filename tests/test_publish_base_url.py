"""Hosting under a sub-path: search results, feed and sitemap all stay under `--base-url`."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from search_support import needs_node, query
from site_support import PROJECT, broken_links, ids, parse_html
from summitnotes.build import build

BASE = "/sub/path/"
SLUG = "dknews-2025-shamilov-alaska-summit"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("base-url") / "site"
    report = build(PROJECT, out, BASE, search=True)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


def served(site: Path, url: str) -> tuple[Path, str]:
    """The file and id that a root-relative URL under BASE is served from."""
    path, _, fragment = url.partition("#")
    assert path.startswith(BASE), url
    file = site / path[len(BASE) :]
    return (file / "index.html" if path.endswith("/") else file), fragment


@needs_node
def test_search_results_lead_into_the_sub_path(site: Path) -> None:
    results = query(site, "Anchorage", served_at=f"https://example.org{BASE}search/")["results"]
    assert results[0]["url"] == f"{BASE}interviews/{SLUG}/#a2"
    for r in results:
        page, anchor = served(site, r["url"])
        assert page.is_file(), r["url"]
        assert not anchor or anchor in ids(parse_html(page))


def test_search_page_addresses_are_under_the_base(site: Path) -> None:
    doc = parse_html(site / "search" / "index.html")
    box = next(n for n in doc.iter() if n.attrs.get("id") == "search")
    assert box.attrs["data-bundle"] == f"{BASE}pagefind/"
    assert box.attrs["data-root"] == BASE
    assert doc.find("script").attrs["src"] == f"{BASE}static/search.js"
    form = parse_html(site / "index.html").find("form", "site-search")
    assert form.attrs["action"] == f"{BASE}search/"


def test_feed_and_sitemap_links_are_under_the_base(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(site / "feed.xml").getroot()
    hrefs = [link.get("href") for link in feed.iter(f"{atom}link")]
    assert f"{BASE}feed.xml" in hrefs and f"{BASE}notes/shamilov-on-the-alaska-summit/" in hrefs
    sm = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [loc.text or "" for loc in ElementTree.parse(site / "sitemap.xml").iter(f"{sm}loc")]
    assert BASE in locs and f"{BASE}interviews/{SLUG}/" in locs
    for url in hrefs + locs:
        assert served(site, url)[0].is_file(), url


def test_every_link_resolves(site: Path) -> None:
    assert broken_links(site, BASE) == []
