"""The corpus as data: `data/corpus.json`, `data/turns.csv` and `data/turns.jsonl`.

`corpus.json` holds every interview in the `summitnotes parse --json` contract,
plus the topics and why each question is on them; the turn tables have one row
per turn, ready for pandas or R. Each file is made one interview at a time, and
after an edit only the edited interviews' parts are made again (`pieces.py`).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from summitnotes import urls
from summitnotes.contract import interview_to_json
from summitnotes.model import Exchange, Site
from summitnotes.pieces import Shape

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


class Turns:
    """The turn rows of each interview, made when asked for, from lookups made once."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.topics: dict[tuple[str, str], list[str]] = defaultdict(list)
        for a in site.assignments:
            self.topics[(a.interview, a.exchange)].append(a.topic)
        self.exchanges: dict[str, list[Exchange]] = defaultdict(list)
        for ex in site.exchanges:
            self.exchanges[ex.interview].append(ex)
        self.person_of = dict(site.speaker_slugs)

    def rows(self, i: int) -> list[TurnRow]:
        """The turns of interview `i`, in reading order."""
        iv = self.site.interviews[i]
        names = {s.id: s.name for s in iv.speakers}
        exchange_of = {turn.id: ex.id for ex in self.exchanges[iv.slug] for turn in ex.turns}
        page = urls.interview(iv.slug)
        return [
            TurnRow(
                interview=iv.slug,
                id=turn.id,
                kind=turn.kind,
                speaker=names[turn.speaker],
                person=self.person_of[(iv.slug, turn.speaker)],
                topics=tuple(self.topics[(iv.slug, exchange_of[turn.id])]),
                text=turn.text,
                page=page,
            )
            for turn in iv.turns
        ]


def export_shapes(site: Site, turns: Turns) -> list[Shape]:
    """The three files, one piece per interview (`pieces.py`): together they are a few
    hundred MB at 10,000 interviews, and each is made, written and dropped in turn."""
    c = site.config

    def table(i: int) -> list[dict[str, Any]]:
        return [
            {
                "interview": r.interview,
                "id": r.id,
                "kind": r.kind,
                "speaker": r.speaker,
                "topics": list(r.topics),
                "text": r.text,
                "permalink": urls.address(r.page, c.site_url, c.base_url) + "#" + r.id,
            }
            for r in turns.rows(i)
        ]

    def corpus(i: int) -> bytes:
        return _JSON.encode(interview_to_json(site.interviews[i])).encode()

    def topics() -> bytes:
        return f'], "topics": {_JSON.encode(_topics(site))}}}\n'.encode()

    def jsonl(i: int) -> bytes:
        return "".join(_JSON.encode(row) + "\n" for row in table(i)).encode()

    return [
        # `json.dumps` of {"interviews": [...], "topics": [...]} (sorted keys, default
        # separators), made one interview at a time: the corpus as dicts all at once is
        # a second copy of the site to hold
        Shape(urls.CORPUS, b'{"interviews": [', corpus, b", ", topics),
        Shape(urls.TURNS_CSV, _csv([TURN_COLUMNS]), lambda i: _csv(_csv_rows(table(i)))),
        Shape(urls.TURNS_JSONL, b"", jsonl),
    ]


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


def _csv_rows(table: list[dict[str, Any]]) -> list[list[Any]]:
    return [[";".join(row[k]) if k == "topics" else row[k] for k in TURN_COLUMNS] for row in table]


def _csv(rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")
