"""Backlinks: the site's resolved links grouped once, by note and by what they point at.

Built in one pass over `Site.links` (render stage), so a page asks for its
backlinks with one dictionary look-up, never by scanning the notes.
"""

from __future__ import annotations

from collections import defaultdict

from summitnotes import urls
from summitnotes.linkviews import BacklinkView, MentionView
from summitnotes.model import NoteLink, PageRef, Site
from summitnotes.passages import PassageIndex
from summitnotes.urls import Linker


def page_path(page: PageRef) -> str:
    """Where a page lives in the site."""
    return {
        "interview": urls.interview,
        "note": urls.note,
        "topic": urls.topic,
        "speaker": urls.speaker,
    }[page.kind](page.slug)


def anchor(link: NoteLink) -> str:
    """Id of a link on the page of its note."""
    return f"ref-{link.ordinal}"


class LinkIndex:
    """Every link of the site, grouped by the note it is in and by what it points at."""

    def __init__(self, site: Site) -> None:
        self.interviews = {iv.slug: iv for iv in site.interviews}
        self.allow_html = site.config.allow_html
        """Notes' raw HTML passes through (`summitnotes.yaml`); else it is shown as text."""
        self.titles: dict[PageRef, str] = {PageRef("note", n.slug): n.title for n in site.notes}
        self.titles.update({PageRef("interview", iv.slug): iv.title for iv in site.interviews})
        self.titles.update({PageRef("topic", t.slug): t.title for t in site.topics})
        self.titles.update({PageRef("speaker", p.slug): p.name for p in site.people})
        self.by_source: dict[str, list[NoteLink]] = defaultdict(list)
        self.to_page: dict[PageRef, list[NoteLink]] = defaultdict(list)
        self.to_turn: dict[tuple[str, str], list[NoteLink]] = defaultdict(list)
        for link in site.links:
            self.by_source[link.source].append(link)
            if link.target is None or link.target == link.origin:
                continue
            if link.passage is not None:
                self.to_turn[(link.target.slug, link.passage.turn)].append(link)
            else:
                self.to_page[link.target].append(link)
        self._passages: dict[str, PassageIndex] = {}

    def passages(self, slug: str) -> PassageIndex:
        if slug not in self._passages:
            self._passages[slug] = PassageIndex(self.interviews[slug])
        return self._passages[slug]

    def of_note(self, source: str) -> list[NoteLink]:
        return self.by_source.get(source, [])

    def to(self, page: PageRef, link: Linker) -> tuple[BacklinkView, ...]:
        """What links to a page as a whole (or to a heading in it)."""
        return self._views(self.to_page.get(page, []), link)

    def to_passage(self, interview: str, turn: str, link: Linker) -> tuple[BacklinkView, ...]:
        """What links to or quotes a turn (`lead` for the introduction) or its paragraphs."""
        return self._views(self.to_turn.get((interview, turn), []), link)

    def _views(self, links: list[NoteLink], link: Linker) -> tuple[BacklinkView, ...]:
        if not links:  # most pages and turns: nothing links to them
            return ()
        by_origin: dict[PageRef, list[NoteLink]] = defaultdict(list)
        for n in links:
            by_origin[n.origin].append(n)
        return tuple(
            BacklinkView(
                title=self.titles[origin],
                href=link(page_path(origin)),
                kind=origin.kind,
                source=found[0].source,
                mentions=tuple(
                    MentionView(link(page_path(origin), anchor(n)), n.line, _what(n), n.context)
                    for n in sorted(found, key=lambda n: n.ordinal)
                ),
            )
            for origin, found in sorted(by_origin.items(), key=lambda kv: _order(kv[0]))
        )


def _order(page: PageRef) -> tuple[int, str]:
    return ({"note": 0, "topic": 1, "speaker": 2}.get(page.kind, 3), page.slug)


def _what(link: NoteLink) -> str:
    verb = "quotes" if link.embed else "links"
    if link.passage is None:
        return verb + (f" #{link.fragment}" if link.fragment else "")
    p = link.passage
    where = p.first or p.turn
    if p.last:
        where += ".." + p.last
    return f"{verb} {where}"
