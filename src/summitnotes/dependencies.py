"""Which pages read each note and each interview: the dependency map that lets a build
after editing a few of them key again only the pages they reach, not every page.

Keying a page (`page_inputs.Inputs`) costs little, but 15,000 of them cost seconds;
after an edit nearly all come out as the last build recorded them.

A plain note (`notes/`, not a topic's or speaker's) reaches into other pages' keys
through its own page; the pages its links point at (their backlinks show its title,
and the words around each link); the first pages of its topics (they list it); and
the pages of the notes, topics and speakers that link to it (their links show its
title and headings, `title › heading`, or say they are broken).

An interview reaches its own page; the topic pages that show it, or, when its date or
the exchanges filed under each topic changed, every page of its topics (it moves the
interviews after it along); the pages of the people who speak in it;
and through the notes (of any kind) that link to it or quote it, everything those
notes reach: a link's label quotes the interview, and backlinks quote the words
around a link.

Links resolve by slug, never by title. So when the only inputs that changed since the
last build are the texts of plain notes and of interviews (with their sidecars): no
file added or removed; the templates, config, code and options, which salt every key,
as they were; every edited note and interview with the slug it had; the site's topics
and people the same, each interview not edited with the same people as before (a
renamed speaker can merge with, or part from, someone in another interview); then a
page that nothing edited reached in the last build, and nothing reaches now, has the
key the last build recorded for it, and its file is taken as it is. The home page,
the lists and the feed are keyed by their context as always; the exports are made
again when an interview was edited (`pieces.py` keeps the pieces of the others).
Anything else (a topic note, a new file, a template) keys every page again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from summitnotes import urls

if TYPE_CHECKING:
    from summitnotes.pages import Index

Entry = tuple[
    str,
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
]
"""What a note or interview reaches: (its slug; the pages whose keys read it; the notes
that link to it; the people who speak in it; the topics it is on; the topic pages that
show it; its date and assignments to topics, which place it on them). The last four
are empty for a note. A topic's or speaker's note is recorded when it has links, with
an empty slug (it is no page of its own)."""


@dataclass
class Reach:
    """The dependency map of one build, kept in the cache for the next."""

    sources: dict[str, Entry] = field(default_factory=dict)
    """Source path of a note or interview → what it reaches."""
    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Topic slug → the paths of its pages, in order."""
    people: tuple[str, ...] = ()
    """The slugs of the site's people: a link to one resolves while it is there (and to
    a topic while it is in `topics`)."""

    def update(self, other: Reach) -> None:
        self.sources, self.topics, self.people = other.sources, other.topics, other.people


