"""Our markdown-it setup: CommonMark, tables, footnotes, heading anchors, `[[links]]`;
raw HTML off."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from slugify import slugify

from summitnotes.wikilinks import LinkRenderer, wikilinks_plugin


@cache
def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify)
    md.use(wikilinks_plugin)
    return md


def render_markdown(text: str, links: LinkRenderer | None = None) -> str:
    """Markdown to HTML; raw HTML in the source comes out escaped.

    `links` renders `[[…]]` and Markdown links as resolved; without it they stay plain.
    """
    return markdown().render(text, {"wikilinks": links} if links is not None else None)
