"""The resolve stage: the whole corpus at once.

Checks slugs, splits interviews into exchanges (a question and its answers),
assigns exchanges to topics with the reason why, merges speakers across
interviews, and resolves the links written in notes (`links.py`). Every step
is one pass over the corpus, so a large corpus costs time in proportion to
its size.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from summitnotes.diagnostics import Diagnostic, error, warning
from summitnotes.links import resolve_links
from summitnotes.model import (
    Assignment,
    Exchange,
    Interview,
    Note,
    Person,
    Site,
    Speaker,
    Topic,
    Turn,
)
from summitnotes.project import Project
from summitnotes.slugs import url_slug

# Names that say what someone does, not who they are: never merged across interviews.
GENERIC_NAMES = {
    "interviewer",
    "question",
    "q",
    "a",
    "answer",
    "journalist",
    "correspondent",
    "reporter",
    "host",
    "moderator",
    "unknown",
    "speaker",
    "participant",
    "interviewee",
}


Found = tuple[tuple[str, tuple[str, ...]], ...]
"""(topic slug, phrases found) in one exchange."""
Matches = dict[bytes, tuple[Found, ...]]
"""What topics' phrases matched in each exchange of an interview, by a hash of every
topic's phrases and the interview's content key (`cache.py`: its text, sidecar and
path): the same interview and phrases always match the same way, so the cache keeps
this table and an unchanged interview is not searched again."""


def resolve(
    project: Project,
    known: Matches | None = None,
    seen: Matches | None = None,
    contents: dict[str, str] | None = None,
) -> tuple[Site, list[Diagnostic]]:
    """`known`: topic matches found by earlier builds (the cache), by interview;
    every match this build uses is put in `seen`, for the cache to keep. `contents`:
    the cache's content key of each interview, by source; an interview without one
    is searched for topics every time."""
    problems: list[Diagnostic] = []
    interviews = sorted(project.interviews, key=lambda iv: iv.slug)
    problems += _duplicates((iv.slug, iv.source) for iv in interviews)
    notes = sorted(project.notes, key=lambda n: (n.kind, n.slug, n.source))
    for kind in ("note", "topic", "speaker"):
        problems += _duplicates((n.slug, n.source) for n in notes if n.kind == kind)

    topics, lookup, found = _topics(notes, interviews)
    problems += found
    problems += _check_note_topics(notes, lookup)
    notes = [
        replace(
            n,
            topics=tuple(
                dict.fromkeys(lookup[topic_key(t)] for t in n.topics if topic_key(t) in lookup)
            ),
        )
        for n in notes
    ]

    by_interview = [exchanges_of(iv) for iv in interviews]
    exchanges = [ex for exs in by_interview for ex in exs]
    assignments, found = _assign(
        interviews,
        by_interview,
        topics,
        lookup,
        known or {},
        {} if seen is None else seen,
        contents or {},
    )
    problems += found

    people, speaker_slugs, found = _people(interviews, notes)
    problems += found

    links, found = resolve_links(interviews, notes, topics, people, lookup)
    problems += found

    site = Site(
        config=project.config,
        interviews=tuple(interviews),
        notes=tuple(n for n in notes if n.kind == "note"),
        topics=tuple(topics),
        people=tuple(people),
        exchanges=tuple(exchanges),
        assignments=tuple(assignments),
        images=tuple(sorted(project.images, key=lambda i: (i.interview, i.figure))),
        speaker_slugs=tuple(sorted(speaker_slugs.items())),
        links=tuple(links),
    )
    return site, problems


def _duplicates(items: Iterable[tuple[str, str]]) -> list[Diagnostic]:
    seen: dict[str, str] = {}
    problems = []
    for slug, source in items:
        if slug in seen:
            problems.append(
                error(
                    source,
                    None,
                    f"slug `{slug}` is already used by {seen[slug]}",
                    "duplicate-slug",
                    "rename one file or set `slug:` in its metadata",
                )
            )
        else:
            seen[slug] = source
    return problems


def exchanges_of(iv: Interview) -> list[Exchange]:
    """Each question with the turns up to the next question; turns before any question
    form an exchange of their own."""
    out: list[Exchange] = []
    question: Turn | None = None
    replies: list[Turn] = []
    for turn in iv.turns:
        if turn.kind == "question":
            if question is not None or replies:
                out.append(_exchange(iv, question, replies))
            question, replies = turn, []
        else:
            replies.append(turn)
    if question is not None or replies:
        out.append(_exchange(iv, question, replies))
    return out


def _exchange(iv: Interview, question: Turn | None, replies: list[Turn]) -> Exchange:
    first = question or replies[0]
    return Exchange(iv.slug, first.id, question, tuple(replies))


@functools.cache
def topic_key(name: str) -> str:
    """Cached: the same few topic names are looked up for every interview."""
    return url_slug(name)


def _topics(
    notes: list[Note], interviews: list[Interview]
) -> tuple[list[Topic], dict[str, str], list[Diagnostic]]:
    """Topics from topic notes, plus those sidecars name that have no note (with a warning)."""
    problems: list[Diagnostic] = []
    topics = {
        n.slug: Topic(n.slug, n.title, n, n.aliases, n.match) for n in notes if n.kind == "topic"
    }
    lookup: dict[str, str] = {}
    for t in topics.values():  # slugs first, so a title or alias never shadows a slug
        lookup[t.slug] = t.slug
    for t in topics.values():
        for name in (t.title, *t.aliases):
            key = topic_key(name)
            if lookup.setdefault(key, t.slug) != t.slug:
                problems.append(
                    warning(
                        t.note.source if t.note else "",
                        t.note.line_of("aliases") if t.note else None,
                        f"`{name}` also names topic `{lookup[key]}`",
                        "topic-alias",
                    )
                )
    for iv in interviews:
        for name in _sidecar_topics(iv):
            key = topic_key(name)
            if key and key not in lookup:
                lookup[key] = key
                topics[key] = Topic(key, name, None)
                problems.append(
                    warning(
                        iv.source,
                        None,
                        f"topic `{name}` has no note notes/topics/{key}.md; "
                        "its page has no description",
                        "topic-no-note",
                    )
                )
    return sorted(topics.values(), key=lambda t: t.slug), lookup, problems


def _sidecar_topics(iv: Interview) -> list[str]:
    return list(iv.meta.topics) + [t for _, ts in iv.meta.question_topics for t in ts]


def _check_note_topics(notes: list[Note], lookup: dict[str, str]) -> list[Diagnostic]:
    return [
        error(
            n.source,
            n.line_of("topics"),
            f"topic `{name}` does not exist",
            "unknown-topic",
            "add notes/topics/" + (topic_key(name) or "<slug>") + ".md or fix the name",
        )
        for n in notes
        if n.kind == "note"
        for name in n.topics
        if topic_key(name) not in lookup
    ]


def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """Whole words, any case, any run of spaces between words."""
    parts = [r"\s+".join(re.escape(w) for w in p.split()) for p in phrases if p.split()]
    if not parts:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE
    )


_CASE_ODD = re.compile("[ıİſKÅµϐϑϕϖϰϱϵẛẞﬅ]")
"""Letters that match other letters only under regex case folding, not `casefold()`:
texts with any skip the quick test."""


def _folded_phrases(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Each phrase casefolded, words joined by one space: a phrase can only match a text
    whose casefolded words, joined the same way, contain it."""
    return tuple(" ".join(p.casefold().split()) for p in phrases if p.split())


