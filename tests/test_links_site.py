"""Links, transclusions and backlinks in a built site, read back from the HTML.

The fixture `linking` has a note, `notes/reading.md`, that uses every syntax
of issue 4; the line numbers below are lines of that file.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_support import FIXTURES, PROJECT, Node, broken_links, ids, parse_html
from summitnotes.build import build
from summitnotes.interviews import load_interview

PROJECT_DIR = FIXTURES / "linking"
TALK = "interviews/harbour-talk/index.html"
READING = "notes/reading/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("linking") / "site"
    report = build(PROJECT_DIR, out, search=False)
    assert report.ok, [d.format() for d in report.diagnostics]
    assert report.warnings == 0, [d.format() for d in report.diagnostics]
    return out


def page(site: Path, path: str) -> Node:
    return parse_html(site / path)


def target(from_page: str, href: str) -> tuple[str, str]:
    """(site path, fragment) an href on `from_page` leads to."""
    parts = urlsplit(href)
    if not parts.path:
        return from_page, parts.fragment
    here = posixpath.dirname(from_page)
    return posixpath.normpath(posixpath.join(here, parts.path)), parts.fragment


def by_id(doc: Node) -> dict[str, Node]:
    return {n.attrs["id"]: n for n in doc.iter() if "id" in n.attrs}


def paragraph_texts(slug: str) -> dict[str, str]:
    interview, _ = load_interview(PROJECT_DIR / "seeds" / f"{slug}.txt", "x.txt")
    assert interview is not None
    return {p.id: p.text for t in interview.turns for p in t.paragraphs}


def test_every_link_leads_to_the_right_page_and_fragment(site: Path) -> None:
    refs = by_id(page(site, READING))
    expected = {
        "ref-0": (TALK, "", "Harbour talk"),
        "ref-1": (TALK, "", "the talk, labelled"),
        "ref-2": (TALK, "q2", "Jo Reporter, question 2"),
        "ref-3": (TALK, "a2", "Ada Brook, answer 2"),
        "ref-4": (TALK, "a2-p2", "Ada Brook, answer 2, paragraph 2"),
        "ref-5": (TALK, "a3", "staying"),
        "ref-6": ("topics/harbours/index.html", "", "Harbours"),
        "ref-7": ("topics/harbours/index.html", "", "Harbours"),  # by alias
        "ref-8": ("speakers/ada-brook/index.html", "", "Ada Brook"),
        "ref-9": ("notes/other/index.html", "", "Other note"),
        "ref-10": ("notes/other/index.html", "a-heading", "Other note › A heading"),
        "ref-14": (TALK, "a1", "in context"),  # Markdown link, relative to the note file
        "ref-15": (TALK, "q1", "from the page"),  # Markdown link, relative to the page
        "ref-16": ("notes/other/index.html", "", "a note file"),  # Markdown link to a .md file
        "ref-19": (TALK, "a2", "transcript itself"),  # Markdown link to the seed file
    }
    for ref, (path, fragment, label) in expected.items():
        a = refs[ref]
        assert a.tag == "a", ref
        assert target(READING, a.attrs["href"]) == (path, fragment), ref
        assert a.text() == label, ref
        if fragment:
            assert fragment in ids(page(site, path)), ref
    external = [a for a in page(site, READING).find_all("a") if "example.org" in a.attrs["href"]]
    assert [a.attrs["href"] for a in external] == ["https://example.org/"]
    assert broken_links(site) == []


def test_transclusion_quotes_the_exact_words_and_links_to_them(site: Path) -> None:
    refs = by_id(page(site, READING))
    words = paragraph_texts("harbour-talk")
    cases = {
        "ref-11": ("a1", ["a1-p1"]),  # a whole turn
        "ref-12": ("a2-p2", ["a2-p2"]),
        "ref-13": ("a2-p1", ["a2-p1", "a2-p2"]),  # a range
    }
    for ref, (anchor, paragraphs) in cases.items():
        figure = refs[ref]
        assert figure.tag == "figure" and "transclusion" in figure.classes
        quoted = [p.text() for p in figure.find("blockquote").find_all("p")]
        assert quoted == [words[p] for p in paragraphs], ref
        cite = figure.find("figcaption").find("cite")
        assert "Ada Brook" in cite.text() and "Harbour talk" in cite.text()
        path, fragment = target(READING, cite.find("a").attrs["href"])
        assert (path, fragment) == (TALK, anchor)
        in_context = by_id(page(site, path))[fragment]
        assert words[paragraphs[0]] in in_context.text()


def test_a_transclusion_among_words_is_an_inline_quotation(site: Path) -> None:
    q = by_id(page(site, READING))["ref-18"]  # ref-17 is the external link
    assert q.tag == "q" and q.text() == "We will stay."
    cite = q.parent.find("cite")
    assert target(READING, cite.find("a").attrs["href"]) == (TALK, "a3")
    assert "Inline, she says" in q.parent.text() and "and leaves." in q.parent.text()


def test_quoted_interview_text_stays_text(site: Path) -> None:
    figure = by_id(page(site, READING))["ref-12"]
    quoted = figure.find("blockquote").text().strip()
    assert quoted == "We rebuilt it with <b>our own</b> hands & savings."
    assert not figure.find_all("b")


def mentions(node: Node) -> list[tuple[str, int, str]]:
    """(note title, line, what) of each backlink under `node`."""
    found = []
    for aside in node.find_all("aside", "backlinks"):
        for li in aside.find("ul").children:
            if not isinstance(li, Node):
                continue
            title = li.find("a", "backlink").text()
            for m in li.find("ul", "mentions").find_all("li"):
                line = int(m.find("a").text().removeprefix("line "))
                found.append((title, line, m.find("span", "what").text()))
    return sorted(found)


def test_backlinks_appear_on_the_right_turns_and_nowhere_else(site: Path) -> None:
    doc = page(site, TALK)
    turns = {n.attrs["id"]: n for n in doc.find_all("div", "turn")}
    reading = "Reading the harbour"
    assert {k: mentions(v) for k, v in turns.items()} == {
        "q1": [(reading, 19, "links q1")],
        "a1": [("Harbours", 5, "links a1"), (reading, 12, "quotes a1"), (reading, 18, "links a1")],
        "q2": [(reading, 7, "links q2")],
        "a2": [
            (reading, 7, "links a2"),
            (reading, 8, "links a2-p2"),
            (reading, 14, "quotes a2-p2"),
            (reading, 16, "quotes a2-p1..a2-p2"),
            (reading, 24, "links a2"),
        ],
        "q3": [],
        "a3": [(reading, 8, "links a3"), (reading, 22, "quotes a3")],
    }
    header = doc.find("article").find("header")
    assert mentions(header) == [
        ("Ada Brook", 5, "links"),
        (reading, 5, "links"),
        (reading, 5, "links"),
    ]
    assert not page(site, "interviews/quiet-talk/index.html").find_all("aside", "backlinks")


def test_backlinks_lead_to_the_place_in_the_note_with_its_context(site: Path) -> None:
    a3 = next(t for t in page(site, TALK).find_all("div", "turn") if t.attrs["id"] == "a3")
    mention = a3.find("aside", "backlinks").find("ul", "mentions").find("li")
    path, fragment = target(TALK, mention.find("a").attrs["href"])
    assert (path, fragment) == (READING, "ref-5")
    assert by_id(page(site, READING))["ref-5"].text() == "staying"
    assert "its second paragraph" in mention.find("span", "context").text()
    assert mention.find("a").attrs["title"] == "notes/reading.md:8"


def test_note_topic_and_speaker_pages_show_what_links_to_them(site: Path) -> None:
    reading = "Reading the harbour"
    assert mentions(page(site, "notes/other/index.html")) == [
        (reading, 10, "links"),
        (reading, 10, "links #a-heading"),
        (reading, 20, "links"),
    ]
    assert mentions(page(site, "topics/harbours/index.html")) == [
        (reading, 10, "links"),
        (reading, 10, "links"),
    ]
    assert mentions(page(site, "speakers/ada-brook/index.html")) == [(reading, 10, "links")]
    assert mentions(page(site, READING)) == [("Other note", 6, "links")]
    assert not page(site, "speakers/ben-still/index.html").find_all("aside", "backlinks")


def test_every_turn_and_paragraph_has_a_permalink(site: Path) -> None:
    doc = page(site, TALK)
    permalinks = {a.attrs["href"] for a in doc.find_all("a", "permalink")}
    wanted = {"q1", "a1", "q2", "a2", "q3", "a3"} | set(paragraph_texts("harbour-talk"))
    assert {f"#{i}" for i in wanted} <= permalinks
    assert wanted <= ids(doc)


def test_answers_offer_a_citation_with_the_permalink_when_the_site_url_is_known(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, project)
    (project / "summitnotes.yaml").write_text(
        "title: Harbour research\nsite_url: https://research.example/harbour/\n",
        encoding="utf-8",
    )
    assert build(project, tmp_path / "site", search=False).ok
    doc = parse_html(tmp_path / "site" / TALK)
    turns = {n.attrs["id"]: n for n in doc.find_all("div", "turn")}
    assert not turns["q2"].find_all("details", "cite-passage")
    styles = {
        p.attrs["data-style"]: p.text()
        for p in turns["a2"].find("details", "cite-passage").find_all("p", "citation")
    }
    url = "https://research.example/harbour/interviews/harbour-talk/#a2"
    assert styles["APA in text"] == "APA in text (Brook, 2024, answer 2)"
    assert styles["APA"].endswith(f"Test Gazette. {url}")
    assert styles["Chicago note"] == (
        "Chicago note Ada Brook, “Harbour talk,” interview by Jo Reporter, "
        f"Test Gazette, May 1, 2024, answer 2, {url}."
    )


def test_the_shipped_notes_link_and_quote_the_seed(tmp_path: Path) -> None:
    out = tmp_path / "site"
    report = build(PROJECT, out, search=False)
    assert report.ok and report.warnings == 0, [d.format() for d in report.diagnostics]
    slug = "dknews-2025-shamilov-alaska-summit"
    interview, _ = load_interview(PROJECT / "seeds" / f"{slug}.txt", "x.txt")
    assert interview is not None
    words = {p.id: p.text for t in interview.turns for p in t.paragraphs}
    note = parse_html(out / "notes" / "shamilov-on-the-alaska-summit" / "index.html")
    quotes = note.find_all("figure", "transclusion")
    assert len(quotes) >= 2
    for q in quotes:
        for p in q.find("blockquote").find_all("p"):
            assert p.text() in words.values()
    doc = parse_html(out / "interviews" / slug / "index.html")
    discussed = {t.attrs["id"] for t in doc.find_all("div", "turn") if t.find_all("aside")}
    assert {"a1", "a2", "a3"} <= discussed
    lead = doc.find("section", "lead").find("aside", "backlinks")
    assert "Reading the Alaska summit from Astana" in lead.text()
    assert "Murad Shamilov" in lead.text()  # the speaker profile links the lead too


def test_labels_written_in_notes_are_escaped(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, project)
    (project / "notes" / "evil.md").write_text(
        "---\ntitle: Evil\n---\n"
        "[[harbour-talk#a1|<script>alert(1)</script>]] and "
        '[[harbour-talk#a2|" onmouseover="alert(2)]]\n',
        encoding="utf-8",
    )
    assert build(project, tmp_path / "site", search=False).ok
    html = (tmp_path / "site" / "notes" / "evil" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    links = parse_html(tmp_path / "site" / "notes" / "evil" / "index.html").find_all(
        "a", "wikilink"
    )
    assert [a.text() for a in links] == ["<script>alert(1)</script>", '" onmouseover="alert(2)']
    assert not any("onmouseover" in a.attrs for a in links)
