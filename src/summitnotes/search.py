"""Search data, made in the render stage: one Pagefind record per turn, and the search page.

Pagefind indexes HTML pages whole, with filters per page; a reader needs to land
on the turn that said it and to filter by who said it. So every turn (and every
interview's lead) becomes a record of its own, with the turn's permalink as its
URL and its speaker, kind, interview and topics as filters. The records are
written to `search/records.jsonl`; `searchindex.py` feeds them to Pagefind
together with the topic, note and speaker pages, whose quoted turns are left out
of the index (`data-pagefind-ignore`) because the turns are already there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from summitnotes import urls
from summitnotes.export import TurnRow, Turns
from summitnotes.model import Interview, Site
from summitnotes.pieces import Shape
from summitnotes.urls import Linker
from summitnotes.views import kind_label

RANKING: dict[str, Any] = {"metaWeights": {"title": 0.0}}
"""Pagefind ranking of the search page (the tests read it back from that page).

What was said comes first: the words of topic, note and speaker pages weigh a
quarter of a spoken word (`data-pagefind-weight="0.25"` in their templates), and
a title adds nothing beyond its words on the page, or the title of a topic page
("The Alaska (Anchorage) summit") would outrank the answer that mentions Anchorage."""


@dataclass(frozen=True)
class SearchView:
    bundle_href: str
    """The Pagefind bundle folder, as linked from the search page."""
    root_href: str
    """The site's home page, as linked from the search page: results are relative to it."""
    script_href: str
    options_json: str
    """Options for Pagefind's UI, as JSON."""
    browse: tuple[tuple[str, str], ...]
    """(text, href) of what to read instead when search cannot run."""


def search_view(site: Site, link: Linker) -> SearchView:
    return SearchView(
        bundle_href=link(urls.PAGEFIND),
        root_href=link(urls.home()),
        script_href=link(urls.SEARCH_SCRIPT),
        options_json=json.dumps({"ranking": RANKING, "showSubResults": False}, sort_keys=True),
        browse=tuple(
            (text, link(target))
            for text, target in (
                ("Interviews", urls.section("interviews")),
                ("Topics", urls.section("topics")),
                ("Speakers", urls.section("speakers")),
                ("Notes", urls.section("notes")),
                ("All turns as a table (CSV)", urls.TURNS_CSV),
            )
        ),
    )


def records_shape(site: Site, turns: Turns) -> Shape:
    """`search/records.jsonl`: one Pagefind record per turn and per interview lead, in
    reading order, one interview at a time (`pieces.py`)."""
    titles = {t.slug: t.title for t in site.topics}

    def piece(i: int) -> bytes:
        found = records(site.interviews[i], turns.rows(i), titles, site.config.language)
        return "".join(_JSON.encode(r) + "\n" for r in found).encode("utf-8")

    return Shape(urls.SEARCH_RECORDS, b"", piece)


def records(
    iv: Interview, rows: list[TurnRow], titles: dict[str, str], language: str
) -> Iterator[dict[str, Any]]:
    """The records of one interview: its lead (when it has turns), then each turn."""
    if rows and iv.lead:
        # Metadata is searched too, so the interview's title is a filter only (the
        # search page shows it): in meta, every turn would match its words.
        yield _record(
            urls.interview(iv.slug),
            "lead",
            "\n\n".join(p.text for p in iv.lead),
            language,
            {"title": iv.title},
            {"interview": [iv.title], "kind": ["lead"]},
        )
    for row in rows:
        filters = {"interview": [iv.title], "kind": [row.kind], "speaker": [row.speaker]}
        if row.topics:
            filters["topic"] = sorted({titles[t] for t in row.topics})
        title = f"{row.speaker} · {kind_label(row.kind).lower()} {row.id}"
        yield _record(
            row.page,
            row.id,
            row.text,
            language,
            {"title": title, "speaker": row.speaker},
            filters,
        )


def _record(
    page: str,
    anchor: str,
    content: str,
    language: str,
    meta: dict[str, str],
    filters: dict[str, list[str]],
) -> dict[str, Any]:
    return {
        "url": "/" + urls.pretty(page) + "#" + anchor,
        "content": content,
        "language": language,
        "meta": meta,
        "filters": filters,
    }


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
"""One encoder for every record (`json.dumps` with options makes a new one per call)."""
