"""The data model: frozen dataclasses that flow one way through the stages.

No I/O, no Jinja, no Markdown here. Every item that came from a file carries
the line it starts on, so diagnostics, permalinks and citations can point at
the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from summitnotes.diagnostics import Diagnostic

TurnKind = Literal["question", "answer", "remark"]
Role = Literal["interviewer", "interviewee", "participant"]
Convention = Literal["dash", "qa", "named"]


@dataclass(frozen=True)
class Paragraph:
    id: str
    """Stable anchor, e.g. `lead-p1` or `a2-p3`."""
    text: str
    """The words as written, with dash, label and timestamp stripped."""
    line: int
    """Line the paragraph starts on (a hard-wrapped paragraph spans more)."""
    lines: tuple[int, ...] = ()
    """Every source line the paragraph was joined from."""


@dataclass(frozen=True)
class Turn:
    id: str
    """`q2` / `a2` in question-answer interviews, `t7` where turns are numbered in order."""
    kind: TurnKind
    speaker: str
    """A `Speaker.id`."""
    paragraphs: tuple[Paragraph, ...]
    time: str | None = None
    """Timestamp of a time-coded transcript, kept out of the text."""
    label: str | None = None
    """The speaker label as written (`MS. JEAN-PIERRE:`, `Q:`), if there was one."""
    extra_lines: tuple[int, ...] = ()
    """Source lines the turn consumed outside its paragraphs: a timestamp heading, a lone label."""

    @property
    def line(self) -> int:
        return self.paragraphs[0].line

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Figure:
    id: str
    credit: str
    """The credit or caption line as written, trimmed."""
    line: int
    after: str | None
    """Id of the paragraph the figure follows; None at the very start."""
    caption: str | None = None
    image: str | None = None
    """Image file or URL, from a Markdown image or the sidecar."""
    alt: str | None = None
    """Alt text of a Markdown image."""
    photographer: str | None = None
    agency: str | None = None
    lines: tuple[int, ...] = ()
    """Source lines of the figure: the image line and its caption line."""


@dataclass(frozen=True)
class Aside:
    id: str
    text: str
    line: int
    after: str | None
    kind: str = "note"
    """`separator`, `stage-direction`, `pull-quote`, `heading`, `narrative`, `time` or `note`."""
    lines: tuple[int, ...] = ()
    time: str | None = None
    """Timestamp written before a music cue or stage direction."""


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    role: Role
    description: str | None = None
    labels: tuple[str, ...] = ()
    """Every label this speaker appears under, as written, in order of first use."""


@dataclass(frozen=True)
class PersonRef:
    """A person named in a sidecar or front matter."""

    name: str
    description: str | None = None


@dataclass(frozen=True)
class Metadata:
    """What a researcher knows about an interview: sidecar and front matter.

    Field names follow what oral-history archives record.
    """

    title: str | None = None
    slug: str | None = None
    outlet: str | None = None
    interviewer: tuple[PersonRef, ...] = ()
    interviewee: tuple[PersonRef, ...] = ()
    date: str | None = None
    place: str | None = None
    language: str | None = None
    description: str | None = None
    keywords: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    question_topics: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Topics assigned to single questions: (question id, topics) pairs."""
    rights: str | None = None
    source_url: str | None = None
    retrieved: str | None = None
    images: tuple[tuple[str, str], ...] = ()
    """Image files for figures: (figure id, path relative to the sidecar) pairs."""


@dataclass(frozen=True)
class Interview:
    slug: str
    title: str
    source: str
    """Path as given by the user."""
    convention: Convention
    speakers: tuple[Speaker, ...]
    lead: tuple[Paragraph, ...]
    turns: tuple[Turn, ...]
    figures: tuple[Figure, ...]
    asides: tuple[Aside, ...]
    meta: Metadata
    warnings: tuple[Diagnostic, ...] = field(default=())

    @property
    def topics(self) -> tuple[str, ...]:
        return self.meta.topics

    def speaker(self, speaker_id: str) -> Speaker:
        return next(s for s in self.speakers if s.id == speaker_id)


# --- Site model (notes, topics, pages) follows below this line. ---


@dataclass(frozen=True)
class SiteConfig:
    """Settings from `summitnotes.yaml`; every field has a default."""

    title: str = "summitnotes"
    """Site title, shown in the header and the browser tab."""
    author: str | None = None
    """Who runs the research site; shown in the footer."""
    language: str = "en"
    """Language of the pages (`<html lang>`)."""
    description: str | None = None
    """One or two sentences on what the site is, shown on the home page."""
    base_url: str | None = None
    """Path prefix of root-relative links (`/sub/path/`); None makes every link relative."""
    site_url: str | None = None
    """Absolute address of the published site, for later feeds and sitemaps."""
    allow_html: bool = False
    """Pass raw HTML in notes through to the pages; off: it is shown as text."""


NoteKind = Literal["note", "topic", "speaker"]


