"""Citations: APA and Chicago on the page, `cite.bib` that parses as BibTeX, `cite.json`
that is CSL-JSON; what the sidecar does not say is left out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_support import FIXTURES, parse_html
from summitnotes.build import build
from summitnotes.cite import Work
from summitnotes.citefiles import bibtex


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cite") / "site"
    assert build(FIXTURES / "linking", out, search=False).ok
    return out


# --- a small BibTeX reader: enough to say the file is well formed ---

ENTRY = re.compile(r"\s*@([A-Za-z]+)\s*\{\s*([A-Za-z0-9_:.\-]+)\s*,")
FIELD = re.compile(r"\s*([A-Za-z][A-Za-z0-9_\-]*)\s*=\s*")


def _braced(text: str, pos: int) -> tuple[str, int]:
    assert text[pos] == "{"
    depth, start = 0, pos
    while pos < len(text):
        if text[pos] == "{":
            depth += 1
        elif text[pos] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : pos], pos + 1
        pos += 1
    raise AssertionError("unbalanced braces")


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """(type, key, fields) of each entry; fails on anything that is not BibTeX."""
    entries, pos = [], 0
    while text[pos:].strip():
        m = ENTRY.match(text, pos)
        assert m, f"no entry at {text[pos : pos + 40]!r}"
        pos, fields = m.end(), {}
        while True:
            pos += len(text[pos:]) - len(text[pos:].lstrip())
            if text[pos] == "}":
                pos += 1
                break
            f = FIELD.match(text, pos)
            assert f, f"no field at {text[pos : pos + 40]!r}"
            name, pos = f.group(1).lower(), f.end()
            if text[pos] == "{":
                value, pos = _braced(text, pos)
            else:
                v = re.compile(r"[A-Za-z0-9]+").match(text, pos)
                assert v, f"bad value at {text[pos : pos + 40]!r}"
                value, pos = v.group(0), v.end()
            assert name not in fields, f"field {name} twice"
            fields[name] = value
            pos += len(text[pos:]) - len(text[pos:].lstrip())
            if text[pos] == ",":
                pos += 1
        entries.append((m.group(1).lower(), m.group(2), fields))
    return entries


# --- CSL-JSON: the shape citeproc, Zotero and Pandoc read ---

CSL_TYPES = {"interview", "article", "article-newspaper", "webpage", "broadcast", "document"}
NAME_KEYS = {"family", "given", "literal", "dropping-particle", "non-dropping-particle", "suffix"}


def check_csl(items: object) -> dict[str, object]:
    assert isinstance(items, list) and len(items) == 1
    item = items[0]
    assert isinstance(item, dict)
    assert isinstance(item["id"], str) and item["type"] in CSL_TYPES
    assert isinstance(item["title"], str) and item["title"]
    for role in ("author", "interviewer"):
        for name in item.get(role, []):
            assert set(name) <= NAME_KEYS and ("family" in name or "literal" in name)
    for key in ("issued", "accessed"):
        if key in item:
            date = item[key]
            assert set(date) <= {"date-parts", "raw"}
            for parts in date.get("date-parts", []):
                assert all(isinstance(p, int) for p in parts) and 1 <= len(parts) <= 3
    return item


def test_bib_parses_and_says_what_the_sidecar_says(site: Path) -> None:
    folder = site / "interviews" / "harbour-talk"
    [(kind, key, fields)] = parse_bibtex((folder / "cite.bib").read_text(encoding="utf-8"))
    assert (kind, key) == ("misc", "harbour-talk")
    assert fields["author"] == "Brook, Ada"
    assert fields["title"] == "{Harbour talk}"
    assert fields["year"] == "2024" and fields["date"] == "2024-05-01"
    assert fields["url"] == "https://example.org/harbour-talk"
    assert fields["urldate"] == "2024-06-02"
    assert fields["note"] == "Interview by Jo Reporter"
    assert fields["howpublished"] == "Test Gazette"


def test_csl_json_is_an_interview_item(site: Path) -> None:
    folder = site / "interviews" / "harbour-talk"
    item = check_csl(json.loads((folder / "cite.json").read_text(encoding="utf-8")))
    assert item["type"] == "interview"
    assert item["title"] == "Harbour talk"
    assert item["author"] == [{"family": "Brook", "given": "Ada"}]
    assert item["interviewer"] == [{"family": "Reporter", "given": "Jo"}]
    assert item["issued"] == {"date-parts": [[2024, 5, 1]]}
    assert item["URL"] == "https://example.org/harbour-talk"
    assert item["container-title"] == "Test Gazette"


def test_unknown_fields_are_left_out_not_invented(site: Path) -> None:
    folder = site / "interviews" / "quiet-talk"
    [(_, _, fields)] = parse_bibtex((folder / "cite.bib").read_text(encoding="utf-8"))
    assert set(fields) == {"author", "title", "note"}
    assert fields["note"] == "Interview"
    item = check_csl(json.loads((folder / "cite.json").read_text(encoding="utf-8")))
    assert set(item) == {"id", "type", "title", "author"}
    doc = parse_html(folder / "index.html")
    styles = {p.attrs["data-style"]: p.text() for p in doc.find_all("p", "citation")}
    assert styles["APA"] == "APA Still, B. (n.d.). Quiet talk [Interview]."
    assert styles["Chicago"] == "Chicago Still, Ben. “Quiet talk.” n.d."


def test_interview_page_offers_apa_chicago_and_both_files(site: Path) -> None:
    doc = parse_html(site / "interviews" / "harbour-talk" / "index.html")
    section = doc.find("section", "cite")
    styles = {p.attrs["data-style"]: p for p in section.find_all("p", "citation")}
    assert styles["APA"].text() == (
        "APA Brook, A. (2024, May 1). Harbour talk [Interview by Jo Reporter]. "
        "Test Gazette. https://example.org/harbour-talk"
    )
    assert [i.text() for i in styles["APA"].find_all("i")] == ["Harbour talk"]
    assert styles["Chicago"].text() == (
        "Chicago Brook, Ada. “Harbour talk.” Interview by Jo Reporter. "
        "Test Gazette, May 1, 2024. https://example.org/harbour-talk."
    )
    assert [i.text() for i in styles["Chicago"].find_all("i")] == ["Test Gazette"]
    hrefs = [a.attrs["href"] for a in section.find_all("a")]
    assert hrefs == ["cite.bib", "cite.json"]


def test_bibtex_escapes_latex_and_keeps_braces_balanced() -> None:
    work = Work(
        key="odd",
        title="100% {sure} & more_than $5 #1",
        authors=("Jean-Pierre O'Neil", "UNESCO"),
        interviewers=(),
        outlet="A & B",
        date="2024-05",
        parts=(2024, 5),
        url=None,
        accessed=(),
        language=None,
        place=None,
        description=None,
        keywords=(),
    )
    [(_, _, fields)] = parse_bibtex(bibtex(work))
    assert fields["title"] == r"{100\% \{sure\} \& more\_than \$5 \#1}"
    assert fields["author"] == "O'Neil, Jean-Pierre and {UNESCO}"
    assert fields["date"] == "2024-05"
    unbalanced = bibtex(work.__class__(**{**work.__dict__, "title": "a } b"}))
    assert parse_bibtex(unbalanced)[0][2]["title"] == "{a ) b}"
