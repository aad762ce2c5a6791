"""Safe swapping of the output folder when builds are killed or run at once.

- Each build writes into a temporary folder of its own, named after the output
  (`.site.new-xxxx` next to `site/`), and holds a lock on it while it lives.
- Builds take turns at the swap: a lock on the folder that holds the output.
  A second build waits for its turn (the first one's swap takes moments).
- At its turn, a build removes what killed builds left: temporary folders of
  ours (by name, and our marker inside or empty) that no live build holds.
- The swap itself is one atomic exchange of the two folders where the system
  has one (Linux `renameat2`); elsewhere it is two renames, and if a build is
  killed between them the next build puts the previous site back.

Locks are `flock` locks, which the system releases when a process dies, so a
killed build never leaves a stale lock. A forked process shares its parent's locks,
so the render pool's workers close theirs at once (`_forget`): a worker that outlived
a killed build would hold its folder, which the next build then took for a live one.
Without `fcntl` (Windows) there are no locks and leftovers stay for the user to delete.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from summitnotes.diagnostics import Diagnostic, error

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

MARKER = ".summitnotes-site"
"""The file in every site folder a build makes (`write.py`): a folder is ours to replace
or delete only with it."""
WAIT_SECONDS = 60.0
"""How long a build waits for another one's swap before it gives up."""
FRESH_SECONDS = 60.0
"""An empty temporary folder younger than this may be a build that has just started."""


def staging_prefix(out: Path) -> str:
    return f".{out.name}.new-"


def old_prefix(out: Path) -> str:
    return f".{out.name}.old-"


@contextmanager
def claim(folder: Path, held: int | None = None) -> Iterator[None]:
    """Hold a lock on `folder` while the build writing into it lives; `held`: a lock
    on it already taken with `hold` (before the folder was moved there)."""
    fd = held if held is not None else _lock(folder, blocking=False)
    try:
        yield
    finally:
        if fd is not None:
            release(fd)


def hold(folder: Path) -> int | None:
    """A lock on `folder` (released by closing the descriptor), or None if it is taken."""
    return _lock(folder, blocking=False)


@contextmanager
def turn(out: Path, display: str) -> Iterator[list[Diagnostic]]:
    """Wait for this build's turn to swap `out`; yields [] at its turn, or an error if
    another build held the turn for longer than `WAIT_SECONDS`."""
    deadline = time.monotonic() + WAIT_SECONDS
    fd = _lock(out.parent, blocking=False)
    while fd is None and fcntl is not None and time.monotonic() < deadline:
        time.sleep(0.05)
        fd = _lock(out.parent, blocking=False)
    if fd is None and fcntl is not None:
        yield [
            error(
                display,
                None,
                f"another summitnotes build has been replacing this folder for "
                f"{WAIT_SECONDS:.0f} s; not waiting longer",
                "out-busy",
                "the previous site was left as it was; run the build again when the other ends",
            )
        ]
        return
    try:
        yield []
    finally:
        if fd is not None:
            release(fd)


def clean_leftovers(out: Path, marker: str) -> None:
    """Remove the temporary folders of killed builds; put back a site a killed swap moved away.

    Call only at this build's turn."""
    if fcntl is None:
        return
    ours = [
        p
        for p in out.parent.iterdir()
        if p.name.startswith((staging_prefix(out), old_prefix(out)))
        and p.is_dir()
        and not p.is_symlink()
    ]
    olds = sorted(
        (p for p in ours if p.name.startswith(old_prefix(out)) and (p / marker).is_file()),
        key=lambda p: p.stat().st_mtime,
    )
    if olds and not out.exists():
        olds.pop().rename(out)  # killed between the two renames of a swap
    for p in ours:
        if p.exists() and _abandoned(p, marker):
            remove_site(p, marker)


def remove_site(folder: Path, marker: str) -> None:
    """Delete a site folder with its marker last.

    A build killed while deleting then leaves a folder that still has the marker,
    which the next build knows as ours and finishes deleting; deleted in any order,
    it could leave a folder without the marker, which no build would ever touch."""
    try:
        with os.scandir(folder) as entries:
            found = [e for e in entries if e.name != marker]
    except OSError:
        return
    for entry in found:
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    with contextlib.suppress(OSError):
        os.unlink(folder / marker)
    with contextlib.suppress(OSError):
        os.rmdir(folder)


def _abandoned(folder: Path, marker: str) -> bool:
    if not (folder / marker).is_file():
        empty = not any(folder.iterdir())
        if not empty or time.time() - folder.stat().st_mtime < FRESH_SECONDS:
            return False  # not ours, or a build that has just made it
    fd = _lock(folder, blocking=False)
    if fd is None:
        return False  # a live build holds it
    release(fd)
    return True


def _lock(folder: Path, blocking: bool) -> int | None:
    """An open descriptor holding an exclusive lock on `folder`, or None if it is taken."""
    if fcntl is None:
        return None
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(fd)
        return None
    except OSError:
        os.close(fd)
        raise
    _held.add(fd)
    return fd


def release(fd: int) -> None:
    """Give up a lock taken with `hold` (or any of this module's)."""
    _held.discard(fd)
    os.close(fd)


_held: set[int] = set()
"""Descriptors of the locks this process holds."""


def _forget() -> None:
    """In a forked child: drop the parent's locks, which stay held by the parent."""
    for fd in _held:
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget)


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step; False where the system cannot, and nothing moved."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if done == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # this kernel or file system cannot exchange
    raise OSError(err, os.strerror(err), str(b))