@dataclass(frozen=True)
class Note:
    """A Markdown file under `notes/`: an analysis note, a topic or a speaker profile."""

    slug: str
    kind: NoteKind
    title: str
    source: str
    """Path relative to the project, e.g. `notes/topics/anchorage-summit.md`."""
    body: str
    """The Markdown after the front matter."""
    body_line: int
    """Line of the source the body starts on."""
    date: str | None = None
    topics: tuple[str, ...] = ()
    """Topic names as written in the front matter (slug, title or alias)."""
    summary: str | None = None
    aliases: tuple[str, ...] = ()
    match: tuple[str, ...] = ()
    """Phrases that put a question/answer pair on this topic (topic notes only)."""
    lines: tuple[tuple[str, int], ...] = ()
    """Line of each front matter key, for diagnostics."""

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, 1)


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    note: Note | None
    """The topic note; None for a topic a sidecar names that has no note."""
    aliases: tuple[str, ...] = ()
    match: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exchange:
    """A question and the turns up to the next question (or turns before any question)."""

    interview: str
    """`Interview.slug`."""
    id: str
    """Id of the question turn, or of the first turn when there is no question."""
    question: Turn | None
    replies: tuple[Turn, ...]

    @property
    def turns(self) -> tuple[Turn, ...]:
        return ((self.question,) if self.question else ()) + self.replies


@dataclass(frozen=True)
class Assignment:
    """Why an exchange is on a topic page."""

    topic: str
    interview: str
    exchange: str
    reasons: tuple[str, ...]
    """E.g. `assigned to the interview`, `assigned to q2`, `matched “Anchorage”`."""


@dataclass(frozen=True)
class Person:
    """One speaker across interviews, merged by slugified name."""

    slug: str
    name: str
    description: str | None
    roles: tuple[str, ...]
    appearances: tuple[tuple[str, str], ...]
    """(interview slug, speaker id) pairs, sorted."""
    note: Note | None = None


@dataclass(frozen=True)
class Image:
    """An image file named by a sidecar, to be copied next to its interview page."""

    interview: str
    figure: str
    source: str
    """Path on disk of the file to copy."""
    name: str
    """File name inside `interviews/<slug>/`."""


@dataclass(frozen=True)
class Site:
    """The whole resolved corpus: everything render needs, nothing it must look up on disk."""

    config: SiteConfig
    interviews: tuple[Interview, ...]
    notes: tuple[Note, ...]
    topics: tuple[Topic, ...]
    people: tuple[Person, ...]
    exchanges: tuple[Exchange, ...]
    assignments: tuple[Assignment, ...]
    images: tuple[Image, ...] = ()
    speaker_slugs: tuple[tuple[tuple[str, str], str], ...] = ()
    """((interview slug, speaker id), person slug) pairs."""
    links: tuple[NoteLink, ...] = ()
    """Every link and transclusion written in a note, resolved (or not), in note order."""


@dataclass(frozen=True)
class OutputFile:
    """A file of the built site, held in memory until the write stage."""

    path: str
    """POSIX path inside the site, e.g. `topics/trust/index.html`."""
    data: bytes | None = None
    copy_from: str | None = None
    """Copy this file from disk instead of writing `data` (images, and pages the last
    build rendered from the same context)."""
    digest: str | None = None
    """The content hash of the file's bytes, when already known."""
    key: str | None = None
    """For a page: the hash of what it is rendered from (`memo.py`)."""


# --- Links written in notes (issue 4): resolved in the resolve stage. ---

PageKind = Literal["interview", "note", "topic", "speaker"]


@dataclass(frozen=True, order=True)
class PageRef:
    """One page of the site: its kind and slug (a speaker page has the person's slug)."""

    kind: PageKind
    slug: str


@dataclass(frozen=True)
class Passage:
    """The words of an interview a link points at: a turn, or paragraphs of one turn."""

    turn: str
    """Turn id, or `lead` for the introduction before the first turn."""
    first: str | None = None
    """First paragraph id; None for the whole turn."""
    last: str | None = None
    """Last paragraph id of a range (`a2-p1..a2-p3`); None for one paragraph."""


@dataclass(frozen=True)
class NoteLink:
    """A `[[link]]`, `![[transclusion]]` or Markdown link to a page of the site, in a note."""

    origin: PageRef
    """The page the note is shown on."""
    source: str
    """The note file, e.g. `notes/reading.md`."""
    line: int
    """Line of the note file the link is on."""
    ordinal: int
    """Position among the note's links (0-based); also the link's anchor `ref-N` on its page."""
    written: str
    """As written: `[[slug#a2|label]]`, or the href of a Markdown link."""
    embed: bool
    """True for `![[…]]`: the quoted words are shown in the note."""
    label: str
    """The label as written, or a default naming the target."""
    target: PageRef | None
    """None when the link resolves to nothing (a warning names it)."""
    fragment: str | None = None
    """Id on the target page: a turn, a paragraph or a heading."""
    passage: Passage | None = None
    """For links into an interview: the turn and paragraphs."""
    context: str = ""
    """Words of the note around the link, for backlinks."""
