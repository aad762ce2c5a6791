"""Read-only views of backlinks and citations, for templates (see `views.py`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MentionView:
    """One place in a note that links to or quotes a page or turn."""

    href: str
    """The link's spot on the note's page (`…/notes/x/index.html#ref-3`)."""
    line: int
    """Line of the note file."""
    what: str
    """`quotes a2-p3`, `links a2`, `links`."""
    context: str
    """The note's words around the link; empty for a quotation standing alone."""


@dataclass(frozen=True)
class BacklinkView:
    """A note (or topic or speaker page) that links here, with each place it does."""

    title: str
    href: str
    kind: str
    """`note`, `topic` or `speaker`: the kind of page the link is on."""
    source: str
    """The note file, e.g. `notes/reading.md`."""
    mentions: tuple[MentionView, ...]


@dataclass(frozen=True)
class Span:
    """A run of citation text; titles of works are set in italics."""

    text: str
    italic: bool = False


@dataclass(frozen=True)
class CitationView:
    style: str
    """`APA`, `Chicago`, `APA in text`, `Chicago note`."""
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class CiteView:
    """How to cite a whole interview, and its citation files."""

    styles: tuple[CitationView, ...]
    bib_href: str
    json_href: str


@dataclass(frozen=True)
class PassageCiteView:
    """How to cite one turn."""

    styles: tuple[CitationView, ...]
    url: str
    """Absolute permalink when a site URL is set, else empty."""
