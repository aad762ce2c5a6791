"""What interview, topic, speaker and note pages, and the site's data files, are made
from: the keys `memo.Memo` reuses them by, worked out without building their context.

Apart from `memo.py` so that a build with nothing to do (which needs the memo's
record but renders nothing) does not import the views.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from summitnotes import urls
from summitnotes.memo import Memo
from summitnotes.model import Note, NoteLink, PageRef, Site
from summitnotes.pages import Index, PageKey, page_count


class Inputs:
    """What interview, topic, speaker and note pages are made from, gathered once per render
    before workers fork: such a page whose inputs are those of the last build is reused
    without building its context at all. Most pages of a site are interview pages, topic
    pages are the largest, and speaker pages quote every turn of their speaker.

    The inputs are read off `pages.page`, `interview_view.interview_view`,
    `jsonld.interview_jsonld`, `pages.topic_view`, `pages.speaker_view` and
    `note_links.note_html`. An
    interview page: the interview, its images, its speakers' pages, the topics of its
    exchanges (with titles and reasons), what links to it or its passages (with the
    titles of the pages those links are on) and the config. A topic's first page: the
    topic and its note, its question count and number of pages, the interviews the page
    shows (with their assignments and `core` keys), the notes filed under it (their
    titles, dates and summaries), what links to it, and the links in its note (with their
    targets' titles and, for passages, the interviews quoted); its later pages, only
    their own interviews, number and the number of pages (`topic`).
    A view that starts using something else must add it here; `tests/test_incremental.py`
    edits each kind of input and compares with a cold build.
    """

    def __init__(self, memo: Memo, index: Index) -> None:
        self.memo = memo
        self.index = index
        self.position = {iv.slug: i for i, iv in enumerate(index.site.interviews)}
        self.links: dict[str, list[NoteLink]] = defaultdict(list)
        for ref, found in index.links.to_page.items():
            if ref.kind == "interview":
                self.links[ref.slug] += found
        for (slug, _turn), found in index.links.to_turn.items():
            self.links[slug] += found
        self._interview_keys: dict[int, str | None] = {}
        self._cores: dict[int, str | None] = {}

    def key(self, page_key: PageKey) -> tuple[str, str | None] | None:
        """(path, key) of an interview, topic, speaker or note page; None for other pages."""
        kind, i = page_key
        if kind == "interview":
            return urls.interview(self.index.site.interviews[i].slug), self.interview(i)
        if kind == "topic":
            return urls.topic(self.index.site.topics[i].slug), self.topic(i)
        if kind == "topic-page":
            position, number = self.index.topic_pages[i]
            slug = self.index.site.topics[position].slug
            return urls.topic(slug, number), self.topic(position, number)
        if kind == "speaker":
            return urls.speaker(self.index.site.people[i].slug), self.speaker(i)
        if kind == "note":
            return urls.note(self.index.site.notes[i].slug), self.note(i)
        return None

    def path(self, page_key: PageKey) -> str | None:
        """Where an interview, topic, speaker or note page goes; None for other pages."""
        kind, i = page_key
        site = self.index.site
        if kind == "interview":
            return urls.interview(site.interviews[i].slug)
        if kind == "topic":
            return urls.topic(site.topics[i].slug)
        if kind == "topic-page":
            position, number = self.index.topic_pages[i]
            return urls.topic(site.topics[position].slug, number)
        if kind == "speaker":
            return urls.speaker(site.people[i].slug)
        if kind == "note":
            return urls.note(site.notes[i].slug)
        return None

    def interview(self, i: int) -> str | None:
        """The key of interview page `i`: its `core`, what links to it, the config."""
        if i in self._interview_keys:
            return self._interview_keys[i]
        slug = self.index.site.interviews[i].slug
        links = self.links.get(slug, [])
        config = self.index.site.config
        inputs = (self.core(i), links, self._titles(n.origin for n in links), config)
        key = self.memo.hash_of(urls.interview(slug), inputs)
        self._interview_keys[i] = key
        return key

    def core(self, i: int) -> str | None:
        """What an interview shows wherever it is shown: its text, images, speakers' pages
        and the topics of its exchanges (topic pages, exports and citations use this)."""
        if i in self._cores:  # topic pages ask again for the interviews they show
            return self._cores[i]
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
        inputs = (
            "interview",
            self.memo.contents.get(iv.source) or iv,
            index.images_of.get(slug, {}),
            [index.person_of[(slug, s.id)] for s in iv.speakers],
            exchanges,
            [(t, index.topics[t].title) for t in topics],
        )
        key = self.memo.hash_of(f"core:{slug}", inputs)
        self._cores[i] = key
        return key

    def topic(self, i: int, number: int = 1) -> str | None:
        """The key of page `number` of topic `i`: the interviews on that page, in order,
        with their assignments to the topic and their `core` keys, the page's number and
        the topic's number of pages (`pages.pager_view` needs no more), the config. Page
        1 adds the topic, its question count, its note and what that links to, the notes
        filed under it and what links to it; the other pages show only its title and
        summary. So an edit to an interview renders again the pages that show it and those
        whose interviews it shifts, not the whole topic."""
        index = self.index
        t = index.site.topics[i]
        on_page = [
            (iv.slug, [(a.exchange, a.reasons) for a in found], self._of(iv.slug))
            for iv, found in index.on_page(t.slug, number)
        ]
        pages = page_count(len(index.groups(t.slug)))
        path = urls.topic(t.slug, number)
        config = index.site.config
        if number > 1:
            summary = t.note.summary if t.note else None
            inputs_later = ("topic-page", t.slug, t.title, summary, number, pages, on_page, config)
            return self.memo.hash_of(path, inputs_later)
        backlinks = index.links.to_page.get(PageRef("topic", t.slug), [])
        inputs = (
            "topic",
            t,
            len(index.by_topic.get(t.slug, [])),
            pages,
            on_page,
            [(n.slug, n.title, n.date, n.summary) for n in index.notes_of.get(t.slug, [])],
            backlinks,
            self._titles(n.origin for n in backlinks),
            *self._body(t.note),
            config,
        )
        return self.memo.hash_of(path, inputs)

    def speaker(self, i: int) -> str | None:
        """The key of a speaker page: the person (with their profile note), the interviews
        they speak in (by their `core` keys), what links to the page, and the links in
        the profile note (with their targets' titles and the interviews quoted)."""
        index = self.index
        p = index.site.people[i]
        backlinks = index.links.to_page.get(PageRef("speaker", p.slug), [])
        inputs = (
            "speaker",
            p,
            [self._of(slug) for slug in dict.fromkeys(slug for slug, _ in p.appearances)],
            backlinks,
            self._titles(n.origin for n in backlinks),
            *self._body(p.note),
            index.site.config,
        )
        return self.memo.hash_of(urls.speaker(p.slug), inputs)

    def note(self, i: int) -> str | None:
        """The key of a note's page: the note, its topics' titles, the links in it (with
        their targets' titles and the interviews quoted), what links to it, the config."""
        index = self.index
        n = index.site.notes[i]
        backlinks = index.links.to_page.get(PageRef("note", n.slug), [])
        inputs = (
            "note",
            n,
            [(t, index.topics[t].title) for t in n.topics if t in index.topics],
            *self._body(n),
            backlinks,
            self._titles(b.origin for b in backlinks),
            index.site.config,
        )
        return self.memo.hash_of(urls.note(n.slug), inputs)

    def _body(self, note: Note | None) -> tuple[object, ...]:
        """What a note's body shows besides its text: the links in it, their targets'
        titles, and the interviews it quotes (by their `core` keys)."""
        in_note = self.index.links.of_note(note.source) if note else []
        quoted = dict.fromkeys(
            n.target.slug for n in in_note if n.target is not None and n.target.kind == "interview"
        )
        return (
            in_note,
            self._titles(n.target for n in in_note if n.target is not None),
            [self._of(slug) for slug in quoted],
        )

    def remember(self, i: int, core: str | None) -> None:
        """The `core` key a worker worked out for interview `i`."""
        self._cores[i] = core

    def _of(self, slug: str) -> str | None:
        """The `core` key of an interview; None (never equal) for one not in the site."""
        i = self.position.get(slug)
        return None if i is None else self.core(i)

    def _titles(self, refs: Iterable[PageRef]) -> list[tuple[PageRef, str | None]]:
        return [(r, self.index.links.titles.get(r)) for r in sorted(set(refs))]


DATA_FILES = (urls.CORPUS, urls.TURNS_CSV, urls.TURNS_JSONL, urls.SEARCH_RECORDS)
"""The site-wide data files (`export.py`, `search.py`), made again only when their key
(`data_key`) changes: a note edit leaves them as they are."""


def data_key(memo: Memo, site: Site, interview_keys: list[str | None]) -> str | None:
    """The exports and search records are made from the interviews (known by their
    `Inputs.core` keys: each interview, its speakers' pages and its topics), the topics,
    the people and the config."""
    if any(k is None for k in interview_keys):
        return None
    inputs = (interview_keys, site.topics, site.people, site.speaker_slugs, site.config)
    return memo.hash_of("data", inputs)
