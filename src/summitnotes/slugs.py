"""URL names (slugs): the only part of an output path that comes from user input.

A slug is made of ASCII letters, digits and dashes, so it can never name a
parent folder, an absolute path or a hidden file. Names that Windows reserves
for devices (`con`, `nul`, `com1`, …) get a suffix, so a site copied to a
Windows machine still opens.
"""

from __future__ import annotations

import functools

from slugify import slugify

RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)]
)


@functools.lru_cache(maxsize=1 << 16)
def url_slug(text: str) -> str:
    """`Тоқаев` → `tokaev`, `../../x` → `x`, `con` → `con-1`; '' when nothing is left.

    Cached: the same speaker and topic names come back in every interview."""
    slug = slugify(text)
    return f"{slug}-1" if slug in RESERVED else slug
