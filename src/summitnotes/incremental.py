"""Incremental builds: skip a build when no input changed, and rewrite only changed files.

The cache (`cache.py`) records, for the last successful build, the hash of all its
inputs and options, and the size, mtime and content hash of every file it wrote.
- Same inputs, and the site still as that build left it: nothing to do
  (`Plan.unchanged`), and the build reports what that build reported.
- Otherwise the build runs; a page whose context is the one recorded for it is
  not rendered again (`Plan.memo`, `memo.py`), and a file whose bytes are those
  already in the site is hard-linked into the new site instead of written
  (`Plan.reuse`), so the write stage stays atomic (a fresh folder swapped in) but
  costs little.
Without the cache every method is a no-op and every file is written.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summitnotes import swaplock
from summitnotes.cache import Cache, content_hash, fingerprint, package_hash
from summitnotes.dependencies import Reach, edited_inputs
from summitnotes.diagnostics import Diagnostic
from summitnotes.memo import Memo
from summitnotes.model import OutputFile
from summitnotes.previous import Previous

MARKER = swaplock.MARKER
PREVIOUS = "previous-site"
"""In the cache folder: the site before the current one (`previous.py`)."""


@dataclass(frozen=True)
class LastBuild:
    """What the last successful build reported; reported again when nothing changed."""

    diagnostics: tuple[Diagnostic, ...]
    pages: tuple[tuple[str, int], ...]
    files: int


@dataclass
class Plan:
    cache: Cache
    out: Path
    key: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)
    site: dict[str, list[Any]] = field(default_factory=dict)
    """The last build's files: path → [size, mtime_ns, content hash]."""
    unchanged: LastBuild | None = None
    memo: Memo | None = None
    previous: Previous | None = None
    """The site before the current one, kept in the cache to be updated into the next."""
    _hashes: dict[str, str] = field(default_factory=dict)

    def reuse(self, f: OutputFile) -> Path | None:
        """The file of the current site with exactly `f`'s bytes, if there is one."""
        digest = self.digest(f)
        if digest is None:
            return None
        old = self.site.get(f.path)
        if old is None or old[2] != digest:
            return None
        path = f"{self.out}/{f.path}"
        try:
            st = os.stat(path)
        except OSError:
            return None
        return Path(path) if [st.st_size, st.st_mtime_ns] == old[:2] else None

    def done(
        self,
        files: list[OutputFile],
        problems: list[Diagnostic],
        pages: tuple[tuple[str, int], ...],
        reach: Reach | None = None,
        stats: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        """Record a successful build: its inputs, what it reported, the files it wrote
        and which pages read each note and interview (`reach`, `dependencies.py`). `stats`: the size
        and mtime of files the write stage knows, so they are not looked at again."""
        if not self.cache.enabled:
            return
        site: dict[str, list[Any]] = {}
        rendered: dict[str, str] = {}
        for f in files:
            digest = self.digest(f)
            if digest is None:
                continue
            known = stats.get(f.path) if stats else None
            if known is None:
                try:
                    st = os.stat(f"{self.out}/{f.path}")
                except OSError:
                    continue
                known = (st.st_size, st.st_mtime_ns)
            site[f.path] = [known[0], known[1], digest]
            if f.key is not None:
                rendered[f.path] = f.key
        self.cache.save_inputs(
            {
                **self.inputs,
                "key": self.key,
                "out": str(self.out.resolve()),
                "site": site,
                "previous": self.site,  # the replaced site, now kept as `previous`
                "rendered": rendered,
                "salt": self.memo.salt if self.memo else None,
                "reach": reach,
                "diagnostics": [
                    dataclasses.astuple(d)
                    for d in sorted(set(problems))
                    if d.code != "cache-corrupt"  # said once; the cache is rewritten now
                ],
                "pages": [list(p) for p in pages],
                "count": len(files),
            }
        )

    def digest(self, f: OutputFile) -> str | None:
        """The content hash of a file the build makes (not of a copied image)."""
        if not self.cache.enabled or (f.data is None and f.digest is None):
            return None
        if f.digest is not None:
            return f.digest
        return self._hashes.setdefault(f.path, content_hash(f.data or b""))


def plan(cache: Cache, root: Path, out: Path, options: str) -> Plan:
    """What the last build left that this one can use; nothing without the cache."""
    p = Plan(cache, out)
    if not cache.enabled:
        return p
    last = cache.last_inputs()
    p.key, p.inputs = fingerprint(root, options, last)
    cache.files = p.inputs["files"]
    p.memo = Memo(_salt(p.inputs["files"], options), str(out))
    kept = last.get("previous")
    p.previous = Previous(cache.folder / PREVIOUS, kept if isinstance(kept, dict) else {})
    site = last.get("site")
    if last.get("out") != str(out.resolve()) or not isinstance(site, dict):
        return p
    p.site = site
    same = _as_written(out, site)
    edited = None
    if last.get("salt") == p.memo.salt:  # templates, config, code and options as they were
        edited = edited_inputs(last.get("files"), p.inputs["files"])
    known = _known(site, same, last.get("rendered"))
    p.memo = Memo(p.memo.salt, p.memo.site, known, edited=edited, reached=last.get("reach"))
    if last.get("key") == p.key and len(same) == len(site) and _intact(out):
        try:
            p.unchanged = LastBuild(
                tuple(Diagnostic(*d) for d in last.get("diagnostics", [])),
                tuple((str(k), int(n)) for k, n in last.get("pages", [])),
                int(last.get("count", 0)),
            )
        except (TypeError, ValueError):
            p.unchanged = None
    return p


def _salt(files: dict[str, list[Any]], options: str) -> str:
    """What every page is rendered with besides its context: templates, code, config."""
    shared = [
        f"{rel}\0{entry[2]}"
        for rel, entry in sorted(files.items())
        if rel.startswith("templates/") or "/" not in rel
    ]
    return content_hash(package_hash().encode(), options.encode(), *(s.encode() for s in shared))


def _as_written(out: Path, site: dict[str, list[Any]]) -> set[str]:
    """The last build's files whose size and mtime are still the ones it recorded.

    One `os.stat` on a plain string per file: 13,000 `Path` objects cost more than
    the calls themselves."""
    top = str(out)
    same = set()
    for path, entry in site.items():
        try:
            st = os.stat(f"{top}/{path}")
        except (OSError, ValueError):
            continue
        if isinstance(entry, list) and [st.st_size, st.st_mtime_ns] == entry[:2]:
            same.add(path)
    return same


def _known(site: dict[str, list[Any]], same: set[str], rendered: Any) -> dict[str, tuple[str, str]]:
    """The last build's pages whose files are still as it wrote them."""
    if not isinstance(rendered, dict):
        return {}
    known = {}
    for path, key in rendered.items():
        entry = site.get(path)
        if not isinstance(key, str) or not isinstance(entry, list) or len(entry) != 3:
            continue
        if path in same:
            known[path] = (key, str(entry[2]))
    return known


def _leftovers(out: Path) -> bool:
    """Temporary folders of a killed build lie next to `out`: a full build cleans them up."""
    prefixes = (swaplock.staging_prefix(out), swaplock.old_prefix(out))
    try:
        return any(name.startswith(prefixes) for name in os.listdir(out.parent))
    except OSError:
        return True


def _intact(out: Path) -> bool:
    """The site is as the last build left it: its marker is there and no killed
    build's folders are (the files themselves are checked by `_as_written`)."""
    return (out / MARKER).is_file() and not _leftovers(out)
