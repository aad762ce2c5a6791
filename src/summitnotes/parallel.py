"""A process pool for the per-file work (parse, render), with results in input order.

Workers are forked, so they inherit what the parent set up before the pool
started (the resolved site, the compiled templates) instead of receiving it
pickled. Results come back in the order of the input, whatever the number of
processes, so the output does not depend on `jobs`. Where `fork` is not
available, or for one process or a handful of items, the work runs in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Generator, Sequence
from itertools import islice
from typing import Any, TypeVar

from summitnotes import heap

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 64
"""Fewer items than this run in-process: a pool costs more than it saves."""
MAX_CHUNK = 64
"""Items per chunk at most: a chunk's results are held in memory at once (64 topic
pages are about 7 MB; 256 were 30 MB, several of them waiting at once)."""
TASKS_PER_WORKER = 16
"""Chunks a worker does before a fresh one is forked in its place. A forked worker
shares the parent's memory until it touches an object (even reading one updates its
reference count, which copies the page): one that renders for the whole build ends
up with its own copy of most of the site model, and topic pages, which quote 25
interviews each, touch most of it quickly. 10,000 interviews, cold build, peak PSS:
1,434 MB without recycling, about 920 MB recycled every 1,024 pages (this, with the
window of `AHEAD` chunks), 880 MB every 512 and 750 to 800 MB every 256. But each new
worker copies those pages again as it touches them: every 256 pages made the build
19 s slower than every 1,024 (113 s against 93 s, two cold builds each, alternated)."""

TASKS_PER_QUOTING_WORKER = 1
"""The same for topic and speaker pages, which have workers of their own
(`render._rendered`): each quotes many interviews, so a worker that renders many of
them touches, and copies, most of the site model (pymalloc spreads an interview's
objects over pools by size, so even a fraction of the interviews touches most pages).
They were the build's peak of memory. 10,000 interviews, cold build, peak PSS sampled
every 0.5 s: 881 and 887 MB with 16 chunks per worker for every page; about 710 MB
with topic pages replaced after every chunk (the peak moved to the speaker pages);
557 and 595 MB with topic and speaker pages both so. Alternated with every page at
16 chunks, three runs each (medians): 603 MB against 871 MB, but 89.9 s against
82.1 s. This constant sets that trade of memory for time."""

AHEAD = 2
"""Chunks per worker given out before the parent takes their results. `Pool.imap`
gives out all, and when the parent writes more slowly than the workers render, the
results wait in its memory: with 10,000 interviews the parent grew by 200 MB while
the topic pages were rendered."""

_shared: Any = None
"""What the parent set for its workers to inherit (see `run`)."""


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def pooled(items: Sequence[Any], jobs: int | None) -> bool:
    """Whether `stream` runs this work in a pool of workers, not in this process."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    forks = "fork" in multiprocessing.get_all_start_methods()
    return jobs > 1 and len(items) >= MIN_ITEMS and forks


def shared() -> Any:
    """The value passed as `shared` to the `run` call this worker belongs to."""
    return _shared


def run(
    fn: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    jobs: int | None = None,
    shared_value: Any = None,
) -> list[R]:
    """`fn` over `items` in chunks, in up to `jobs` processes; results in input order.

    `fn` takes a chunk and returns one result per item. `shared_value` is readable
    in workers through `shared()` without being pickled (workers are forked).
    """
    return list(stream(fn, items, jobs, shared_value))


def stream(
    fn: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    jobs: int | None = None,
    shared_value: Any = None,
    tasks_per_worker: int = TASKS_PER_WORKER,
) -> Generator[R, None, None]:
    """As `run`, but results are yielded as their chunk is done, in input order, so the
    caller need not hold them all (the render stage writes pages as they come).
    `tasks_per_worker`: chunks a worker does before a fresh one takes its place."""
    global _shared
    jobs = default_jobs() if jobs is None else max(1, jobs)
    _shared = shared_value
    # What exists now (the site model) lives through the work: the collector need not
    # walk it again and again, and forked workers then leave its pages shared. The
    # build releases it when it ends (`heap.build_scope`).
    heap.settle()
    try:
        if not pooled(items, jobs):
            for start in range(0, len(items), MAX_CHUNK):
                yield from fn(items[start : start + MAX_CHUNK])
            return
        chunk = max(1, min(-(-len(items) // (jobs * 8)), MAX_CHUNK))  # even load, bounded
        chunks = [items[i : i + chunk] for i in range(0, len(items), chunk)]
        pool = multiprocessing.get_context("fork").Pool(
            jobs, heap.worker_start, maxtasksperchild=tasks_per_worker
        )
        with pool:
            waiting = iter(chunks)
            pending = deque(pool.apply_async(fn, (c,)) for c in islice(waiting, jobs * AHEAD))
            while pending:
                part = pending.popleft().get()
                following = next(waiting, None)
                if following is not None:  # before this part is used: workers stay busy
                    pending.append(pool.apply_async(fn, (following,)))
                yield from part
    finally:
        _shared = None
