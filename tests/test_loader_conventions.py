"""The loader on one fixture per convention, checked against the spec of the issue.

Each fixture under `tests/fixtures/loader/` is written by us in the shape real
interviews take. The tests pin concrete structure: which line each turn starts on,
its kind and speaker, times, figures, asides and warnings. Every fixture (and the
real seed) also goes through the nothing-lost-or-doubled invariant.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    FIXTURES,
    SEED,
    contract_problems,
    invariant_problems,
    load,
    load_ok,
    source_lines,
)

TEXTS = sorted(p for p in FIXTURES.iterdir() if p.suffix in {".txt", ".md"})


def fixture(name: str) -> dict[str, Any]:
    return load_ok(FIXTURES / name)


def shape(data: dict[str, Any]) -> list[tuple[str, str, list[int]]]:
    """(id, kind, lines of its paragraphs) for every turn."""
    return [(t["id"], t["kind"], [p["line"] for p in t["paragraphs"]]) for t in data["turns"]]


def turn_at(data: dict[str, Any], line: int) -> dict[str, Any]:
    """The turn holding a paragraph that starts on `line`."""
    for t in data["turns"]:
        if any(p["line"] == line for p in t["paragraphs"]):
            return t
    raise AssertionError(f"no turn has a paragraph on line {line}: {shape(data)}")


def speaker_of(data: dict[str, Any], turn: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in data["speakers"] if s["id"] == turn["speaker"])


def speaker_named(data: dict[str, Any], name: str) -> dict[str, Any]:
    found = [s for s in data["speakers"] if s["name"] == name]
    assert found, f"no speaker {name!r} in {[s['name'] for s in data['speakers']]}"
    return found[0]


def label(text: str | None) -> str:
    """A label as written, minus Markdown bold and spacing (`**Q:**` is `Q:`)."""
    return re.sub(r"[\s*]+", " ", text or "").strip()


def para(data: dict[str, Any], pid: str) -> str:
    for p in data["lead"] + [p for t in data["turns"] for p in t["paragraphs"]]:
        if p["id"] == pid:
            return p["text"]
    raise AssertionError(f"no paragraph {pid}")


def figures(data: dict[str, Any]) -> list[tuple[int, str | None, str]]:
    return [(f["line"], f["after"], f["credit"]) for f in data["figures"]]


def asides(data: dict[str, Any]) -> list[tuple[int, str, str | None]]:
    return [(a["line"], a["kind"], a["after"]) for a in data["asides"]]


def warning_lines(data: dict[str, Any]) -> list[int | None]:
    return [w["line"] for w in data["warnings"]]


def roles(data: dict[str, Any]) -> dict[str, str]:
    """Speaker name → role."""
    return {s["name"]: s["role"] for s in data["speakers"]}


def question_and_answer_speakers(data: dict[str, Any]) -> tuple[dict, dict]:
    """The one speaker of all questions and the one of all answers."""
    asked = {t["speaker"] for t in data["turns"] if t["kind"] == "question"}
    answered = {t["speaker"] for t in data["turns"] if t["kind"] == "answer"}
    assert len(asked) == 1 and len(answered) == 1, (asked, answered)
    ids = {s["id"]: s for s in data["speakers"]}
    return ids[asked.pop()], ids[answered.pop()]


# --- every fixture --------------------------------------------------------------


@pytest.mark.parametrize("path", [*TEXTS, SEED], ids=lambda p: p.name)
def test_nothing_lost_or_doubled(path: Path) -> None:
    problems = invariant_problems(source_lines(path), load_ok(path))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", [*TEXTS, SEED], ids=lambda p: p.name)
def test_contract_ids_and_anchors(path: Path) -> None:
    problems = contract_problems(load_ok(path))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", [*TEXTS, SEED], ids=lambda p: p.name)
def test_turn_text_has_no_label_dash_or_timestamp(path: Path) -> None:
    for t in load_ok(path)["turns"]:
        first = t["paragraphs"][0]["text"]
        assert first == first.strip(), t["id"]
        assert not re.match(r"[—–-]\s|\*\*|\[?\d\d:\d\d|#", first), (t["id"], first)
        if t["label"]:
            assert not first.startswith(t["label"]), (t["id"], first)


# --- the real seed --------------------------------------------------------------


def test_seed_structure() -> None:
    data = load_ok(SEED)
    assert data["convention"] == "dash"
    assert [p["line"] for p in data["lead"]] == [1, 2]
    assert shape(data) == [
        ("q1", "question", [3]),
        ("a1", "answer", [4, 5, 6]),
        ("q2", "question", [7]),
        ("a2", "answer", [8, 10, 11]),
        ("q3", "question", [12]),
        ("a3", "answer", [13, 15, 16, 17, 18]),
    ]
    assert para(data, "q1-p1").startswith("In your opinion, how should President Tokayev’s")


def test_seed_figures() -> None:
    data = load_ok(SEED)
    assert figures(data) == [
        (9, "a2-p1", "Sergei Bobylev, RIA Novosti"),
        (14, "a3-p1", "Aqorda"),
    ]
    bobylev = data["figures"][0]
    assert (bobylev["photographer"], bobylev["agency"]) == ("Sergei Bobylev", "RIA Novosti")


def _check_shamilov(data: dict[str, Any]) -> None:
    asker, answerer = question_and_answer_speakers(data)
    assert answerer["name"] == "Murad Shamilov"
    assert answerer["role"] == "interviewee"
    assert (answerer["description"] or "").casefold() == "political analyst"
    assert asker["name"] == "DKNews.kz"
    assert asker["role"] == "interviewer"


def test_seed_speakers() -> None:
    _check_shamilov(load_ok(SEED))


def test_seed_speakers_inferred_from_lead_without_sidecar(tmp_path: Path) -> None:
    copy = tmp_path / "interview.txt"
    shutil.copyfile(SEED, copy)
    assert not copy.with_suffix(".yaml").exists()
    _check_shamilov(load_ok(copy))


# --- 1. dash turns ---------------------------------------------------------------


def test_dash_turns() -> None:
    data = fixture("dash_basic.txt")
    assert data["convention"] == "dash"
    assert [p["line"] for p in data["lead"]] == [1, 2]
    assert shape(data) == [
        ("q1", "question", [3]),
        ("a1", "answer", [4, 5]),
        ("q2", "question", [6]),
        ("a2", "answer", [7, 9]),
        ("q3", "question", [10]),
        ("a3", "answer", [11, 13]),
        ("q4", "question", [15]),
        ("a4", "answer", [16]),
    ]
    assert para(data, "q2-p1") == "Who paid for the repairs?"


def test_dash_interjection_stays_in_answer() -> None:
    data = fixture("dash_basic.txt")
    assert para(data, "a1-p1") == (
        "Through a window, honestly. (laughs) The council had lost the keys,"
        " and nobody wanted to admit it."
    )
    assert all("laughs" not in a["text"] for a in data["asides"])


def test_dash_credits_mid_answer_are_figures() -> None:
    data = fixture("dash_basic.txt")
    assert figures(data) == [
        (8, "a2-p1", "Marta Kell, Baltic Press Agency"),
        (12, "a3-p1", "Photo: Nadia Orlova"),
    ]
    kell = data["figures"][0]
    assert (kell["photographer"], kell["agency"]) == ("Marta Kell", "Baltic Press Agency")


def test_dash_separator_is_an_aside() -> None:
    data = fixture("dash_basic.txt")
    assert asides(data) == [(14, "separator", "a3-p2")]


def test_dash_speakers_inferred_from_lead() -> None:
    asker, answerer = question_and_answer_speakers(fixture("dash_basic.txt"))
    assert (answerer["name"], answerer["role"]) == ("Tomas Lind", "interviewee")
    assert (answerer["description"] or "").casefold() == "sculptor"
    assert (asker["name"], asker["role"]) == ("The Harbour Review", "interviewer")


def test_dash_hyphen_marks() -> None:
    data = fixture("dash_hyphen.txt")
    assert data["convention"] == "dash"
    assert [p["line"] for p in data["lead"]] == [1]
    assert shape(data) == [
        ("q1", "question", [2]),
        ("a1", "answer", [3, 4]),
        ("q2", "question", [5]),
        ("a2", "answer", [6]),
        ("q3", "question", [8]),
        ("a3", "answer", [9]),
    ]
    assert para(data, "q1-p1") == "How do you teach a piece to singers who don't read notes?"
    assert para(data, "a1-p2").endswith("(laughs)")
    assert figures(data) == [(7, "a2-p1", "Jonas Vik, Nordic Photo")]
    vik = data["figures"][0]
    assert (vik["photographer"], vik["agency"]) == ("Jonas Vik", "Nordic Photo")


def test_dash_hyphen_speakers_inferred_from_lead() -> None:
    asker, answerer = question_and_answer_speakers(fixture("dash_hyphen.txt"))
    assert (answerer["name"], answerer["role"]) == ("Agnes Holm", "interviewee")
    assert (answerer["description"] or "").casefold() == "choir conductor"
    assert (asker["name"], asker["role"]) == ("Radio North", "interviewer")


def test_dash_headline_dek_undashed_answers_and_two_paragraph_question() -> None:
    data = fixture("dash_headline_dek.txt")
    # The courtesy line and the question after it are one question; answers carry no dash.
    assert shape(data) == [
        ("q1", "question", [3, 4]),
        ("a1", "answer", [5, 6]),
        ("q2", "question", [7]),
        ("a2", "answer", [8]),
        ("q3", "question", [9]),
        ("a3", "answer", [10]),
    ]
    assert data["title"] == "Salt, Smoke and Seven Generations"
    outside = {p["line"] for p in data["lead"]} | {a["line"] for a in data["asides"]}
    assert {1, 2} <= outside


def test_dash_question_mark_repairs_alternation() -> None:
    data = fixture("dash_repair.txt")
    q1 = turn_at(data, 2)
    assert q1 is turn_at(data, 3), "courtesy line and question are one question"
    assert (q1["id"], q1["kind"]) == ("q1", "question")
    assert para(data, "q1-p2") == "What brought you back to the valley after thirty years away?"
    assert (turn_at(data, 4)["id"], turn_at(data, 4)["kind"]) == ("a1", "answer")
    assert turn_at(data, 5)["kind"] == "question"
    assert turn_at(data, 6)["kind"] == "question"
    assert turn_at(data, 7)["kind"] == "answer"
    assert [turn_at(data, n)["kind"] for n in (8, 9)] == ["question", "answer"]
    _, answerer = question_and_answer_speakers(data)
    assert turn_at(data, 7)["speaker"] == answerer["id"]


def test_dash_two_questions_in_a_row_warns() -> None:
    data = fixture("dash_repair.txt")
    hits = [w for w in data["warnings"] if w["line"] in (5, 6)]
    assert hits, f"no warning on line 5 or 6: {data['warnings']}"
    assert all(w["message"].strip() for w in hits)


def test_no_dashes_short_question_paragraphs() -> None:
    data = fixture("no_dashes.txt")
    assert [p["line"] for p in data["lead"]] == [1]
    # Line 4 ends with `?` but is a long answer paragraph, not a question.
    assert shape(data) == [
        ("q1", "question", [2]),
        ("a1", "answer", [3, 4]),
        ("q2", "question", [5]),
        ("a2", "answer", [6]),
        ("q3", "question", [7]),
        ("a3", "answer", [8]),
    ]


def test_no_dashes_speakers_inferred_from_lead() -> None:
    asker, answerer = question_and_answer_speakers(fixture("no_dashes.txt"))
    assert answerer["name"] == "Mina Sato"
    assert (answerer["description"] or "").casefold() == "beekeeper"
    assert asker["name"] == "Green Valley Weekly"


# --- 2. Q/A labels ---------------------------------------------------------------


def test_qa_colon_labels_and_two_line_question() -> None:
    data = fixture("qa_colon.txt")
    assert data["convention"] == "qa"
    assert shape(data) == [
        ("q1", "question", [1, 2]),
        ("a1", "answer", [3, 4]),
        ("q2", "question", [5]),
        ("a2", "answer", [6]),
        ("q3", "question", [8]),
        ("a3", "answer", [9]),
    ]
    assert para(data, "a2-p1") == (
        "Only when I hear a good string quartet. (laughs) Which is more often than I admit."
    )
    assert [label(t["label"]) for t in data["turns"]] == ["Q:", "A:"] * 3
    assert data["warnings"] == []


def test_qa_colon_stage_direction_line_is_aside() -> None:
    data = fixture("qa_colon.txt")
    assert asides(data) == [(7, "stage-direction", "a2-p1")]
    assert data["asides"][0]["text"] == "(Laughter.)"


def test_qa_colon_sidecar_names_speakers_and_metadata() -> None:
    data = fixture("qa_colon.txt")
    assert len(data["speakers"]) == 2
    asker, answerer = question_and_answer_speakers(data)
    assert (asker["name"], asker["role"]) == ("Pia Lund", "interviewer")
    assert (answerer["name"], answerer["role"], answerer["description"]) == (
        "Arvo Mets",
        "interviewee",
        "composer",
    )
    assert [label(x) for x in asker["labels"]] == ["Q:"]
    assert [label(x) for x in answerer["labels"]] == ["A:"]
    assert data["title"] == "Twelve radios and a broken wrist"
    assert data["topics"] == ["electronic-music", "careers"]
    meta = data["meta"]
    assert meta["outlet"] == "Signal & Noise"
    assert meta["date"] == "2022-09-30"
    assert meta["language"] == "en"
    assert meta["keywords"] == ["synthesizer", "violin"]
    assert meta["question_topics"] == {"q3": ["works-in-progress"]}


def test_qa_dot_labels_credits_and_generic_speakers() -> None:
    data = fixture("qa_dot.txt")
    assert data["convention"] == "qa"
    assert shape(data) == [
        ("q1", "question", [1]),
        ("a1", "answer", [2, 3, 5]),
        ("q2", "question", [6]),
        ("a2", "answer", [7]),
        ("q3", "question", [9]),
        ("a3", "answer", [10]),
    ]
    assert para(data, "q1-p1") == "When did the archive start collecting recipes?"
    assert figures(data) == [(4, "a1-p2", "© Jonas Berg"), (8, "a2-p1", "Photo by Lea Sand")]
    assert roles(data) == {"Interviewer": "interviewer", "Interviewee": "interviewee"}
    assert data["warnings"] == []


def test_qa_words_pull_quote_between_question_and_answer() -> None:
    data = fixture("qa_words.txt")
    assert data["convention"] == "qa"
    assert shape(data) == [
        ("q1", "question", [1]),
        ("a1", "answer", [2, 3]),
        ("q2", "question", [4]),  # a question without `?`
        ("a2", "answer", [6]),
        ("q3", "question", [7]),
        ("a3", "answer", [8]),
    ]
    assert asides(data) == [(5, "pull-quote", "q2-p1")]
    assert para(data, "a3-p1") == "Not this year. Next year — we’ll see."
    assert [label(t["label"]) for t in data["turns"]] == ["Question:", "Answer:"] * 3


# --- 3. named speakers -----------------------------------------------------------


def test_named_variants_merge_into_one_speaker() -> None:
    data = fixture("named_minister.txt")
    assert data["convention"] == "named"
    assert shape(data) == [
        ("q1", "question", [1]),
        ("a1", "answer", [2, 4]),
        ("q2", "question", [5]),
        ("a2", "answer", [6, 7]),
        ("q3", "question", [8]),
        ("a3", "answer", [9]),
    ]
    assert len(data["speakers"]) == 2
    asker, roe = question_and_answer_speakers(data)
    assert (roe["name"], roe["role"]) == ("Jane Roe", "interviewee")
    assert "minister of finance" in (roe["description"] or "").casefold()
    assert [label(x) for x in roe["labels"]] == [
        "Minister of Finance Jane Roe:",
        "Jane Roe:",
        "JANE ROE:",
    ]
    assert asker["role"] == "interviewer"
    assert [label(x) for x in asker["labels"]] == ["Question:"]


def test_named_mid_sentence_colons_are_not_labels() -> None:
    data = fixture("named_minister.txt")
    assert para(data, "a2-p2").startswith("Second: I did not promise that nothing would be cut.")
    assert para(data, "a1-p2").startswith("There were two options on the table. One: borrow")


def test_named_press_service_credit() -> None:
    data = fixture("named_minister.txt")
    assert figures(data) == [(3, "a1-p1", "Press service of the Ministry of Finance")]


def test_named_initials_resolved_by_sidecar() -> None:
    data = fixture("named_initials.txt")
    assert data["convention"] == "named"
    assert shape(data) == [
        ("q1", "question", [1]),
        ("a1", "answer", [2, 3]),
        ("q2", "question", [4]),
        ("a2", "answer", [5]),
        ("q3", "question", [6]),
        ("a3", "answer", [7]),
    ]
    asker, answerer = question_and_answer_speakers(data)
    assert (asker["name"], asker["role"], [label(x) for x in asker["labels"]]) == (
        "Kari Olsen",
        "interviewer",
        ["KO:"],
    )
    assert (answerer["name"], answerer["role"], [label(x) for x in answerer["labels"]]) == (
        "Tove Lind",
        "interviewee",
        ["TL:"],
    )
    assert answerer["description"] == "photographer"
    assert para(data, "a1-p1").endswith("(laughs)")
    assert data["meta"]["date"] == "2024-05"


def test_named_bold_labels_with_outlet_as_questioner() -> None:
    data = fixture("named_bold.md")
    assert [p["line"] for p in data["lead"]] == [1]
    assert shape(data) == [
        ("q1", "question", [3]),
        ("a1", "answer", [5]),
        ("q2", "question", [7]),
        ("a2", "answer", [9]),
    ]
    assert para(data, "q1-p1") == "Your new series is almost entirely grey. Why?"
    assert para(data, "a1-p1") == "Grey is what happens when you stop fighting the kiln."
    asker, answerer = question_and_answer_speakers(data)
    assert (asker["name"], asker["role"]) == ("The Harbour Review", "interviewer")
    assert (answerer["name"], answerer["role"]) == ("Oona Vale", "interviewee")


def test_named_bold_description_inferred_from_lead() -> None:
    _, answerer = question_and_answer_speakers(fixture("named_bold.md"))
    assert (answerer["description"] or "").casefold() == "ceramicist"


PRESS_TURN_LINES = [3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19]


def test_press_conference_turns_are_numbered_in_order() -> None:
    data = fixture("press_conference.txt")
    assert [t["line"] for t in data["turns"]] == PRESS_TURN_LINES
    assert [t["id"] for t in data["turns"]] == [f"t{k}" for k in range(1, 16)]
    assert [p["line"] for p in turn_at(data, 5)["paragraphs"]] == [5, 6]
    assert "(Laughter.)" in turn_at(data, 5)["paragraphs"][1]["text"]


def test_press_conference_kinds() -> None:
    data = fixture("press_conference.txt")
    kinds = {line: turn_at(data, line)["kind"] for line in PRESS_TURN_LINES}
    assert {n for n, k in kinds.items() if k == "question"} == {9, 11, 17} | (
        {15} if kinds[15] == "question" else set()
    )
    assert [kinds[n] for n in (10, 12, 13, 18)] == ["answer"] * 4
    assert [kinds[n] for n in (3, 4, 8, 16, 19)] == ["remark"] * 5  # moderator, small talk
    assert turn_at(data, 9)["paragraphs"][0]["text"] == (
        "Director, how long does a warning take to reach a phone?"
    )


def test_press_conference_speakers() -> None:
    data = fixture("press_conference.txt")
    assert len(data["speakers"]) == 4
    moderator = speaker_of(data, turn_at(data, 3))
    assert moderator["role"] == "participant"
    assert [label(x) for x in moderator["labels"]] == ["MS. HALVORSEN:"]
    assert speaker_of(data, turn_at(data, 16)) is moderator
    press = speaker_of(data, turn_at(data, 9))
    assert press["role"] == "interviewer"
    assert [label(x) for x in press["labels"]] == ["Q"]
    okafor = speaker_of(data, turn_at(data, 10))
    assert (okafor["name"], okafor["role"], okafor["description"]) == (
        "Amara Okafor",
        "interviewee",
        "Director of Emergency Management",
    )
    assert speaker_of(data, turn_at(data, 13)) is okafor
    brandt = speaker_of(data, turn_at(data, 12))
    assert (brandt["name"], brandt["role"], brandt["description"]) == (
        "Piet Brandt",
        "interviewee",
        "Fire Chief",
    )


def test_press_conference_header_and_stage_direction() -> None:
    data = fixture("press_conference.txt")
    assert asides(data)[-1] == (14, "stage-direction", "t10-p1")
    # The header is kept as written: `10:02 A.M.` is the time of day, not a turn timestamp.
    kept = {p["line"]: p["text"] for p in data["lead"]} | {
        a["line"]: a["text"] for a in data["asides"]
    }
    assert (kept.get(1), kept.get(2)) == ("Press Briefing Room, City Hall", "10:02 A.M.")


# --- 4. Markdown -----------------------------------------------------------------


def test_markdown_headings_as_questions() -> None:
    data = fixture("markdown_headings.md")
    assert shape(data) == [
        ("q1", "question", [17]),
        ("a1", "answer", [19, 27]),
        ("q2", "question", [29]),
        ("a2", "answer", [31]),
        ("q3", "question", [33]),
        ("a3", "answer", [35, 37]),  # `Where else would I go?` answers, it does not ask
    ]
    assert para(data, "q1-p1") == "What will you miss most?"


def test_markdown_hard_wrapped_paragraphs_are_joined() -> None:
    data = fixture("markdown_headings.md")
    assert para(data, "a1-p1") == (
        "The sound. A wooden gate groans when the water starts to push,"
        " and you learn to hear whether it is a good groan or a bad one."
    )
    assert para(data, "a3-p2") == (
        "The house comes with the lock, and the new owners have asked me to stay on as caretaker."
    )
    lead = {p["line"]: p["text"] for p in data["lead"]}
    assert lead.get(14) == (
        "Bertil Ek has opened the gates at Sjöfors by hand for forty-four years."
        " This summer the lock goes automatic."
    )


def test_markdown_image_and_caption_make_one_figure() -> None:
    data = fixture("markdown_headings.md")
    assert len(data["figures"]) == 1
    fig = data["figures"][0]
    assert (fig["line"], fig["after"]) == (23, "a1-p1")
    assert (fig["image"], fig["alt"]) == ("img/upper-gate.jpg", "Bertil Ek at the upper gate")
    caption = "Bertil Ek at the upper gate, May 2023. Photo: Rosa Lindqvist"
    assert caption in (fig["caption"] or "") + (fig["credit"] or "")


def test_markdown_front_matter_is_metadata() -> None:
    data = fixture("markdown_headings.md")
    assert data["title"] == "The Last Lock Keeper"
    meta = data["meta"]
    assert (meta["outlet"], meta["date"], meta["language"]) == (
        "Canal Quarterly",
        "2023-06-14",
        "en",
    )
    starts = [p["line"] for p in data["lead"]] + [a["line"] for a in data["asides"]]
    assert min(starts) > 10, "front matter lines are not text"
    asker, answerer = question_and_answer_speakers(data)
    assert (asker["name"], asker["role"]) == ("Rosa Lindqvist", "interviewer")
    assert (answerer["name"], answerer["description"]) == (
        "Bertil Ek",
        "lock keeper at Sjöfors since 1979",
    )


def test_markdown_bold_qa() -> None:
    data = fixture("markdown_bold_qa.md")
    assert data["convention"] == "qa"
    assert data["title"] == "Repairing radios in a village of 300"
    assert [(t["id"], t["kind"], t["line"]) for t in data["turns"]] == [
        ("q1", "question", 7),
        ("a1", "answer", 9),
        ("q2", "question", 18),
        ("a2", "answer", 20),
        ("q3", "question", 23),
        ("a3", "answer", 25),
    ]
    assert [p["line"] for p in data["turns"][1]["paragraphs"]] == [9, 16]
    assert para(data, "q1-p1") == "How did the repair café start?"
    assert para(data, "a1-p1") == (
        "With my own radio. It stopped working, and nobody in the village"
        " could fix it, so I learned."
    )
    assert para(data, "a3-p1") == "Unplug it first. (laughs) Really, unplug it first."
    assert {label(t["label"]) for t in data["turns"]} == {"Q:", "A:"}
    lead = {p["line"]: p["text"] for p in data["lead"]}
    assert lead.get(4, "").endswith(
        "We asked him about valves, patience and the radio that came back three times."
    )


def test_markdown_bold_qa_figure_and_separator() -> None:
    data = fixture("markdown_bold_qa.md")
    assert len(data["figures"]) == 1
    fig = data["figures"][0]
    assert (fig["line"], fig["after"], fig["image"]) == (12, "a1-p1", "radio-open.jpg")
    assert fig["alt"] == "A valve radio with its back panel removed"
    assert "The inside of a 1958 table radio" in (fig["caption"] or "") + (fig["credit"] or "")
    assert (27, "separator", "a3-p1") in asides(data)


# --- 5. timestamps ---------------------------------------------------------------


def test_bracket_timestamps_kept_on_turns() -> None:
    data = fixture("timestamps_brackets.txt")
    assert data["convention"] == "named"
    assert shape(data) == [
        ("q1", "question", [2]),
        ("a1", "answer", [3]),
        ("q2", "question", [4]),
        ("a2", "answer", [5]),
        ("q3", "question", [6]),
        ("a3", "answer", [7]),
    ]
    assert [t["time"] for t in data["turns"]] == [
        "00:00:05",
        "00:00:19",
        "00:00:31",
        "00:00:34",
        "00:00:41",
        "00:00:44",
    ]
    assert para(data, "q1-p1").startswith("Welcome to Field Notes.")
    assert para(data, "a2-p1") == "Ten percent on a good day. (laughs) Thirty on a windy one."
    asker, answerer = question_and_answer_speakers(data)
    assert (asker["name"], asker["role"]) == ("Nora Blake", "interviewer")
    assert (answerer["name"], answerer["role"]) == ("Elias Grünwald", "interviewee")


def test_bracket_timestamps_music_cues_are_asides() -> None:
    data = fixture("timestamps_brackets.txt")
    assert [(line, after) for line, _, after in asides(data)] == [(1, None), (8, "a3-p1")]
    assert {kind for _, kind, _ in asides(data)} <= {"stage-direction", "note"}


def test_timestamp_before_bold_name() -> None:
    data = fixture("timestamps_bold.md")
    assert [p["line"] for p in data["lead"]] == [11]
    assert shape(data) == [
        ("q1", "question", [13]),
        ("a1", "answer", [15]),
        ("q2", "question", [19]),
        ("a2", "answer", [21]),
    ]
    assert [t["time"] for t in data["turns"]] == ["00:00:10", "00:00:16", "00:01:02", "00:01:05"]
    assert para(data, "q1-p1") == "What is the first thing you do when you arrive?"
    assert figures(data) == [(17, "a1-p1", "Photo by Sam Ortiz")]
    assert data["title"] == "Night Shift at the Observatory"
    assert data["topics"] == ["astronomy", "night-work"]
    asker, answerer = question_and_answer_speakers(data)
    assert (asker["name"], answerer["name"], answerer["description"]) == (
        "Sam Ortiz",
        "Helga Strand",
        "astronomer",
    )


def test_oral_history_heading_timestamps_and_two_interviewees() -> None:
    data = fixture("oral_history.txt")
    assert data["convention"] == "named"
    assert shape(data) == [
        ("t1", "question", [2]),
        ("t2", "answer", [5]),
        ("t3", "answer", [8]),
        ("t4", "answer", [11]),  # one interviewee asking the other is still an answer turn
        ("t5", "answer", [14]),
        ("t6", "question", [19]),
        ("t7", "answer", [22]),
        ("t8", "answer", [27]),
    ]
    assert [t["time"] for t in data["turns"]] == [
        "00:00:12",
        "00:00:31",
        "00:00:45",
        "00:01:02",
        "00:01:09",
        "00:01:20",
        "00:01:24",
        "00:02:40",
    ]
    assert (
        para(data, "t3-p1")
        == "I was doing the books badly. (Laughter) Ruth fixed my columns every Friday."
    )


def test_oral_history_speakers() -> None:
    data = fixture("oral_history.txt")
    assert roles(data) == {
        "Mark Tallis": "interviewer",
        "Ruth Ellis": "interviewee",
        "June Vance": "interviewee",
    }
    names = [speaker_of(data, t)["name"] for t in data["turns"]]
    assert names == [
        "Mark Tallis",
        "Ruth Ellis",
        "June Vance",
        "Ruth Ellis",
        "June Vance",
        "Mark Tallis",
        "Ruth Ellis",
        "June Vance",
    ]
    assert [label(x) for x in speaker_named(data, "Ruth Ellis")["labels"]] == ["RUTH ELLIS:"]


def test_oral_history_side_change_and_recording_note_are_asides() -> None:
    data = fixture("oral_history.txt")
    found = asides(data)
    assert [(line, after) for line, _, after in found] == [(16, "t5-p1"), (24, "t7-p1")]
    assert found[0][1] == "stage-direction"
    assert found[1][1] in {"note", "stage-direction"}


def test_oral_history_sidecar_metadata() -> None:
    meta = fixture("oral_history.txt")["meta"]
    assert (meta["date"], meta["place"], meta["language"]) == (
        "1971-05-02",
        "Dunmore, Pennsylvania",
        "en",
    )
    assert meta["rights"].startswith("May be quoted")


# --- line endings, BOM, tabs: accepted silently ----------------------------------


def _variants(text: str) -> dict[str, bytes]:
    lines = text.split("\n")
    return {
        "bom-crlf": ("\ufeff" + "\r\n".join(lines)).encode(),
        "cr": "\r".join(lines).encode(),
        "trailing-blanks": "\n".join(x + " \t " if x else x for x in lines).encode(),
        "leading-tabs": "\n".join("\t" + x if x else x for x in lines).encode(),
    }


ENCODINGS = [
    (name, variant)
    for name in ("dash_basic.txt", "qa_dot.txt", "markdown_headings.md")
    for variant in ("bom-crlf", "cr", "trailing-blanks", "leading-tabs")
    if not (variant == "leading-tabs" and name.endswith(".md"))  # a tab starts Markdown code
]


@pytest.mark.parametrize(("name", "variant"), ENCODINGS)
def test_line_endings_bom_and_blanks_change_nothing(
    tmp_path: Path, name: str, variant: str
) -> None:
    original = FIXTURES / name
    want, want_diags = load(original)
    copy = tmp_path / name
    copy.write_bytes(_variants(original.read_text(encoding="utf-8"))[variant])
    got, got_diags = load(copy)
    assert got is not None, [d.format() for d in got_diags]
    assert want is not None
    for key in ("lead", "turns", "figures", "asides", "speakers", "title", "convention"):
        assert got[key] == want[key], key
    assert [(d.line, d.level, d.message) for d in got_diags] == [
        (d.line, d.level, d.message) for d in want_diags
    ]