def _assign(
    interviews: list[Interview],
    by_interview: list[list[Exchange]],
    topics: list[Topic],
    lookup: dict[str, str],
    known: Matches,
    seen: Matches,
    contents: dict[str, str],
) -> tuple[list[Assignment], list[Diagnostic]]:
    """Each exchange's topics, with the reasons: the sidecar's and the phrases found.

    Per topic, in interview and exchange order: interviews are sorted by slug, so
    assignments come out in the order a topic page shows them without a sort."""
    problems: list[Diagnostic] = []
    finder = _Finder(topics)
    by_topic: dict[str, list[Assignment]] = defaultdict(list)
    for iv, exchanges in zip(interviews, by_interview, strict=True):
        reasons: dict[str, dict[str, list[str]]] = {ex.id: {} for ex in exchanges}
        for name in filter(topic_key, iv.meta.topics):
            slug = lookup[topic_key(name)]
            for why in reasons.values():
                why.setdefault(slug, []).append("assigned to the interview")
        for qid, names in iv.meta.question_topics:
            if qid not in reasons:
                problems.append(
                    warning(
                        iv.source,
                        None,
                        f"topics are assigned to `{qid}`, "
                        "which is not a question of this interview",
                        "topic-qid",
                    )
                )
                continue
            for name in filter(topic_key, names):
                reasons[qid].setdefault(lookup[topic_key(name)], []).append(f"assigned to {qid}")
        found_all = _matches(finder, iv, exchanges, known, seen, contents)
        for ex, found in zip(exchanges, found_all, strict=True):
            why = reasons[ex.id]
            for slug, phrases in found:
                why.setdefault(slug, []).extend(f"matched “{p}”" for p in phrases)
        for ex in exchanges:
            for slug, why in reasons[ex.id].items():
                by_topic[slug].append(Assignment(slug, iv.slug, ex.id, tuple(dict.fromkeys(why))))
    assignments = [a for slug in sorted(by_topic) for a in by_topic[slug]]
    assigned = {a.interview for a in assignments}
    problems += [
        warning(
            iv.source,
            None,
            "no topic: the interview is on no topic page",
            "no-topic",
            "add `topics:` to its sidecar or `match:` phrases to a topic",
        )
        for iv in interviews
        if iv.slug not in assigned
    ]
    return assignments, problems


