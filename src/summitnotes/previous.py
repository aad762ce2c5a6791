"""The site before the current one, kept in the cache to become the next one.

Replacing the site whole keeps a failed build harmless, but writing a fresh
folder of ten thousand pages and deleting the old one costs seconds even when
one page changed (and on ext4, creating files soon after deleting many is slow).
So a build with the cache keeps the site it replaced in the cache folder, and
the next build takes that folder as its staging folder and only changes what
differs: files the new site lacks are deleted, files whose bytes differ are
replaced, the rest stays. A file is trusted only when its size and mtime are
those recorded when it was written, and files are replaced by unlinking first,
never rewritten in place: many are hard links shared with the live site.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summitnotes import swaplock
from summitnotes.model import OutputFile


@dataclass(frozen=True)
class Previous:
    folder: Path
    """Where the site before the current one is kept (in the cache)."""
    files: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    """Path → [size, mtime_ns, content hash] as the build that wrote it left it."""


def take(previous: Previous, staging: Path) -> int | None:
    """Move the kept site to `staging`, locked; the lock's descriptor, or None if it
    cannot be taken (missing, without its marker, in use, or on another file system)."""
    if not (previous.folder / swaplock.MARKER).is_file():
        # a kept site loses its marker only to a build killed while replacing it: taken,
        # and killed again before the marker was written back, it would look like no
        # build's folder and stay next to the output for good
        return None
    try:
        fd = swaplock.hold(previous.folder)
    except OSError:
        return None
    if fd is None:
        return None
    try:
        os.rename(previous.folder, staging)
    except OSError:
        swaplock.release(fd)
        return None
    return fd


def prune(staging: Path, wanted: set[str]) -> None:
    """Delete what is not `wanted` (paths of files), and folders left empty.

    Each folder is listed by name and compared with the names wanted in it; only a
    name not wanted is looked at (`lstat`) to be deleted. A walk that looked at
    every entry took a second of a note-edit rebuild at 10,000 interviews. Symbolic
    links are deleted, never followed."""
    names: dict[str, set[str]] = {"": set()}
    """Folder (relative, `""` the top) → the names wanted in it, files and folders."""
    for path in wanted:
        folder, _, name = path.rpartition("/")
        inside = names.get(folder)
        if inside is None:
            inside = names[folder] = set()
            child = folder
            while True:  # make the folder known to its parents, up to the first known
                parent, _, base = child.rpartition("/")
                known = parent in names
                names.setdefault(parent, set()).add(base)
                if known:
                    break
                child = parent
        inside.add(name)

    def visit(folder: str) -> None:
        top = f"{staging}/{folder}" if folder else str(staging)
        keep = names[folder]
        for name in os.listdir(top):
            rel = f"{folder}/{name}" if folder else name
            if name not in keep:
                _remove(f"{top}/{name}")
            elif rel in names:  # a folder is wanted here
                if stat.S_ISDIR(os.lstat(f"{top}/{name}").st_mode):
                    visit(rel)
                else:  # a link or a file in its place
                    os.unlink(f"{top}/{name}")

    visit("")


def _remove(path: str) -> None:
    """A file or link is unlinked; a folder removed with what is in it, links unfollowed."""
    if stat.S_ISDIR(os.lstat(path).st_mode):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def unchanged(
    staging: Path, f: OutputFile, previous: Previous, digest: str | None
) -> tuple[int, int] | None:
    """(size, mtime_ns) of the kept file when it already holds `f`'s bytes; else None."""
    entry = previous.files.get(f.path)
    if digest is None or not isinstance(entry, list | tuple) or len(entry) != 3:
        return None
    if entry[2] != digest:
        return None
    try:
        st = os.stat(f"{staging}/{f.path}", follow_symlinks=False)
    except OSError:
        return None
    found = (st.st_size, st.st_mtime_ns)
    return found if list(found) == list(entry[:2]) else None


def keep(old: Path, previous: Previous) -> None:
    """Keep the replaced site for the next build; delete it where it cannot be kept.

    A kept site that another build is taking (it holds its lock) is left to it."""
    try:
        held = swaplock.hold(previous.folder) if previous.folder.exists() else None
    except OSError:
        held = None
    if held is None and previous.folder.exists():
        swaplock.remove_site(old, swaplock.MARKER)
        return
    try:
        if held is not None:
            shutil.rmtree(previous.folder)  # ours to replace: no build can take it now
        previous.folder.parent.mkdir(parents=True, exist_ok=True)
        os.rename(old, previous.folder)
    except OSError:
        swaplock.remove_site(old, swaplock.MARKER)
    finally:
        if held is not None:
            swaplock.release(held)
