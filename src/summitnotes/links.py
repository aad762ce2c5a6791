"""Resolve the links written in notes (part of the resolve stage).

An index of every page (slug → page, source file → page, heading ids) and of
every interview's turn and paragraph ids is built once; each link is then a
few dictionary look-ups, so a corpus of any size costs time in proportion to
its size and its number of links. Links that resolve to nothing are warnings
(`link-*` codes) that `--strict` turns into errors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from slugify import slugify

from summitnotes.diagnostics import Diagnostic, warning
from summitnotes.linkscan import SECTIONS, Ref, context, scan
from summitnotes.model import Interview, Note, NoteLink, PageRef, Person, Topic
from summitnotes.passages import PassageIndex

PRIORITY = {"interview": 0, "note": 1, "topic": 2, "speaker": 3}
"""Which page a bare `[[slug]]` means when several kinds share the slug."""
FOLDER = {kind: folder for folder, kind in SECTIONS.items()}


def origin_of(note: Note) -> PageRef:
    """The page a note is shown on: its own, a topic's or a speaker's."""
    return PageRef(note.kind, note.slug)


class Targets:
    """Every page a link can point at, and every id inside it; built once per build."""

    def __init__(
        self,
        interviews: Iterable[Interview],
        notes: Iterable[Note],
        topics: Iterable[Topic],
        people: Iterable[Person],
        topic_names: dict[str, str],
        headings: dict[PageRef, dict[str, str]],
    ) -> None:
        self.titles: dict[PageRef, str] = {}
        self.by_file: dict[str, PageRef] = {}
        self.interviews: dict[str, Interview] = {}
        for iv in interviews:
            self._add(PageRef("interview", iv.slug), iv.title, iv.source)
            self.interviews[iv.slug] = iv
        for t in topics:
            self._add(PageRef("topic", t.slug), t.title, t.note.source if t.note else None)
        for p in people:
            self._add(PageRef("speaker", p.slug), p.name, p.note.source if p.note else None)
        for n in notes:
            if n.kind == "note":
                self._add(PageRef("note", n.slug), n.title, n.source)
        self.by_slug: dict[str, list[PageRef]] = defaultdict(list)
        for page in sorted(self.titles, key=lambda p: PRIORITY[p.kind]):
            self.by_slug[page.slug].append(page)
        self.topic_names = topic_names
        """Slugified topic titles and aliases → topic slug."""
        self.headings = headings
        """Heading ids (and their text) of each page that shows a note."""
        self._passages: dict[str, PassageIndex] = {}

    def _add(self, page: PageRef, title: str, source: str | None) -> None:
        self.titles[page] = title
        if source:
            self.by_file[source] = page

    def passages(self, slug: str) -> PassageIndex:
        """The interview's ids, indexed on first use."""
        if slug not in self._passages:
            self._passages[slug] = PassageIndex(self.interviews[slug])
        return self._passages[slug]

    def pages(self, name: str, origin: PageRef) -> list[PageRef]:
        """Pages a link's name can mean, the preferred first."""
        if not name:
            return [origin]
        if name.startswith("file:"):
            found = self.by_file.get(name.removeprefix("file:"))
            return [found] if found else []
        parts = name.removesuffix(".md").strip("/").split("/")
        key = slugify(parts[-1])
        if len(parts) > 1 and parts[0] in SECTIONS:
            page = PageRef(SECTIONS[parts[0]], key)  # type: ignore[arg-type]
            return [page] if page in self.titles else []
        if key in self.by_slug:
            return self.by_slug[key]
        if key in self.topic_names:
            return [PageRef("topic", self.topic_names[key])]
        return []


