"""Turn the resolved site into pages: (output path, template, views).

Topic and speaker pages are built from indexes made in one pass over the
corpus, never by scanning the corpus for each page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from summitnotes import __version__, urls
from summitnotes.backlinks import LinkIndex
from summitnotes.interview_view import interview_view
from summitnotes.jsonld import interview_jsonld
from summitnotes.model import Assignment, Exchange, Interview, Note, PageRef, Site, Turn
from summitnotes.note_links import note_html
from summitnotes.search import search_view
from summitnotes.social import social_tags
from summitnotes.urls import Linker
from summitnotes.views import (
    GroupView,
    HomeView,
    InterviewItem,
    Link,
    ListView,
    NoteItem,
    NoteView,
    NotFoundView,
    PageView,
    PairView,
    Snippet,
    SpeakerView,
    TopicView,
    kind_label,
)

ANSWER_PREVIEW = 2
"""Paragraphs of an answer shown on a topic page before “continue in context”."""


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    context: dict[str, Any]


class Index:
    """Lookups over the whole site, each built once."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.interviews = {iv.slug: iv for iv in site.interviews}
        self.topics = {t.slug: t for t in site.topics}
        self.people = {p.slug: p for p in site.people}
        self.person_of = dict(site.speaker_slugs)
        self.speakers = {(iv.slug, s.id): s for iv in site.interviews for s in iv.speakers}
        """(interview slug, speaker id) → the speaker, without a scan per turn."""
        self.exchanges = {(ex.interview, ex.id): ex for ex in site.exchanges}
        self.by_topic: dict[str, list[Assignment]] = defaultdict(list)
        self.by_exchange: dict[tuple[str, str], list[Assignment]] = defaultdict(list)
        for a in site.assignments:
            self.by_topic[a.topic].append(a)
            self.by_exchange[(a.interview, a.exchange)].append(a)
        self.turns_of: dict[str, list[tuple[Interview, Turn]]] = defaultdict(list)
        for iv in site.interviews:
            for turn in iv.turns:
                self.turns_of[self.person_of[(iv.slug, turn.speaker)]].append((iv, turn))
        self.exchanges_of: dict[str, list[Exchange]] = defaultdict(list)
        for ex in site.exchanges:
            self.exchanges_of[ex.interview].append(ex)
        self.images_of: dict[str, dict[str, str]] = defaultdict(dict)
        for img in site.images:
            self.images_of[img.interview][img.figure] = urls.image(img.interview, img.name)
        self.links = LinkIndex(site)
        """Links written in notes, and backlinks (issue 4)."""
        self.notes_of: dict[str, list[Note]] = defaultdict(list)
        for n in site.notes:  # resolve has turned note topics into topic slugs
            for t in n.topics:
                self.notes_of[t].append(n)


def pages(site: Site) -> Iterator[Page]:
    """Every HTML page of the site, in a fixed order."""
    index = Index(site)
    return (page(index, key) for key in page_keys(site))


PageKey = tuple[str, int]
"""What a page is about, as (kind, position): cheap to send to another process."""


def page_keys(site: Site) -> list[PageKey]:
    """The key of every page (see `page`), in the site's fixed page order."""
    return [
        ("home", 0),
        *(("interview", i) for i in range(len(site.interviews))),
        *(("topic", i) for i in range(len(site.topics))),
        *(("speaker", i) for i in range(len(site.people))),
        *(("note", i) for i in range(len(site.notes))),
        *(("list", i) for i in range(4)),
        ("search", 0),
        ("notfound", 0),
    ]


def page(index: Index, key: PageKey) -> Page:
    """One page of the site, built from the indexes alone."""
    site = index.site
    base = site.config.base_url
    kind, i = key
    if kind == "home":
        link = Linker(urls.home(), base)
        return _page(site, "home", urls.home(), site.config.title, home_view(index, link))
    if kind == "interview":
        iv = site.interviews[i]
        path = urls.interview(iv.slug)
        link = Linker(path, base)
        return _page(
            site,
            "interview",
            path,
            iv.title,
            interview_view(index, iv, link),
            summary=iv.meta.description or "",
            image=_first_image(index, iv),
            jsonld=interview_jsonld(index, iv, link),
        )
    if kind == "topic":
        t = site.topics[i]
        path = urls.topic(t.slug)
        view = topic_view(index, t.slug, Linker(path, base))
        return _page(site, "topic", path, t.title, view, summary=(t.note and t.note.summary) or "")
    if kind == "speaker":
        p = site.people[i]
        path = urls.speaker(p.slug)
        view = speaker_view(index, p.slug, Linker(path, base))
        return _page(site, "speaker", path, p.name, view, summary=p.description or "")
    if kind == "note":
        n = site.notes[i]
        path = urls.note(n.slug)
        view = note_view(index, n, Linker(path, base))
        return _page(site, "note", path, n.title, view, summary=n.summary or "")
    if kind == "list":
        kind, title, intro, items = list(_lists(index))[i]
        path = urls.section(kind)
        return _page(site, "list", path, title, ListView(title, intro, items(Linker(path, base))))
    if kind == "search":
        view = search_view(site, Linker(urls.SEARCH, base))
        return _page(site, "search", urls.SEARCH, "Search", view)
    return _not_found(site)


