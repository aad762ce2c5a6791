"""The build cache in `PROJECT/.summitnotes/cache/`: disposable, keyed by content hashes.

It holds
- `inputs.pickle`: every input file's size, mtime and content hash, and the hash of
  all of them together (with the package version and build options) as the last
  successful build saw them. The same hash, with the site left as that build
  wrote it, means there is nothing to do (a no-op build).
- `interviews-XX.pickle`: parsed interviews, keyed by the hash of their text, their
  sidecar, their display path and the package version, in 256 files by the key's
  first two hex digits, so that an edit rewrites two small files, not 80 MB (10,000
  interviews); ignored when the package's code changed (`package_hash`).
- `notes.pickle`: parsed notes with their diagnostics and link scans, keyed like
  interviews (the YAML and Markdown of 1,000 notes took about 1 s of every rebuild).
- `pieces.pickle`: where each interview's piece lies in the exports and search
  records the last build wrote (`pieces.py`).
- `matches.pickle`: what topics' phrases matched in each exchange of each interview,
  by the interview's content key (`resolve.py`).
- `previous-site/`: the site the last build replaced (`previous.py`).

Deleting the folder only costs time. A cache that cannot be read is reported as a
warning and ignored, never trusted; it is rewritten by the next build.
`--no-cache` neither reads nor writes it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from summitnotes import __version__, tree
from summitnotes.diagnostics import Diagnostic, warning

FOLDER = ".summitnotes/cache"
"""Where the cache lives, relative to the project."""
FORMAT = 1
"""Bumped when the cache's layout changes; older caches are then ignored."""


INPUTS = "inputs.pickle"
"""Pickled, not JSON: 13 MB at 10,000 interviews, read and written by every build
(JSON took 0.7 s of a note-edit rebuild there, pickle about a tenth)."""
INTERVIEWS = "interviews-"
"""The prefix of the files of parsed interviews: `interviews-XX.pickle` (`_shard`)."""
OLD_INTERVIEWS = "interviews.pickle"
"""All parsed interviews in one file, as earlier versions kept them: deleted."""
MATCHES = "matches.pickle"
LAYOUTS = "pieces.pickle"
NOTES = "notes.pickle"


