"""Build the shipped project and read the pages back as a reader would."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_support import PROJECT, Node, ids, parse_html
from summitnotes.build import build
from summitnotes.interviews import load_interview

SLUG = "dknews-2025-shamilov-alaska-summit"
SEED = PROJECT / "seeds" / f"{SLUG}.txt"

# What a reader of the shipped topic notes expects on each topic page, and one reason each.
EXPECTED_TOPICS = {
    "alaska-summit": {"q1", "q2", "q3"},
    "russia-us-dialogue": {"q1", "q2", "q3"},
    "multi-vector-policy": {"q1", "q2"},
    "kazakhstan-mediation": {"q1", "q2", "q3"},
    "kazakhstan-russia-trust": {"q3"},
    "ukraine-settlement": {"q3"},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "site"
    report = build(PROJECT, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    assert report.warnings == 0, [d.format() for d in report.diagnostics]
    return out


@pytest.fixture(scope="module")
def page(site: Path) -> Node:
    return parse_html(site / "interviews" / SLUG / "index.html")


def turns(doc: Node) -> list[Node]:
    return [n for n in doc.find_all("div", "turn") if "id" in n.attrs]


def test_interview_has_three_questions_and_three_answers_in_order(page: Node) -> None:
    found = [
        (t.attrs["id"], sorted(t.classes - {"turn"})[0], t.find("a", "speaker").text())
        for t in turns(page)
    ]
    assert found == [
        ("q1", "question", "DKNews.kz"),
        ("a1", "answer", "Murad Shamilov"),
        ("q2", "question", "DKNews.kz"),
        ("a2", "answer", "Murad Shamilov"),
        ("q3", "question", "DKNews.kz"),
        ("a3", "answer", "Murad Shamilov"),
    ]
    first_answer = turns(page)[1].find_all("p")[1].own_text()
    assert first_answer.startswith("President Kassym-Jomart Tokayev’s statement")


def test_both_credits_are_figcaptions_in_place(page: Node) -> None:
    captions = [f.find("figcaption").text().strip() for f in page.find_all("figure")]
    assert captions == ["Sergei Bobylev, RIA Novosti", "Aqorda"]
    a2 = next(t for t in turns(page) if t.attrs["id"] == "a2")
    order = [n.attrs["id"] for n in a2.children if isinstance(n, Node) and "id" in n.attrs]
    assert order == ["a2-p1", "fig1", "a2-p2", "a2-p3"]


def test_every_turn_and_paragraph_has_an_anchor_and_a_permalink(page: Node) -> None:
    interview, _ = load_interview(SEED, "seeds/x.txt")
    assert interview is not None
    wanted = {p.id for p in interview.lead}
    for turn in interview.turns:
        wanted |= {turn.id, *(p.id for p in turn.paragraphs)}
    assert wanted <= ids(page)
    permalinks = {a.attrs["href"] for a in page.find_all("a", "permalink")}
    assert {f"#{i}" for i in wanted} <= permalinks


def test_every_topic_page_lists_the_pairs_it_should(site: Path) -> None:
    for slug, questions in EXPECTED_TOPICS.items():
        doc = parse_html(site / "topics" / slug / "index.html")
        pairs = doc.find_all("div", "pair")
        assert {p.attrs["id"].removeprefix(SLUG + "-") for p in pairs} == questions, slug
        for pair in pairs:
            assert pair.find("p", "why").text().startswith("Here because: ")
            assert pair.find("div", "question").text().strip()
    covered = set().union(*EXPECTED_TOPICS.values())
    assert covered == {"q1", "q2", "q3"}


def test_topic_page_says_why_each_pair_is_there(site: Path) -> None:
    doc = parse_html(site / "topics" / "alaska-summit" / "index.html")
    why = {p.attrs["id"]: p.find("p", "why").text() for p in doc.find_all("div", "pair")}
    assert "assigned to the interview" in why[f"{SLUG}-q1"]
    assert "assigned to q2" in why[f"{SLUG}-q2"]
    assert "matched “Anchorage summit”" in why[f"{SLUG}-q2"]


def test_long_answers_are_cut_with_a_link_to_the_full_answer(site: Path) -> None:
    doc = parse_html(site / "topics" / "kazakhstan-russia-trust" / "index.html")
    answer = doc.find("div", "answer")
    assert len([p for p in answer.find_all("p") if not p.classes]) == 2  # of 5
    more = answer.find("p", "more").find("a").attrs["href"]
    assert more.endswith(f"interviews/{SLUG}/index.html#a3")


def test_topic_page_has_description_and_notes(site: Path) -> None:
    doc = parse_html(site / "topics" / "kazakhstan-russia-trust" / "index.html")
    assert "leaderships of Kazakhstan" in doc.find("div", "prose").text()
    notes = [a.attrs["href"] for a in doc.find("ul", "items").find_all("a")]
    assert notes == ["../../notes/shamilov-on-the-alaska-summit/index.html"]


def test_speaker_page_of_the_interviewee_lists_the_three_answers(site: Path) -> None:
    doc = parse_html(site / "speakers" / "murad-shamilov" / "index.html")
    assert doc.find("h1").text() == "Murad Shamilov"
    assert "Political analyst" in doc.find("p", "intro").text()
    answers = doc.find_all("div", "answer")
    assert len(answers) == 3
    links = [a.find("p", "more").find("a").attrs["href"].rsplit("#", 1)[1] for a in answers]
    assert links == ["a1", "a2", "a3"]


def test_home_lists_interviews_topics_speakers_and_notes(site: Path) -> None:
    doc = parse_html(site / "index.html")
    text = doc.find("main").text()
    for expected in (
        "Murad Shamilov · DKNews.kz",
        "Trust between Kazakhstan and Russia",
        "1 question",
        "Reading the Alaska summit from Astana",
    ):
        assert expected in text
    assert doc.find("html").attrs["lang"] == "en"


def test_note_page_renders_markdown_tables_and_footnotes(site: Path) -> None:
    doc = parse_html(site / "notes" / "shamilov-on-the-alaska-summit" / "index.html")
    prose = doc.find("div", "prose")
    assert prose.find("table").find_all("tr")
    assert prose.find("section", "footnotes")
    assert {"the-argument-in-three-steps", "what-rests-on-what"} <= ids(prose)
    topics = [a.text() for a in doc.find("p", "meta").find_all("a")]
    assert "Kazakhstan as mediator" in topics