def _page(
    site: Site,
    kind: str,
    path: str,
    title: str,
    view: object,
    summary: str = "",
    image: str = "",
    jsonld: str = "",
    base_url: str | None = None,
) -> Page:
    """`summary` describes the page (else the site's description); `image` is a site file or
    URL shown when the page is shared; `base_url` overrides the site's (the 404 page)."""
    c = site.config
    base_url = base_url or c.base_url
    link = Linker(path, base_url)
    nav = tuple(
        Link(text, link(urls.section(k)))
        for k, text in (
            ("interviews", "Interviews"),
            ("topics", "Topics"),
            ("speakers", "Speakers"),
            ("notes", "Notes"),
        )
    )
    canonical = ""
    if c.site_url and kind != "notfound":  # a 404 is served at every missing address
        canonical = c.site_url.rstrip("/") + "/" + path.removesuffix("index.html")
    description = summary or c.description or ""
    page = PageView(
        kind=kind,
        title=title,
        site_title=c.title,
        language=c.language,
        description=description,
        author=c.author or "",
        generator=f"summitnotes {__version__}",
        home_href=link(urls.home()),
        css_href=link(urls.STYLESHEET),
        nav=nav,
        canonical=canonical,
        search_href=link(urls.SEARCH),
        feed_href=link(urls.FEED),
        social=social_tags(c, kind, path, title, description, image),
        jsonld=jsonld,
    )
    template = "list.html" if kind == "list" else f"{kind}.html"
    return Page(path, template, {"page": page, kind: view})


def snippet(index: Index, iv: Interview, turn: Turn, link: Linker, limit: int | None) -> Snippet:
    person = index.person_of[(iv.slug, turn.speaker)]
    texts = tuple(p.text for p in turn.paragraphs)
    shown = texts if limit is None else texts[:limit]
    return Snippet(
        id=turn.id,
        kind=turn.kind,
        kind_label=kind_label(turn.kind),
        speaker=Link(index.speakers[(iv.slug, turn.speaker)].name, link(urls.speaker(person))),
        paragraphs=shown,
        href=link(urls.interview(iv.slug), turn.id),
        truncated=len(shown) < len(texts),
    )


def _pair(index: Index, ex: Exchange, why: str, link: Linker) -> PairView:
    iv = index.interviews[ex.interview]
    budget = ANSWER_PREVIEW
    replies = []
    for turn in ex.replies:
        shown = snippet(index, iv, turn, link, max(budget, 0))
        budget -= len(shown.paragraphs)
        if shown.paragraphs or not replies:
            replies.append(shown)
    question = snippet(index, iv, ex.question, link, None) if ex.question else None
    href = link(urls.interview(iv.slug), ex.id)
    return PairView(ex.id, f"{iv.slug}-{ex.id}", question, tuple(replies), href, why)


def topic_view(index: Index, slug: str, link: Linker) -> TopicView:
    t = index.topics[slug]
    groups: dict[str, list[PairView]] = defaultdict(list)
    for a in index.by_topic[slug]:  # in interview and exchange order, as resolve made them
        ex = index.exchanges[(a.interview, a.exchange)]
        groups[a.interview].append(_pair(index, ex, "; ".join(a.reasons), link))
    group_views = tuple(
        GroupView(_interview_link(iv, link), tuple(groups[iv.slug]))
        for iv in _newest_first(index.interviews[s] for s in groups)
    )
    return TopicView(
        title=t.title,
        aliases=t.aliases,
        match=t.match,
        description_html=note_html(index.links, t.note, link) if t.note else "",
        source=t.note.source if t.note else "",
        groups=group_views,
        count=len(index.by_topic[slug]),
        notes=tuple(_note_item(n, link) for n in _latest(index.notes_of[slug])),
        backlinks=index.links.to(PageRef("topic", slug), link),
    )


def speaker_view(index: Index, slug: str, link: Linker) -> SpeakerView:
    p = index.people[slug]
    groups: dict[str, list[Snippet]] = defaultdict(list)
    for iv, turn in index.turns_of[slug]:
        groups[iv.slug].append(snippet(index, iv, turn, link, 1))
    return SpeakerView(
        name=p.name,
        description=p.description or "",
        profile_html=note_html(index.links, p.note, link) if p.note else "",
        roles=p.roles,
        groups=tuple(
            GroupView(_interview_link(iv, link), turns=tuple(groups[iv.slug]))
            for iv in _newest_first(index.interviews[s] for s in groups)
        ),
        count=len(index.turns_of[slug]),
        backlinks=index.links.to(PageRef("speaker", slug), link),
    )


def note_view(index: Index, n: Note, link: Linker) -> NoteView:
    topics = tuple(
        Link(index.topics[s].title, link(urls.topic(s))) for s in dict.fromkeys(n.topics)
    )
    return NoteView(
        n.title,
        n.date or "",
        n.summary or "",
        note_html(index.links, n, link),
        topics,
        n.source,
        backlinks=index.links.to(PageRef("note", n.slug), link),
    )


