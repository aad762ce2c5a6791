"""Publishing: sitemap, feed, robots.txt, 404, .nojekyll, social tags and JSON-LD."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import msgspec_schemaorg.models as schema
import pytest

from site_support import FIXTURES, PROJECT, Node, parse_html
from summitnotes.build import build

SLUG = "dknews-2025-shamilov-alaska-summit"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE_URL = "https://research.example.org/summit/"


def copy_project(source: Path, dest: Path, extra_config: str) -> Path:
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("site", ".*"))
    config = dest / "summitnotes.yaml"
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    config.write_text(text + extra_config, encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shipped") / "site"
    report = build(PROJECT, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture (a dated interview with a photo) with `site_url` set."""
    root = tmp_path_factory.mktemp("published")
    project = copy_project(FIXTURES / "minimal", root / "project", f"site_url: {SITE_URL}\n")
    report = build(project, root / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    return root / "site"


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def pretty(path: str) -> str:
    return path.removesuffix("index.html")


# --- sitemap, robots, .nojekyll, 404 ---


def test_sitemap_lists_every_page(shipped: Path) -> None:
    root = ElementTree.parse(shipped / "sitemap.xml").getroot()
    locs = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    expected = [pretty(p) for p in pages(shipped) if p not in ("404.html", "search/index.html")]
    assert sorted(locs) == sorted(expected)
    assert f"interviews/{SLUG}/" in locs and "" in locs  # relative to the site root


def test_sitemap_and_robots_are_absolute_with_site_url(published: Path) -> None:
    root = ElementTree.parse(published / "sitemap.xml").getroot()
    locs = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    assert SITE_URL in locs and SITE_URL + "interviews/river-talk/" in locs
    assert all(loc.startswith(SITE_URL) for loc in locs)
    robots = (published / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines() == ["User-agent: *", "Allow: /", f"Sitemap: {SITE_URL}sitemap.xml"]


def test_host_files(shipped: Path) -> None:
    assert (shipped / ".nojekyll").read_bytes() == b""
    assert "Sitemap:" not in (shipped / "robots.txt").read_text(encoding="utf-8")
    doc = parse_html(shipped / "404.html")
    assert doc.find("h1").text() == "Page not found"
    assert doc.find("link").attrs["href"] == "static/style.css"


def test_404_links_are_rooted_when_the_site_has_an_address(published: Path) -> None:
    doc = parse_html(published / "404.html")
    hrefs = [a.attrs["href"] for a in doc.find("main").find_all("a")]
    assert "/summit/" in hrefs and "/summit/search/" in hrefs
    assert doc.find("link").attrs["href"] == "/summit/static/style.css"
    assert "canonical" not in [n.attrs.get("rel") for n in doc.find_all("link")]
    assert not [k for k in meta_tags(doc) if k.startswith("og:")]


# --- the Atom feed ---


def feed(site: Path) -> ElementTree.Element:
    return ElementTree.parse(site / "feed.xml").getroot()


def test_feed_lists_dated_items_only_newest_first(shipped: Path) -> None:
    root = feed(shipped)
    entries = root.findall(f"{ATOM}entry")
    # the seed's sidecar has no date: only the note is in the feed
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Reading the Alaska summit from Astana: notes on the Shamilov interview"
    ]
    entry = entries[0]
    assert entry.find(f"{ATOM}link").get("href") == "notes/shamilov-on-the-alaska-summit/"
    assert entry.findtext(f"{ATOM}updated") == "2025-09-01T00:00:00Z"
    assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
    # updated comes from the newest item, never from the clock
    assert root.findtext(f"{ATOM}updated") == "2025-09-01T00:00:00Z"
    assert root.find(f"{ATOM}author").findtext(f"{ATOM}name")
    terms = [c.get("term") for c in entry.findall(f"{ATOM}category")]
    assert "alaska-summit" in terms


def test_feed_has_dated_interviews_and_absolute_links(published: Path) -> None:
    root = feed(published)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["On rivers", "River talk"]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links == [SITE_URL + "notes/on-rivers/", SITE_URL + "interviews/river-talk/"]
    assert [e.findtext(f"{ATOM}id") for e in entries] == links
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + "feed.xml"
    assert root.findtext(f"{ATOM}updated") == "2024-06-01T00:00:00Z"
    assert entries[1].find(f"{ATOM}author").findtext(f"{ATOM}name") == "Test Gazette"


def test_every_page_links_the_feed(shipped: Path) -> None:
    for page in pages(shipped):
        links = parse_html(shipped / page).find("head").find_all("link")
        assert any(link.attrs.get("type") == "application/atom+xml" for link in links), page


# --- canonical, OpenGraph, Twitter card ---


def meta_tags(doc: Node) -> dict[str, str]:
    return {
        m.attrs.get("property") or m.attrs.get("name", ""): m.attrs.get("content", "")
        for m in doc.find("head").find_all("meta")
    }


def test_social_tags_with_site_url(published: Path) -> None:
    doc = parse_html(published / "interviews" / "river-talk" / "index.html")
    tags = meta_tags(doc)
    link = next(n for n in doc.find("head").find_all("link") if n.attrs.get("rel") == "canonical")
    assert link.attrs["href"] == SITE_URL + "interviews/river-talk/"
    assert tags["og:url"] == SITE_URL + "interviews/river-talk/"
    assert tags["og:type"] == "article"
    assert tags["og:title"] == "River talk"
    assert tags["og:image"] == SITE_URL + "interviews/river-talk/fig1.png"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == tags["og:image"]
    note = meta_tags(parse_html(published / "notes" / "on-rivers" / "index.html"))
    assert note["og:description"] == "A note." == note["description"]
    assert note["twitter:card"] == "summary" and "og:image" not in note
    home = meta_tags(parse_html(published / "index.html"))
    assert home["og:type"] == "website"


def test_no_social_tags_without_site_url(shipped: Path) -> None:
    tags = meta_tags(parse_html(shipped / "interviews" / SLUG / "index.html"))
    assert not [k for k in tags if k.startswith(("og:", "twitter:"))]


# --- JSON-LD ---


def jsonld(page: Path) -> dict[str, Any]:
    scripts = parse_html(page).find_all("script")
    blocks = [s for s in scripts if s.attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    return json.loads(blocks[0].text())


def schema_problems(value: Any, where: str = "") -> list[str]:
    """Types and property names that schema.org does not define for that type."""
    problems: list[str] = []
    if isinstance(value, list):
        for i, item in enumerate(value):
            problems += schema_problems(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        kind = value.get("@type")
        if kind is None:
            allowed = {"@id", "@context", "@graph"}
        elif not isinstance(getattr(schema, kind, None), type):
            return [f"{where}: no schema.org type {kind}"]
        else:
            allowed = set(getattr(schema, kind).__struct_encode_fields__)
        problems += [f"{where}: {kind} has no property {k}" for k in value if k not in allowed]
        for k, v in value.items():
            problems += schema_problems(v, f"{where}.{k}")
    return problems


def nodes(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [n for item in value for n in nodes(item)]
    if isinstance(value, dict):
        return [value] + [n for v in value.values() for n in nodes(v)]
    return []


def test_jsonld_uses_only_schema_org_names(shipped: Path, published: Path) -> None:
    for page in (
        shipped / "interviews" / SLUG / "index.html",
        published / "interviews" / "river-talk" / "index.html",
    ):
        data = jsonld(page)
        assert data["@context"] == "https://schema.org"
        assert schema_problems(data) == [], page
        defined = {n["@id"] for n in nodes(data) if "@type" in n and "@id" in n}
        refs = {n["@id"] for n in nodes(data) if set(n) == {"@id"}}
        assert refs <= defined, refs - defined


def test_jsonld_of_the_seed(shipped: Path) -> None:
    graph = jsonld(shipped / "interviews" / SLUG / "index.html")["@graph"]
    by_type: dict[str, list[dict[str, Any]]] = {}
    for n in nodes(graph):
        by_type.setdefault(n.get("@type", ""), []).append(n)
    article = by_type["Article"][0]
    assert article["headline"].startswith("Murad Shamilov on the Alaska summit")
    assert "datePublished" not in article  # the sidecar has no date: none is made up
    outlet = next(o for o in by_type["Organization"] if "@id" in o)
    assert outlet["name"] == "DKNews.kz"
    assert article["publisher"] == {"@id": outlet["@id"]}
    assert article["author"] == [{"@id": outlet["@id"]}]  # the interviewer is the outlet
    person = next(p for p in by_type["Person"] if p["name"] == "Murad Shamilov")
    assert person["description"] == "political analyst"
    questions = by_type["Question"]
    assert [q["@id"] for q in questions] == ["#q1", "#q2", "#q3"]
    q2 = questions[1]
    assert q2["author"] == {"@id": outlet["@id"]}
    (answer,) = q2["suggestedAnswer"]
    assert answer["@type"] == "Answer" and answer["@id"] == "#a2"
    assert answer["author"] == {"@id": person["@id"]}
    assert answer["text"].startswith("By describing the Anchorage summit")
    images = {i["creditText"]: i for i in article["image"]}
    bobylev = images["Sergei Bobylev, RIA Novosti"]
    assert bobylev["copyrightHolder"] == {"@type": "Organization", "name": "RIA Novosti"}
    assert bobylev["creator"] == {"@type": "Person", "name": "Sergei Bobylev"}
    assert images["Aqorda"] == {"@type": "ImageObject", "@id": "#fig2", "creditText": "Aqorda"}
    assert {t["name"] for t in article["about"]} >= {"The Alaska (Anchorage) summit"}


def test_jsonld_with_site_url_is_absolute(published: Path) -> None:
    graph = jsonld(published / "interviews" / "river-talk" / "index.html")["@graph"]
    article = graph[0]
    assert article["url"] == SITE_URL + "interviews/river-talk/"
    assert article["datePublished"] == "2024-05-01"
    (photo,) = article["image"]
    assert photo["contentUrl"] == SITE_URL + "interviews/river-talk/fig1.png"
    assert photo["creditText"] == "Photo: Ana Field"
    assert all(n["@id"].startswith(SITE_URL) for n in nodes(graph) if "@id" in n)
