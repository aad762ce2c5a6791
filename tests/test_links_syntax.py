"""The `[[…]]` markdown-it plugin on its own: tokens, source lines, transclusion blocks."""

from __future__ import annotations

from markdown_it.token import Token

from summitnotes.markdown import markdown, render_markdown


def links(text: str) -> list[tuple[str, str, int, int]]:
    """(type, target or href, line, ordinal) of every link, in order."""
    found = []
    for token in markdown().parse(text):
        for t in [token, *(token.children or [])]:
            if t.type in ("wikilink", "transclusion"):
                found.append((t.type, t.meta["target"], t.map[0], t.meta["ordinal"]))
            elif t.type == "link_open":
                found.append((t.type, t.attrs["href"], t.map[0], t.meta["ordinal"]))
    return found


def test_links_carry_their_line_and_their_order() -> None:
    text = (
        "First [[a#q1|one]] and [md](../interviews/a/#a2)\n"
        "second line [[b]],\n"
        "third [[c#a2-p3]].\n"
        "\n"
        "- item [[d]]\n"
    )
    assert links(text) == [
        ("wikilink", "a#q1", 0, 0),
        ("link_open", "../interviews/a/#a2", 0, 1),
        ("wikilink", "b", 1, 2),
        ("wikilink", "c#a2-p3", 2, 3),
        ("wikilink", "d", 4, 4),
    ]


def test_label_and_embed_flag() -> None:
    token = _first("See [[slug#a2|the second answer]] and ![[slug#a2-p1..a2-p2]] inline.")
    assert token.meta["label"] == "the second answer"
    assert token.meta["embed"] is False
    inline = [t for t in markdown().parse("x ![[slug#a2]] y")[1].children if t.type == "wikilink"]
    assert inline[0].meta["embed"] is True


def test_a_paragraph_of_transclusions_becomes_blocks() -> None:
    tokens = markdown().parse("Intro.\n\n![[a#a1]]\n![[a#a2-p1..a2-p2]]\n\nAfter.\n")
    types = [t.type for t in tokens]
    assert types == [
        "paragraph_open",
        "inline",
        "paragraph_close",
        "transclusion",
        "transclusion",
        "paragraph_open",
        "inline",
        "paragraph_close",
    ]
    assert [t.map for t in tokens if t.type == "transclusion"] == [[2, 3], [3, 4]]


def test_a_transclusion_with_words_around_it_stays_inline() -> None:
    tokens = markdown().parse("He said ![[a#a1]] twice.\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]


def test_a_label_inside_a_table_uses_an_escaped_bar() -> None:
    text = "| Q | note |\n| --- | --- |\n| [[a#q1\\|first]] | x |\n"
    token = next(
        c for t in markdown().parse(text) for c in (t.children or []) if c.type == "wikilink"
    )
    assert token.meta == {
        "target": "a#q1",
        "label": "first",
        "embed": False,
        "offset": 0,
        "ordinal": 0,
    }
    assert token.map == [2, 3]


def test_escaped_and_unclosed_brackets_are_text() -> None:
    assert links("not \\[[a link]] and [[not closed\n") == []
    assert "[[not closed" in render_markdown("[[not closed\n")


def test_without_a_renderer_links_are_plain_escaped_text() -> None:
    html = render_markdown("A [[x|<b>label</b>]] and [[y]].\n\n![[z#a1]]\n")
    assert "&lt;b&gt;label&lt;/b&gt;" in html
    assert "<b>" not in html
    assert "<p>A &lt;b&gt;label&lt;/b&gt; and y.</p>" in html


def _first(text: str) -> Token:
    return next(
        c for t in markdown().parse(text) for c in (t.children or []) if c.type == "wikilink"
    )
