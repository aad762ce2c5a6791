"""Photo credits and captions: short lines between paragraphs that are not prose.

Press interviews put lines such as `Sergei Bobylev, RIA Novosti` or `Aqorda`
between paragraphs where a photo stood. They must never become answer text.
"""

from __future__ import annotations

import re

from summitnotes.textshape import ends_sentence, is_capitalized, title_ratio, words

CREDIT_PREFIX = re.compile(
    r"^(?:©|\(c\)\s|photos?\s*(?::|by\b|credit\b|courtesy\b)|photograph(?:y|ed)?\s*(?::|by\b)"
    r"|image\s*(?::|by\b|credit\b)|picture\s*(?::|by\b)|credits?\s*:|pictured\s*:|source\s*:"
    r"|courtesy\s+of\b|(?:press|media)\s+(?:service|office)\s+of\b|фото\s*:?)",
    re.IGNORECASE,
)
AGENCY_HINT = re.compile(
    r"\b(?:getty images|reuters|afp|ap photo|associated press|epa|tass|ria novosti|sputnik|xinhua"
    r"|anadolu|bloomberg|shutterstock|wikimedia commons|press service|pool)\b",
    re.IGNORECASE,
)
MAX_WORDS = 8
MAX_CHARS = 80


def strong_credit(text: str) -> bool:
    """An explicit credit: `Photo: ...`, `© ...`, `Press service of ...`."""
    return bool(CREDIT_PREFIX.match(text)) and len(text) <= 160


def credit_shaped(text: str) -> bool:
    """A short capitalized line without sentence punctuation: `Name Surname, Agency`."""
    if strong_credit(text):
        return True
    if len(text) > MAX_CHARS:  # before splitting words: long paragraphs are most lines
        return False
    ws = words(text)
    if not ws or len(ws) > MAX_WORDS:
        return False
    if ends_sentence(text) or not is_capitalized(ws[0]):
        return False
    if text.startswith(("#", "!", "[", "(", "*", ">", "-", "—", "–")):
        return False
    if AGENCY_HINT.search(text):
        return True
    return title_ratio(text) >= 0.75


def split_credit(text: str) -> tuple[str | None, str | None]:
    """Photographer and agency where the line has the shape `Photographer, Agency`."""
    body = CREDIT_PREFIX.sub("", text).strip(" :-–—")
    parts = [p.strip() for p in re.split(r"\s*(?:,|/|\|)\s*", body) if p.strip()]
    if len(parts) == 2 and _person_like(parts[0]):
        return parts[0], parts[1]
    if len(parts) == 1 and body != text and _person_like(parts[0]) and not AGENCY_HINT.search(body):
        return parts[0], None
    return None, None


def _person_like(text: str) -> bool:
    ws = text.split()
    return 2 <= len(ws) <= 4 and all(is_capitalized(w) for w in ws)
