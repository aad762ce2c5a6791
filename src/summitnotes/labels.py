"""Speaker labels at the start of a line: `Q:`, `MS. JEAN-PIERRE:`, `**Jane Roe:**`.

A candidate is only taken as a label when the file supports it (it recurs, is
in capitals, is a known role word, or is a variant of another label), so a
mid-sentence colon such as `Second: I did not...` stays text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from summitnotes.textshape import CONNECTORS, is_all_caps

QUESTION_WORDS = frozenset(
    "q question questions interviewer reporter journalist audience interlocutor"
    " host-question".split()
)
ANSWER_WORDS = frozenset(["a", "answer", "answers", "interviewee", "respondent"])
ROLE_WORDS = frozenset(["moderator", "host", "chair", "presenter", "anchor"]) | QUESTION_WORDS
NOT_SPEAKERS = frozenset(
    "photo photos source sources credit credits caption note notes update correction image"
    " video related tags date location place time subject re ps p.s warning disclaimer"
    " transcript translation summary editor's note contents tl;dr http https www email"
    " e-mail tel phone see also read more first second third finally example result results"
    " step".split()
)
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame hon hon.".split())

_QA = re.compile(
    r"^(?P<label>Q|A)(?:[.:](?=\s|$)|(?=[\s\u00a0]{2,})|(?=\u00a0))[\s\u00a0]*(?P<rest>.*)$"
)
_WORD_LABEL = re.compile(
    r"^(?P<label>(?:Question|Answer|Interviewer|Interviewee|Moderator|Host|Reporter|Journalist"
    r"|Audience(?: member)?|Respondent)(?:\s*\d+)?)\s*[:.](?=\s|$)[\s\u00a0]*(?P<rest>.*)$",
    re.IGNORECASE,
)
TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# `Speaker 1 (00:05):` (Rev) and `Jane Doe  0:03` on its own line (Otter)
_TIMED = re.compile(
    rf"^(?P<label>[^:\[\]()]{{1,60}}?)\s*[\[(](?P<time>{TIME})[\])]\s*:?[\s\u00a0]*(?P<rest>.*)$"
)
_TIME_AFTER = re.compile(rf"^(?P<label>[^:]{{1,60}}?)\s+(?P<time>{TIME})$")
_NAMED = re.compile(r"^(?P<label>[^:\s][^:]{0,59}?)\s*:(?=[\s\u00a0]|$)[\s\u00a0]*(?P<rest>.*)$")
_BOLD = re.compile(r"^(\*\*|__)(?P<inner>.+?)\1(?P<after>.*)$")
_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſА-Я][\w'’.\-]*|\d+|\([^)]*\))$")
_NUMBER_END = re.compile(r"\s*\d+$")
_AFFILIATION_END = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_BRACKETED = re.compile(r"\([^)]*\)")
_WITH_AFFILIATION = re.compile(r"^(.*?)\s*\(([^()]{1,40})\)\s*$")


@dataclass(frozen=True)
class Candidate:
    label: str
    """The label as written, markup included (`**Q:**`, `MS. JEAN-PIERRE:`)."""
    name: str
    """The label's words (`Q`, `MS. JEAN-PIERRE`)."""
    rest: str
    """Text after the label."""
    kind: str
    """`q`, `a`, `role` or `name`."""
    colon: bool = True
    time: str | None = None
    """A timestamp written in the label: `Speaker 1 (00:05):`."""


def _classify(name: str) -> str | None:
    low = name.lower().rstrip(".")
    base = _NUMBER_END.sub("", low)
    if base in (
        "q",
        "question",
        "interviewer",
        "reporter",
        "journalist",
        "audience",
        "audience member",
    ):
        return "q"
    if base in ("a", "answer", "interviewee", "respondent", "narrator"):
        return "a"
    if base in ROLE_WORDS:
        return "role"
    return None


