"""The write stage: the only code that touches the output folder.

The site is written into a temporary folder next to the output and swapped
in only when every file is written, so a failed build leaves the previous
site as it was. A folder is only ever replaced when it carries our marker
file (or is empty): we never delete what we did not create.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from summitnotes.diagnostics import Diagnostic, error, has_errors
from summitnotes.model import OutputFile

MARKER = ".summitnotes-site"
MARKER_TEXT = b"This folder was built by summitnotes; the next build replaces it whole.\n"


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
) -> list[Diagnostic]:
    """Write every file into a fresh folder, then put it in place of `out`.

    `finish` runs on the complete folder before the swap (the search index);
    if it reports an error, the folder is dropped and `out` stays as it was.
    """
    problems = check_target(out, display)
    if problems:
        return problems
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for f in files:
            _write(staging, f)
        if finish is not None:
            problems = finish(staging)
            if has_errors(problems):
                shutil.rmtree(staging, ignore_errors=True)
                return problems
        (staging / MARKER).write_bytes(MARKER_TEXT)
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a site is meant to be read
        _swap(staging, out)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        where = exc.filename or display
        return [
            error(
                str(where),
                None,
                f"cannot write the site: {exc.strerror or exc}",
                "write-failed",
                "the previous site was left as it was",
            )
        ]
    return problems


def _write(root: Path, f: OutputFile) -> None:
    target = root / f.path
    if root.resolve() not in target.resolve().parents:
        raise OSError(f"refusing to write outside the site: {f.path}")
    target.parent.mkdir(parents=True, exist_ok=True)
    if f.copy_from is not None:
        shutil.copyfile(f.copy_from, target)
    else:
        target.write_bytes(f.data or b"")


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` where `out` is; the old site is removed only after the swap."""
    if not out.exists():
        staging.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()  # only its name is wanted
    out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        old.rename(out)
        raise
    shutil.rmtree(old)