def content_hash(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    for p in parts:
        h.update(len(p).to_bytes(8, "little"))
        h.update(p)
    return h.hexdigest()


def read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


@dataclass
class Cache:
    """One build's view of the cache: what was read, and what to write back."""

    folder: Path | None
    """None: caching is off (`--no-cache`)."""
    problems: list[Diagnostic] = field(default_factory=list)
    interviews: dict[str, Any] = field(default_factory=dict)
    """Content key → (Interview | None, diagnostics)."""
    files: dict[str, Any] = field(default_factory=dict)
    """Input path → [size, mtime_ns, content hash], as this build's fingerprint found them."""
    contents: dict[str, str] = field(default_factory=dict)
    """Interview source path → its content key (`interview_key`), for this build's seeds."""
    notes: dict[str, Any] | None = None
    """Content key → (Note | None, diagnostics, Scan | None) of this build's notes;
    None when not loaded (`load_notes`)."""
    _notes_stored: dict[str, Any] = field(default_factory=dict)
    _used: set[str] = field(default_factory=set)
    _loaded: bool = False
    _shards: dict[str, set[str]] = field(default_factory=dict)
    _layouts: dict[str, Any] | None = None
    """File name → the keys read from it (`load_interviews`)."""

    @classmethod
    def open(cls, root: Path, enabled: bool = True) -> Cache:
        return cls(root / FOLDER if enabled else None)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    # parsed interviews

    def interview_key(self, path: Path, display: str) -> str | None:
        """The content key of an interview file and its sidecar; None when unreadable.

        Made from the content hashes the build's fingerprint already took (`files`),
        so the seeds are not read twice; a file it did not see is read here."""
        text = self._digest(path, display)
        if text is None:
            return None
        side = self._digest(
            path.with_suffix(".yaml"), str(PurePosixPath(display).with_suffix(".yaml"))
        )
        return content_hash(
            __version__.encode(),
            display.encode(),
            text.encode(),
            b"\0" if side is None else b"1" + side.encode(),
        )

    def _digest(self, path: Path, display: str) -> str | None:
        entry = self.files.get(display)
        if isinstance(entry, list) and len(entry) == 3 and isinstance(entry[2], str) and entry[2]:
            return entry[2]
        data = read_or_none(path)
        return None if data is None else content_hash(data)

    def load_interviews(self) -> None:
        if self.folder is None or self._loaded:
            return
        self._loaded = True
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            names = []
        for name in names:
            if name.startswith(INTERVIEWS) and name.endswith(".pickle"):
                items = self._load_items(name)
                self._shards[name] = set(items)
                self.interviews.update(items)

    def save_interviews(self) -> None:
        """Rewrite the files whose keys are not those this build uses; leave the rest."""
        if self.folder is None:
            return
        wanted: dict[str, dict[str, Any]] = {}
        for key, value in self.interviews.items():
            if key in self._used:
                wanted.setdefault(_shard(key), {})[key] = value
        for name in sorted(set(wanted) | set(self._shards)):
            items = wanted.get(name, {})
            if set(items) == self._shards.get(name):
                continue
            if items:
                self._save_items(name, items)
            else:
                (self.folder / name).unlink(missing_ok=True)
            self._shards[name] = set(items)
        (self.folder / OLD_INTERVIEWS).unlink(missing_ok=True)

    # parsed notes

    def note_key(self, path: Path, display: str, kind: str) -> str | None:
        """The content key of a note file; None when unreadable."""
        text = self._digest(path, display)
        if text is None:
            return None
        return content_hash(__version__.encode(), display.encode(), kind.encode(), text.encode())

    def load_notes(self) -> dict[str, Any]:
        """The notes the last build kept, by content key; this build's go to `notes`."""
        self.notes = {}
        self._notes_stored = {} if self.folder is None else self._load_items(NOTES)
        return self._notes_stored

    def save_notes(self, complete: Callable[[Any], Any]) -> None:
        """This build's notes, each entry made whole by `complete` (its link scan added),
        unless they are exactly those stored."""
        if self.folder is None or self.notes is None:
            return
        entries = {k: complete(v) for k, v in self.notes.items()}
        stored = self._notes_stored
        if len(entries) != len(stored) or any(stored.get(k) is not v for k, v in entries.items()):
            self._save_items(NOTES, entries)

    # where the pieces of the data files lie (`pieces.py`)

    def load_layouts(self) -> dict[str, Any]:
        """Data file path → its `pieces.Layout`, as the last build left them (read once)."""
        if self.folder is None:
            return {}
        if self._layouts is None:
            self._layouts = self._load_items(LAYOUTS)
        return self._layouts

    def save_layouts(self, made: dict[str, Any]) -> None:
        """Keep those of the files this build made, with those of the files it reused."""
        if self.folder is not None and made:
            self._save_items(LAYOUTS, {**self.load_layouts(), **made})

    # topic matches (`resolve.py`)

    def load_matches(self) -> dict[Any, Any] | None:
        """What topics matched in the exchanges of each interview, by the interview's
        content key and the topics' phrases (`resolve.Matches`); None without a cache."""
        return None if self.folder is None else self._load_items(MATCHES)

    def save_matches(self, matches: dict[Any, Any]) -> None:
        """Those this build used: a table of all that ever matched would only grow."""
        if self.folder is not None:
            self._save_items(MATCHES, matches)

    def _load_items(self, name: str) -> dict[Any, Any]:
        """A pickled table, as this process last read or wrote it if the file is the same."""
        assert self.folder is not None
        path = self.folder / name
        held = _warm.get(path)
        if held is not None and held[0] == _signature(path):
            return dict(held[1])  # a warm process (`serve`): read it last time
        data = self._read(name)
        if data is None:
            return {}
        try:
            stored = _unpickle(data)
            if stored.get("format") != FORMAT or stored.get("code") != package_hash():
                return {}  # made by other code: the loader may have changed
            items = dict(stored["items"])
        except Exception:  # anything unreadable: ignored, never trusted
            self._corrupt(name)
            return {}
        signature = _signature(path)
        if signature is not None:
            _warm[path] = (signature, dict(items))
        return items

    def _save_items(self, name: str, items: dict[Any, Any]) -> None:
        assert self.folder is not None
        data = {"format": FORMAT, "code": package_hash(), "items": items}
        self._write(name, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        signature = _signature(self.folder / name)
        if signature is not None:
            _warm[self.folder / name] = (signature, items)

    def get_interview(self, key: str | None) -> Any:
        if key is None or key not in self.interviews:
            return None
        self._used.add(key)
        return self.interviews[key]

    def put_interview(self, key: str | None, value: Any) -> None:
        if key is not None:
            self.interviews[key] = value
            self._used.add(key)

    # the inputs of the last successful build

    def last_inputs(self) -> dict[str, Any]:
        """What the last successful build saved; in a warm process, as it saved it."""
        if self.folder is None:
            return {}
        path = self.folder / INPUTS
        held = _warm.get(path)
        if held is not None and held[0] == _signature(path):
            return dict(held[1])
        data = self._read(INPUTS)
        if data is None:
            return {}
        try:
            stored = _unpickle(data)
            if stored.get("format") != FORMAT:
                return {}
            return dict(stored)
        except Exception:  # anything unreadable: ignored, never trusted
            self._corrupt(INPUTS)
            return {}

    def save_inputs(self, inputs: dict[str, Any]) -> None:
        if self.folder is not None:
            stored = {"format": FORMAT, **inputs}
            self._write(INPUTS, pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
            signature = _signature(self.folder / INPUTS)
            if signature is not None:
                _warm[self.folder / INPUTS] = (signature, stored)

    # files

    def _read(self, name: str) -> bytes | None:
        assert self.folder is not None
        return read_or_none(self.folder / name)

    def _write(self, name: str, data: bytes) -> None:
        """Atomically, and quietly: a cache that cannot be written only costs time."""
        assert self.folder is not None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=self.folder)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self.folder / name)
        except OSError:
            pass

    def _corrupt(self, name: str) -> None:
        self.problems.append(
            warning(
                f"{FOLDER}/{name}",
                None,
                "the build cache cannot be read; ignored and rebuilt",
                "cache-corrupt",
                "delete .summitnotes/cache if this repeats",
            )
        )


def _shard(key: str) -> str:
    """The file an interview's parse is kept in, by its content key (hex digits)."""
    return f"{INTERVIEWS}{key[:2]}.pickle"


def _unpickle(data: bytes) -> Any:
    """Without the cycle collector, which would walk the growing heap again and again
    while a hundred thousand objects are made (4x faster for 10,000 interviews)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


_warm: dict[Path, tuple[tuple[int, int, int], dict[Any, Any]]] = {}
"""Tables this process last read or wrote, by file, with the file's signature then:
a warm process (`serve`) does not read them again."""


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def input_files(root: Path) -> list[tuple[str, os.stat_result]]:
    """Every file a build reads (seeds, notes, templates and the config), as
    (path relative to `root`, its stat), sorted by path."""
    found: list[tuple[str, os.stat_result]] = []
    for folder in ("seeds", "notes", "templates"):
        for rel, e in tree.entries(os.path.join(root, folder), folder):
            try:
                if e.is_file():
                    found.append((rel, e.stat()))
            except OSError:
                continue
    try:
        with os.scandir(root) as listed:
            configs = [e for e in listed if _CONFIG.fullmatch(e.name) and e.is_file()]
        found += [(e.name, e.stat()) for e in configs]
    except OSError:
        pass
    found.sort(key=lambda item: item[0])
    return found


_CONFIG = re.compile(r"summitnotes\.y[^/]*ml")
"""The config file names `summitnotes.y*ml`, as `root.glob` matched them."""


def fingerprint(root: Path, options: str, last: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The hash of every input and of `options`, and the per-file table to save.

    A file whose size and mtime match the last build's is not read again: its
    recorded content hash is reused."""
    known: dict[str, list[Any]] = last.get("files", {}) if isinstance(last, dict) else {}
    files: dict[str, list[Any]] = {}
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{__version__}\0{options}\0".encode())
    h.update(package_hash().encode())
    for rel, st in input_files(root):
        old = known.get(rel)
        if isinstance(old, list) and len(old) == 3 and old[:2] == [st.st_size, st.st_mtime_ns]:
            digest = old[2]
        else:
            data = read_or_none(root / rel)
            digest = "" if data is None else content_hash(data)  # "": unreadable
        files[rel] = [st.st_size, st.st_mtime_ns, digest]
        h.update(f"{rel}\0{digest}\0".encode())
    return h.hexdigest(), {"files": files}


_package_hash_value: str | None = None


def package_hash() -> str:
    """The package's code and templates, so an edited install (or `pip install -e`)
    is noticed even when its version number did not change."""
    global _package_hash_value
    if _package_hash_value is None:
        base = Path(__file__).parent
        parts = [
            p.relative_to(base).as_posix().encode() + b"\0" + p.read_bytes()
            for p in sorted(base.rglob("*"))
            if p.is_file() and (p.suffix == ".py" or p.parent.name == "templates")
        ]
        _package_hash_value = content_hash(*parts)
    return _package_hash_value
