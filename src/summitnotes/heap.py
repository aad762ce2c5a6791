"""The cycle collector during a build: the site model is made once and lives to the end.

A 10,000-interview model is millions of objects. Left to itself the collector
walks all of them again each time enough new objects were made, which took over
a third of a rebuild after a note edit. `settle` moves what exists now out of its
reach (`gc.freeze`): later collections look only at what is made after. The end of
the build gives it all back, so a warm process (`serve`) frees a build's model once
the next build replaces it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def settle() -> None:
    """Everything alive now lives to the end of the build."""
    gc.freeze()


@contextmanager
def build_scope() -> Iterator[None]:
    """A build: what lives when it starts (in a warm process, the cache's tables of
    parsed interviews) and what it settles are released when it ends, however it ends."""
    settle()
    try:
        yield
    finally:
        gc.unfreeze()