def home_view(index: Index, link: Linker) -> HomeView:
    site = index.site
    return HomeView(
        description=site.config.description or "",
        interviews=tuple(_interview_item(iv, link) for iv in _newest_first(site.interviews)),
        topics=_topic_links(index, link),
        speakers=_speaker_links(index, link),
        notes=tuple(_note_item(n, link) for n in _latest(site.notes)[:5]),
        notes_href=link(urls.section("notes")),
        downloads=(
            Link("corpus.json", link(urls.CORPUS), "every interview and topic, as JSON"),
            Link("turns.csv", link(urls.TURNS_CSV), "one row per turn, for pandas or R"),
            Link("turns.jsonl", link(urls.TURNS_JSONL), "the same, one JSON object a line"),
            Link("Atom feed", link(urls.FEED), "new interviews and notes"),
        ),
    )


def _not_found(site: Site) -> Page:
    """Served for any missing address, so its links must not depend on where it is: with no
    base URL, the path of `site_url` is used, else links are relative to the site root."""
    c = site.config
    base = c.base_url
    if base is None and c.site_url:
        base = "/" + c.site_url.split("://", 1)[-1].partition("/")[2]
    link = Linker(urls.NOT_FOUND, base)
    links = tuple(
        Link(text, link(target))
        for text, target in (
            ("Home", urls.home()),
            ("Search", urls.SEARCH),
            ("Interviews", urls.section("interviews")),
            ("Topics", urls.section("topics")),
        )
    )
    view = NotFoundView(links)
    return _page(site, "notfound", urls.NOT_FOUND, "Page not found", view, base_url=base)


def _first_image(index: Index, iv: Interview) -> str:
    """The first figure's image: a file of the site or an absolute URL; empty when none."""
    for fig in iv.figures:
        if fig.id in index.images_of[iv.slug]:
            return index.images_of[iv.slug][fig.id]
        if fig.image and "://" in fig.image:
            return fig.image
    return ""


def _lists(index: Index):  # type: ignore[no-untyped-def]
    site = index.site

    def interviews(link: Linker) -> tuple[NoteItem, ...]:
        return tuple(
            NoteItem(i.title, i.href, i.date, " · ".join(filter(None, (i.interviewee, i.outlet))))
            for i in (_interview_item(iv, link) for iv in _newest_first(site.interviews))
        )

    def topics(link: Linker) -> tuple[NoteItem, ...]:
        return tuple(NoteItem(x.text, x.href, x.note, "") for x in _topic_links(index, link))

    def speakers(link: Linker) -> tuple[NoteItem, ...]:
        return tuple(
            NoteItem(x.text, x.href, x.note, index.people[s].description or "")
            for x, s in zip(_speaker_links(index, link), sorted(index.people), strict=True)
        )

    def notes(link: Linker) -> tuple[NoteItem, ...]:
        return tuple(_note_item(n, link) for n in _latest(site.notes))

    yield "interviews", "Interviews", "Every interview, newest first.", interviews
    yield "topics", "Topics", "Each topic gathers the questions and answers on it.", topics
    yield "speakers", "Speakers", "Everyone who speaks in the interviews.", speakers
    yield "notes", "Notes", "Research notes, newest first.", notes


def _topic_links(index: Index, link: Linker) -> tuple[Link, ...]:
    return tuple(
        Link(t.title, link(urls.topic(t.slug)), _count(len(index.by_topic[t.slug]), "question"))
        for t in index.site.topics
    )


def _speaker_links(index: Index, link: Linker) -> tuple[Link, ...]:
    return tuple(
        Link(p.name, link(urls.speaker(p.slug)), ", ".join(p.roles)) for p in index.site.people
    )


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _newest_first(interviews: Iterable[Interview]) -> list[Interview]:
    """Newest first, undated last, the same date by slug (sort is stable under reverse)."""
    by_slug = sorted(interviews, key=lambda iv: iv.slug)
    return sorted(by_slug, key=lambda iv: iv.meta.date or "", reverse=True)


def _latest(notes: Iterable[Note]) -> list[Note]:
    by_slug = sorted(notes, key=lambda n: n.slug)
    return sorted(by_slug, key=lambda n: n.date or "", reverse=True)


def _interview_link(iv: Interview, link: Linker) -> Link:
    bits = filter(None, (iv.meta.outlet, iv.meta.date))
    return Link(iv.title, link(urls.interview(iv.slug)), ", ".join(bits))


def _interview_item(iv: Interview, link: Linker) -> InterviewItem:
    interviewee = ", ".join(p.name for p in iv.meta.interviewee) or ", ".join(
        s.name for s in iv.speakers if s.role == "interviewee"
    )
    return InterviewItem(
        iv.title,
        link(urls.interview(iv.slug)),
        interviewee,
        iv.meta.outlet or "",
        iv.meta.date or "",
    )


def _note_item(n: Note, link: Linker) -> NoteItem:
    return NoteItem(n.title, link(urls.note(n.slug)), n.date or "", n.summary or "")
