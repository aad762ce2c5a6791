"""`summitnotes build` and `check`: load → resolve → render (→ write), and a report.

`stages` runs stages 1 to 3 and writes nothing; `build` adds the write stage,
`check` only reports. Both return every diagnostic of the run, sorted.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summitnotes import heap, incremental, urls
from summitnotes.cache import Cache
from summitnotes.config import normalize_base_url
from summitnotes.diagnostics import Diagnostic, has_errors, sort_key
from summitnotes.memo import Memo
from summitnotes.model import OutputFile, Site
from summitnotes.progress import Step, no_step
from summitnotes.write import Staging, check_out_folder, check_target

if TYPE_CHECKING:
    from summitnotes.resolve import Matches

# The stages (Markdown, Jinja, the views) are imported when a build has work to do: a
# build that finds nothing changed needs only the cache, and starts 0.3 s sooner.

UTILITY_PAGES = {urls.SEARCH, urls.NOT_FOUND}
"""Not counted as pages of the site in the report."""


@dataclass(frozen=True)
class BuildReport:
    out: Path
    diagnostics: tuple[Diagnostic, ...]
    pages: tuple[tuple[str, int], ...]
    """(kind, count) pairs: `interviews`, `topics`, `speakers`, `notes`, `index` (home, lists)."""
    files: int
    seconds: float
    strict: bool = False
    """Warnings count as errors: with any, nothing was written."""
    reused: int = 0
    """Pages not rendered again: their context was the one the last build rendered."""

    @property
    def ok(self) -> bool:
        """True when the site was (or, for `check`, would be) written."""
        return not has_errors(self.diagnostics) and not (self.strict and self.warnings)

    @property
    def errors(self) -> int:
        return sum(d.level == "error" for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.level == "warning" for d in self.diagnostics)

    @property
    def page_count(self) -> int:
        return sum(n for _, n in self.pages)


def prepare(
    root: Path,
    base_url: str | None = None,
    step: Step = no_step,
    jobs: int | None = 1,
    cache: Cache | None = None,
) -> tuple[Site | None, list[Diagnostic]]:
    """Stages 1 and 2, load → resolve: the site, or None after an error, and every problem."""
    from summitnotes.linkscan import seed
    from summitnotes.project import load_project
    from summitnotes.resolve import resolve

    project, problems = load_project(root, step, jobs, cache)
    if cache and cache.notes:
        seed((n, found) for n, _, found in cache.notes.values() if n and found)
    heap.settle()
    if base_url is not None:
        project = replace(
            project, config=replace(project.config, base_url=normalize_base_url(base_url))
        )
    if has_errors(problems):
        return None, problems
    step("resolve", 0, 0)
    seen: Matches = {}
    known = cache.load_matches() if cache else None
    site, found = resolve(project, known, seen, cache.contents if cache else None)
    heap.settle()
    if cache:
        cache.save_matches(seen)
        cache.save_notes(_scanned)
    problems += found
    return (None if has_errors(problems) else site), problems


def _scanned(entry: tuple[Any, Any, Any]) -> tuple[Any, Any, Any]:
    """A cached note with its link scan (`linkscan.scan`, cached in this process)."""
    from summitnotes.linkscan import scan

    note, diagnostics, found = entry
    if found is None and note is not None:
        return note, diagnostics, scan(note)
    return entry


def stages(
    root: Path,
    base_url: str | None = None,
    step: Step = no_step,
    jobs: int | None = 1,
    cache: Cache | None = None,
    memo: Memo | None = None,
) -> tuple[list[OutputFile], list[Diagnostic]]:
    """Stages 1 to 3, load → resolve → render: the site's files in memory, and every problem.

    A stage runs only when the ones before it found no error. Nothing is written but
    the `cache` of parsed interviews. `jobs` processes parse and render (None: every core);
    the files are the same whatever `jobs` and whatever the cache and `memo` hold.
    """
    from summitnotes.render import render

    with heap.build_scope():
        site, problems = prepare(root, base_url, step, jobs, cache)
        if site is None:
            return [], problems
        step("render", 0, 0)
        files, found = render(site, root, step, jobs, memo)
        return files, problems + found


def build(
    root: Path,
    out: Path | None = None,
    base_url: str | None = None,
    strict: bool = False,
    step: Step = no_step,
    search: bool = False,
    jobs: int | None = 1,
    cache: bool = False,
) -> BuildReport:
    """Build the project in `root` into `out` (default `root/site`); nothing is written on
    error, nor on a warning when `strict`.

    `search` runs Pagefind on the written site, before it replaces `out` (the CLI asks for
    it unless `--no-search`; the Pagefind bundle is not byte-stable, see `searchindex.py`).

    With `cache` (the CLI's default), the build uses `PROJECT/.summitnotes/cache`
    (`cache.py`): nothing is done when no input changed since the last build, unchanged
    interviews are not parsed again, pages rendered from the same context are not rendered
    again (`memo.py`), and unchanged files are not written again."""
    with heap.build_scope():
        return _build(root, out, base_url, strict, step, search, jobs, cache)


def _build(
    root: Path,
    out: Path | None,
    base_url: str | None,
    strict: bool,
    step: Step,
    search: bool,
    jobs: int | None,
    cache: bool,
) -> BuildReport:
    start = time.perf_counter()
    out = out if out is not None else root / "site"
    display = _display(out, root)
    problems = check_out_folder(root, out, display) or check_target(out, display)  # fail early
    store = Cache.open(root, cache)
    plan = incremental.plan(store, root, out, f"{base_url!r} {strict} {search}")
    if not problems and plan.unchanged is not None:
        return _report(out, plan.unchanged.diagnostics, [], start, strict, plan.unchanged)
    files: list[OutputFile] = []
    site = None
    if not problems:
        site, problems = prepare(root, base_url, step, jobs, store)
        problems += store.problems
    if site is not None and not _stopped(problems, strict):
        from summitnotes.render import render
        from summitnotes.searchindex import index_site

        # pages are written as they are rendered: the site is never whole in memory
        staging = Staging(out, display, plan.reuse, plan.previous, plan.digest)
        opened = staging.open()
        problems += opened
        if not opened:
            step("render", 0, 0)
            memo = None
            if plan.memo:
                memo = replace(plan.memo, contents=store.contents, layouts=store.load_layouts)
            files, found = render(site, root, step, jobs, memo, staging.add)
            problems += found
            if _stopped(problems, strict):
                staging.drop()
            else:
                step("write", 0, 0)
                found = staging.commit(index_site if search else None)
                problems += found
                if not has_errors(found):
                    plan.done(
                        files, problems, _count(files), memo.reach if memo else None, staging.stats
                    )
                    store.save_layouts(memo.made if memo else {})
    return _report(out, problems, files, start, strict)


def _stopped(problems: list[Diagnostic], strict: bool) -> bool:
    """Nothing is written after an error, nor after a warning when `strict`."""
    return has_errors(problems) or (strict and any(d.level == "warning" for d in problems))


def check(root: Path, base_url: str | None = None, strict: bool = False) -> BuildReport:
    """Stages 1 to 3 only: what `build` would report, without writing anything."""
    start = time.perf_counter()
    files, problems = stages(root, base_url)
    return _report(root, problems, files, start, strict)


def _report(
    out: Path,
    problems: Iterable[Diagnostic],
    files: list[OutputFile],
    start: float,
    strict: bool,
    same: incremental.LastBuild | None = None,
) -> BuildReport:
    """`same`: nothing changed since that build, which wrote what it reports."""
    diagnostics = tuple(sorted(set(problems), key=sort_key))
    return BuildReport(
        out,
        diagnostics,
        same.pages if same else _count(files) if not has_errors(diagnostics) else (),
        same.files if same else len(files),
        time.perf_counter() - start,
        strict,
        sum(_reused_page(f) for f in files),
    )


def _reused_page(f: OutputFile) -> bool:
    """A page taken from the current site, not rendered again (`memo.py`)."""
    return f.key is not None and f.copy_from is not None and f.path.endswith(".html")


def _count(files: list[OutputFile]) -> tuple[tuple[str, int], ...]:
    kinds = Counter(  # a section's pages: `topics/x/index.html`, `topics/x/page/2/index.html`
        f.path.split("/")[0] if f.path.count("/") >= 2 else "index"
        for f in files
        if f.path.endswith(".html") and f.path not in UTILITY_PAGES
    )
    return tuple(sorted(kinds.items()))


def _display(out: Path, root: Path) -> str:
    try:
        return out.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(out)
