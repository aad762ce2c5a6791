"""Which pages read each note: the dependency map that lets a build after an edit to
notes alone key again only the pages those notes reach, not every page of the site.

Keying a page (`page_inputs.Inputs`) costs little, but 15,000 of them cost seconds;
after a note edit nearly all come out as the last build recorded them. A plain note
(`notes/`, not a topic's or speaker's) reaches into other pages' keys through:
- its own page;
- the pages its links point at: their backlinks show its title, and where it links;
- the first pages of its topics: they list it (title, date, summary);
- the pages of the notes, topics and speakers that link to it: their links show its
  title and headings (`title › heading`) or say they are broken.
Links resolve by slug, never by title, so while an edited note keeps its slug every
other link resolves as before. So when the only inputs that changed since the last
build are the text of plain notes (no file added or removed; templates, config, code
and options, which salt every key, the same), a page that no edited note reached in
the last build and none reaches now has the key the last build recorded for it, and
its file is taken as it is. The home page, the lists and the feed are keyed by their
context as always. Anything else (an interview, a topic note, a new note) keys every
page again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from summitnotes import urls

if TYPE_CHECKING:
    from summitnotes.pages import Index

Reach = dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]
"""Note's source → (its slug, the pages whose keys read it, the notes that link to it).
A topic's or speaker's note is here when it has links, with an empty slug."""


def reach(index: Index) -> Reach:
    """The pages each note of the site reaches (see the module's docstring)."""
    from summitnotes.backlinks import page_path

    site = index.site
    pages: dict[str, set[str]] = defaultdict(set)
    linkers: dict[str, set[str]] = defaultdict(set)
    source_of = {}
    for n in site.notes:  # the plain notes: topic and speaker notes are not pages
        source_of[n.slug] = n.source
        pages[n.source].add(urls.note(n.slug))
        pages[n.source].update(urls.topic(t) for t in n.topics)
    for link in site.links:
        pages[link.source].add(page_path(link.origin))
        if link.target is None:
            continue
        pages[link.source].add(page_path(link.target))
        if link.target.kind == "note" and link.target.slug in source_of:
            linkers[source_of[link.target.slug]].add(link.source)
    slugs = {source: slug for slug, source in source_of.items()}
    return {
        source: (slugs.get(source, ""), tuple(sorted(found)), tuple(sorted(linkers[source])))
        for source, found in sorted(pages.items())
    }


def edited_notes(before: Any, now: Mapping[str, list[Any]]) -> frozenset[str] | None:
    """The plain notes whose text changed between two builds' input tables
    (`cache.fingerprint`), when nothing else changed; else None."""
    if not isinstance(before, dict) or before.keys() != now.keys():
        return None
    edited = set()
    for rel, entry in now.items():
        old = before[rel]
        if isinstance(old, list) and len(old) == 3 and old[2] == entry[2]:
            continue
        if not _plain_note(rel):
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


def stale(before: Any, now: Reach, edited: frozenset[str] | None) -> frozenset[str] | None:
    """The pages whose keys may differ from the last build's, when only the plain notes
    `edited` changed: those that the edited notes, and the notes linking to them, reached
    then (`before`, as the last build recorded it) or reach now. A note's title and
    headings show in the links to it, and a link's words in backlinks (its context).
    None when every page must be keyed: no edit set, no usable record, or an edited note
    that is new, gone, or has another slug."""
    if edited is None or not isinstance(before, dict):
        return None
    affected: set[str] = set()
    for source in edited:
        old, new = _entry(before.get(source)), now.get(source)
        if new is None or old is None or old[0] != new[0] or not new[0]:
            return None
        affected.update((source, *old[2], *new[2]))
    pages: set[str] = set()
    for source in affected:
        old, new = _entry(before.get(source)), now.get(source)
        if old is None and source in before:  # recorded, but not as we record it
            return None
        pages.update(old[1] if old else (), new[1] if new else ())
    return frozenset(pages)


def _entry(found: Any) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """A recorded entry of `Reach`, if it is one (the cache is never trusted blindly)."""
    if not isinstance(found, tuple) or len(found) != 3 or not isinstance(found[0], str):
        return None
    if not all(isinstance(part, tuple) for part in found[1:]):
        return None
    if not all(isinstance(item, str) for part in found[1:] for item in part):
        return None
    return found
