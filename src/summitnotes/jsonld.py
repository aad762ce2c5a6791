"""Structured data (schema.org JSON-LD) for an interview page.

One `@graph`: the `Article` (headline, date, author, publisher, topics, photo
credits as `ImageObject`), the people speaking (`Person`; the outlet itself,
when it is named as the interviewer, is its `Organization`), and the turns as
`Question`s with their `Answer`s (other turns as `Comment`s), each by its speaker
and at its permalink. Only schema.org names are used; the tests check them
against the schema.org vocabulary.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from summitnotes import urls
from summitnotes.model import Figure, Interview, Turn
from summitnotes.urls import Linker

if TYPE_CHECKING:
    from summitnotes.pages import Index

Node = dict[str, Any]


def interview_jsonld(index: Index, iv: Interview, link: Linker) -> str:
    """The JSON-LD of the interview page, escaped to sit inside a `<script>` element."""
    c = index.site.config
    page = urls.interview(iv.slug)

    def url(target: str, fragment: str | None = None) -> str:
        if c.site_url:
            return urls.address(target, c.site_url, None) + (f"#{fragment}" if fragment else "")
        return link(target, fragment)

    m = iv.meta
    outlet = None
    if m.outlet:
        outlet = {"@type": "Organization", "@id": url(page, "outlet"), "name": m.outlet}
    agents: dict[str, Node] = {}  # speaker id → Person or the outlet
    for s in iv.speakers:
        if outlet and s.name == m.outlet:
            agents[s.id] = outlet
            continue
        person = index.person_of[(iv.slug, s.id)]
        agents[s.id] = _clean(
            {
                "@type": "Person",
                "@id": url(urls.speaker(person), "person"),
                "name": s.name,
                "description": s.description,
                "url": url(urls.speaker(person)),
            }
        )
    graph: list[Node] = [outlet] if outlet else []
    graph += [a for a in agents.values() if a is not outlet]

    def ref(speaker: str) -> Node:
        return {"@id": agents[speaker]["@id"]}

    def text_of(turn: Turn, kind: str) -> Node:
        at = url(page, turn.id)
        return {
            "@type": kind,
            "@id": at,
            "url": at,
            "text": turn.text,
            "author": ref(turn.speaker),
        }

    parts: list[Node] = []
    for ex in index.exchanges_of[iv.slug]:
        replies = [t for t in ex.replies if t.kind == "answer"]
        if ex.question is not None:
            question = text_of(ex.question, "Question")
            question["answerCount"] = len(replies)
            if replies:
                question["suggestedAnswer"] = [text_of(t, "Answer") for t in replies]
            parts.append(question)
        else:
            parts += [text_of(t, "Comment") for t in replies]
        parts += [text_of(t, "Comment") for t in ex.replies if t.kind != "answer"]

    interviewers = [p.name for p in m.interviewer]
    speaking = {a["name"]: a for a in agents.values()}
    authors = [
        ref_node(speaking[name]) if name in speaking else {"@type": "Person", "name": name}
        for name in interviewers
    ]
    topics = dict.fromkeys(
        a.topic for ex in index.exchanges_of[iv.slug] for a in index.by_exchange[(iv.slug, ex.id)]
    )
    article = _clean(
        {
            "@type": "Article",
            "@id": url(page, "article"),
            "url": url(page),
            "mainEntityOfPage": url(page),
            "headline": iv.title,
            "description": m.description,
            "datePublished": m.date,
            "inLanguage": m.language or c.language,
            "author": authors,
            "publisher": {"@id": outlet["@id"]} if outlet else None,
            "contributor": [
                ref(s.id)
                for s in iv.speakers
                if s.role != "interviewer" and s.name not in interviewers
            ],
            "keywords": list(m.keywords),
            "about": [
                {"@type": "DefinedTerm", "name": index.topics[t].title, "url": url(urls.topic(t))}
                for t in sorted(topics)
            ],
            "isBasedOn": m.source_url,
            "copyrightNotice": m.rights,
            "image": [_image(f, index.images_of[iv.slug], url, page) for f in iv.figures],
            "hasPart": parts,
        }
    )
    graph.insert(0, article)
    data = {"@context": "https://schema.org", "@graph": graph}
    text = _dumps(data)
    # Inside <script>, only `</script` and `<!--` could end the JSON early.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _dumps(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)`, the same text.

    With `indent`, `json` falls back to its pure-Python encoder, the slowest part of an
    interview page's context; this writes the same text for the plain values we make."""
    out: list[str] = []
    try:
        _write(value, out, "\n")
    except TypeError:  # a value JSON-LD nodes never hold: let `json` say what it makes of it
        return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
    return "".join(out)


def _write(value: Any, out: list[str], newline: str) -> None:
    """Append `value` as indented JSON; `newline` is a line break and the current indent."""
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + " "
        sep = "{" + inner
        for key in sorted(value):
            if not isinstance(key, str):
                raise TypeError(key)
            item = value[key]
            if isinstance(item, str):  # most values: no call for them
                out.append(sep + _string(key) + ": " + _string(item))
            else:
                out.append(sep + _string(key) + ": ")
                _write(item, out, inner)
            sep = "," + inner
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + " "
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _write(item, out, inner)
            sep = "," + inner
        out.append(newline + "]")
    elif isinstance(value, str):
        out.append(_string(value))
    elif value is None:
        out.append("null")
    elif type(value) is bool:
        out.append("true" if value else "false")
    elif type(value) is int:
        out.append(int.__repr__(value))
    else:
        raise TypeError(value)


_string = json.encoder.encode_basestring
"""A JSON string literal, non-ASCII kept (`ensure_ascii=False`); `json`'s own, in C."""


def ref_node(node: Node) -> Node:
    return {"@id": node["@id"]}


def _image(fig: Figure, images: dict[str, str], url: Any, page: str) -> Node:
    """A photo credit: the credit line as written, and who holds the rights where known."""
    content = None
    if fig.id in images:
        content = url(images[fig.id])
    elif fig.image and "://" in fig.image:
        content = fig.image
    creator = {"@type": "Person", "name": fig.photographer} if fig.photographer else None
    holder = {"@type": "Organization", "name": fig.agency} if fig.agency else creator
    return _clean(
        {
            "@type": "ImageObject",
            "@id": url(page, fig.id),
            "contentUrl": content,
            "caption": fig.caption,
            "description": fig.alt,
            "creditText": fig.credit,
            "creator": creator,
            "copyrightHolder": holder,
        }
    )


def _clean(node: Node) -> Node:
    """Leave out what is unknown: no nulls, no empty lists."""
    return {k: v for k, v in node.items() if v not in (None, "", [])}
