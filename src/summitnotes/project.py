"""The load stage: find a project's files and load each on its own.

Nothing here looks across files; that is the resolve stage's job.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summitnotes import parallel, tree
from summitnotes.cache import Cache
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


def load_project(
    root: Path, step: Step = no_step, jobs: int | None = 1, cache: Cache | None = None
) -> tuple[Project, list[Diagnostic]]:
    """Load every file; interviews in up to `jobs` processes, or from `cache` when unchanged."""
    config, problems = load_config(root)
    seeds, outside = _inside(root, *_files(root / "seeds", INTERVIEW_SUFFIXES), ".yaml")
    note_files, outside_notes = _inside(root, *_files(root / "notes", (".md",)))
    problems += outside + outside_notes
    total = len(seeds) + len(note_files)
    interviews: list[Interview] = []
    images: list[Image] = []
    for done, (path, (interview, diagnostics)) in enumerate(
        zip(seeds, _load_interviews(root, seeds, jobs, cache), strict=True), 1
    ):
        display = path.relative_to(root).as_posix()
        problems += diagnostics
        if interview is not None:
            interviews.append(interview)
            found, missing = _images(interview, path.parent, display, root)
            images += found
            problems += missing
        step("load", done, total)
    notes: list[Note] = []
    stored = cache.load_notes() if cache is not None and cache.enabled else None
    for done, path in enumerate(note_files, len(seeds) + 1):
        kind = note_kind(path.relative_to(root / "notes"))
        display = path.relative_to(root).as_posix()
        key = None
        if cache is not None and stored is not None:
            key = cache.note_key(path, display, kind)
        entry = stored.get(key) if stored is not None and key is not None else None
        if entry is None:
            entry = (*load_note(path, display, kind), None)  # its link scan comes later
        if cache is not None and cache.notes is not None and key is not None:
            cache.notes[key] = entry  # kept for the next build (`build.prepare` saves)
        note, diagnostics, _ = entry
        problems += diagnostics
        if note is not None:
            notes.append(note)
        step("load", done, total)
    project = Project(
        root, config, tuple(interviews), tuple(notes), tuple(images), root / "templates"
    )
    return project, problems


Loaded = tuple[Interview | None, list[Diagnostic]]


def _load_interviews(
    root: Path, seeds: list[Path], jobs: int | None, cache: Cache | None
) -> list[Loaded]:
    """Each interview parsed, or taken from the cache when its text and sidecar are unchanged."""
    if cache is None or not cache.enabled:
        return parallel.run(_parse_chunk, [(root, p) for p in seeds], jobs)
    cache.load_interviews()
    displays = [p.relative_to(root).as_posix() for p in seeds]
    keys = [cache.interview_key(p, d) for p, d in zip(seeds, displays, strict=True)]
    cache.contents = {d: k for d, k in zip(displays, keys, strict=True) if k is not None}
    found: list[Loaded | None] = [cache.get_interview(k) for k in keys]
    todo = [i for i, f in enumerate(found) if f is None]
    parsed = parallel.run(_parse_chunk, [(root, seeds[i]) for i in todo], jobs)
    for i, loaded in zip(todo, parsed, strict=True):
        found[i] = loaded
        cache.put_interview(keys[i], loaded)
    cache.save_interviews()  # only the files whose interviews changed are written
    return [f for f in found if f is not None]


def _parse_chunk(chunk: Sequence[tuple[Path, Path]]) -> list[Loaded]:
    return [load_interview(path, path.relative_to(root).as_posix()) for root, path in chunk]


def _files(folder: Path, suffixes: tuple[str, ...]) -> tuple[list[Path], set[str]]:
    """The files under `folder` with one of `suffixes`, sorted as paths (`tree.entries`:
    folders that are symbolic links are not entered), and the paths of every entry
    under it that is a symbolic link (the listing tells without a call per file)."""
    found = []
    links = set()
    for rel, e in tree.entries(str(folder)):
        if e.is_symlink():
            links.add(e.path)
        if (
            os.path.splitext(e.name)[1] in suffixes
            and not e.name.startswith((".", "_"))
            and e.name != "README.md"
        ):
            found.append((rel.split("/"), e.path))
    return [Path(path) for _, path in sorted(found)], links


def _inside(
    root: Path, paths: list[Path], links: set[str], companion: str = ""
) -> tuple[list[Path], list[Diagnostic]]:
    """The files that are (or link to) files inside the project; a link that leads out of it
    is refused with a warning, so a build never publishes a file from elsewhere.

    `links`: the symbolic links among the files listed with `paths`. `companion` is the
    suffix of a file read along with each (the sidecar)."""
    top = root.resolve()
    folders: dict[str, bool] = {}
    kept: list[Path] = []
    problems: list[Diagnostic] = []
    for path in paths:  # plain strings: 20,000 `Path` operations cost 0.2 s
        name = str(path)
        both = [name, os.path.splitext(name)[0] + companion] if companion else [name]
        away = [p for p in both if _leads_out(p, top, folders, links)]
        if away:
            problems.append(_outside(Path(away[0]), root))
        else:
            kept.append(path)
    return kept, problems


def _leads_out(path: str, top: Path, folders: dict[str, bool], links: set[str]) -> bool:
    """Whether an existing `path` resolves to outside `top`.

    Only a symbolic link, or a folder on the way that is one, can lead out, so the
    full `resolve` (most of a 10,000-interview load's time) is paid only for links
    (known from the listing: an `lstat` per file cost 0.5 s at 10,000 interviews);
    each folder is resolved once."""
    if path in links:
        try:
            return os.path.exists(path) and not Path(path).resolve().is_relative_to(top)
        except (OSError, RuntimeError):
            return True
    parent = os.path.dirname(path)
    if parent not in folders:
        folders[parent] = not Path(parent).resolve().is_relative_to(top)
    return folders[parent]


def _outside(path: Path, root: Path) -> Diagnostic:
    return warning(
        path.relative_to(root).as_posix(),
        None,
        f"links to {path.resolve()}, outside the project; not read",
        "link-outside",
        "copy the file into the project instead of linking to it",
    )


def _images(
    interview: Interview, folder: Path, display: str, root: Path
) -> tuple[list[Image], list[Diagnostic]]:
    """Image files named by the sidecar (or the text), checked to exist inside the project."""
    named = dict(interview.meta.images)
    found: list[Image] = []
    problems: list[Diagnostic] = []
    for fig in interview.figures:
        ref = named.get(fig.id) or fig.image
        if not ref or "://" in ref:
            continue
        source = folder / ref
        if not source.resolve().is_relative_to(root.resolve()):
            problems.append(
                warning(
                    display,
                    fig.line,
                    f"image `{ref}` of {fig.id} is outside the project; the figure is shown "
                    "without it",
                    "image-outside",
                    "copy the image into the project, e.g. next to the interview",
                )
            )
            continue
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
