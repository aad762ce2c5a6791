"""Command line: turns reports into output and an exit code; holds no logic."""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

import click

from summitnotes import __version__
from summitnotes.build import build as run_build
from summitnotes.contract import interview_to_json
from summitnotes.diagnostics import Diagnostic, sort_key
from summitnotes.interviews import load_interview

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
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings to stderr.")
def build(project: Path, out: Path | None, base_url: str | None, quiet: bool) -> None:
    """Build the static research site from seeds/, notes/ and templates/.

    \b
    Examples:
      summitnotes build
      summitnotes build my-project --out public --base-url /my-project/
    """
    result = run_build(project, out, base_url)
    report(list(result.diagnostics), quiet)
    if not result.ok:
        click.echo(f"build failed; {result.out} was left as it was", err=True)
        sys.exit(EXIT_ERRORS)
    kinds = ", ".join(f"{n} {kind}" for kind, n in result.pages)
    click.echo(
        f"wrote {result.page_count} pages ({kinds}) to {result.out}, "
        f"{result.warnings} warning{'s' if result.warnings != 1 else ''}, "
        f"in {result.seconds:.2f}s"
    )


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
