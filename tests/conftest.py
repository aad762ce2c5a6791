"""Shared helpers for the loader tests.

`load` reads a file the way `summitnotes parse` does and returns the JSON contract;
`invariant_problems` checks the loader's promise that every non-blank source line
ends up exactly once in the result; `contract_problems` checks ids, anchors and
references. They are plain functions so the property tests can call them inside
`@given` without function-scoped fixtures.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import settings

from summitnotes.contract import interview_to_json
from summitnotes.diagnostics import Diagnostic
from summitnotes.interviews import load_interview

# In CI the property tests run the same examples every time, so main is never red by
# chance; on a developer's machine they keep exploring (and the long fuzz run goes further).
settings.register_profile("ci-derandomized", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci-derandomized")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "loader"
SEED = ROOT / "seeds" / "dknews-2025-shamilov-alaska-summit.txt"

WORD = re.compile(r"[^\W_]+")
# Ordinary whitespace only: a non-breaking space is text and must survive unchanged.
BLANKS = re.compile(r"[ \t\r\n\f\v]+")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)\s*$")
# Labels the loader may strip even when it does not report them as a speaker label.
GENERIC_LABEL_WORDS = {"q", "a", "question", "answer"}


def load(path: Path, display: str | None = None) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """Load like the CLI: the JSON contract (None on errors) and all diagnostics."""
    interview, diagnostics = load_interview(path, display if display is not None else str(path))
    if interview is None:
        return None, diagnostics
    return interview_to_json(interview), diagnostics


def load_ok(path: Path) -> dict[str, Any]:
    """Load a file that must parse; fail with the diagnostics when it does not."""
    data, diagnostics = load(path)
    errors = [d.format() for d in diagnostics if d.level == "error"]
    assert data is not None and not errors, f"{path.name} did not load: {errors}"
    return data


def words(text: str | None) -> list[str]:
    """Words, case-folded; numbers are left out (timestamps are stripped from texts)."""
    return [w.casefold() for w in WORD.findall(text or "") if not w.isdigit()]


def squash(text: str) -> str:
    """Text for comparison: blanks collapsed, Markdown bold markers (label markup) left out."""
    return BLANKS.sub(" ", text.replace("**", " ")).strip()


def source_lines(path: Path) -> list[str]:
    """Lines as the loader numbers them; front matter lines are blanked (they are metadata)."""
    text = path.read_bytes().decode("utf-8-sig")
    lines = LINE_BREAK.split(text)
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if FRONT_MATTER_END.match(lines[i]):
                return [""] * (i + 1) + lines[i + 1 :]
    return lines


@dataclass(frozen=True)
class Item:
    """Anything in the result that holds source text: a paragraph, figure or aside."""

    id: str
    line: int
    texts: tuple[str, ...]
    """Texts as the result gives them; each must be source text of the item's lines."""
    extra: tuple[str, ...] = ()
    """More text to find a line's words in (a Markdown image's alt and file together)."""


def items_of(data: dict[str, Any]) -> list[Item]:
    items = [Item(p["id"], p["line"], (p["text"],)) for p in data["lead"]]
    for turn in data["turns"]:
        items += [Item(p["id"], p["line"], (p["text"],)) for p in turn["paragraphs"]]
    for f in data["figures"]:
        texts = tuple(f[k] for k in ("credit", "caption", "alt", "image") if f.get(k))
        image = (f"{f.get('alt') or ''} {f.get('image') or ''}",)  # `![alt](src)` is one line
        items.append(Item(f["id"], f["line"], texts, image))
    items += [Item(a["id"], a["line"], (a["text"],)) for a in data["asides"]]
    return sorted(items, key=lambda i: i.line)


def _label_words(data: dict[str, Any]) -> set[str]:
    found = set(GENERIC_LABEL_WORDS)
    for s in data["speakers"]:
        for label in [s.get("label"), *(s.get("labels") or [])]:
            found |= set(words(label))
    for t in data["turns"]:
        found |= set(words(t.get("label")))
    return found


def _contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


