"""The corpus as data: `data/corpus.json`, `data/turns.csv` and `data/turns.jsonl`.

`corpus.json` holds every interview in the `summitnotes parse --json` contract,
plus the topics and why each question is on them; the turn tables have one row
per turn, ready for pandas or R. Every file is made in one pass over the corpus.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from summitnotes import urls
from summitnotes.contract import interview_to_json
from summitnotes.model import OutputFile, Site

TURN_COLUMNS = ("interview", "id", "kind", "speaker", "topics", "text", "permalink")
"""Columns of `turns.csv` and keys of `turns.jsonl`, in this order."""


@dataclass(frozen=True)
class TurnRow:
    """One turn with what a reader of the corpus needs beside its text."""

    interview: str
    """`Interview.slug`."""
    id: str
    kind: str
    speaker: str
    """The speaker's name as the interview gives it."""
    person: str
    """Slug of the speaker's page (the same person across interviews)."""
    topics: tuple[str, ...]
    """Slugs of the topics the turn's question/answer pair is on."""
    text: str
    """Paragraphs joined by a blank line."""
    page: str
    """Output path of the interview page; the turn is at `#<id>`."""


def turn_rows(site: Site) -> list[TurnRow]:
    """Every turn of the corpus, in interview and reading order."""
    topics: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in site.assignments:
        topics[(a.interview, a.exchange)].append(a.topic)
    exchange_of = {(ex.interview, turn.id): ex.id for ex in site.exchanges for turn in ex.turns}
    person_of = dict(site.speaker_slugs)
    rows = []
    for iv in site.interviews:
        names = {s.id: s.name for s in iv.speakers}
        for turn in iv.turns:
            exchange = exchange_of[(iv.slug, turn.id)]
            rows.append(
                TurnRow(
                    interview=iv.slug,
                    id=turn.id,
                    kind=turn.kind,
                    speaker=names[turn.speaker],
                    person=person_of[(iv.slug, turn.speaker)],
                    topics=tuple(topics[(iv.slug, exchange)]),
                    text=turn.text,
                    page=urls.interview(iv.slug),
                )
            )
    return rows


def export_files(site: Site, rows: list[TurnRow]) -> Iterator[OutputFile]:
    """The three files, each made when the one before is taken: together they are a few
    hundred MB at 10,000 interviews, and the write stage drops each once written."""
    yield OutputFile(urls.CORPUS, corpus_json(site))
    c = site.config
    table = [
        {
            "interview": r.interview,
            "id": r.id,
            "kind": r.kind,
            "speaker": r.speaker,
            "topics": list(r.topics),
            "text": r.text,
            "permalink": urls.address(r.page, c.site_url, c.base_url) + "#" + r.id,
        }
        for r in rows
    ]
    yield OutputFile(urls.TURNS_CSV, _csv(table))
    yield OutputFile(urls.TURNS_JSONL, "".join(_JSON.encode(row) + "\n" for row in table).encode())


def corpus_json(site: Site) -> bytes:
    """`corpus.json`: `{"interviews": [...], "topics": [...]}`, the interviews as
    `summitnotes parse --json` gives them.

    The same text as `json.dumps` of the whole (sorted keys, default separators), made
    one interview at a time: the corpus as dicts all at once is a second copy of the site
    to hold, and to walk at every full garbage collection."""
    interviews = ", ".join(_JSON.encode(interview_to_json(iv)) for iv in site.interviews)
    topics = _JSON.encode(_topics(site))
    return f'{{"interviews": [{interviews}], "topics": {topics}}}\n'.encode()


def _topics(site: Site) -> list[dict[str, Any]]:
    """The topics, and which exchanges are on each and why."""
    on_topic: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in site.assignments:
        on_topic[a.topic].append(
            {"interview": a.interview, "exchange": a.exchange, "reasons": list(a.reasons)}
        )
    return [
        {
            "slug": t.slug,
            "title": t.title,
            "aliases": list(t.aliases),
            "match": list(t.match),
            "description": t.note.body if t.note else None,
            "source": t.note.source if t.note else None,
            "exchanges": on_topic[t.slug],
        }
        for t in site.topics
    ]


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
"""One encoder for every record (`json.dumps` with options makes a new one per call)."""


def _csv(table: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TURN_COLUMNS)
    for row in table:
        writer.writerow([";".join(row[k]) if k == "topics" else row[k] for k in TURN_COLUMNS])
    return out.getvalue().encode("utf-8")
