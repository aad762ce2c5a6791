"""Who is speaking: names inferred from the lead when no sidecar or label says.

"Political analyst Murad Shamilov shared his views with DKNews.kz" names the
interviewee (with a description) and who interviewed them. Candidate names are
scored by the interview cues around them, not by position; names that look
like a publication are the interviewer's side, never the interviewee.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from summitnotes.labels import TITLES as LABEL_TITLES
from summitnotes.lexicon import FUNCTION, NOT_ROLES, ROLE_SET, STOP_FIRST, TITLES
from summitnotes.model import PersonRef

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſА-Я][\w’'\-.]*[\w]"
_PARTICLE = r"(?:de|da|van|von|der|den|du|la|le|al|bin|ibn|di|del)"
NAME = re.compile(rf"\b{_CAP}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{1,3}}\b")
_LINK = re.compile(r"\[([^\]]+)\](?:\[[^\]]*\]|\([^)]*\))")

# occupational endings: `ceramicist`, `hydrologist`, `beekeeper`, `sculptor`, `librarian`
ROLE_SUFFIX = re.compile(r"^[a-z]{3,}(?:ist|ian|grapher|er|or)$")
MEDIA = re.compile(
    r"\b(?:News|Times|Review|Radio|Weekly|Daily|Journal|Post|Magazine|TV|Television|Gazette"
    r"|Herald|Tribune|Press|Media|Channel|Agency|Broadcasting|Monthly|Quarterly|Chronicle|Courier"
    r"|Report|Podcast|FM|Telegraph|Guardian|Bulletin|Digest|Wire)\b|\.(?:com|kz|ru|org|net|uk|de)\b"
)
CUE_AFTER = re.compile(
    r"^\W{0,3}\s*(?:has\s+|have\s+)?(?:shared\s+(?:his|her|their)\s+(?:views|thoughts|opinion|insights)"
    r"|told|spoke\s+(?:to|with)|talked\s+(?:to|with)|said\s+in\s+an\s+interview|explained\s+to"
    r"|answered|gave\s+an\s+interview|sat\s+down\s+with|discussed\s+with|commented\s+(?:to|for|on))",
    re.IGNORECASE,
)
CUE_BEFORE = re.compile(
    r"(?:interview(?:ed)?(?:\s+with)?|spoke\s+(?:to|with)|talked\s+(?:to|with)|contacted|asked|meet"
    r"|sat\s+down\s+with|conversation\s+with\s+(?=\S+\s+\S+,))\s+(?:[\w-]+\.?\s+){0,3}$",
    re.IGNORECASE,
)
BY_INTERVIEWER = re.compile(
    r"(?:conducted|interviewed|recorded|questions?\s+(?:asked\s+)?)\s+by\s+$|interviewer:?\s+$",
    re.IGNORECASE,
)
APPOSITIVE = re.compile(
    r"^,\s+(?:an?\s+|the\s+)?(?P<role>(?:[\w’'-]+\s+){0,4}?(?P<noun>[\w-]+)"
    r"(?:\s+(?:of|at|for|in)\s+[^,.;]+)?)"
)


@dataclass(frozen=True)
class LeadPeople:
    interviewee: PersonRef | None
    interviewer: str | None
    names: tuple[str, ...] = ()
    """Every full name the lead and title mention, for completing `DIRECTOR YOUNG`."""


@dataclass(frozen=True)
class _Name:
    text: str
    start: int
    end: int
    role: str | None
    """A role noun written as part of the name: `Economist Anna Berg`."""
    the: bool
    """Written with a leading `The` (`The Harbour Review`): a publication's name keeps it."""


def is_role(word: str) -> bool:
    low = word.lower()
    return low in ROLE_SET or (low not in NOT_ROLES and bool(ROLE_SUFFIX.match(low)))


def _names(text: str) -> list[_Name]:
    """Full names, with titles and a leading role noun split off."""
    out = []
    for m in NAME.finditer(text):
        tokens = m.group(0).split()
        start, role, the = m.start(), None, tokens[0] == "The"
        while tokens and (
            (is_role(tokens[0]) and len(tokens) >= 3)
            or tokens[0] in STOP_FIRST
            or tokens[0] in TITLES
            or tokens[0].lower() in LABEL_TITLES
            or (tokens[0].isupper() and len(tokens[0]) <= 5 and "." not in tokens[0])
        ):
            if is_role(tokens[0]):
                role = tokens[0].lower()
            start += len(tokens[0]) + 1
            tokens = tokens[1:]
        name = " ".join(tokens).rstrip(".")
        if len(tokens) >= 2:
            out.append(_Name(name, start, start + len(name), role, the))
    return out


