"""Read-only view objects: what templates see.

Every href is already computed for the page the view is on, every text is
plain (templates escape it) except fields named `*_html`, which hold HTML we
rendered ourselves from Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass

from summitnotes.linkviews import BacklinkView, CiteView, PassageCiteView


def kind_label(kind: str) -> str:
    """`question` → `Question`: the word shown for a kind of turn."""
    return kind.replace("-", " ").capitalize()


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    note: str = ""
    """A short remark shown next to the link (a count, a date, a role)."""


@dataclass(frozen=True)
class PageView:
    """What the base layout needs on every page."""

    kind: str
    """`home`, `interview`, `topic`, `speaker`, `note` or `list`."""
    title: str
    site_title: str
    language: str
    description: str
    author: str
    generator: str
    home_href: str
    css_href: str
    nav: tuple[Link, ...]
    canonical: str
    """Absolute address when `site_url` is set, else empty."""
    search_href: str = ""
    """The search page (the header's search box sends its query there)."""
    feed_href: str = ""
    social: tuple[MetaTag, ...] = ()
    """OpenGraph and Twitter-card tags; only with `site_url`."""
    jsonld: str = ""
    """Structured data (JSON-LD), already escaped for a `<script>` element."""


@dataclass(frozen=True)
class MetaTag:
    """`<meta {attr}="{name}" content="{content}">`."""

    attr: str
    """`property` (OpenGraph) or `name` (Twitter)."""
    name: str
    content: str


@dataclass(frozen=True)
class ParagraphView:
    id: str
    text: str
    kind: str = "paragraph"


@dataclass(frozen=True)
class FigureView:
    id: str
    credit: str
    caption: str
    image_src: str
    alt: str
    kind: str = "figure"


@dataclass(frozen=True)
class AsideView:
    id: str
    text: str
    aside_kind: str
    kind: str = "aside"


Block = ParagraphView | FigureView | AsideView


@dataclass(frozen=True)
class TurnView:
    id: str
    kind: str
    """`question`, `answer` or `remark`: also the CSS class."""
    kind_label: str
    speaker: Link
    role: str
    time: str
    blocks: tuple[Block, ...]
    backlinks: tuple[BacklinkView, ...] = ()
    """Notes that link to or quote this turn or its paragraphs."""
    cite: PassageCiteView | None = None
    """How to cite this turn (answers and remarks, not questions)."""


@dataclass(frozen=True)
class TopicLink:
    title: str
    href: str
    why: str


@dataclass(frozen=True)
class ExchangeView:
    id: str
    turns: tuple[TurnView, ...]
    topics: tuple[TopicLink, ...]


@dataclass(frozen=True)
class InterviewView:
    title: str
    details: tuple[tuple[str, str], ...]
    """(label, value) pairs: outlet, date, place, interviewer, language, rights."""
    source_url: str
    description: str
    speakers: tuple[Link, ...]
    topics: tuple[Link, ...]
    lead: tuple[Block, ...]
    exchanges: tuple[ExchangeView, ...]
    trailing: tuple[Block, ...]
    """Figures and asides whose place was not found, kept so nothing is lost."""
    backlinks: tuple[BacklinkView, ...] = ()
    """Notes that link to the interview as a whole."""
    lead_backlinks: tuple[BacklinkView, ...] = ()
    """Notes that link to or quote the introduction."""
    cite: CiteView | None = None


@dataclass(frozen=True)
class Snippet:
    """A turn quoted outside its interview."""

    id: str
    kind: str
    kind_label: str
    speaker: Link
    paragraphs: tuple[str, ...]
    href: str
    """The turn in context."""
    truncated: bool


@dataclass(frozen=True)
class PairView:
    id: str
    anchor: str
    """Id of the pair on the topic page: `<interview slug>-<question id>`."""
    question: Snippet | None
    replies: tuple[Snippet, ...]
    href: str
    why: str


@dataclass(frozen=True)
class GroupView:
    """Items of one interview on a topic or speaker page."""

    interview: Link
    pairs: tuple[PairView, ...] = ()
    turns: tuple[Snippet, ...] = ()


@dataclass(frozen=True)
class NoteItem:
    title: str
    href: str
    date: str
    summary: str


@dataclass(frozen=True)
class PageLink:
    """One entry of a pager: a page and its link, or a gap (`number` 0, no `href`)
    where pages are left out."""

    number: int
    href: str
    current: bool = False
    """The page the pager is on."""


@dataclass(frozen=True)
class PagerView:
    """Where a page of a topic is among the topic's pages (only when it has several)."""

    number: int
    """This page, from 1."""
    count: int
    """The topic's number of pages."""
    first: int
    """Position of the first interview shown here among the topic's (from 1)."""
    last: int
    """Position of the last interview shown here."""
    previous: str
    """The page before (href); empty on the first."""
    next: str
    """The page after (href); empty on the last."""
    pages: tuple[PageLink, ...]
    """The first and last pages and those around this one, with gaps between."""


@dataclass(frozen=True)
class TopicView:
    """One page of a topic. The questions are shown by interview (`groups`), newest
    first, `pages.PER_PAGE` interviews a page. The description, aliases, phrases,
    count, notes and backlinks are on the first page only: empty on the others."""

    title: str
    aliases: tuple[str, ...]
    match: tuple[str, ...]
    description_html: str
    source: str
    groups: tuple[GroupView, ...]
    """The interviews on this page, with their questions on the topic."""
    count: int
    """Questions on the topic, on every page together (0 on pages after the first)."""
    notes: tuple[NoteItem, ...]
    backlinks: tuple[BacklinkView, ...] = ()
    """Notes that link to this topic."""
    pager: PagerView | None = None
    """Links to the topic's other pages; None when it has only one."""


@dataclass(frozen=True)
class SpeakerView:
    name: str
    description: str
    profile_html: str
    roles: tuple[str, ...]
    groups: tuple[GroupView, ...]
    count: int
    backlinks: tuple[BacklinkView, ...] = ()
    """Notes that link to this speaker."""


@dataclass(frozen=True)
class NoteView:
    title: str
    date: str
    summary: str
    body_html: str
    topics: tuple[Link, ...]
    source: str
    backlinks: tuple[BacklinkView, ...] = ()
    """Notes (and topic and speaker pages) that link to this note."""


@dataclass(frozen=True)
class InterviewItem:
    title: str
    href: str
    interviewee: str
    outlet: str
    date: str


@dataclass(frozen=True)
class HomeView:
    description: str
    interviews: tuple[InterviewItem, ...]
    topics: tuple[Link, ...]
    speakers: tuple[Link, ...]
    notes: tuple[NoteItem, ...]
    notes_href: str
    downloads: tuple[Link, ...] = ()
    """The corpus as data files, and the feed."""


@dataclass(frozen=True)
class ListView:
    title: str
    intro: str
    items: tuple[NoteItem, ...]


@dataclass(frozen=True)
class NotFoundView:
    """The 404 page: where to go instead."""

    links: tuple[Link, ...]