def invariant_problems(lines: list[str], data: dict[str, Any]) -> list[str]:
    """Every non-blank line found exactly once, by line number, with its text contained.

    Each item owns the lines from the one it starts on up to the next item's line
    (hard-wrapped paragraphs, a Markdown image and its caption). An item's texts must
    come from the lines it owns, unchanged (so nothing is doubled or invented), and
    each owned line's words, after a leading speaker label, must be in the item (so
    nothing is lost). Lines holding only a label or a timestamp are exempt.
    """
    problems: list[str] = []
    items = items_of(data)
    labels = _label_words(data)
    starts = Counter(i.line for i in items)
    for line, n in sorted(starts.items()):
        if n > 1:
            ids = [i.id for i in items if i.line == line]
            problems.append(f"line {line} is claimed {n} times: {ids}")
    owner: dict[int, Item] = {}
    for k, item in enumerate(items):
        if not 1 <= item.line <= len(lines) or not lines[item.line - 1].strip():
            problems.append(f"{item.id} starts on line {item.line}, which is blank or absent")
            continue
        end = next((j.line for j in items[k + 1 :] if j.line > item.line), len(lines) + 1)
        span = " ".join(squash(x) for x in lines[item.line - 1 : end - 1] if x.strip())
        for text in item.texts:
            if squash(text) not in span:
                problems.append(
                    f"{item.id} (line {item.line}): {text!r} is not the text of its lines {span!r}"
                )
        for n in range(item.line, end):
            owner[n] = item
    for n, raw in enumerate(lines, start=1):
        found = words(raw)
        while found and found[0] in labels:
            found.pop(0)
        if not found:
            continue
        item = owner.get(n)
        if item is None:
            problems.append(f"line {n} is lost: {raw.strip()!r}")
        elif not any(_contains(words(t), found) for t in item.texts + item.extra):
            problems.append(
                f"line {n} is lost (not in {item.id}, line {item.line}): {raw.strip()!r}"
            )
    return problems


def contract_problems(data: dict[str, Any]) -> list[str]:
    """Ids, anchors and references of the JSON contract, for any parse result."""
    problems: list[str] = []
    try:
        json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        problems.append(f"result is not JSON: {exc}")
    for key in ("slug", "title", "source", "convention", "speakers", "lead", "turns", "figures"):
        if key not in data:
            problems.append(f"missing key {key!r}")
    if data.get("convention") not in {"dash", "qa", "named"}:
        problems.append(f"convention {data.get('convention')!r}")
    speaker_ids = [s["id"] for s in data["speakers"]]
    if len(set(speaker_ids)) != len(speaker_ids):
        problems.append(f"speaker ids repeat: {speaker_ids}")
    for s in data["speakers"]:
        if s["role"] not in {"interviewer", "interviewee", "participant"}:
            problems.append(f"speaker {s['id']}: role {s['role']!r}")
    for k, p in enumerate(data["lead"], start=1):
        if p["id"] != f"lead-p{k}":
            problems.append(f"lead paragraph {k} has id {p['id']!r}")
    turn_ids = [t["id"] for t in data["turns"]]
    if len(set(turn_ids)) != len(turn_ids):
        problems.append(f"turn ids repeat: {turn_ids}")
    numbered = all(re.fullmatch(r"t\d+", i) for i in turn_ids)
    if turn_ids and numbered and turn_ids != [f"t{k}" for k in range(1, len(turn_ids) + 1)]:
        problems.append(f"t ids out of order: {turn_ids}")
    last_q = 0
    for t in data["turns"]:
        if t["speaker"] not in speaker_ids:
            problems.append(f"{t['id']}: unknown speaker {t['speaker']!r}")
        if t["kind"] not in {"question", "answer", "remark"}:
            problems.append(f"{t['id']}: kind {t['kind']!r}")
        if not t["paragraphs"]:
            problems.append(f"{t['id']}: no paragraphs")
        elif t["line"] != t["paragraphs"][0]["line"]:
            problems.append(f"{t['id']}: line {t['line']} is not its first paragraph's")
        for k, p in enumerate(t["paragraphs"], start=1):
            if p["id"] != f"{t['id']}-p{k}":
                problems.append(f"{t['id']} paragraph {k} has id {p['id']!r}")
        if m := re.fullmatch(r"q(\d+)", t["id"]):
            if t["kind"] != "question" or int(m[1]) != last_q + 1:
                problems.append(f"{t['id']}: question ids must run q1, q2, …")
            last_q = int(m[1])
        elif (m := re.fullmatch(r"a(\d+)", t["id"])) and (
            t["kind"] != "answer" or int(m[1]) != last_q
        ):
            problems.append(f"{t['id']}: the answer to q{last_q} must be a{last_q}")
    paragraphs = sorted(
        [(p["line"], p["id"]) for p in data["lead"]]
        + [(p["line"], p["id"]) for t in data["turns"] for p in t["paragraphs"]]
    )
    for kind, things in (("fig", data["figures"]), ("aside", data["asides"])):
        for k, thing in enumerate(things, start=1):
            if thing["id"] != f"{kind}{k}":
                problems.append(f"{kind} {k} has id {thing['id']!r}")
            before = [pid for line, pid in paragraphs if line < thing["line"]]
            want = before[-1] if before else None
            if thing["after"] != want:
                problems.append(
                    f"{thing['id']} (line {thing['line']}) after {thing['after']!r}, want {want!r}"
                )
    return problems