def reach(index: Index) -> Reach:
    """What each note and interview of the site reaches (see the module's docstring)."""
    from summitnotes.backlinks import page_path
    from summitnotes.pages import PER_PAGE

    site = index.site
    pages: dict[str, set[str]] = defaultdict(set)
    linkers: dict[str, set[str]] = defaultdict(set)
    slugs: dict[str, str] = {}
    note_source = {}
    for n in site.notes:  # the plain notes: topic and speaker notes are not pages
        note_source[n.slug] = n.source
        slugs[n.source] = n.slug
        pages[n.source].add(urls.note(n.slug))
        pages[n.source].update(urls.topic(t) for t in n.topics)
    topic_pages = {t.slug: [urls.topic(t.slug)] for t in site.topics}
    for position, number in index.topic_pages:
        slug = site.topics[position].slug
        topic_pages[slug].append(urls.topic(slug, number))
    interview_source = {}
    dates: dict[str, str] = {}
    people: dict[str, tuple[str, ...]] = {}
    for iv in site.interviews:
        interview_source[iv.slug] = iv.source
        dates[iv.source] = iv.meta.date or ""
        slugs[iv.source] = iv.slug
        pages[iv.source].add(urls.interview(iv.slug))
        people[iv.source] = tuple(index.person_of[(iv.slug, s.id)] for s in iv.speakers)
        pages[iv.source].update(urls.speaker(p) for p in people[iv.source])
    topics: dict[str, dict[str, None]] = defaultdict(dict)
    placing: dict[str, list[str]] = defaultdict(list)
    for a in site.assignments:
        topics[interview_source[a.interview]][a.topic] = None
        placing[interview_source[a.interview]].append(f"{a.topic} {a.exchange}")
    shown: dict[str, list[str]] = defaultdict(list)
    for t in site.topics:  # the groups are made once, and kept for the topic pages
        for n, (iv, _) in enumerate(index.groups(t.slug)):
            shown[iv.source].append(urls.topic(t.slug, n // PER_PAGE + 1))
    for link in site.links:
        pages[link.source].add(page_path(link.origin))
        if link.target is None:
            continue
        pages[link.source].add(page_path(link.target))
        if link.target.kind == "note" and link.target.slug in note_source:
            linkers[note_source[link.target.slug]].add(link.source)
        elif link.target.kind == "interview" and link.target.slug in interview_source:
            linkers[interview_source[link.target.slug]].add(link.source)
    return Reach(
        {
            source: (
                slugs.get(source, ""),
                tuple(sorted(found)),
                tuple(sorted(linkers[source])),
                people.get(source, ()),
                tuple(topics[source]) if source in topics else (),
                tuple(shown[source]) if source in shown else (),
                (dates[source], *placing[source]) if source in dates else (),
            )
            for source, found in sorted(pages.items())
        },
        {slug: tuple(found) for slug, found in topic_pages.items()},
        tuple(p.slug for p in site.people),
    )


def edited_inputs(before: Any, now: Mapping[str, list[Any]]) -> frozenset[str] | None:
    """The plain notes, interview texts and sidecars whose content changed between two
    builds' input tables (`cache.fingerprint`), when no other input changed; else None."""
    if not isinstance(before, dict) or before.keys() != now.keys():
        return None
    edited = set()
    for rel, entry in now.items():
        old = before[rel]
        if isinstance(old, list) and len(old) == 3 and old[2] == entry[2]:
            continue
        if not (_plain_note(rel) or _seed(rel)):
            return None
        edited.add(rel)
    return frozenset(edited)


def _plain_note(rel: str) -> bool:
    from summitnotes.notes import note_kind  # here: a build with nothing to do needs none

    path = PurePosixPath(rel)
    return (
        path.parts[0] == "notes"
        and path.suffix == ".md"
        and note_kind(path.relative_to("notes")) == "note"
    )


def _seed(rel: str) -> bool:
    """An interview's text or its sidecar."""
    from summitnotes.project import INTERVIEW_SUFFIXES  # here, as `note_kind` above

    path = PurePosixPath(rel)
    return path.parts[0] == "seeds" and path.suffix in (*INTERVIEW_SUFFIXES, ".yaml")


def stale(before: Any, now: Reach, edited: frozenset[str] | None) -> frozenset[str] | None:
    """The pages whose keys may differ from the last build's, when only the notes and
    interviews `edited` changed: those that they, and the notes linking to them,
    reached then (`before`, as the last build recorded it) or reach now. None when
    every page must be keyed (see the module's docstring for when)."""
    if edited is None or not isinstance(before, Reach) or not isinstance(before.sources, dict):
        return None
    if not isinstance(before.topics, dict) or before.topics.keys() != now.topics.keys():
        return None
    if before.people != now.people:
        return None
    sources = _sources(edited, before.sources.keys() | now.sources.keys())
    if sources is None:
        return None
    affected: set[str] = set()
    for source in sources:
        old, new = _entry(before.sources.get(source)), now.sources.get(source)
        if new is None or old is None or old[0] != new[0] or not new[0]:
            return None
        affected.update((source, *old[2], *new[2]))
    for source, new in now.sources.items():  # people as they were, but where edited
        if new[3] and source not in sources:
            old = _entry(before.sources.get(source))
            if old is None or old[3] != new[3]:
                return None
    pages: set[str] = set()
    for source in affected:
        old, new = _entry(before.sources.get(source)), now.sources.get(source)
        if old is None and source in before.sources:  # recorded, but not as we record it
            return None
        if old is not None and new is not None and old[4:5] + old[6:] == new[4:5] + new[6:]:
            pages.update(old[1], new[1], old[5], new[5])  # in its places: only those pages
            continue
        for entry, topics in ((old, before.topics), (new, now.topics)):
            if entry is not None:
                pages.update(entry[1])
                for topic in entry[4]:
                    found = topics.get(topic)
                    if not isinstance(found, tuple):
                        return None
                    pages.update(found)
    return frozenset(pages)


def _sources(edited: frozenset[str], known: set[str]) -> set[str] | None:
    """The notes and interviews (by source path) the edited files are: a sidecar stands
    for its interview. None when one is neither."""
    texts = {str(PurePosixPath(s).with_suffix("")): s for s in known if s.startswith("seeds/")}
    found = set()
    for rel in edited:
        if rel in known:
            found.add(rel)
        elif rel.endswith(".yaml") and rel.removesuffix(".yaml") in texts:
            found.add(texts[rel.removesuffix(".yaml")])
        else:
            return None
    return found


def _entry(found: Any) -> Entry | None:
    """A recorded entry, if it is one (the cache is never trusted blindly)."""
    if not isinstance(found, tuple) or len(found) != 7 or not isinstance(found[0], str):
        return None
    if not all(isinstance(part, tuple) for part in found[1:]):
        return None
    if not all(isinstance(item, str) for part in found[1:] for item in part):
        return None
    return found