def _role_before(before: str) -> str | None:
    """The role words just before a name: `Political analyst`, `the ceramicist`."""
    words = re.findall(r"[\w’'-]+", before[-80:])
    tail = before[-80:].rstrip()
    if not words or not tail.endswith(words[-1]) or not is_role(words[-1]):
        return None
    run = []
    for w in reversed(words[-4:]):
        if w.lower() in FUNCTION or (run and w[0].isupper() and w.lower() not in ROLE_SET):
            if (
                run
                and w[0].isupper()
                and w.lower() not in FUNCTION
                and re.search(rf"(?:^|[.!?]\s+){re.escape(w)}\s+[a-z]", before[-80:])
            ):
                run.append(w)  # the sentence starts with it: `Choir conductor`
            break
        run.append(w)
    phrase = " ".join(reversed(run))
    return phrase[0].lower() + phrase[1:] if phrase and not phrase[:2].isupper() else phrase or None


def _appositive(after: str) -> str | None:
    m = APPOSITIVE.match(after)
    if not m or not is_role(m.group("noun")):
        return None
    return re.sub(r"\s+", " ", m.group("role")).strip(" ,")


def infer_from_lead(lead: list[str], body: str) -> LeadPeople:
    """The interviewee (and interviewer) that the lead or headline names, if any."""
    scores: Counter[str] = Counter()
    descriptions: dict[str, str] = {}
    interviewer: str | None = None
    names: list[str] = []
    for raw in lead:
        text = _LINK.sub(r"\1", raw)
        for n in _names(text):
            if n.text not in names:
                names.append(n.text)
            before, after = text[: n.start], text[n.end :]
            cue_after, cue_before = CUE_AFTER.match(after), CUE_BEFORE.search(before[-60:])
            if MEDIA.search(n.text) or MEDIA.search(after[:4]):
                # a publication: the side that asks
                if (cue_after or cue_before) and interviewer is None:
                    interviewer = ("The " if n.the else "") + n.text + _domain(after)
                continue
            if BY_INTERVIEWER.search(before[-40:]):
                # `conducted by Carl Stein`: the one who asked
                interviewer = interviewer or n.text
                continue
            score = 0.0
            role = _role_before(before) or n.role or _appositive(after)
            if role:
                score += 1.5
                descriptions.setdefault(n.text, role)
            if cue_after:
                score += 3.0
                outlet = _outlet_after(after)
                if outlet and interviewer is None:
                    interviewer = outlet
            if cue_before:
                score += 3.0
            if score:
                scores[n.text] += score
    if interviewer:
        for name in list(scores):
            if interviewer.endswith(name):
                del scores[name]
    if not scores:
        return LeadPeople(None, interviewer, tuple(names))
    everything = " ".join(lead) + " " + body
    for name in list(scores):
        parts = name.split()
        pattern = rf"\b(?:{re.escape(parts[0])}|{re.escape(parts[-1])})\b"
        scores[name] += min(len(re.findall(pattern, everything)), 6) * 0.25
    best = max(sorted(scores), key=lambda n: scores[n])
    if scores[best] < 2.5:
        return LeadPeople(None, interviewer, tuple(names))
    return LeadPeople(PersonRef(best, descriptions.get(best)), interviewer, tuple(names))


_OUTLET_AFTER = re.compile(
    r"^\W{0,3}\s*(?:has\s+)?(?:shared\s+(?:his|her|their)\s+\w+\s+with|told|spoke\s+(?:to|with)"
    r"|talked\s+(?:to|with)|said\s+in\s+an\s+interview\s+(?:with|to)|gave\s+an\s+interview\s+to"
    r"|explained\s+to|commented\s+(?:to|for))\s+"
    r"(?P<outlet>(?:[Tt]he\s+)?[A-Z][\w.\-]*[\w](?:\s+[A-Z][\w.\-]*[\w]){0,3})"
)


def _outlet_after(after: str) -> str | None:
    m = _OUTLET_AFTER.match(after)
    return m.group("outlet") if m else None


def _domain(after: str) -> str:
    m = re.match(r"^\.(?:com|kz|ru|org|net|uk|de)\b", after)
    return m.group(0) if m else ""
