"""Who is speaking: names inferred from the lead when no sidecar or label says.

"Political analyst Murad Shamilov shared his views with DKNews.kz" names the
interviewee (with a description) and who interviewed them. The rules score
candidate names by the interview cues around them, not by position.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from summitnotes.labels import TITLES as LABEL_TITLES
from summitnotes.model import PersonRef

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſА-Я][\w’'\-]*[\w]"
_PARTICLE = r"(?:de|da|van|von|der|den|du|la|le|al|bin|ibn|di|del)"
NAME = re.compile(rf"\b{_CAP}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{1,3}}\b")
_LINK = re.compile(r"\[([^\]]+)\](?:\[[^\]]*\]|\([^)]*\))")

ROLE_NOUNS = (
    "analyst|expert|professor|economist|founder|co-founder|historian|scientist|researcher|director"
    "|journalist|writer|author|novelist|poet|artist|activist|politician|diplomat|ambassador|lawyer"
    "|photographer|editor|ceo|maker|creator|designer|developer|engineer|actor|actress|musician"
    "|composer|doctor|physician|specialist|scholar|observer|commentator|strategist|entrepreneur"
    "|chairman|chairwoman|minister|spokesperson|spokesman|spokeswoman|veteran|curator|coach|player"
    "|filmmaker|director-general|head|leader|deputy|senator|governor|mayor|teacher|student|farmer"
)
ROLE_BEFORE = re.compile(
    rf"((?:[\w-]+\s+){{0,3}}(?:{ROLE_NOUNS}))(?:\s+and\s+[\w-]+)?\s+$", re.IGNORECASE
)
APPOSITIVE = re.compile(
    rf"^,\s+((?:an?\s+|the\s+)?(?:[\w’'-]+\s+){{0,4}}?(?:{ROLE_NOUNS})\b(?:\s+(?:of|at|for|in)\s+[^,.;]+)?)",
    re.IGNORECASE,
)
CUE_AFTER = re.compile(
    r"^\W{0,3}\s*(?:has\s+|have\s+)?(?:shared\s+(?:his|her|their)\s+(?:views|thoughts|opinion|insights)"
    r"|told|spoke\s+(?:to|with)|talked\s+(?:to|with)|said\s+in\s+an\s+interview|explained\s+to"
    r"|answered|gave\s+an\s+interview|sat\s+down\s+with|discussed\s+with|commented\s+(?:to|for|on))",
    re.IGNORECASE,
)
CUE_BEFORE = re.compile(
    r"(?:interview(?:ed)?(?:\s+with)?|spoke\s+(?:to|with)|talked\s+(?:to|with)|contacted|asked|meet"
    r"|sat\s+down\s+with|conversation\s+with\s+(?=\S+\s+\S+,))\s+(?:\w+\.?\s+)?$",
    re.IGNORECASE,
)
OUTLET_AFTER = re.compile(
    r"^\W{0,3}\s*(?:has\s+)?(?:shared\s+(?:his|her|their)\s+\w+\s+with|told|spoke\s+(?:to|with)"
    r"|talked\s+(?:to|with)|said\s+in\s+an\s+interview\s+(?:with|to)|gave\s+an\s+interview\s+to"
    r"|explained\s+to|commented\s+(?:to|for))\s+(?P<outlet>(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})",
)
STOP_FIRST = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "Those",
        "In",
        "On",
        "At",
        "For",
        "According",
        "As",
        "But",
        "And",
        "When",
        "While",
        "During",
        "After",
        "Before",
        "It",
        "He",
        "She",
        "They",
        "We",
        "Our",
        "Its",
        "His",
        "Her",
        "Their",
        "A",
        "An",
        "If",
        "Although",
        "However",
        "Moreover",
        "Such",
        "Meet",
    ]
)
TITLES = frozenset(
    [
        "President",
        "Prime",
        "Minister",
        "Head",
        "Chairman",
        "Chairwoman",
        "Director",
        "Professor",
        "Prof",
        "Dr",
        "Mr",
        "Mrs",
        "Ms",
        "Senator",
        "Governor",
        "Ambassador",
        "General",
        "Secretary",
        "Mayor",
        "Judge",
        "Deputy",
        "Vice",
        "Chancellor",
        "King",
        "Queen",
        "Prince",
        "Sir",
        "Dame",
        "Pope",
        "Premier",
        "Minister-counsellor",
    ]
)


@dataclass(frozen=True)
class LeadPeople:
    interviewee: PersonRef | None
    interviewer: str | None
    names: tuple[str, ...] = ()
    """Every full name the lead and title mention, for completing `DIRECTOR YOUNG`."""


ROLE_SET = frozenset(ROLE_NOUNS.split("|"))
ROLE_SUFFIX = re.compile(r"^[A-Z][a-z]{3,}(?:ist|ian|grapher)$")


def _is_role(token: str) -> bool:
    return token.lower() in ROLE_SET or bool(ROLE_SUFFIX.match(token))


def _candidates(text: str) -> list[tuple[str, int, int, str | None]]:
    """Full names in a text, titles and a leading role noun (`Economist Anna Berg`) split off."""
    out = []
    for m in NAME.finditer(text):
        tokens = m.group(0).split()
        start = m.start()
        role = None
        while tokens and (
            (_is_role(tokens[0]) and len(tokens) >= 3)
            or tokens[0] in STOP_FIRST
            or tokens[0] in TITLES
            or tokens[0].lower() in LABEL_TITLES
            or (tokens[0].isupper() and len(tokens[0]) <= 5)
        ):
            if _is_role(tokens[0]):
                role = tokens[0].lower()
            start += len(tokens[0]) + 1
            tokens = tokens[1:]
        if len(tokens) >= 2:
            out.append((" ".join(tokens), start, start + len(" ".join(tokens)), role))
    return out


def infer_from_lead(lead: list[str], body: str) -> LeadPeople:
    """The interviewee (and interviewer) that the lead or headline names, if any."""
    scores: Counter[str] = Counter()
    descriptions: dict[str, str] = {}
    interviewer = None
    names: list[str] = []
    for raw in lead:
        text = _LINK.sub(r"\1", raw)
        for name, start, end, inner_role in _candidates(text):
            if name not in names:
                names.append(name)
            before, after = text[:start], text[end:]
            score = 0.0
            role = ROLE_BEFORE.search(before[-60:])
            if role:
                score += 1.5
                descriptions.setdefault(name, _tidy(role.group(1)))
            elif inner_role:
                score += 1.5
                descriptions.setdefault(name, inner_role)
            app = APPOSITIVE.match(after)
            if app:
                score += 1.0
                descriptions.setdefault(name, _tidy(app.group(1)))
            if CUE_AFTER.match(after):
                score += 3.0
                m = OUTLET_AFTER.match(after)
                if m and interviewer is None:
                    interviewer = m.group("outlet").strip().rstrip(".")
            if CUE_BEFORE.search(before[-40:]):
                score += 3.0
            if score:
                scores[name] += score
    if interviewer:
        scores.pop(interviewer, None)
    if not scores:
        return LeadPeople(None, interviewer, tuple(names))
    everything = " ".join(lead) + " " + body
    for name in list(scores):
        parts = name.split()
        mentions = len(
            re.findall(rf"\b(?:{re.escape(parts[0])}|{re.escape(parts[-1])})\b", everything)
        )
        scores[name] += min(mentions, 6) * 0.25
    best = max(sorted(scores), key=lambda n: scores[n])
    if scores[best] < 2.5:
        return LeadPeople(None, interviewer, tuple(names))
    return LeadPeople(PersonRef(best, descriptions.get(best)), interviewer, tuple(names))


def _tidy(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,")
    phrase = re.sub(r"^(?:an?|the)\s+", "", phrase, flags=re.IGNORECASE)
    words = phrase.split()
    while words and words[0][:1].isupper() and words[0] in STOP_FIRST:
        words = words[1:]
    phrase = " ".join(words)
    if (
        phrase[:1].isupper()
        and not phrase[:2].isupper()
        and phrase.split()[0].lower() not in ("ceo",)
    ):
        first = phrase.split()[0]
        if first.lower() in ROLE_NOUNS.split("|") or first.istitle():
            phrase = phrase[0].lower() + phrase[1:]
    return phrase
