"""Site-wide data files made of one piece per interview, and updated piece by piece.

`data/corpus.json`, the turn tables and the search records hold every interview:
250 MB at 10,000 interviews, and making them again was a third of a rebuild after
one interview was edited. Each is a head, one piece per interview (in site order,
joined by a separator) and a foot. A build records where each piece lies in the
file it made, under the key of what the piece is made from (`page_inputs.Inputs.core`);
the next build copies the pieces whose key is unchanged out of the current site's
file, when that file is still byte for byte the one recorded, and makes only the
others. The head and foot are always made again. The bytes are those a build from
nothing makes: `tests/test_incremental.py` compares them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from summitnotes.cache import content_hash


@dataclass(frozen=True)
class Layout:
    """Where the pieces of one data file lie, and the file they lie in."""

    digest: str
    """Content hash of the whole file."""
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Piece key → (start, end) byte offsets in the file."""


@dataclass(frozen=True)
class Shape:
    """How a data file is put together; `piece(i)` makes interview `i`'s piece."""

    path: str
    head: bytes
    piece: Callable[[int], bytes]
    separator: bytes = b""
    foot: Callable[[], bytes] = lambda: b""


def assemble(
    shape: Shape, keys: Sequence[str | None], old: bytes | None = None, layout: Layout | None = None
) -> tuple[bytes, Layout]:
    """The file, with the pieces of `old` (laid out as `layout` says) reused where their
    key is one of `keys`; a piece without a key is always made."""
    spans = layout.spans if old is not None and layout is not None else {}
    source = memoryview(old) if old is not None else None
    out = io.BytesIO()  # grows in place: the whole file is in memory once, not twice
    out.write(shape.head)
    placed: dict[str, tuple[int, int]] = {}
    for i, key in enumerate(keys):
        if i:
            out.write(shape.separator)
        span = spans.get(key) if key is not None else None
        piece = source[span[0] : span[1]] if span is not None and source is not None else None
        if piece is None:
            piece = shape.piece(i)
        at = out.tell()
        out.write(piece)
        if key is not None:
            placed[key] = (at, at + len(piece))
    out.write(shape.foot())
    data = out.getvalue()  # the buffer itself, not a copy, once writing is done
    del out
    return data, Layout(content_hash(data), placed)
