"""The load stage: find a project's files and load each on its own.

Nothing here looks across files; that is the resolve stage's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summitnotes.config import load_config
from summitnotes.diagnostics import Diagnostic, warning
from summitnotes.interviews import load_interview
from summitnotes.model import Image, Interview, Note, SiteConfig
from summitnotes.notes import load_note, note_kind
from summitnotes.progress import Step, no_step

INTERVIEW_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class Project:
    """Every file of a project, loaded, before anything is resolved across files."""

    root: Path
    config: SiteConfig
    interviews: tuple[Interview, ...]
    notes: tuple[Note, ...]
    images: tuple[Image, ...]
    templates: Path
    """The user's template folder (may not exist)."""


def load_project(root: Path, step: Step = no_step) -> tuple[Project, list[Diagnostic]]:
    config, problems = load_config(root)
    seeds = _files(root / "seeds", INTERVIEW_SUFFIXES)
    note_files = _files(root / "notes", (".md",))
    total = len(seeds) + len(note_files)
    interviews: list[Interview] = []
    images: list[Image] = []
    for done, path in enumerate(seeds, 1):
        display = path.relative_to(root).as_posix()
        interview, diagnostics = load_interview(path, display)
        problems += diagnostics
        if interview is not None:
            interviews.append(interview)
            found, missing = _images(interview, path.parent, display)
            images += found
            problems += missing
        step("load", done, total)
    notes: list[Note] = []
    for done, path in enumerate(note_files, len(seeds) + 1):
        kind = note_kind(path.relative_to(root / "notes"))
        note, diagnostics = load_note(path, path.relative_to(root).as_posix(), kind)
        problems += diagnostics
        if note is not None:
            notes.append(note)
        step("load", done, total)
    project = Project(
        root, config, tuple(interviews), tuple(notes), tuple(images), root / "templates"
    )
    return project, problems


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in suffixes and not p.name.startswith((".", "_")) and p.name != "README.md"
    )


def _images(
    interview: Interview, folder: Path, display: str
) -> tuple[list[Image], list[Diagnostic]]:
    """Image files named by the sidecar (or the text), checked to exist."""
    named = dict(interview.meta.images)
    found: list[Image] = []
    problems: list[Diagnostic] = []
    for fig in interview.figures:
        ref = named.get(fig.id) or fig.image
        if not ref or "://" in ref:
            continue
        source = folder / ref
        if not source.is_file():
            problems.append(
                warning(
                    display,
                    fig.line,
                    f"image `{ref}` of {fig.id} not found; the figure is shown without it",
                    "image-missing",
                )
            )
            continue
        found.append(Image(interview.slug, fig.id, str(source), fig.id + source.suffix.lower()))
    return found, problems
