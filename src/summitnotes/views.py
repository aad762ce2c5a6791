"""Read-only view objects: what templates see.

Every href is already computed for the page the view is on, every text is
plain (templates escape it) except fields named `*_html`, which hold HTML we
rendered ourselves from Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass


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
class TopicView:
    title: str
    aliases: tuple[str, ...]
    match: tuple[str, ...]
    description_html: str
    source: str
    groups: tuple[GroupView, ...]
    count: int
    notes: tuple[NoteItem, ...]


@dataclass(frozen=True)
class SpeakerView:
    name: str
    description: str
    profile_html: str
    roles: tuple[str, ...]
    groups: tuple[GroupView, ...]
    count: int


@dataclass(frozen=True)
class NoteView:
    title: str
    date: str
    summary: str
    body_html: str
    topics: tuple[Link, ...]
    source: str


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


@dataclass(frozen=True)
class ListView:
    title: str
    intro: str
    items: tuple[NoteItem, ...]
