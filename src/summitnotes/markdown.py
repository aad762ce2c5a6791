"""Our markdown-it setup: CommonMark, tables, footnotes, heading anchors, `[[links]]`;
raw HTML off unless the site's `allow_html` turns it on."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from slugify import slugify

from summitnotes.wikilinks import LinkRenderer, wikilinks_plugin


@cache
def markdown(allow_html: bool = False) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": allow_html, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify)
    md.use(wikilinks_plugin)
    return md


def render_markdown(text: str, links: LinkRenderer | None = None, allow_html: bool = False) -> str:
    """Markdown to HTML; raw HTML in the source comes out escaped unless `allow_html`.

    `links` renders `[[…]]` and Markdown links as resolved; without it they stay plain.
    Links to `javascript:`, `vbscript:`, `file:` and `data:` addresses are never made.
    """
    env = {"wikilinks": links} if links is not None else None
    return markdown(allow_html).render(text, env)