def _matches(
    finder: _Finder,
    iv: Interview,
    exchanges: list[Exchange],
    known: Matches,
    seen: Matches,
    contents: dict[str, str],
) -> tuple[Found, ...]:
    """What the topics' phrases match in each exchange of `iv`, from the cache when it
    has this interview under these phrases."""
    content = contents.get(iv.source)
    key = finder.key(content) if content else None
    found = None if key is None else seen.get(key) or known.get(key)
    if found is None or len(found) != len(exchanges):
        found = tuple(finder.find("\n\n".join(turn.text for turn in ex.turns)) for ex in exchanges)
    if key is not None:
        seen[key] = found
    return found


class _Finder:
    """Finds the topics' `match:` phrases in a text."""

    def __init__(self, topics: list[Topic]) -> None:
        self.patterns = [(t.slug, pattern) for t in topics if (pattern := phrase_pattern(t.match))]
        self.by_phrase: dict[str, set[int]] = defaultdict(set)  # casefolded phrase → topics
        for n, t in enumerate(t for t in topics if phrase_pattern(t.match)):
            for phrase in _folded_phrases(t.match):
                self.by_phrase[phrase].add(n)
        self.phrases = tuple(self.by_phrase)
        self._salt = hashlib.blake2b(repr([(t.slug, t.match) for t in topics]).encode())

    def key(self, content: str) -> bytes:
        """The key of an interview's matches: these phrases, that content key."""
        h = self._salt.copy()
        h.update(content.encode("utf-8", "surrogatepass"))
        return h.digest()

    def find(self, text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if _CASE_ODD.search(text):
            candidates: Iterable[int] = range(len(self.patterns))
        else:  # a quick test of which topics can match at all: the regex is the slow part
            folded = " ".join(text.casefold().split())
            by_phrase = self.by_phrase
            candidates = sorted({n for p in self.phrases if p in folded for n in by_phrase[p]})
        found = []
        for n in candidates:
            slug, pattern = self.patterns[n]
            phrases = sorted(
                {" ".join(m.group(0).split()) for m in pattern.finditer(text)},
                key=lambda p: (p.casefold(), p),  # a total order: sets iterate by hash
            )
            if phrases:
                found.append((slug, tuple(phrases)))
        return tuple(found)


def person_slug(iv: Interview, speaker: Speaker) -> str:
    slug = url_slug(speaker.name) or url_slug(speaker.id)
    if slug in GENERIC_NAMES:
        return f"{iv.slug}-{slug}"
    return slug


def _people(
    interviews: list[Interview], notes: list[Note]
) -> tuple[list[Person], dict[tuple[str, str], str], list[Diagnostic]]:
    speaker_slugs: dict[tuple[str, str], str] = {}
    seen: dict[str, list[tuple[Interview, Speaker]]] = defaultdict(list)
    for iv in interviews:
        for sp in iv.speakers:
            slug = person_slug(iv, sp)
            speaker_slugs[(iv.slug, sp.id)] = slug
            seen[slug].append((iv, sp))
    profiles = {n.slug: n for n in notes if n.kind == "speaker"}
    problems = [
        warning(n.source, None, f"no speaker `{n.slug}` in any interview", "speaker-note")
        for n in profiles.values()
        if n.slug not in seen
    ]
    people = []
    for slug, found in sorted(seen.items()):
        note = profiles.get(slug)
        description = (note.summary if note else None) or next(
            (sp.description for _, sp in found if sp.description), None
        )
        people.append(
            Person(
                slug=slug,
                name=found[0][1].name,
                description=description,
                roles=tuple(sorted({sp.role for _, sp in found})),
                appearances=tuple(sorted((iv.slug, sp.id) for iv, sp in found)),
                note=note,
            )
        )
    return people, speaker_slugs, problems
