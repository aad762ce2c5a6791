"""Timing helpers shared by `bench/run` and `bench/hugo_compare.py`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path


def tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes: the sum of their
    proportional set sizes (PSS), so pages that forked workers share with their parent
    count once, as they occupy memory once; their RSS where the kernel gives no PSS."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        p = todo.pop()
        total += _pss(p, page)
        todo += children.get(p, [])
    return total


def _pss(pid: int, page: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * page
    except (OSError, IndexError, ValueError):
        return 0


def timed(cmd: list[str], sample: bool = False) -> tuple[float, int, str]:
    """Wall seconds, peak tree RSS (when `sample`), and the last line of stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def watch() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch) if sample else None
    if watcher:
        watcher.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    if watcher:
        watcher.join()
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err[-2000:]}")
    return seconds, peak[0], out.strip().splitlines()[-1] if out.strip() else ""


class Trash:
    """Old output goes here; deleted at the end, never right before a timed build."""

    def __init__(self, work: Path) -> None:
        self.folder = work / "trash"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.n = 0

    def move(self, path: Path) -> None:
        if path.exists():
            self.n += 1
            path.rename(self.folder / f"{time.time_ns()}-{self.n}")

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
