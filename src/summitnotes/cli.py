"""Command line: turns reports into output and an exit code; holds no logic."""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import NoReturn

import click

from summitnotes import __version__, scaffold
from summitnotes.build import BuildReport
from summitnotes.build import build as run_build
from summitnotes.build import check as run_check
from summitnotes.diagnostics import Diagnostic, sort_key
from summitnotes.progress import Reporter

EXIT_OK = 0
EXIT_WARNINGS = 1
EXIT_ERRORS = 2


def report(diagnostics: list[Diagnostic], quiet: bool = False) -> None:
    """Print diagnostics to stderr, sorted, one a line."""
    for d in sorted(diagnostics, key=sort_key):
        if quiet and d.level != "error":
            continue
        click.echo(d.format(), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="summitnotes")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn interview texts and research notes into a static research site."""
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the parse result as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings to stderr.")
def parse(paths: tuple[Path, ...], as_json: bool, quiet: bool) -> None:
    """Show what the loader understood of interview texts.

    \b
    Examples:
      summitnotes parse seeds/interview.txt
      summitnotes parse seeds/*.txt --json > corpus.json
    """
    from summitnotes.contract import interview_to_json  # each command imports its own stages
    from summitnotes.interviews import load_interview

    results = []
    problems: list[Diagnostic] = []
    for path in paths:
        interview, diagnostics = load_interview(path, str(path))
        problems.extend(diagnostics)
        if interview is not None:
            results.append(interview)
    report(problems, quiet)
    if any(d.level == "error" for d in problems):
        sys.exit(EXIT_ERRORS)
    if as_json:
        data = [interview_to_json(iv) for iv in results]
        out = data[0] if len(paths) == 1 else data
        click.echo(json.dumps(out, ensure_ascii=False, indent=2, sort_keys=False))
        return
    for iv in results:
        click.echo(_summary(iv))


@cli.command()
@click.argument(
    "project", default=".", type=click.Path(path_type=Path, file_okay=False, exists=True)
)
@click.option(
    "--out", type=click.Path(path_type=Path), help="Output folder [default: PROJECT/site]."
)
@click.option(
    "--base-url", help="Path the site is served under, e.g. /repo/ [default: relative links]."
)
@click.option("--no-search", is_flag=True, help="Skip the Pagefind search index.")
@click.option(
    "--strict", is_flag=True, help="Fail on warnings too (broken links in notes, …); write nothing."
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the build cache (.summitnotes/cache): a cold build.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, None),
    help="Processes that parse and render [default: one per core].",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings to stderr.")
@click.option("-v", "--verbose", is_flag=True, help="Print each stage and its time.")
def build(
    project: Path,
    out: Path | None,
    base_url: str | None,
    no_search: bool,
    strict: bool,
    no_cache: bool,
    jobs: int | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Build the static research site from seeds/, notes/ and templates/.

    \b
    Examples:
      summitnotes build
      summitnotes build my-project --out public --base-url /my-project/
      summitnotes build --strict -v        # as in CI: any warning fails the build
    """
    progress = Reporter.for_terminal(quiet, verbose)
    try:
        result = run_build(
            project,
            out,
            base_url,
            strict=strict,
            search=not no_search,
            step=progress,
            jobs=jobs,
            cache=not no_cache,
        )
    finally:
        progress.close()
    report(list(result.diagnostics), quiet)
    if not result.ok:
        why = "" if result.errors else f" ({_plural(result.warnings, 'warning')} and --strict)"
        click.echo(f"build failed{why}; {result.out} was left as it was", err=True)
        sys.exit(EXIT_ERRORS)
    kinds = ", ".join(f"{n} {kind}" for kind, n in result.pages)
    click.echo(
        f"wrote {result.page_count} pages ({kinds}) to {result.out}, "
        f"{result.warnings} warning{'s' if result.warnings != 1 else ''}, "
        f"in {result.seconds:.2f}s"
    )
    if verbose and result.reused:
        click.echo(f"{result.reused} unchanged pages were not rendered again", err=True)


@cli.command()
@click.argument(
    "project", default=".", type=click.Path(path_type=Path, file_okay=False, exists=True)
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="`text`: `path:line: level: message` lines; `json`: one object, for CI.",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too (2 on errors, as always).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors; no summary line.")
@click.option("-v", "--verbose", is_flag=True, help="Also print what would be written.")
def check(project: Path, fmt: str, strict: bool, quiet: bool, verbose: bool) -> None:
    """Find what would make the published site wrong; write nothing.

    Runs the build up to rendering: loader warnings, unresolved links and
    transclusions, notes naming unknown topics, duplicate slugs, interviews
    on no topic, unknown sidecar keys, missing image files, template errors.
    Exit status: 0 clean (or warnings only), 1 warnings with --strict, 2 errors.

    \b
    Examples:
      summitnotes check
      summitnotes check --strict               # before publishing: warnings fail too
      summitnotes check --format json > problems.json
    """
    result = run_check(project, strict=strict)
    shown = [d for d in result.diagnostics if not quiet or d.level == "error"]
    if fmt == "json":
        click.echo(json.dumps(_check_json(result), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        for d in shown:
            click.echo(d.format())
        if not quiet:
            found = (
                f"{_plural(result.errors, 'error')}, {_plural(result.warnings, 'warning')}"
                if result.diagnostics
                else "no problems"
            )
            click.echo(f"checked {project} in {result.seconds:.2f}s: {found}", err=True)
        if verbose and not result.errors:
            kinds = ", ".join(f"{n} {kind}" for kind, n in result.pages)
            click.echo(f"would write {result.page_count} pages ({kinds})", err=True)
    sys.exit(_check_exit(result))


def _check_exit(result: BuildReport) -> int:
    if result.errors:
        return EXIT_ERRORS
    return EXIT_WARNINGS if not result.ok else EXIT_OK


def _check_json(result: BuildReport) -> dict[str, object]:
    return {
        "ok": result.ok,
        "exit": _check_exit(result),
        "errors": result.errors,
        "warnings": result.warnings,
        "diagnostics": [
            {
                "path": d.path,
                "line": d.line,
                "col": d.col,
                "level": d.level,
                "code": d.code,
                "message": d.message,
                "hint": d.hint,
            }
            for d in result.diagnostics
        ],
    }


@cli.command()
@click.argument(
    "project", default=".", type=click.Path(path_type=Path, file_okay=False, exists=True)
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to serve on; the next free one if it is taken; 0 for any.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--search", is_flag=True, help="Build the Pagefind index on every rebuild (slower).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the address.")
@click.option("-v", "--verbose", is_flag=True, help="Also print every request.")
def serve(project: Path, port: int, host: str, search: bool, quiet: bool, verbose: bool) -> None:
    """Preview the site; rebuild and reload open pages on every change.

    Watches seeds/, notes/, templates/ and summitnotes.yaml. A change that breaks
    the build prints the error here and over the open page, and the last good
    site stays up until the file is fixed. Ctrl-C stops. The reload script is
    added only to what is served, never to what `build` writes.

    \b
    Examples:
      summitnotes serve
      summitnotes serve my-project --port 8080
      summitnotes serve --host 0.0.0.0      # reachable from other machines
    """

    def log(line: str) -> None:
        if not quiet or ": error: " in line or line.startswith(("serving", "build failed")):
            click.echo(line, err=not line.startswith("serving"))

    from summitnotes import serve as preview

    try:
        preview.run(project, host, port, log, verbose, search)
    except preview.ServeError as exc:
        click.echo(f"summitnotes serve: error: {exc} (choose another --port or --host)", err=True)
        sys.exit(EXIT_ERRORS)


@cli.command()
@click.argument("kind", type=click.Choice(scaffold.KINDS))
@click.argument("name")
@click.option(
    "--project",
    default=".",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Project folder [default: the current one].",
)
def new(kind: scaffold.Kind, name: str, project: Path) -> None:
    """Start a new interview, note, topic or speaker file.

    \b
    interview  seeds/NAME.txt and its sidecar seeds/NAME.yaml (every key, commented)
    note       notes/NAME.md
    topic      notes/topics/NAME.md
    speaker    notes/speakers/NAME.md
    NAME is made into a file name (`"Water rights"` → `water-rights`). An
    existing file is never overwritten.

    \b
    Examples:
      summitnotes new interview smith-2024-harbour
      summitnotes new topic "Water rights"
      summitnotes new note "First reading of the Smith interview"
    """
    paths, problems = scaffold.create(project, kind, name)
    report(problems)
    if problems:
        sys.exit(EXIT_ERRORS)
    for path in paths:
        click.echo(path.as_posix())


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--templates", is_flag=True, help="Also copy the default templates into templates/ to edit."
)
def init(directory: Path, templates: bool) -> None:
    """Create a new project, ready to build, in a new or empty folder.

    It holds summitnotes.yaml, a sample interview with its sidecar, a topic and
    a note (made up: replace them), templates/ (empty: the packaged templates
    are used until you put a file there), a .gitignore with site/ and a GitHub
    Pages workflow in .github/workflows/pages.yml.

    \b
    Examples:
      summitnotes init my-research && cd my-research && summitnotes serve
      summitnotes init my-research --templates
    """
    paths, problems = scaffold.create_project(directory, templates)
    report(problems)
    if problems:
        sys.exit(EXIT_ERRORS)
    for path in paths:
        click.echo(path.as_posix())
    click.echo(f"next: cd {directory} && summitnotes serve", err=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(iv) -> str:  # type: ignore[no-untyped-def]
    names = {s.id: s.name for s in iv.speakers}
    lines = [f"{iv.source}: {iv.title!r} ({iv.convention})"]
    for s in iv.speakers:
        desc = f", {s.description}" if s.description else ""
        lines.append(f"  speaker {s.id}: {s.name}{desc} [{s.role}]")
    for p in iv.lead:
        lines.append(f"  {p.line:>4} {p.id:<8} {_clip(p.text)}")
    for t in iv.turns:
        time = f" [{t.time}]" if t.time else ""
        lines.append(f"  {t.line:>4} {t.id:<8} {t.kind} by {names[t.speaker]}{time}")
        for p in t.paragraphs:
            lines.append(f"  {p.line:>4}   {p.id:<8} {_clip(p.text)}")
    for f in iv.figures:
        lines.append(f"  {f.line:>4} {f.id:<8} figure after {f.after}: {f.credit}")
    for a in iv.asides:
        lines.append(f"  {a.line:>4} {a.id:<8} {a.kind} after {a.after}: {_clip(a.text)}")
    return "\n".join(lines)


def _clip(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def main() -> None:
    debug = "--debug" in sys.argv
    try:
        cli(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # an internal error, not a user error
        if debug:
            traceback.print_exc()
        click.echo(f"summitnotes: internal error: {exc} (run with --debug for details)", err=True)
        sys.exit(3)


def entry() -> NoReturn:
    """The `summitnotes` command: `main`, then a fast exit (`_exit`)."""
    try:
        main()
    except SystemExit as done:
        _exit(done.code)
    _exit(0)


def _exit(code: object) -> NoReturn:
    """Leave without tearing the heap down object by object: after a build of 10,000
    interviews that took 2.5 s, a third of a rebuild (mypy's `fast_exit` does the same).
    Everything the build writes is closed and in place by now; only the output streams
    are left to flush. Under a profiler or coverage tool it exits normally."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or coverage tool writes its report at exit
    status = code if isinstance(code, int) else 0 if code is None else 1
    if not isinstance(code, int | None):
        print(code, file=sys.stderr)  # what sys.exit would print
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: nothing more can be said
        status = status or 1
    os._exit(status)
