"""Load one Markdown note: front matter checked field by field, body kept as Markdown.

Where a note lives says what it is: `notes/topics/<slug>.md` is a topic,
`notes/speakers/<slug>.md` a speaker profile, anything else under `notes/` an
analysis note.
"""

from __future__ import annotations

from pathlib import Path

from summitnotes.diagnostics import Diagnostic, error
from summitnotes.frontmatter import Fields, split
from summitnotes.model import Note, NoteKind
from summitnotes.slugs import url_slug
from summitnotes.source import read_text

KNOWN = {
    "note": {"title", "date", "topics", "summary", "slug", "author", "tags", "draft"},
    "topic": {"title", "aliases", "match", "summary", "slug"},
    "speaker": {"title", "name", "aliases", "summary", "slug"},
}


def note_kind(relative: Path) -> NoteKind:
    """`relative` is the path inside `notes/`."""
    parts = relative.parts
    if len(parts) == 2 and parts[0] == "topics":
        return "topic"
    if len(parts) == 2 and parts[0] == "speakers":
        return "speaker"
    return "note"


def load_note(
    path: Path, display_path: str, kind: NoteKind
) -> tuple[Note | None, list[Diagnostic]]:
    text, read_problems = read_text(path, display_path)
    if text is None:
        return None, read_problems
    doc, problems = split(text, display_path)
    problems = read_problems + problems
    if doc is None:
        return None, problems
    f = Fields(doc.meta, display_path)
    title = f.text("title") or (f.text("name") if kind == "speaker" else None)
    slug = url_slug(f.text("slug") or path.stem)
    if not slug:
        problems.append(error(display_path, None, "cannot make a slug from the file name", "slug"))
        return None, problems
    note = Note(
        slug=slug,
        kind=kind,
        title=title or path.stem.replace("-", " ").strip().capitalize(),
        source=display_path,
        body=doc.body,
        body_line=doc.body_line,
        date=f.text("date"),
        topics=f.texts("topics") if kind == "note" else (),
        summary=f.text("summary"),
        aliases=f.texts("aliases"),
        match=f.texts("match") if kind == "topic" else (),
        lines=tuple(sorted(doc.meta.lines.items())),
    )
    problems += f.problems + f.unknown(KNOWN[kind])
    if any(p.level == "error" for p in problems):
        return None, problems
    return note, problems
