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
from contextlib import ExitStack
from pathlib import Path

from summitnotes import swaplock
from summitnotes.cache import content_hash
from summitnotes.diagnostics import Diagnostic, error, has_errors
from summitnotes.model import OutputFile
from summitnotes.previous import Previous, keep, prune, take, unchanged

MARKER = swaplock.MARKER
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


class Staging:
    """A new site written next to `out`, file by file, then put in its place at once.

    Files are written as they come (`add`), so a build need not hold the whole site
    in memory; nothing replaces `out` until `commit`, and `drop` leaves it as it was.
    `reuse` names a file of the current site holding exactly a file's bytes, if one
    does: it is hard-linked instead of written (incremental builds). `previous`: the
    site before the current one, kept (in the cache) to be updated into this one
    instead of writing every file (`previous.py`); `digest` gives a file's content
    hash to compare with it. The replaced site is then kept in its place.
    """

    def __init__(
        self,
        out: Path,
        display: str,
        reuse: Callable[[OutputFile], Path | None] | None = None,
        previous: Previous | None = None,
        digest: Callable[[OutputFile], str | None] | None = None,
    ) -> None:
        self.out = out
        self.display = display
        self.reuse = reuse
        self.previous = previous
        self.digest = digest
        self.folder: Path | None = None
        self.problems: list[Diagnostic] = []
        """The first write error: later files are not written, and `commit` drops all."""
        self._locks = ExitStack()
        self._kept: Previous | None = None
        self._folders: set[str] = set()
        self._written: set[str] = {MARKER}
        self.stats: dict[str, tuple[int, int]] = {}
        """Path → (size, mtime_ns) of each file as it is in the folder, for the cache's
        record: known without a second look at the files kept unchanged."""

    def open(self) -> list[Diagnostic]:
        """Make the folder (or take the kept previous site); problems if `out` is not ours."""
        problems = check_target(self.out, self.display)
        if problems:
            return problems
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            prefix = swaplock.staging_prefix(self.out)
            self.folder = Path(tempfile.mkdtemp(prefix=prefix, dir=self.out.parent))
            held = None
            if self.previous is not None:
                self.folder.rmdir()  # only its name is wanted
                held = take(self.previous, self.folder)
                if held is None:
                    self.folder.mkdir()
                else:
                    self._kept = self.previous
            # ours while we live: never cleaned up under us
            self._locks.enter_context(swaplock.claim(self.folder, held))
            if not (self.folder / MARKER).is_file():  # a kept site has it: never without
                (self.folder / MARKER).write_bytes(MARKER_TEXT)  # first: leftovers are known
        except OSError as exc:
            return self._failed(exc) + self.drop()
        return []

    def add(self, f: OutputFile) -> OutputFile:
        """Write `f`; returns it without its bytes, which are on disk now."""
        digest = self.digest(f) if self.digest is not None else f.digest
        slim = OutputFile(f.path, None, f.copy_from, digest, f.key)  # not `replace`: slow
        if self.folder is None or self.problems:
            return slim
        self._written.add(f.path)
        try:
            if self._kept is not None:
                kept = unchanged(self.folder, f, self._kept, digest)
                if kept is not None:
                    self.stats[f.path] = kept
                    return slim
                (self.folder / f.path).unlink(missing_ok=True)  # maybe a link to the live site
            same = self.reuse(f) if self.reuse is not None else None
            _write(self.folder, f, self._folders, same)
            st = os.stat(self.folder / f.path)
            self.stats[f.path] = (st.st_size, st.st_mtime_ns)
        except OSError as exc:
            self.problems = self._failed(exc)
        return slim

    def commit(self, finish: Callable[[Path], list[Diagnostic]] | None = None) -> list[Diagnostic]:
        """Put the folder in place of `out`. `finish` runs on the complete folder first
        (the search index); if it reports an error, the folder is dropped."""
        if self.folder is None or self.problems:
            return self.problems + self.drop()
        staging = self.folder
        try:
            if self._kept is not None:
                prune(staging, self._written)  # what the kept site has and this one lacks
            problems = finish(staging) if finish is not None else []
            if has_errors(problems):
                return problems + self.drop()
            os.chmod(staging, 0o755)  # mkdtemp makes it private; a site is meant to be read
            with swaplock.turn(self.out, self.display) as waited:
                if waited:
                    return waited + self.drop()
                swaplock.clean_leftovers(self.out, MARKER)
                taken = check_target(self.out, self.display)  # again: another build may have run
                if taken:
                    return taken + self.drop()
                old = _swap(staging, self.out)
            self._locks.close()
        except OSError as exc:
            return self._failed(exc) + self.drop()
        if old is not None and self.previous is not None:
            keep(old, self.previous)
        elif old is not None:
            swaplock.remove_site(old, MARKER)
        return problems

    def drop(self) -> list[Diagnostic]:
        """Remove the folder: `out` stays as it was."""
        self._locks.close()
        if self.folder is not None:
            swaplock.remove_site(self.folder, MARKER)
            self.folder = None
        return []

    def _failed(self, exc: OSError) -> list[Diagnostic]:
        return [
            error(
                self.display,
                None,
                f"cannot write the site: {exc.strerror or exc}{_naming(exc, self.folder)}",
                "write-failed",
                "the previous site was left as it was",
            )
        ]


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
