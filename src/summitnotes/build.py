"""`summitnotes build`: load → resolve → render → write, and a report of what happened."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from summitnotes.config import normalize_base_url
from summitnotes.diagnostics import Diagnostic, has_errors, sort_key
from summitnotes.model import OutputFile
from summitnotes.project import load_project
from summitnotes.render import render
from summitnotes.resolve import resolve
from summitnotes.write import check_target, write_site


@dataclass(frozen=True)
class BuildReport:
    out: Path
    diagnostics: tuple[Diagnostic, ...]
    pages: tuple[tuple[str, int], ...]
    """(kind, count) pairs: `interviews`, `topics`, `speakers`, `notes`, `index` (home, lists)."""
    files: int
    seconds: float

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.level == "warning" for d in self.diagnostics)

    @property
    def page_count(self) -> int:
        return sum(n for _, n in self.pages)


def build(root: Path, out: Path | None = None, base_url: str | None = None) -> BuildReport:
    """Build the project in `root` into `out` (default `root/site`); nothing is written on error."""
    start = time.perf_counter()
    out = out if out is not None else root / "site"
    display = _display(out, root)
    files: list[OutputFile] = []
    project, problems = load_project(root)
    problems += check_target(out, display)  # fail early, before the work
    if base_url is not None:
        project = replace(
            project, config=replace(project.config, base_url=normalize_base_url(base_url))
        )
    if not has_errors(problems):
        site, found = resolve(project)
        problems += found
        if not has_errors(problems):
            files, found = render(site, root)
            problems += found
    if not has_errors(problems):
        problems += write_site(files, out, display)
    diagnostics = tuple(sorted(set(problems), key=sort_key))
    return BuildReport(
        out,
        diagnostics,
        _count(files) if not has_errors(diagnostics) else (),
        len(files),
        time.perf_counter() - start,
    )


def _count(files: list[OutputFile]) -> tuple[tuple[str, int], ...]:
    kinds = Counter(
        f.path.split("/")[0] if f.path.count("/") == 2 else "index"
        for f in files
        if f.path.endswith(".html")
    )
    return tuple(sorted(kinds.items()))


def _display(out: Path, root: Path) -> str:
    try:
        return out.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(out)
