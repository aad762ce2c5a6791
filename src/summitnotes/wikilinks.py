"""`[[slug#a2|label]]` links and `![[slug#a2]]` transclusions: a markdown-it plugin.

The plugin only knows the syntax. It makes a `wikilink` token for each
`[[…]]` (with `meta`: target, label, embed), and a core rule gives every link
(ours and Markdown's `link_open`) its source line in `map` and its position
among the note's links in `meta["ordinal"]`. A paragraph that holds nothing
but transclusions becomes `transclusion` block tokens, so the quotation is a
block of its own and not a `<blockquote>` inside a `<p>`.

What a link points at is decided elsewhere (the resolve stage); rendering
asks `env["wikilinks"]`, an object with the methods of `LinkRenderer`. Without
one, links render as their plain text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any, Protocol

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

# `\|` is the separator inside tables, where a bare `|` would end the cell.
PATTERN = re.compile(r"(!?)\[\[([^\[\]\n|\\]*)(?:\\?\|([^\[\]\n]*))?\]\]")


class LinkRenderer(Protocol):
    """What render rules ask for; each method returns HTML, or None for the default."""

    def wikilink(self, token: Token) -> str: ...

    def transclusion(self, token: Token) -> str: ...

    def link_open(self, token: Token) -> str | None: ...

    def link_close(self, token: Token) -> str | None: ...


def wikilinks_plugin(md: MarkdownIt) -> None:
    """Add `[[…]]` and `![[…]]` to a markdown-it parser."""
    md.inline.ruler.before("link", "wikilink", _wikilink)
    md.core.ruler.push("wikilink_places", _places)
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("transclusion", _render_transclusion)
    md.add_render_rule("link_open", _render_link("link_open"))
    md.add_render_rule("link_close", _render_link("link_close"))


def _wikilink(state: StateInline, silent: bool) -> bool:
    m = PATTERN.match(state.src, state.pos)
    if m is None:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.content = m.group(0)
        token.meta = {
            "target": m.group(2).strip(),
            "label": (m.group(3) or "").strip() or None,
            "embed": bool(m.group(1)),
            "offset": state.pos,
        }
    state.pos = m.end()
    return True


def _places(state: StateCore) -> None:
    """Lines and ordinals for every link, then transclusion paragraphs made blocks."""
    ordinal = 0
    for token in state.tokens:
        if token.type != "inline" or not token.children or token.map is None:
            continue
        line = token.map[0]
        current: Token | None = None
        for child in token.children:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "wikilink":
                at = token.map[0] + token.content.count("\n", 0, child.meta["offset"])
                child.map = [at, at + 1]
                child.meta["ordinal"] = ordinal
                ordinal += 1
            elif child.type == "link_open":
                child.map = [line, line + 1]
                child.meta["ordinal"] = ordinal
                ordinal += 1
                current = child
            elif child.type == "link_close" and current is not None:
                child.meta["ordinal"] = current.meta["ordinal"]
                current = None
    state.tokens = _lift(state.tokens)


def _lift(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        embeds = _only_embeds(tokens, i)
        if embeds is None:
            out.append(tokens[i])
            i += 1
            continue
        for child in embeds:
            block = Token("transclusion", "figure", 0, map=child.map, level=tokens[i].level)
            block.block = True
            block.content = child.content
            block.meta = dict(child.meta)
            out.append(block)
        i += 3
    return out


def _only_embeds(tokens: list[Token], i: int) -> list[Token] | None:
    """The transclusions of the paragraph opening at `i`, if it holds nothing else."""
    if tokens[i].type != "paragraph_open" or i + 2 >= len(tokens):
        return None
    children = tokens[i + 1].children or []
    embeds = [c for c in children if c.type == "wikilink" and c.meta["embed"]]
    blank = all(
        c.type in ("softbreak", "hardbreak", "wikilink")
        or (c.type == "text" and not c.content.strip())
        for c in children
    )
    plain = all(c.meta["embed"] for c in children if c.type == "wikilink")
    return embeds if embeds and blank and plain else None


def _renderer(env: Any) -> LinkRenderer | None:
    return env.get("wikilinks") if isinstance(env, dict) else None


def _render_wikilink(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    renderer = _renderer(env)
    if renderer is not None:
        return renderer.wikilink(token)
    return escape(token.meta["label"] or token.meta["target"], quote=False)


def _render_transclusion(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    token = tokens[idx]
    renderer = _renderer(env)
    if renderer is not None:
        return renderer.transclusion(token)
    return f"<blockquote><p>{escape(token.content, quote=False)}</p></blockquote>\n"


def _render_link(kind: str) -> Any:
    def rule(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        renderer = _renderer(env)
        if renderer is not None:
            html = getattr(renderer, kind)(tokens[idx])
            if html is not None:
                return html
        return str(self.renderToken(tokens, idx, options, env))

    return rule