def name_like(name: str) -> bool:
    """Words of a person's label: capitalized words and connectors, no sentence."""
    if not name or len(name) > 60 or any(ch in name for ch in '?!;"“”«»=<>/\\@#|'):
        return False
    if name.lower().strip(" .") in NOT_SPEAKERS or name.lower().startswith(("http", "www")):
        return False
    # `JOHN DOE (Daily Planet)`: an affiliation in brackets after the name
    tokens = _AFFILIATION_END.sub("", name).split()
    if not 1 <= len(tokens) <= 7:
        return False
    if not _TOKEN.match(tokens[0]) or not _TOKEN.match(tokens[-1]) or tokens[0][0].isdigit():
        return False
    return all(_TOKEN.match(t) or t.lower() in CONNECTORS for t in tokens)


def candidate(line: str) -> Candidate | None:
    """The label a line might start with; acceptance is decided per file."""
    bold = _BOLD.match(line)
    if bold:
        inner, after = bold.group("inner").strip(), bold.group("after")
        if not after.strip():  # the whole line is bold: `**Q: How ...?**`
            c = candidate(inner)
            if c is not None and c.rest:
                return Candidate(line[: len(bold.group(1))] + c.label, c.name, c.rest, c.kind)
        name = inner.rstrip(":").strip()
        colon = inner.endswith(":") or after.lstrip().startswith(":")
        rest = after.lstrip()
        rest = rest[1:].lstrip(" \u00a0") if rest.startswith(":") else rest
        kind = _classify(name) or ("name" if name_like(name) else None)
        if kind is not None:
            label = line[: len(line) - len(after)] + (":" if after.lstrip().startswith(":") else "")
            return Candidate(label.strip(), name, rest, kind, colon)
        return None
    m = _QA.match(line)
    if m:
        return Candidate(
            line[: m.start("rest")].strip(),
            m.group("label"),
            m.group("rest"),
            _classify(m.group("label")) or "q",
        )
    m = _WORD_LABEL.match(line)
    if m:
        name = m.group("label")
        return Candidate(
            line[: m.start("rest")].strip(), name, m.group("rest"), _classify(name) or "role"
        )
    # the slow patterns below all need a colon, after the name or in a timestamp
    found = _timed_or_named(line) if ":" in line else None
    if found is not None:
        return found
    if is_all_caps(line) and len(line.split()) <= 4 and name_like(line):
        # a name in capitals on its own line, screenplay style: `JANE ROE`
        return Candidate(line, line, "", _classify(line) or "name", colon=False)
    return None


def _timed_or_named(line: str) -> Candidate | None:
    """`Speaker 1 (00:05): ...`, `Jane Doe  0:03` or `Jane Roe: ...`."""
    for pattern in (_TIMED, _TIME_AFTER):
        m = pattern.match(line)
        if m and (name_like(m.group("label").strip()) or _classify(m.group("label").strip())):
            name = m.group("label").strip()
            rest = m.groupdict().get("rest") or ""
            label = line[: m.start("rest")].strip() if rest else line.strip()
            kind = _classify(name) or "name"
            return Candidate(label, name, rest, kind, time=m.group("time"))
    m = _NAMED.match(line)
    if m and name_like(m.group("label")):
        name = m.group("label").strip()
        return Candidate(
            line[: m.start("rest")].strip(), name, m.group("rest"), _classify(name) or "name"
        )
    return None


def key(name: str) -> tuple[str, ...]:
    """Words that identify a speaker across label variants."""
    tokens = [t.strip(".,").lower() for t in _BRACKETED.sub(" ", name).split()]
    return tuple(t for t in tokens if t and t not in HONORIFICS and f"{t}." not in HONORIFICS)


