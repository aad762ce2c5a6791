"""Full-text search: the shipped project built with Pagefind, queried for real in Node."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from search_support import needs_node, query
from site_support import PROJECT, broken_links, ids, parse_html
from summitnotes.build import build
from summitnotes.cli import cli
from summitnotes.interviews import load_interview

SLUG = "dknews-2025-shamilov-alaska-summit"
SEED = PROJECT / "seeds" / f"{SLUG}.txt"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("search") / "site"
    report = build(PROJECT, out, search=True)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


def target(site: Path, url: str) -> tuple[Path, str]:
    """The file and id a root-relative result URL leads to."""
    path, _, fragment = url.partition("#")
    file = site / path.lstrip("/")
    return (file / "index.html" if path.endswith("/") else file), fragment


def test_bundle_is_written_with_the_ui(site: Path) -> None:
    bundle = site / "pagefind"
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert (bundle / name).is_file(), name
    assert list((bundle / "filter").glob("*.pf_filter"))
    assert not (bundle / "playground").exists()


def test_one_record_per_turn_and_lead(site: Path) -> None:
    iv, _ = load_interview(SEED, "seed")
    assert iv is not None
    records = [
        json.loads(line) for line in (site / "search" / "records.jsonl").read_text().splitlines()
    ]
    assert [r["url"] for r in records] == [f"/interviews/{SLUG}/#lead"] + [
        f"/interviews/{SLUG}/#{t.id}" for t in iv.turns
    ]
    a2 = records[4]
    assert a2["filters"]["speaker"] == ["Murad Shamilov"]
    assert a2["filters"]["kind"] == ["answer"]
    assert "The Alaska (Anchorage) summit" in a2["filters"]["topic"]


@needs_node
def test_bundle_has_the_filters(site: Path) -> None:
    filters = query(site, "Kazakhstan")["filters"]
    assert set(filters) == {"speaker", "topic", "interview", "kind"}
    assert filters["speaker"] == {"DKNews.kz": 4, "Murad Shamilov": 4}  # turns + profile page
    assert {"question", "answer", "lead", "note", "topic", "speaker"} == set(filters["kind"])
    assert "The Alaska (Anchorage) summit" in filters["topic"]


@needs_node
def test_anchorage_finds_the_answer_about_the_summit_first(site: Path) -> None:
    results = query(site, "Anchorage")["results"]
    top = results[0]
    assert top["url"] == f"/interviews/{SLUG}/#a2"
    assert top["meta"]["speaker"] == "Murad Shamilov"
    assert top["meta"]["title"] == "Murad Shamilov · answer a2"
    assert "<mark>Anchorage</mark>" in top["excerpt"]
    page, anchor = target(site, top["url"])
    assert anchor in ids(parse_html(page))
    assert "Anchorage summit" in (SEED.read_text(encoding="utf-8"))
    # the topic page is found too, below what was said
    assert "/topics/alaska-summit/" in [r["url"] for r in results[1:]]


@needs_node
def test_every_result_leads_to_a_page_and_id(site: Path) -> None:
    for text in ("Anchorage", "multi-vector", "Kazakhstan", "trust"):
        for r in query(site, text)["results"]:
            page, anchor = target(site, r["url"])
            assert page.is_file(), r["url"]
            assert not anchor or anchor in ids(parse_html(page)), r["url"]


@needs_node
def test_filters_narrow_to_a_speaker_and_a_kind(site: Path) -> None:
    found = query(site, "Kazakhstan", {"speaker": "DKNews.kz", "kind": "question"})["results"]
    assert sorted(r["url"].rsplit("#", 1)[1] for r in found) == ["q2", "q3"]
    assert all(r["filters"]["speaker"] == ["DKNews.kz"] for r in found)
    notes = query(site, "Shamilov", {"kind": "note"})["results"]
    assert [r["url"] for r in notes] == ["/notes/shamilov-on-the-alaska-summit/"]


def test_topic_pages_index_their_description_not_the_quotes(site: Path) -> None:
    doc = parse_html(site / "topics" / "alaska-summit" / "index.html")
    body = [n for n in doc.iter() if "data-pagefind-body" in n.attrs]
    assert len(body) == 1
    groups = body[0].find_all("section", "group")
    assert groups and all("data-pagefind-ignore" in g.attrs for g in groups)


def test_search_page_says_what_to_do_without_javascript_or_from_disk(site: Path) -> None:
    page = site / "search" / "index.html"
    doc = parse_html(page)
    assert "needs JavaScript" in doc.find("noscript").text()
    status = next(n for n in doc.iter() if n.attrs.get("id") == "search-status")
    assert "hidden" in status.attrs
    assert doc.find("script").attrs["src"] == "../static/search.js"
    script = (site / "static" / "search.js").read_text(encoding="utf-8")
    assert 'location.protocol === "file:"' in script
    assert "http.server" in script
    assert "--no-search" in script  # the message when the bundle is missing
    browse = [a.attrs["href"] for a in doc.find("section", "search-browse").find_all("a")]
    assert "../topics/index.html" in browse


def test_every_page_has_a_search_box_but_the_search_page(site: Path) -> None:
    home = parse_html(site / "index.html").find("form", "site-search")
    assert home.attrs["action"] == "search/index.html"
    assert home.find("input").attrs["name"] == "q"
    interview = parse_html(site / "interviews" / SLUG / "index.html").find("form", "site-search")
    assert interview.attrs["action"] == "../../search/index.html"
    assert not parse_html(site / "search" / "index.html").find_all("form")


def test_links_resolve_with_the_bundle_in_place(site: Path) -> None:
    assert broken_links(site) == []


def test_outside_the_bundle_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    assert build(PROJECT, again, search=True).ok

    def files(root: Path, bundle: bool) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file() and (p.relative_to(root).parts[0] == "pagefind") == bundle
        }

    assert files(site, bundle=False) == files(again, bundle=False)
    # Pagefind writes its filter values in hash-map order, which changes from run to
    # run, and with them the filter files' hashed names and the index entry; the
    # records (fragments), the word index and the scripts are the same bytes.
    one, two = files(site, bundle=True), files(again, bundle=True)
    stable = [p for p in one if p.startswith(("pagefind/fragment/", "pagefind/index/"))]
    assert stable and all(one[p] == two.get(p) for p in stable)
    assert len(one) == len(two)


def test_no_search_skips_the_bundle_and_the_page_says_so(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["build", str(PROJECT), "--out", str(out), "--no-search"])
    assert result.exit_code == 0, result.output
    assert not (out / "pagefind").exists()
    assert (out / "search" / "index.html").is_file()


def test_a_failed_index_leaves_the_previous_site(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    assert build(PROJECT, out).ok
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    (out / "index.html").write_text("old", encoding="utf-8")

    async def broken(*args: object) -> None:
        raise RuntimeError("pagefind exploded")

    monkeypatch.setattr("summitnotes.searchindex._index", broken)
    report = build(PROJECT, out, search=True)
    assert not report.ok
    assert any("search index failed: pagefind exploded" in d.format() for d in report.diagnostics)
    assert (out / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_record_pages_go_to_memory_only_when_it_has_room(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from summitnotes import searchindex

    monkeypatch.setattr(searchindex, "RAM_DISK", tmp_path)
    assert searchindex._scratch_place(1000) == str(tmp_path)
    assert searchindex._scratch_place(10**18) is None  # more than any disk has
    monkeypatch.setattr(searchindex, "RAM_DISK", tmp_path / "missing")
    assert searchindex._scratch_place(1000) is None
