"""HTML of the links in one note, as resolved: what `env["wikilinks"]` gives the renderer.

Every link gets the id `ref-N` on its page, so a backlink can lead to the
very place in the note. Interview text is escaped like everywhere else.
"""

from __future__ import annotations

from html import escape

from markdown_it.token import Token

from summitnotes.backlinks import LinkIndex, anchor, page_path
from summitnotes.markdown import render_markdown
from summitnotes.model import Note, NoteLink
from summitnotes.urls import Linker


def note_html(index: LinkIndex, note: Note, link: Linker) -> str:
    """A note's body as HTML for the page `link` is made for."""
    links = NoteLinks(index.of_note(note.source), index, link)
    return render_markdown(note.body, links, index.allow_html)


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _text(text: str) -> str:
    return escape(text, quote=False)


class NoteLinks:
    """Implements `wikilinks.LinkRenderer` for one note on one page."""

    def __init__(self, links: list[NoteLink], index: LinkIndex, link: Linker) -> None:
        self.by_ordinal = {n.ordinal: n for n in links}
        self.index = index
        self.link = link

    def _find(self, token: Token) -> NoteLink | None:
        return self.by_ordinal.get(token.meta.get("ordinal", -1))

    def _href(self, n: NoteLink) -> str:
        assert n.target is not None
        return self.link(page_path(n.target), n.fragment)

    def _broken_open(self, n: NoteLink) -> str:
        why = f"Broken link: {n.written} leads nowhere ({n.source}:{n.line})"
        return f'<span class="broken-link" id="{anchor(n)}" title="{_attr(why)}">'

    def _broken(self, n: NoteLink) -> str:
        return self._broken_open(n) + _text(n.label) + _BROKEN_MARK + "</span>"

    def wikilink(self, token: Token) -> str:
        n = self._find(token)
        if n is None:
            return _text(token.meta["label"] or token.meta["target"])
        if n.target is None:
            return self._broken(n)
        if n.embed:
            words = " ".join(p.text for p in self._words(n))
            return (
                f'<q class="transclusion" id="{anchor(n)}" cite="{_attr(self._href(n))}">'
                f"{_text(words)}</q> ({self._caption(n)})"
            )
        title = self.index.titles.get(n.target, "")
        title_attr = f' title="{_attr(title)}"' if title and title != n.label else ""
        return (
            f'<a class="wikilink" id="{anchor(n)}" href="{_attr(self._href(n))}"{title_attr}>'
            f"{_text(n.label)}</a>"
        )

    def transclusion(self, token: Token) -> str:
        n = self._find(token)
        if n is None or n.target is None or not n.embed:
            return f"<p>{self.wikilink(token)}</p>\n"
        paragraphs = "".join(f"<p>{_text(p.text)}</p>\n" for p in self._words(n))
        return (
            f'<figure class="transclusion" id="{anchor(n)}">\n'
            f'<blockquote cite="{_attr(self._href(n))}">\n{paragraphs}</blockquote>\n'
            f"<figcaption>— {self._caption(n)}</figcaption>\n</figure>\n"
        )

    def link_open(self, token: Token) -> str | None:
        n = self._find(token)
        if n is None:
            return None
        if n.target is None:
            return self._broken_open(n)
        title = token.attrs.get("title")
        title_attr = f' title="{_attr(str(title))}"' if title else ""
        return f'<a id="{anchor(n)}" href="{_attr(self._href(n))}"{title_attr}>'

    def link_close(self, token: Token) -> str | None:
        n = self._find(token)
        if n is None:
            return None
        return _BROKEN_MARK + "</span>" if n.target is None else "</a>"

    def _words(self, n: NoteLink) -> tuple:  # type: ignore[type-arg]
        assert n.target is not None and n.passage is not None
        return self.index.passages(n.target.slug).words(n.passage)

    def _caption(self, n: NoteLink) -> str:
        """`<cite>` with the speaker and turn (a link to the passage in context) and the
        interview's title."""
        assert n.target is not None
        title = self.index.titles.get(n.target, n.target.slug)
        return (
            f'<cite><a href="{_attr(self._href(n))}" title="Read in context">'
            f"{_text(n.label)}</a>, in {_text(title)}</cite>"
        )


_BROKEN_MARK = ' <span class="broken-mark">(broken link)</span>'
