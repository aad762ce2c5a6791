"""The cycle collector during a build: the site model is made once and lives to the end.

A 10,000-interview model is millions of objects. Left to itself the collector
walks all of them again each time enough new objects were made, which took over
a third of a rebuild after a note edit. `settle` moves what exists now out of its
reach (`gc.freeze`): later collections look only at what is made after. The end of
the build gives it all back, so a warm process (`serve`) frees a build's model once
the next build replaces it.

The collector is also off in the building process itself: what a build makes and
drops is freed by reference counting, and the collections it would run found little
(10,000 interviews, note edit: about 3 of 15 s in collections, peak memory within a
few per cent; measured with `gc.callbacks`). Pool workers, which render, collect as
usual (`worker_start`): templates leave cycles behind.
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
    enabled = gc.isenabled()
    gc.disable()
    settle()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def worker_start() -> None:
    """A forked pool worker collects cycles again: it renders, and templates make them."""
    gc.enable()
