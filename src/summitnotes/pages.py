"""Turn the resolved site into pages: (output path, template, views).

Topic and speaker pages are built from indexes made in one pass over the
corpus, never by scanning the corpus for each page.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
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
    PageLink,
    PagerView,
    PageView,
    PairView,
    Snippet,
    SpeakerView,
    TopicView,
    kind_label,
)

ANSWER_PREVIEW = 2
"""Paragraphs of an answer shown on a topic page before “continue in context”."""

PER_PAGE = 25
"""Interviews (with their questions on the topic) on one page of a topic.

In the generated corpus of 10,000 interviews a topic has about 2,000 interviews and
5,400 questions: one page of 9 MB, which a browser struggles to open. 25 interviews a
page make about 80 pages of 60 to 75 questions and 115 KB (170 KB at most), which
open at once, on a phone too, and are read by scrolling; real interviews say more on a
topic than generated ones, so their pages are longer. Fewer a page would double the
pages to click through for little gain in size. An interview is never split between
pages, and a topic of at most this many interviews has one page, as before."""


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
        self.topic_pages = topic_pages(site)
        """(topic position, page number) of the topic pages after the first ones."""
        self._groups: dict[str, list[Group]] = {}

    @functools.cached_property
    def turns_of(self) -> dict[str, list[tuple[Interview, Turn]]]:
        """Person slug → every turn they speak, in site order: what their page quotes.
        Made when first asked for (a note edit renders no speaker page, mostly), and by
        `complete` before workers are forked, so that each does not make it again."""
        found: dict[str, list[tuple[Interview, Turn]]] = defaultdict(list)
        person_of = self.person_of
        for iv in self.site.interviews:
            for turn in iv.turns:
                found[person_of[(iv.slug, turn.speaker)]].append((iv, turn))
        return found

    def complete(self) -> None:
        """Make what is made when first asked for, now: before workers are forked, so
        that each fresh one does not make it again (topic and speaker pages have many,
        `parallel.TASKS_PER_QUOTING_WORKER`)."""
        _ = self.turns_of
        for topic in list(self.by_topic):
            self.groups(topic)

    def groups(self, topic: str) -> list[Group]:
        """The interviews on a topic, newest first, each with its assignments in
        exchange order: what the topic's pages show, in order (made once per topic)."""
        found = self._groups.get(topic)
        if found is None:
            by_interview: dict[str, list[Assignment]] = defaultdict(list)
            for a in self.by_topic.get(topic, ()):  # in interview and exchange order
                by_interview[a.interview].append(a)
            newest = _newest_first(self.interviews[s] for s in by_interview)
            found = [(iv, tuple(by_interview[iv.slug])) for iv in newest]
            self._groups[topic] = found
        return found

    def on_page(self, topic: str, number: int) -> list[Group]:
        """The interviews shown on page `number` (from 1) of a topic."""
        start = (number - 1) * PER_PAGE
        return self.groups(topic)[start : start + PER_PAGE]


Group = tuple[Interview, tuple[Assignment, ...]]
"""An interview on a topic page, with the assignments of its exchanges to the topic."""


def page_count(groups: int) -> int:
    """The pages of a topic with `groups` interviews: one at least (an empty topic)."""
    return max(1, -(-groups // PER_PAGE))


def topic_pages(site: Site) -> list[tuple[int, int]]:
    """(topic position, page number) of every topic page but the first ones, in page
    order; counted off the assignments without sorting any interviews."""
    shown = Counter(t for t, _ in dict.fromkeys((a.topic, a.interview) for a in site.assignments))
    return [
        (i, number)
        for i, t in enumerate(site.topics)
        for number in range(2, page_count(shown[t.slug]) + 1)
    ]


def pages(site: Site) -> Iterator[Page]:
    """Every HTML page of the site, in a fixed order."""
    index = Index(site)
    return (page(index, key) for key in page_keys(site, index.topic_pages))


PageKey = tuple[str, int]
"""What a page is about, as (kind, position): cheap to send to another process."""


def page_keys(site: Site, more: list[tuple[int, int]] | None = None) -> list[PageKey]:
    """The key of every page (see `page`), in the site's fixed page order. A topic's
    first page is `("topic", topic position)`, followed by its other pages, each
    `("topic-page", j)` with `j` its position in `topic_pages(site)` (`more`, when
    already made: an index has them)."""
    return [
        ("home", 0),
        *(("interview", i) for i in range(len(site.interviews))),
        *_topic_keys(site, topic_pages(site) if more is None else more),
        *(("speaker", i) for i in range(len(site.people))),
        *(("note", i) for i in range(len(site.notes))),
        *(("list", i) for i in range(4)),
        ("search", 0),
        ("notfound", 0),
    ]


def _topic_keys(site: Site, more: list[tuple[int, int]]) -> Iterator[PageKey]:
    j = 0
    for i in range(len(site.topics)):
        yield ("topic", i)
        while j < len(more) and more[j][0] == i:
            yield ("topic-page", j)
            j += 1


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
    if kind in ("topic", "topic-page"):
        position, number = (i, 1) if kind == "topic" else index.topic_pages[i]
        t = site.topics[position]
        path = urls.topic(t.slug, number)
        view = topic_view(index, t.slug, Linker(path, base), number)
        title = t.title if number == 1 else f"{t.title} (page {number})"
        return _page(site, "topic", path, title, view, summary=(t.note and t.note.summary) or "")
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


def topic_view(index: Index, slug: str, link: Linker, number: int = 1) -> TopicView:
    """Page `number` of a topic: `PER_PAGE` of its interviews, newest first, with their
    questions on it. The topic's description, aliases, phrases, question count, notes
    and backlinks are on the first page only; every page has the title and, when
    there are several, a pager (`pager_view`)."""
    t = index.topics[slug]
    shown = index.on_page(slug, number)
    group_views = tuple(
        GroupView(
            _interview_link(iv, link),
            tuple(
                _pair(index, index.exchanges[(a.interview, a.exchange)], "; ".join(a.reasons), link)
                for a in found
            ),
        )
        for iv, found in shown
    )
    pages = page_count(len(index.groups(slug)))
    pager = pager_view(slug, number, pages, len(shown), link) if pages > 1 else None
    if number > 1:
        return TopicView(t.title, (), (), "", "", group_views, 0, (), pager=pager)
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
        pager=pager,
    )


PAGER_AROUND = 2
"""Pages linked on either side of the current one; the first and last always are."""


def pager_view(slug: str, number: int, pages: int, shown: int, link: Linker) -> PagerView:
    """Page `number` of `pages` of a topic, showing `shown` interviews. Made from these
    alone (and `PER_PAGE`), so a page's memo key need not hold the rest of the topic."""
    near = {1, pages, *range(number - PAGER_AROUND, number + PAGER_AROUND + 1)}
    listed: list[PageLink] = []
    for n in range(1, pages + 1):
        if n in near or (n - 1 in near and n + 1 in near):  # a gap of one page: the page
            listed.append(PageLink(n, link(urls.topic(slug, n)), n == number))
        elif listed[-1].number:
            listed.append(PageLink(0, ""))
    first = (number - 1) * PER_PAGE + 1
    return PagerView(
        number=number,
        count=pages,
        first=first,
        last=first + shown - 1,
        previous=link(urls.topic(slug, number - 1)) if number > 1 else "",
        next=link(urls.topic(slug, number + 1)) if number < pages else "",
        pages=tuple(listed),
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
