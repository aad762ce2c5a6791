"""Rendered pages reused when what they are rendered from did not change.

A page's key is the hash of its template name, its path and its whole context
(pickled), salted with everything else rendering reads: the templates, the
package's code and the config. The same key gives the same bytes, so a page
whose key is the one the last build recorded is not rendered again: its file in
the current site is linked into the new one. This is the dependency map, made
exact: a page depends on precisely what its context holds, so editing a note
re-renders that note's page and the pages that show it (backlinks, lists,
transclusions), and nothing else.
"""

from __future__ import annotations

import io
import pickle
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from summitnotes import urls
from summitnotes.cache import content_hash
from summitnotes.model import NoteLink, OutputFile, Site
from summitnotes.pages import Index, Page, PageKey


@dataclass(frozen=True)
class Memo:
    salt: str
    """Templates, code, config and options: a change in any re-renders every page."""
    site: str = ""
    """The current site's folder, where reused pages are linked from."""
    known: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Page path → (key, content hash) of the last build's pages still intact on disk."""

    def key(self, page: Page) -> str | None:
        """None when the context cannot be pickled: such a page is always rendered."""
        return self.hash_of(page.path, (page.template, page.context))

    def hash_of(self, path: str, data: object) -> str | None:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
        pickler.fast = True  # no memo: equal data gives equal bytes, however objects are shared
        try:
            pickler.dump(data)
        except Exception:
            return None
        return content_hash(self.salt.encode(), path.encode(), buffer.getvalue())

    def hit(self, path: str, key: str, digest: str) -> OutputFile:
        """A file of the current site, taken as it is."""
        return OutputFile(path, None, f"{self.site}/{path}", digest, key)

    def reuse_or_make(
        self, paths: Sequence[str], key: str | None, make: Callable[[], list[OutputFile]]
    ) -> list[OutputFile]:
        """The files at `paths` from the current site when the last build made every one
        of them with `key`; else what `make` makes, recorded with `key`."""
        if key is not None:
            digests = [self.reused(p, key) for p in paths]
            if all(d is not None for d in digests):
                return [self.hit(p, key, d) for p, d in zip(paths, digests, strict=True) if d]
        made = make()
        return made if key is None else [replace(f, key=key) for f in made]

    def reused(self, path: str, key: str | None) -> str | None:
        """The content hash of the page's current file, when it can be reused."""
        known = self.known.get(path)
        return known[1] if key is not None and known is not None and known[0] == key else None


class Inputs:
    """What each interview page is made from, gathered once per render before workers
    fork: an interview page whose inputs are those of the last build is reused without
    building its context at all. Most pages of a site are interview pages.

    The inputs are read off `pages.page`, `interview_view.interview_view` and
    `jsonld.interview_jsonld`: the interview, its images, its speakers' pages, the topics
    of its exchanges (with titles and reasons), what links to it or its passages (with
    the titles of the pages those links are on) and the config. A view that starts using
    something else must add it here; `tests/test_incremental.py` edits each kind of input
    and compares with a cold build.
    """

    def __init__(self, index: Index) -> None:
        self.index = index
        self.links: dict[str, list[NoteLink]] = defaultdict(list)
        for ref, found in index.links.to_page.items():
            if ref.kind == "interview":
                self.links[ref.slug] += found
        for (slug, _turn), found in index.links.to_turn.items():
            self.links[slug] += found

    def key(self, memo: Memo, page_key: PageKey) -> tuple[str, str | None] | None:
        """(path, key) of an interview page; None for other pages."""
        kind, i = page_key
        if kind != "interview":
            return None
        index = self.index
        iv = index.site.interviews[i]
        slug = iv.slug
        exchanges = [
            (
                ex.id,
                tuple(t.id for t in ex.turns),
                tuple((a.topic, a.reasons) for a in index.by_exchange.get((slug, ex.id), ())),
            )
            for ex in index.exchanges_of.get(slug, ())
        ]
        topics = sorted({topic for _, _, found in exchanges for topic, _ in found})
        links = self.links.get(slug, [])
        origins = sorted({n.origin for n in links})
        inputs = (
            "interview",
            iv,
            index.images_of.get(slug, {}),
            [index.person_of[(slug, s.id)] for s in iv.speakers],
            exchanges,
            [(t, index.topics[t].title) for t in topics],
            links,
            [(o, index.links.titles.get(o)) for o in origins],
            index.site.config,
        )
        path = urls.interview(slug)
        return path, memo.hash_of(path, inputs)


DATA_FILES = (urls.CORPUS, urls.TURNS_CSV, urls.TURNS_JSONL, urls.SEARCH_RECORDS)
"""The site-wide data files (`export.py`, `search.py`), made again only when their key
(`data_key`) changes: a note edit leaves them as they are."""


def data_key(memo: Memo, site: Site, interview_keys: list[str | None]) -> str | None:
    """The exports and search records are made from the interviews (known by their pages'
    keys, which cover each interview, its speakers' pages and its topics), the topics,
    the people and the config."""
    if any(k is None for k in interview_keys):
        return None
    inputs = (interview_keys, site.topics, site.people, site.speaker_slugs, site.config)
    return memo.hash_of("data", inputs)
