"""Passages of an interview: finding a turn or paragraphs by id, and naming them for people.

Ids are the loader's (`q2`, `a2`, `a2-p3`, `t7`, `lead-p1`). A name says what
a reader sees: `answer 2`, `answer 2, paragraph 3`, `answer 2, paragraphs 1–2`.
Links (default labels) and citations (locators) both name passages this way.
"""

from __future__ import annotations

import re

from summitnotes.model import Interview, Paragraph, Passage, Turn

LEAD = "lead"
KIND_WORDS = {"question": "question", "answer": "answer", "remark": "turn"}
_NUMBER = re.compile(r"(\d+)$")


class PassageIndex:
    """The ids of one interview: each turn and paragraph id to its passage, built once."""

    def __init__(self, iv: Interview) -> None:
        self.interview = iv
        self.turns: dict[str, Turn] = {t.id: t for t in iv.turns}
        self.paragraphs: dict[str, tuple[str, int]] = {}
        """Paragraph id → (turn id or `lead`, position in the turn)."""
        for i, p in enumerate(iv.lead):
            self.paragraphs[p.id] = (LEAD, i)
        for t in iv.turns:
            for i, p in enumerate(t.paragraphs):
                self.paragraphs[p.id] = (t.id, i)

    def find(self, fragment: str) -> Passage | None:
        """`a2`, `a2-p3`, `lead`, or a range `a2-p1..a2-p3` (also `a2-p1..p3`) of one turn."""
        first, dots, last = fragment.partition("..")
        if not dots:
            if fragment in self.turns or (fragment == LEAD and self.interview.lead):
                return Passage(fragment)
            if fragment in self.paragraphs:
                return Passage(self.paragraphs[fragment][0], fragment)
            return None
        if first not in self.paragraphs:
            return None
        turn, start = self.paragraphs[first]
        if last not in self.paragraphs and f"{turn}-{last}" in self.paragraphs:
            last = f"{turn}-{last}"
        if last not in self.paragraphs or self.paragraphs[last][0] != turn:
            return None
        end = self.paragraphs[last][1]
        if end < start:
            return None
        return Passage(turn, first, last if end > start else None)

    def words(self, passage: Passage) -> tuple[Paragraph, ...]:
        """The paragraphs a passage covers, in order."""
        paragraphs = (
            self.interview.lead if passage.turn == LEAD else self.turns[passage.turn].paragraphs
        )
        if passage.first is None:
            return paragraphs
        ids = [p.id for p in paragraphs]
        start = ids.index(passage.first)
        end = ids.index(passage.last) if passage.last else start
        return paragraphs[start : end + 1]

    def speaker(self, passage: Passage) -> str | None:
        """Name of who says the passage; None for the lead, which is the outlet's."""
        if passage.turn == LEAD:
            return None
        return self.interview.speaker(self.turns[passage.turn].speaker).name

    def locator(self, passage: Passage) -> str:
        """`answer 2`, `answer 2, paragraph 3`, `introduction, paragraphs 1–2`."""
        if passage.turn == LEAD:
            name = "introduction"
        else:
            turn = self.turns[passage.turn]
            name = turn_name(turn.id, turn.kind)
        if passage.first is None:
            return name
        first = self.paragraphs[passage.first][1] + 1
        if passage.last is None:
            return f"{name}, paragraph {first}"
        return f"{name}, paragraphs {first}–{self.paragraphs[passage.last][1] + 1}"

    def label(self, passage: Passage) -> str:
        """Default label of a link: `Murad Shamilov, answer 2`."""
        speaker = self.speaker(passage)
        return f"{speaker}, {self.locator(passage)}" if speaker else self.locator(passage)


def turn_name(turn_id: str, kind: str) -> str:
    """`a2` → `answer 2`; `t7` → `turn 7` (turns numbered in order, whatever their kind)."""
    m = _NUMBER.search(turn_id)
    if not m:
        return f"{KIND_WORDS.get(kind, kind)} {turn_id}"
    word = "turn" if turn_id == f"t{m.group(1)}" else KIND_WORDS.get(kind, kind)
    return f"{word} {m.group(1)}"
