"""The corpus as data: corpus.json round-trips with `parse --json`; one table row per turn."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_support import PROJECT, parse_html
from summitnotes.build import build
from summitnotes.cli import cli
from summitnotes.export import TURN_COLUMNS

SLUG = "dknews-2025-shamilov-alaska-summit"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "site"
    assert build(PROJECT, out).ok
    return out


@pytest.fixture(scope="module")
def parsed() -> dict:  # type: ignore[type-arg]
    here = os.getcwd()
    os.chdir(PROJECT)  # parse reports `source` as given: the path relative to the project
    try:
        result = CliRunner().invoke(cli, ["parse", f"seeds/{SLUG}.txt", "--json", "-q"])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_corpus_json_round_trips_with_parse(site: Path, parsed: dict) -> None:  # type: ignore[type-arg]
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    assert corpus["interviews"] == [parsed]


def test_corpus_json_has_the_topics_and_why(site: Path) -> None:
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    topics = {t["slug"]: t for t in corpus["topics"]}
    summit = topics["alaska-summit"]
    assert summit["title"] == "The Alaska (Anchorage) summit"
    assert summit["source"] == "notes/topics/alaska-summit.md"
    assert {e["exchange"] for e in summit["exchanges"]} == {"q1", "q2", "q3"}
    q2 = next(e for e in summit["exchanges"] if e["exchange"] == "q2")
    assert "assigned to q2" in q2["reasons"]


def test_turns_csv_has_one_row_per_turn(site: Path, parsed: dict) -> None:  # type: ignore[type-arg]
    text = (site / "data" / "turns.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(csv.reader(io.StringIO(text)).__next__()) == TURN_COLUMNS
    assert [(r["interview"], r["id"]) for r in rows] == [(SLUG, t["id"]) for t in parsed["turns"]]
    names = {s["id"]: s["name"] for s in parsed["speakers"]}
    for row, turn in zip(rows, parsed["turns"], strict=True):
        assert row["kind"] == turn["kind"]
        assert row["speaker"] == names[turn["speaker"]]
        assert row["text"] == "\n\n".join(p["text"] for p in turn["paragraphs"])
        assert row["permalink"] == f"interviews/{SLUG}/#{turn['id']}"
    topics = rows[3]["topics"].split(";")  # a2: the pair q2/a2
    assert topics == sorted(topics) and {"alaska-summit", "kazakhstan-mediation"} <= set(topics)


def test_turns_jsonl_matches_the_csv(site: Path) -> None:
    lines = (site / "data" / "turns.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    table = list(csv.DictReader((site / "data" / "turns.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == len(table) == 6
    for row, line in zip(rows, table, strict=True):
        assert {**row, "topics": ";".join(row["topics"])} == line
        assert sorted(row) == sorted(TURN_COLUMNS)


def test_permalinks_follow_the_base_url(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(PROJECT, out, "/sub/path/").ok
    first = json.loads((out / "data" / "turns.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["permalink"] == f"/sub/path/interviews/{SLUG}/#q1"


def test_home_page_links_the_data(site: Path) -> None:
    section = parse_html(site / "index.html").find("section", "downloads")
    hrefs = [a.attrs["href"] for a in section.find_all("a")]
    assert hrefs == ["data/corpus.json", "data/turns.csv", "data/turns.jsonl", "feed.xml"]