def accept(candidates: list[Candidate]) -> set[str]:
    """Names of the candidates that are real labels in this file."""
    counts = Counter(c.name for c in candidates)
    keys = {c.name: key(c.name) for c in candidates}
    kinds = {c.name: c.kind for c in candidates}
    # without a colon (`**Jane Roe**`, `JANE ROE` alone) a label must recur to count
    weak = {c.name for c in candidates if not c.colon}
    accepted: set[str] = set()
    for name, n in counts.items():
        kind = kinds[name]
        if name in weak and n < 2:
            continue
        if kind in ("q", "a"):
            # `A.` or `Q ` alone could be prose; require the pair or repetition
            if n >= 2 or any(kinds[o] in ("q", "a") and o != name for o in counts):
                accepted.add(name)
        elif kind == "role" or is_all_caps(name) or n >= 2:
            accepted.add(name)
    # a label used once is accepted when it names a speaker that other labels confirm
    for name in counts:
        if name in accepted or kinds[name] != "name":
            continue
        k = keys[name]
        if any(_same_speaker(k, keys[o]) for o in accepted if kinds[o] == "name") or (
            len(k) >= 2 and sum(counts[o] for o in accepted) >= 2
        ):
            accepted.add(name)
    return accepted


TITLES = frozenset(
    "president vice prime minister secretary director chair chairman chairwoman chairperson"
    " senator sen governor gov ambassador general gen judge justice mayor commissioner"
    " professor deputy representative rep admiral captain colonel major lieutenant sergeant"
    " officer spokesperson spokesman spokeswoman press head chief ceo minister-counsellor".split()
)


def _same_speaker(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b or a == b:
        return a == b and bool(a)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if long_[-len(short) :] == short:
        return True
    # `DIRECTOR YOUNG` and `Shalanda Young`: same surname, one side only titles
    if a[-1] == b[-1] and (all(t in TITLES for t in a[:-1]) or all(t in TITLES for t in b[:-1])):
        return True
    # initials: `JR` and `Jane Roe`
    if len(short) == 1 and len(short[0]) >= 2:
        initials = "".join(t[0] for t in long_ if t not in CONNECTORS and t not in TITLES)
        return short[0] == initials
    return False


def cluster(names: list[str]) -> list[list[str]]:
    """Group label names (in order of first use) into speakers."""
    groups: list[list[str]] = []
    for name in names:
        k = key(name)
        kind = _classify(name)
        for group in groups:
            gkind = _classify(group[0])
            if kind in ("q", "a") or gkind in ("q", "a"):
                if kind == gkind and kind is not None:
                    group.append(name)
                    break
                continue
            if any(_same_speaker(k, key(other)) for other in group):
                group.append(name)
                break
        else:
            groups.append([name])
    return groups


def display_name(group: list[str]) -> tuple[str, str | None]:
    """A person's name and description from the variants of their label.

    `President of Russia Vladimir Putin` + `Vladimir Putin` give
    (`Vladimir Putin`, `President of Russia`).
    """
    affiliation = None
    stripped = []
    for n in group:
        m = _WITH_AFFILIATION.match(n)
        if m:
            affiliation = affiliation or m.group(2)
            n = m.group(1)
        stripped.append(n)
    if affiliation:
        name, description = display_name(stripped)
        return name, description or affiliation
    variants = sorted(group, key=lambda n: (len(n.split()), group.index(n)))
    best = variants[0]
    for v in variants:
        if len(key(v)) >= 2:
            best = v
            break
    description = None
    longest = variants[-1]
    lk, bk = key(longest), key(best)
    if len(lk) > len(bk) and lk[-len(bk) :] == bk:
        words_ = longest.split()
        description = " ".join(words_[: len(words_) - len(best.split())]).strip(" ,") or None
    return _fix_case(best), (
        _fix_case(description) if description and is_all_caps(description) else description
    )


def _fix_case(name: str) -> str:
    if not is_all_caps(name):
        return name
    out = []
    for token in name.split():
        low = token.lower()
        out.append(
            low if low in CONNECTORS else token.title() if len(token) > 2 or "." in token else token
        )
    return " ".join(out)
