"""The write stage: the only code that touches the output folder.

The site is written into a temporary folder next to the output and swapped
in only when every file is written, so a failed build leaves the previous
site as it was. A folder is only ever replaced when it carries our marker
file (or is empty): we never delete what we did not create.

A build killed at any moment leaves the previous site complete: the swap is
one atomic exchange of two folders where the system has one (Linux), and the
temporary folders a killed build leaves are removed by the next build. Two
builds at once write into folders of their own and take turns at the swap
(see `swaplock.py`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from summitnotes import swaplock
from summitnotes.cache import content_hash
from summitnotes.diagnostics import Diagnostic, error, has_errors
from summitnotes.model import OutputFile
from summitnotes.previous import Previous, keep, prune, take, unchanged

MARKER = ".summitnotes-site"
MARKER_TEXT = b"This folder was built by summitnotes; the next build replaces it whole.\n"


SOURCE_FOLDERS = ("seeds", "notes", "templates")
"""Project folders the output may never be, nor be inside."""


def check_out_folder(root: Path, out: Path, display: str) -> list[Diagnostic]:
    """Why `out` may not be the output folder of the project in `root`, if it may not."""
    target, project = out.resolve(), root.resolve()
    if target == project or target in project.parents:
        what = "the project folder" if target == project else "a folder the project is in"
        return [_bad_out(display, f"is {what}; the build would replace your files")]
    for name in SOURCE_FOLDERS:
        source = project / name
        if target == source or source in target.parents:
            return [_bad_out(display, f"is in the project's {name}/ folder, which the build reads")]
    return []


def _bad_out(display: str, why: str) -> Diagnostic:
    return error(
        display,
        None,
        f"cannot be the output folder: it {why}",
        "out-unsafe",
        "choose another --out, e.g. site",
    )


def check_target(out: Path, display: str) -> list[Diagnostic]:
    """Why `out` may not be replaced, if it may not."""
    if not out.exists():
        return []
    if not out.is_dir():
        return [
            error(
                display,
                None,
                "exists and is not a folder; not replacing it",
                "out-not-folder",
                "choose another --out",
            )
        ]
    if (out / MARKER).is_file() or not any(out.iterdir()):
        return []
    return [
        error(
            display,
            None,
            f"exists and was not built by summitnotes (no {MARKER} file); not replacing it",
            "out-foreign",
            "choose another --out, or delete the folder yourself",
        )
    ]


def write_site(
    files: list[OutputFile],
    out: Path,
    display: str,
    finish: Callable[[Path], list[Diagnostic]] | None = None,
    reuse: Callable[[OutputFile], Path | None] | None = None,
    previous: Previous | None = None,
    digest: Callable[[OutputFile], str | None] | None = None,
) -> list[Diagnostic]:
    """Write every file into a fresh folder, then put it in place of `out`.

    `finish` runs on the complete folder before the swap (the search index);
    if it reports an error, the folder is dropped and `out` stays as it was.
    `reuse` names a file of the current site holding exactly a file's bytes, if
    one does: it is hard-linked instead of written (incremental builds).
    `previous`: the site before the current one, kept (in the cache) to be updated into
    this one instead of writing every file (`previous.py`); `digest` gives a file's
    content hash to compare with it. The replaced site is then kept in its place.
    """
    problems = check_target(out, display)
    if problems:
        return problems
    staging: Path | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=swaplock.staging_prefix(out), dir=out.parent))
        held = None
        if previous is not None:
            staging.rmdir()  # only its name is wanted
            held = take(previous, staging)
            if held is None:
                staging.mkdir()
        with swaplock.claim(staging, held):  # ours while we live: never cleaned up under us
            (staging / MARKER).unlink(missing_ok=True)
            (staging / MARKER).write_bytes(MARKER_TEXT)  # first, so leftovers are recognisable
            folders: set[str] = set()
            kept = previous if held is not None else None
            if kept is not None:
                folders = prune(staging, {f.path for f in files} | {MARKER})
            for f in files:
                same = reuse(f) if reuse is not None else None
                if kept is not None:
                    if unchanged(staging, f, kept, digest(f) if digest else None):
                        continue
                    (staging / f.path).unlink(missing_ok=True)  # maybe a link to the live site
                _write(staging, f, folders, same)
            if finish is not None:
                problems = finish(staging)
                if has_errors(problems):
                    shutil.rmtree(staging, ignore_errors=True)
                    return problems
            os.chmod(staging, 0o755)  # mkdtemp makes it private; a site is meant to be read
            with swaplock.turn(out, display) as waited:
                if waited:
                    return waited + _drop(staging)
                swaplock.clean_leftovers(out, MARKER)
                taken = check_target(out, display)  # again: another build may have run
                if taken:
                    return taken + _drop(staging)
                old = _swap(staging, out)
        if old is not None and previous is not None:
            keep(old, previous)
        elif old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        return [
            error(
                display,
                None,
                f"cannot write the site: {exc.strerror or exc}{_naming(exc, staging)}",
                "write-failed",
                "the previous site was left as it was",
            )
        ]
    return problems


def _write(root: Path, f: OutputFile, folders: set[str], same: Path | None = None) -> None:
    """`folders`: those already made in `root`, so each is made once."""
    parts = f.path.split("/")
    if f.path.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise OSError(f"refusing to write outside the site: {f.path}")
    target = root / f.path
    folder = f.path.rpartition("/")[0]
    if folder and folder not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(folder)
    if same is not None:
        try:
            os.link(same, target)  # the same bytes: a new name for them, nothing written
            return
        except OSError:
            pass
    if f.copy_from is not None and f.digest is not None:  # a page of the current site
        data = Path(f.copy_from).read_bytes()
        if content_hash(data) != f.digest:
            raise OSError(f"{f.path} was changed during the build; build again")
        target.write_bytes(data)
    elif f.copy_from is not None:
        shutil.copyfile(f.copy_from, target)
    else:
        target.write_bytes(f.data or b"")


def _naming(exc: OSError, staging: Path | None) -> str:
    """` (file)`: the file the system refused, inside the site where it was one of ours."""
    if not exc.filename or not exc.strerror:
        return ""
    path = Path(exc.filename)
    if staging is not None and path.is_relative_to(staging):
        return f" (writing {path.relative_to(staging).as_posix()})"
    return f" ({path})"


def _drop(staging: Path) -> list[Diagnostic]:
    shutil.rmtree(staging, ignore_errors=True)
    return []


def _swap(staging: Path, out: Path) -> Path | None:
    """Put `staging` where `out` is; returns where the old site now is, to be removed."""
    if not out.exists():
        staging.rename(out)
        return None
    if swaplock.exchange(staging, out):
        return staging  # the two folders traded places in one step
    old = Path(tempfile.mkdtemp(prefix=swaplock.old_prefix(out), dir=out.parent))
    old.rmdir()  # only its name is wanted
    out.rename(old)  # a kill from here to the next line leaves `old`: the next build restores it
    try:
        staging.rename(out)
    except OSError:
        old.rename(out)
        raise
    return old
