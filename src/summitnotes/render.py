"""The render stage: views through Jinja templates into in-memory output files.

Templates are looked up in the project's `templates/` first, then in the
packaged defaults, so a user overrides one by giving a file the same name.
Autoescape is on and undefined names are errors; every template problem is
reported as `template:line: message`, never as a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import groupby
from pathlib import Path

import jinja2

from summitnotes import parallel, urls
from summitnotes.cache import content_hash
from summitnotes.cite import BIB, CSL
from summitnotes.citefiles import citation_files
from summitnotes.dependencies import reach, stale
from summitnotes.diagnostics import Diagnostic, error
from summitnotes.export import Turns, export_shapes
from summitnotes.feeds import feed_files
from summitnotes.memo import Memo
from summitnotes.model import OutputFile, Site
from summitnotes.page_inputs import DATA_FILES, Inputs, data_key
from summitnotes.pages import Index, Page, PageKey, page, page_keys
from summitnotes.pieces import assemble
from summitnotes.progress import Step, no_step
from summitnotes.search import records_shape
from summitnotes.template_files import DEFAULTS, SEARCH_SCRIPT, STYLESHEET, TEMPLATES


def environment(project_templates: Path) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(str(project_templates)),
            jinja2.FileSystemLoader(str(DEFAULTS)),
        ]
    )
    return jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(
    site: Site,
    root: Path,
    step: Step = no_step,
    jobs: int | None = 1,
    memo: Memo | None = None,
    sink: Callable[[OutputFile], OutputFile] | None = None,
) -> tuple[list[OutputFile], list[Diagnostic]]:
    """Every file of the site, or diagnostics saying which template failed where.

    Pages are rendered in up to `jobs` processes; the files are the same whatever `jobs`.
    With a `memo`, a page made from what the last build rendered it from is taken
    from the current site instead (`memo.py`). Each file is passed to `sink` as it is
    made (the write stage), and what `sink` returns is kept instead."""
    project_templates = root / "templates"
    env = environment(project_templates)
    where = _Where(root, project_templates)
    problems: list[Diagnostic] = []
    for name in TEMPLATES:  # compile all first: every syntax error in one run
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(
                error(
                    where(exc.filename, name),
                    exc.lineno,
                    exc.message or str(exc),
                    "template-syntax",
                )
            )
        except jinja2.TemplateNotFound as exc:
            problems.append(
                error(
                    where(None, name), None, f"template not found: {exc.name}", "template-missing"
                )
            )
    if problems:
        return [], problems
    files: list[OutputFile] = []
    index = Index(site)
    keys = page_keys(site, index.topic_pages)
    paths: list[str] = []
    add = sink if sink is not None else _keep
    inputs = Inputs(memo, index) if memo is not None else None
    kept: dict[int, list[Rendered]] = {}
    settled = False
    if memo is not None and inputs is not None:
        memo.reach.update(reach(index))
        unsettled = stale(memo.reached, memo.reach, memo.edited)
        if unsettled is not None and memo.edited is not None:  # only what they reach
            kept = _kept(keys, memo, inputs, unsettled)
            settled = all(rel.startswith("notes/") for rel in memo.edited)
    shared = (index, env, where, memo, inputs)
    todo = [k for n, k in enumerate(keys) if n not in kept]
    if parallel.pooled(todo, jobs):
        index.complete()
    made_here = _rendered(todo, jobs, shared)
    try:
        for n, (kind, i) in enumerate(keys):
            made = kept[n] if n in kept else next(made_here)
            paths.append(made[0][0])  # the page, then an interview's citation files
            if kind == "interview" and inputs is not None:
                inputs.remember(i, made[1][2])  # its citations are keyed by its core
            files += [add(f) for f in _output(made, memo, problems)]
    finally:
        made_here.close()  # its workers exit now, before the exports are made
    # the exports, in this process after the pages: a worker making them would hold a
    # copy of the whole site model (memory), for little gain on two cores (measured)
    data = _settled_data(memo) if settled else None
    made_data = _data(site, memo, inputs) if data is None else data  # made one at a time
    files += [add(f) for f in _output(made_data, memo, problems)]
    step("render", len(keys), len(keys))
    try:
        css, _, _ = env.loader.get_source(env, STYLESHEET)  # type: ignore[union-attr]
    except jinja2.TemplateNotFound:
        problems.append(
            error(where(None, STYLESHEET), None, "stylesheet not found", "template-missing")
        )
        css = ""
    script, _, _ = env.loader.get_source(env, SEARCH_SCRIPT)  # type: ignore[union-attr]
    for other in (
        [OutputFile(urls.STYLESHEET, css.encode("utf-8"))],
        [OutputFile(urls.SEARCH_SCRIPT, script.encode("utf-8"))],
        feed_files(site, paths, memo),
        [OutputFile(urls.image(i.interview, i.name), copy_from=i.source) for i in site.images],
    ):
        files += [add(f) for f in other]
    return sorted(files, key=lambda f: f.path), _unique(problems)


def _rendered(
    todo: list[PageKey], jobs: int | None, shared: tuple[object, ...]
) -> Iterator[list[Rendered]]:
    """The files of each page of `todo`, in order. Topic and speaker pages get workers of
    their own, replaced more often (`parallel.TASKS_PER_QUOTING_WORKER`)."""
    for quoting, run in groupby(todo, key=lambda key: key[0] in QUOTING_KINDS):
        tasks = parallel.TASKS_PER_QUOTING_WORKER if quoting else parallel.TASKS_PER_WORKER
        yield from parallel.stream(_render_chunk, list(run), jobs, shared, tasks)


QUOTING_KINDS = ("topic", "topic-page", "speaker")
"""Pages that quote many interviews: a topic's 25 a page, a speaker's every one they
speak in."""


def _output(
    made: Iterable[Rendered], memo: Memo | None, problems: list[Diagnostic]
) -> Iterator[OutputFile]:
    """The files a worker made; a file taken from the current site has no bytes."""
    for path, data, key, digest, problem in made:
        if problem:
            problems.append(problem)
        elif data is None and memo is not None and key is not None and digest is not None:
            yield memo.hit(path, key, digest)
        else:
            yield OutputFile(path, data, digest=digest, key=key)


def _keep(f: OutputFile) -> OutputFile:
    return f


Rendered = tuple[str, bytes | None, str | None, str | None, Diagnostic | None]
"""(path, bytes or None when reused, memo key, content hash, problem)."""


def _render_chunk(keys: Sequence[PageKey]) -> list[list[Rendered]]:
    """The files of each page, made in a worker from the index and templates the parent
    set up: the page, and for an interview its citation files."""
    index, env, where, memo, inputs = parallel.shared()
    made: list[list[Rendered]] = []
    for key in keys:
        files = [_page_file(index, env, where, memo, inputs, key)]
        if key[0] == "interview":
            files += _citations(index.site, key[1], memo, inputs)
        made.append(files)
    return made


def _page_file(
    index: Index,
    env: jinja2.Environment,
    where: _Where,
    memo: Memo | None,
    inputs: Inputs | None,
    key: PageKey,
) -> Rendered:
    if memo is None or inputs is None:
        p = page(index, key)
        html, problem = _render_page(env, p, where)
        return (p.path, html.encode("utf-8"), None, None, problem)
    early = inputs.key(key)  # an interview or topic page: known by its inputs
    if early is not None:
        digest = memo.reused(*early)
        if digest is not None:
            return (early[0], None, early[1], digest, None)
    p = page(index, key)
    if early is None:  # known by its context
        memo_key = memo.key(p)
        digest = memo.reused(p.path, memo_key)
        if digest is not None:
            return (p.path, None, memo_key, digest, None)
    else:
        memo_key = early[1]
    html, problem = _render_page(env, p, where)
    data = html.encode("utf-8")
    return (p.path, data, memo_key, content_hash(data), problem)


def _kept(
    keys: Sequence[PageKey], memo: Memo, inputs: Inputs, unsettled: frozenset[str]
) -> dict[int, list[Rendered]]:
    """The pages (by position in `keys`), with an interview's citation files, whose key
    is the last build's: no edited note or interview reaches them (`dependencies.py`)
    and their files are as it left them. An interview's citations are made from it
    alone, and go with its page."""
    kept: dict[int, list[Rendered]] = {}
    for n, key in enumerate(keys):
        path = inputs.path(key)
        if path is None or path in unsettled:
            continue
        paths = [path]
        if key[0] == "interview":
            folder = path.removesuffix("index.html")
            paths += [folder + BIB, folder + CSL]
        found = [memo.known.get(p) for p in paths]
        if all(found):
            kept[n] = [(p, None, k[0], k[1], None) for p, k in zip(paths, found, strict=True) if k]
    return kept


def _settled_data(memo: Memo) -> list[Rendered] | None:
    """The exports and search records as the last build made them, when only notes
    changed (they are made from the interviews, topics and people alone)."""
    found = [memo.known.get(p) for p in DATA_FILES]
    if not all(found):
        return None
    return [(p, None, k[0], k[1], None) for p, k in zip(DATA_FILES, found, strict=True) if k]


def _citations(site: Site, i: int, memo: Memo | None, inputs: Inputs | None) -> list[Rendered]:
    """`cite.bib` and `cite.json` of interview `i`: made from it and the config only."""
    iv = site.interviews[i]

    def make() -> list[OutputFile]:
        return citation_files(replace(site, interviews=(iv,)))

    if memo is None or inputs is None:
        return [(f.path, f.data, None, None, None) for f in make()]
    folder = urls.interview(iv.slug).removesuffix("index.html")
    return list(_memoized(memo, (folder + BIB, folder + CSL), inputs.core(i), make))


def _data(site: Site, memo: Memo | None, inputs: Inputs | None) -> Iterator[Rendered]:
    """Exports and search records, one file at a time; with a `memo`, taken from the
    current site when their inputs did not change (`page_inputs.DATA_FILES`), else made
    with the pieces of the interviews that did not change copied from it (`pieces.py`)."""
    n = len(site.interviews)
    cores: list[str | None] = [None] * n if inputs is None else [inputs.core(i) for i in range(n)]

    def make() -> Iterator[OutputFile]:
        turns = Turns(site)  # the exports and search records share the turn rows
        for shape in [*export_shapes(site, turns), records_shape(site, turns)]:
            old, layout = memo.old_data(shape.path) if memo is not None else (None, None)
            data, made = assemble(shape, cores, old, layout)
            del old
            if memo is not None:
                memo.made[shape.path] = made
            yield OutputFile(shape.path, data, digest=made.digest)

    if memo is None or inputs is None:
        return ((f.path, f.data, None, None, None) for f in make())
    return _memoized(memo, DATA_FILES, data_key(memo, site, cores), make)


def _memoized(
    memo: Memo, paths: Sequence[str], key: str | None, make: Callable[[], Iterable[OutputFile]]
) -> Iterator[Rendered]:
    return ((f.path, f.data, f.key, _digest(f), None) for f in memo.reuse_or_make(paths, key, make))


def _digest(f: OutputFile) -> str | None:
    """The content hash of a file, hashed only when its maker did not say it."""
    if f.digest is not None or f.data is None:
        return f.digest
    return content_hash(f.data)


def _render_page(
    env: jinja2.Environment, page: Page, where: _Where
) -> tuple[str, Diagnostic | None]:
    try:
        return env.get_template(page.template).render(page.context), None
    except jinja2.TemplateError as exc:
        filename, line = _template_frame(exc)
        name = page.template if filename is None else Path(filename).name
        message = getattr(exc, "message", None) or str(exc)
        return "", error(
            where(filename, name), line, f"{message} (rendering {page.path})", "template-render"
        )


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in the traceback; Jinja rewrites frames for this."""
    found: tuple[str | None, int | None] = (
        getattr(exc, "filename", None),
        getattr(exc, "lineno", None),
    )
    tb = exc.__traceback__ or sys.exc_info()[2]
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".css", ".xml")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


class _Where:
    """Names a template file for a diagnostic: `templates/x.html` for the user's,
    `<summitnotes>/templates/x.html` for a packaged default."""

    def __init__(self, root: Path, project_templates: Path) -> None:
        self.root = root
        self.project_templates = project_templates

    def __call__(self, filename: str | None, name: str) -> str:
        if filename is None:
            filename = str(self.project_templates / name)
            if not Path(filename).exists():
                filename = str(DEFAULTS / name)
        path = Path(filename)
        if path.is_relative_to(self.project_templates):
            return path.relative_to(self.root).as_posix()
        return "<summitnotes>/templates/" + path.name


def _unique(problems: list[Diagnostic]) -> list[Diagnostic]:
    """The same broken template fails every page that uses it: report it once."""
    seen: dict[tuple[str, int | None], Diagnostic] = {}
    for p in problems:
        seen.setdefault((p.path, p.line), p)
    return list(seen.values())
