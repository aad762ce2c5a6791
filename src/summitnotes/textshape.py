"""Small predicates on the shape of a line of text, shared by the loader's rules."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*", re.UNICODE)
CLOSERS = "\"'”“’»)]*_ "
TERMINAL = ".!?…:;"
CONNECTORS = frozenset(
    "of the and de da das do dos van von der den du la le al el bin ibn y e di del for to"
    " on at in &".split()
)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation, allowing closing quotes and brackets after it."""
    s = text.rstrip(CLOSERS)
    return bool(s) and s[-1] in TERMINAL


def ends_question(text: str) -> bool:
    s = text.rstrip(CLOSERS)
    return s.endswith("?") or s.endswith("?…") or s.endswith("?..")


def starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def is_capitalized(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def title_ratio(text: str) -> float:
    """Share of words that are capitalized, connectors not counted."""
    ws = [w for w in words(text) if w.lower() not in CONNECTORS]
    if not ws:
        return 0.0
    return sum(is_capitalized(w) for w in ws) / len(ws)


def is_all_caps(text: str) -> bool:
    """At least two letters, and every letter (`isalpha`) upper case.

    Not `text.isupper()`: that skips uncased letters (`中`) and counts cased
    non-letters (`Ⓐ`). The loop stops at the first lower-case letter, which in
    prose is the second character.
    """
    letters = 0
    for c in text:
        if c.isalpha():
            if not c.isupper():
                return False
            letters += 1
    return letters >= 2


def normalize(text: str) -> str:
    """Lower-case words joined by single spaces: for comparing passages."""
    # one lower() on the joined words equals lower() per word: the space between
    # them is neither cased nor case-ignorable, so final sigma still sees word ends
    return " ".join(words(text)).lower()


def word_count(text: str) -> int:
    return len(words(text))
