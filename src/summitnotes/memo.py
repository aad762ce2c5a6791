"""Rendered pages reused when what they are rendered from did not change.

A page's key is the hash of its template name, its path and its whole context
(pickled), salted with everything else rendering reads: the templates, the
package's code and the config. The same key gives the same bytes, so a page
whose key is the one the last build recorded is not rendered again: its file in
the current site is linked into the new one. This is the dependency map, made
exact: a page depends on precisely what its context holds, so editing a note
re-renders that note's page and the pages that show it (backlinks, lists,
transclusions), and nothing else.
"""

from __future__ import annotations

import io
import pickle
from dataclasses import dataclass, field

from summitnotes.cache import content_hash
from summitnotes.pages import Page


@dataclass(frozen=True)
class Memo:
    salt: str
    """Templates, code, config and options: a change in any re-renders every page."""
    site: str = ""
    """The current site's folder, where reused pages are linked from."""
    known: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Page path → (key, content hash) of the last build's pages still intact on disk."""

    def key(self, page: Page) -> str | None:
        """None when the context cannot be pickled: such a page is always rendered."""
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
        pickler.fast = True  # no memo: equal data gives equal bytes, however objects are shared
        try:
            pickler.dump((page.template, page.context))
        except Exception:
            return None
        return content_hash(self.salt.encode(), page.path.encode(), buffer.getvalue())

    def reused(self, path: str, key: str | None) -> str | None:
        """The content hash of the page's current file, when it can be reused."""
        known = self.known.get(path)
        return known[1] if key is not None and known is not None and known[0] == key else None
