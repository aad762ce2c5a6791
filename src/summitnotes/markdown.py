"""Our markdown-it setup: CommonMark, tables, footnotes, heading anchors; raw HTML off."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from slugify import slugify


@cache
def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify)
    return md


def render_markdown(text: str) -> str:
    """Markdown to HTML; raw HTML in the source comes out escaped."""
    return markdown().render(text)
