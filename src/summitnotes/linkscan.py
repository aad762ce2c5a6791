"""Find the links written in one note: `[[…]]`, `![[…]]` and Markdown links to site pages.

This only reads the note (through our markdown-it parser, so it sees exactly
what will be rendered); what the links point at is `links.py`'s job.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

from markdown_it.token import Token

from summitnotes.markdown import markdown
from summitnotes.model import Note

SECTIONS = {"interviews": "interview", "notes": "note", "topics": "topic", "speakers": "speaker"}
"""Site folders (and `[[folder/slug]]` prefixes) and the kind of page in each."""
SOURCE_SUFFIXES = (".md", ".txt")
CONTEXT = 90
"""Characters of the note kept on each side of a link, for backlinks."""


@dataclass(frozen=True)
class Ref:
    """A link as written, before it is resolved."""

    ordinal: int
    line: int
    """Line of the note file."""
    written: str
    target: str
    """`name#fragment` for `[[…]]`; for a Markdown link, `folder/slug#fragment` or a
    source file `file:notes/x.md#fragment`."""
    label: str | None
    embed: bool
    markdown: bool = False
    """A Markdown link: its own text stays as written."""
    before: tuple[str | int, ...] = ()
    """The note's words before the link in its paragraph; an int is another link's ordinal,
    to be replaced by its label once every link is resolved."""
    after: tuple[str | int, ...] = ()


@dataclass(frozen=True)
class Scan:
    refs: tuple[Ref, ...]
    headings: tuple[tuple[str, str], ...]
    """(id, text) of each heading that has an anchor."""


_seeded: dict[Note, Scan] = {}
"""Scans the build cache kept (`seed`), by the note they were made from."""


def seed(scans: Iterable[tuple[Note, Scan]]) -> None:
    """Take scans kept by the build cache: `scan` returns them without parsing."""
    _seeded.clear()
    _seeded.update(scans)


@functools.lru_cache(maxsize=1 << 14)
def scan(note: Note) -> Scan:
    """Cached: a warm process (`serve`) scans only the notes that changed, and a fresh
    one only those the build cache has not kept (`seed`)."""
    kept = _seeded.get(note)
    if kept is not None:
        return kept
    tokens = markdown().parse(note.body)
    refs: list[Ref] = []
    headings: list[tuple[str, str]] = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and "id" in token.attrs:
            headings.append((str(token.attrs["id"]), tokens[i + 1].content))
        elif token.type == "transclusion":
            refs.append(_wikiref(note, token))
        elif token.type == "inline" and token.children:
            refs += _inline(note, token.children)
    return Scan(tuple(refs), tuple(headings))


def _inline(note: Note, children: list[Token]) -> list[Ref]:
    texts = [_plain(c) for c in children]
    refs = []
    for k, child in enumerate(children):
        ref: Ref | None = None
        if child.type == "wikilink":
            ref = _wikiref(note, child)
        elif child.type == "link_open":
            target = href_target(str(child.attrs.get("href", "")), note.source)
            if target is not None:
                href = str(child.attrs["href"])
                ordinal, line = child.meta["ordinal"], _line(note, child)
                ref = Ref(ordinal, line, href, target, None, False, markdown=True)
        if ref is not None:
            refs.append(replace(ref, before=tuple(texts[:k]), after=tuple(texts[k + 1 :])))
    return refs


def _wikiref(note: Note, token: Token) -> Ref:
    m = token.meta
    return Ref(m["ordinal"], _line(note, token), token.content, m["target"], m["label"], m["embed"])


def _line(note: Note, token: Token) -> int:
    return note.body_line + (token.map[0] if token.map else 0)


def _plain(token: Token) -> str | int:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "
    if token.type == "wikilink":
        return token.meta["label"] or int(token.meta["ordinal"])
    return ""


def href_target(href: str, source: str) -> str | None:
    """What a Markdown link in a note points at, if it is a page of the site.

    `../interviews/slug/#a2`, `../../interviews/slug/index.html#a2` (relative to the
    note file or to its page: both are understood) give `interviews/slug#a2`;
    `topics/x.md` or `../seeds/x.txt` (a source file, relative to the note) give
    `file:notes/topics/x.md`. Anything else is not ours and is left alone.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    fragment = f"#{unquote(parts.fragment)}" if parts.fragment else ""
    if path.endswith(SOURCE_SUFFIXES) and not path.startswith("/"):
        full = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        return f"file:{full}{fragment}"
    segments = [s for s in path.split("/") if s not in ("", ".", "..")]
    if segments and segments[-1] == "index.html":
        segments.pop()
    if len(segments) == 2 and segments[0] in SECTIONS:
        return f"{segments[0]}/{segments[1]}{fragment}"
    return None


def context(ref: Ref, label: str, labels: dict[int, str]) -> str:
    """The note's words around a link, other links by their labels, cut at word boundaries."""
    if ref.embed:  # a quotation is its own context
        return ""
    before, after = (
        "".join(labels.get(x, "") if isinstance(x, int) else x for x in part)
        for part in (ref.before, ref.after)
    )
    label = "" if ref.markdown else label  # a Markdown link's words are in `after`
    before, after = re.sub(r"\s+", " ", before).lstrip(), re.sub(r"\s+", " ", after).rstrip()
    if len(before) > CONTEXT:
        before = "…" + before[-CONTEXT:].split(" ", 1)[-1]
    if len(after) > CONTEXT:
        after = re.sub(r"\s+\S*$", "", after[:CONTEXT]) + "…"
    return before + label + after