def resolve_links(
    interviews: list[Interview],
    notes: list[Note],
    topics: list[Topic],
    people: list[Person],
    topic_names: dict[str, str],
) -> tuple[list[NoteLink], list[Diagnostic]]:
    """Every link of every note that is shown on a page, resolved, in note order."""
    shown = {PageRef("note", n.slug) for n in notes if n.kind == "note"}
    shown |= {PageRef("topic", t.slug) for t in topics if t.note}
    shown |= {PageRef("speaker", p.slug) for p in people if p.note}
    scans = []
    headings: dict[PageRef, dict[str, str]] = {}
    for note in sorted(notes, key=lambda n: n.source):
        origin = origin_of(note)
        if origin not in shown:
            continue
        found = scan(note)
        headings[origin] = dict(found.headings)
        scans.append((note, origin, found.refs))
    targets = Targets(interviews, notes, topics, people, topic_names, headings)
    links: list[NoteLink] = []
    problems: list[Diagnostic] = []
    for note, origin, refs in scans:
        resolved = []
        for ref in refs:
            link, problem = _resolve(ref, note, origin, targets)
            resolved.append(link)
            if problem is not None:
                problems.append(problem)
        labels = {link.ordinal: link.label for link in resolved}
        links += [
            replace(link, context=context(ref, link.label, labels))
            for ref, link in zip(refs, resolved, strict=True)
        ]
    return links, problems


def _resolve(
    ref: Ref, note: Note, origin: PageRef, targets: Targets
) -> tuple[NoteLink, Diagnostic | None]:
    name, _, fragment = ref.target.partition("#")
    what = f"link to `{ref.written}`" if ref.markdown else ref.written

    def broken(message: str, hint: str = "") -> tuple[NoteLink, Diagnostic]:
        label = ref.label or ref.target
        link = NoteLink(
            origin, note.source, ref.line, ref.ordinal, ref.written, ref.embed, label, None,
        )  # fmt: skip
        return link, warning(note.source, ref.line, f"{what}: {message}", "link-broken", hint)

    pages = targets.pages(name, origin)
    if not pages:
        return broken(
            f"no interview, note, topic or speaker `{name}`",
            "link by slug, e.g. [[interview-slug#a2]], [[topic-slug]]; "
            "write [[topics/slug]] to name the kind",
        )
    page = pages[0]
    problem: Diagnostic | None = None
    if len(pages) > 1:
        kinds = " and ".join(p.kind for p in pages)
        problem = warning(
            note.source,
            ref.line,
            f"{what}: `{name}` names both {kinds}; linking the {page.kind}",
            "link-ambiguous",
            "choose with " + " or ".join(f"[[{FOLDER[p.kind]}/{p.slug}]]" for p in pages),
        )
    title = targets.titles[page]
    passage = None
    anchor: str | None = fragment or None
    label = title
    if fragment and page.kind == "interview":
        index = targets.passages(page.slug)
        passage = index.find(fragment)
        if passage is None:
            return broken(
                f"interview `{page.slug}` has no turn or paragraph `{fragment}`",
                "ids look like q2, a2, a2-p3 or a2-p1..a2-p3; "
                f"`summitnotes parse {targets.interviews[page.slug].source}` lists them",
            )
        anchor = passage.first or passage.turn
        label = index.label(passage)
    elif fragment:
        headings = targets.headings.get(page, {})
        if fragment not in headings:
            return broken(
                f"{page.kind} `{page.slug}` has no heading `#{fragment}`",
                "known: " + (", ".join(sorted(headings)) or "none"),
            )
        label = f"{title} › {headings[fragment]}"
    if ref.embed and passage is None:
        problem = warning(
            note.source,
            ref.line,
            f"{what}: only passages of interviews can be quoted; shown as a link",
            "link-embed",
            "quote a turn or paragraph of an interview, e.g. ![[interview-slug#a2-p1]]",
        )
    label = ref.label or label
    link = NoteLink(
        origin=origin,
        source=note.source,
        line=ref.line,
        ordinal=ref.ordinal,
        written=ref.written,
        embed=ref.embed and passage is not None,
        label=label,
        target=page,
        fragment=anchor,
        passage=passage,
    )
    return link, problem
