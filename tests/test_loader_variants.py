"""More shapes real transcripts take: speaker-and-time lines from transcription
services, names in capitals on their own line, question-only labels, role labels
of oral histories, `Q:` inside question headings, quoted pull quotes.

Each fixture was read by a person; the assertions say what it must parse to.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import FIXTURES, contract_problems, invariant_problems, load_ok, source_lines


def parsed(name: str) -> dict[str, Any]:
    return load_ok(FIXTURES / name)


def shape(data: dict[str, Any]) -> list[tuple[str, str, list[int]]]:
    return [(t["id"], t["kind"], [p["line"] for p in t["paragraphs"]]) for t in data["turns"]]


def people(data: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    return [(s["name"], s["role"], s["description"]) for s in data["speakers"]]


VARIANTS = [
    "rev_speaker_times.txt",
    "otter_name_times.txt",
    "caps_names_alone.txt",
    "questions_only_bold.md",
    "oral_history_roles.txt",
    "heading_q_labels.md",
]


@pytest.mark.parametrize("name", VARIANTS)
def test_nothing_lost_and_contract_holds(name: str) -> None:
    data = parsed(name)
    assert invariant_problems(source_lines(FIXTURES / name), data) == []
    assert contract_problems(data) == []


def test_speaker_with_time_in_brackets_then_text_on_next_line() -> None:
    data = parsed("rev_speaker_times.txt")
    assert data["convention"] == "named"
    assert shape(data) == [
        ("q1", "question", [2]),
        ("a1", "answer", [5]),
        ("q2", "question", [8]),
        ("a2", "answer", [11]),
    ]
    assert [t["time"] for t in data["turns"]] == ["00:00", "00:06", "00:14", "00:19"]
    assert [t["extra_lines"] for t in data["turns"]] == [[1], [4], [7], [10]]
    assert data["turns"][1]["paragraphs"][0]["text"].startswith("I'm a district nurse.")


def test_name_and_time_alone_on_a_line() -> None:
    data = parsed("otter_name_times.txt")
    assert shape(data) == [
        ("q1", "question", [2]),
        ("a1", "answer", [5]),
        ("q2", "question", [8]),
        ("a2", "answer", [11]),
    ]
    assert [t["time"] for t in data["turns"]] == ["0:02", "0:05", "0:11", "0:13"]
    assert people(data) == [("Ines Varga", "interviewer", None), ("Pavel Kos", "interviewee", None)]


def test_names_in_capitals_on_their_own_line_are_labels() -> None:
    data = parsed("caps_names_alone.txt")
    assert [p["line"] for p in data["lead"]] == [1]
    assert shape(data) == [
        ("q1", "question", [4]),
        ("a1", "answer", [7]),
        ("q2", "question", [10]),
        ("a2", "answer", [13]),
    ]
    assert people(data) == [("Lena Fors", "interviewer", None), ("Oskar Berg", "interviewee", None)]
    assert data["figures"] == []  # a capitalised name is not a photo credit
    assert data["turns"][3]["paragraphs"][0]["text"] == "Every one. (laughs) In shoeboxes, by year."


def test_only_questions_labelled_the_words_after_them_answer() -> None:
    data = parsed("questions_only_bold.md")
    assert shape(data) == [
        ("q1", "question", [5]),
        ("a1", "answer", [7, 10]),
        ("q2", "question", [12]),
        ("a2", "answer", [14]),
    ]
    assert data["turns"][0]["paragraphs"][0]["text"] == "What do you look for first?"
    # a hard-wrapped answer paragraph is joined, and keeps the line it starts on
    assert data["turns"][1]["paragraphs"][0]["text"] == (
        "Rust where water collects. It tells you where the design was optimistic."
    )
    assert people(data) == [
        ("Span Weekly", "interviewer", None),
        ("Hana Ruiz", "interviewee", "structural engineer"),
    ]


def test_oral_history_role_labels_and_tape_notes() -> None:
    data = parsed("oral_history_roles.txt")
    assert shape(data) == [
        ("q1", "question", [3]),
        ("a1", "answer", [5]),
        ("q2", "question", [9]),
        ("a2", "answer", [11]),
    ]
    # NARRATOR is the oral-history word for the person interviewed; the lead names both sides
    assert people(data) == [("Jonas Ek", "interviewer", None), ("Marta Quist", "interviewee", None)]
    assert [(a["line"], a["kind"], a["after"]) for a in data["asides"]] == [
        (7, "stage-direction", "a1-p1")
    ]


def test_q_label_inside_question_headings_and_a_quoted_pull_quote() -> None:
    data = parsed("heading_q_labels.md")
    assert data["title"] == "Four questions for a bookbinder"
    assert shape(data) == [
        ("q1", "question", [3]),
        ("a1", "answer", [5]),
        ("q2", "question", [7]),
        ("a2", "answer", [9, 13]),
    ]
    assert data["turns"][0]["paragraphs"][0]["text"] == "What does a bookbinder repair most?"
    assert [(a["line"], a["kind"], a["after"]) for a in data["asides"]] == [
        (11, "pull-quote", "a2-p1")
    ]
