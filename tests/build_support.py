"""Helpers for the parallel and incremental build tests: a generated corpus, a site as data."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def make_corpus(n: int, root: Path) -> Path:
    """The benchmark's generated project of `n` interviews (`bench/make_corpus.py`)."""
    sys.path.insert(0, str(BENCH))
    try:
        import make_corpus
    finally:
        sys.path.remove(str(BENCH))
    make_corpus.make(n, root)
    return root


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a built site, the Pagefind bundle aside (it is not byte-stable)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith("pagefind/")
    }


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """Paths that are in one tree only, or differ: empty when byte-identical."""
    return sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))
