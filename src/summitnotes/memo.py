"""Rendered pages reused when what they are rendered from did not change.

A page's key is the hash of what it is made from, salted with everything else
rendering reads: the templates, the package's code and the config. Interview, topic,
speaker and note pages (most pages, and the largest) are keyed by their inputs before
their context is built (`page_inputs.Inputs`); the home page and the lists by their template
name, path and whole context (pickled). The same key gives the same bytes, so a
page whose key is the one the last build recorded is not rendered again: its file
in the current site is linked into the new one. Editing a note re-renders that
note's page and the pages that show it (backlinks, lists, transclusions), and
nothing else. Exports, search records and citation files are keyed the same way
(`reuse_or_make`); exports and search records that must be made again are made
from the pieces of the current ones that did not change (`pieces.py`).
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from summitnotes.cache import content_hash
from summitnotes.dependencies import Reach
from summitnotes.model import OutputFile
from summitnotes.pieces import Layout

if TYPE_CHECKING:
    from summitnotes.pages import Page


@dataclass(frozen=True)
class Memo:
    salt: str
    """Templates, code, config and options: a change in any re-renders every page."""
    site: str = ""
    """The current site's folder, where reused pages are linked from."""
    known: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Page path → (key, content hash) of the last build's pages still intact on disk."""
    contents: dict[str, str] = field(default_factory=dict)
    """Interview source → the content key the cache holds its parse under (`cache.py`):
    the text, sidecar, path and version it is parsed from, so it stands for the parsed
    interview in keys (the code is in the salt) and the interview need not be pickled."""
    layouts: Callable[[], dict[str, Layout]] = dict
    """The layouts of the last build's data files (`pieces.py`), read when wanted."""
    made: dict[str, Layout] = field(default_factory=dict)
    """The layouts of the data files this build made, to be kept for the next."""
    edited: frozenset[str] | None = None
    """The notes and interview files edited since the last build, when nothing else
    changed (`dependencies.py`): pages they do not reach keep the last build's keys."""
    reached: Any = None
    """The last build's dependency map (`dependencies.Reach`), as recorded."""
    reach: Reach = field(default_factory=Reach)
    """This build's dependency map, filled by the render stage, to be kept for the next."""

    def old_data(self, path: str) -> tuple[bytes | None, Layout | None]:
        """The current site's data file at `path` and where its pieces lie, when it is
        still the file the last build made and laid out; else (None, None)."""
        known = self.known.get(path)
        layout = self.layouts().get(path)
        if known is None or layout is None or layout.digest != known[1]:
            return None, None
        try:
            with open(f"{self.site}/{path}", "rb") as f:
                data = f.read()
        except OSError:
            return None, None
        if content_hash(data) != layout.digest:  # a wrong piece would go unnoticed
            return None, None
        return data, layout

    def key(self, page: Page) -> str | None:
        """None when the context cannot be pickled: such a page is always rendered."""
        return self.hash_of(page.path, (page.template, page.context))

    def hash_of(self, path: str, data: object) -> str | None:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
        pickler.fast = True  # no memo: equal data gives equal bytes, however objects are shared
        try:
            pickler.dump(data)
        except Exception:
            return None
        return content_hash(self.salt.encode(), path.encode(), buffer.getvalue())

    def hit(self, path: str, key: str, digest: str) -> OutputFile:
        """A file of the current site, taken as it is."""
        return OutputFile(path, None, f"{self.site}/{path}", digest, key)

    def reuse_or_make(
        self, paths: Sequence[str], key: str | None, make: Callable[[], Iterable[OutputFile]]
    ) -> Iterator[OutputFile]:
        """The files at `paths` from the current site when the last build made every one
        of them with `key`; else what `make` makes, recorded with `key`, one at a time
        (the exports are a few hundred MB at 10,000 interviews: each is written and
        dropped before the next is made)."""
        if key is not None:
            digests = [self.reused(p, key) for p in paths]
            if all(d is not None for d in digests):
                yield from (self.hit(p, key, d) for p, d in zip(paths, digests, strict=True) if d)
                return
        for f in make():
            yield f if key is None else replace(f, key=key)

    def reused(self, path: str, key: str | None) -> str | None:
        """The content hash of the page's current file, when it can be reused."""
        known = self.known.get(path)
        return known[1] if key is not None and known is not None and known[0] == key else None
