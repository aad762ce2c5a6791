"""How far a build has got: a `Step` callback the stages call, and two ways to show it.

The stages know nothing about terminals: they call `step(stage, done, total)`
as they go. A `Reporter` turns those calls into a `rich` progress bar (on a
terminal, once a build has run for more than a second) or into one plain line
per finished stage (in CI logs, for slow builds, or always with `-v`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

Step = Callable[[str, int, int], None]
"""`step(stage, done, total)`: `stage` is `load`, `resolve`, `render` or `write`;
`total` is the number of items in the stage (files, pages), 0 when unknown."""

DELAY = 1.0
"""Seconds a build runs before any progress is shown: quick builds stay quiet."""

UNITS = {"load": "files", "render": "pages"}


def no_step(stage: str, done: int, total: int) -> None:
    """The step callback that shows nothing."""


class Reporter:
    """A `Step` that shows progress as a bar (`bar`), plain lines (`lines`) or not at all.

    Plain lines go to `stream`; the bar is drawn on the terminal and removed when
    the build ends, so the summary that follows stands alone.
    """

    def __init__(
        self,
        mode: Literal["bar", "lines", "quiet"],
        verbose: bool = False,
        stream: IO[str] | None = None,
        delay: float = DELAY,
    ) -> None:
        self.mode = mode
        self.verbose = verbose
        self.stream = stream if stream is not None else sys.stderr
        self.delay = 0.0 if verbose else delay
        self.start = time.perf_counter()
        self.stage = ""
        self.stage_start = self.start
        self.done = 0
        self._bar: Progress | None = None  # started once the build is slow
        self._task: TaskID | None = None

    @classmethod
    def for_terminal(cls, quiet: bool = False, verbose: bool = False) -> Reporter:
        """A bar when stdout is a terminal, plain lines otherwise; nothing with `quiet`."""
        if quiet:
            return cls("quiet")
        return cls("bar" if sys.stdout.isatty() and not verbose else "lines", verbose)

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if stage != self.stage:
            self._finish_stage(now)
            self.stage, self.stage_start = stage, now
        self.done = done
        if self.mode == "bar" and now - self.start >= self.delay:
            self._draw(stage, done, total)

    def close(self) -> None:
        """End the last stage; remove the bar if one was drawn."""
        self._finish_stage(time.perf_counter())
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _finish_stage(self, now: float) -> None:
        if not self.stage or self.mode != "lines" or now - self.start < self.delay:
            return
        unit = UNITS.get(self.stage)
        count = f" {self.done} {unit}," if unit and self.done else ""
        print(f"{self.stage}:{count} {now - self.stage_start:.2f}s", file=self.stream, flush=True)

    def _draw(self, stage: str, done: int, total: int) -> None:
        if self._bar is None:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            bar = Progress(
                TextColumn("{task.description:<8}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                transient=True,
            )
            bar.start()
            self._bar, self._task = bar, bar.add_task(stage, total=None)
        assert self._task is not None
        self._bar.update(self._task, description=stage, completed=done, total=total or None)
