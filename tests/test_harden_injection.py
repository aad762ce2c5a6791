"""Injection (issue 9): HTML, `</script>`, `javascript:` addresses, Jinja syntax and Markdown
tricks in any input come out as inert text; raw HTML in notes only with `allow_html`."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from site_support import parse_html
from summitnotes.build import build

EVIL = "<script>alert(1)</script> </script><b onmouseover=alert(2)>x</b> {{ 7*7 }} {% raw %}"
URL = "javascript:alert(3)"

INTERVIEW = f"""---
title: "Front {EVIL}"
---
Lead {EVIL} [link]({URL}) <img src=x onerror=alert(4)> ![i]({URL})

— Question {EVIL}?

— Answer {EVIL} <a href="{URL}">a</a> [[x]] <!-- comment -->
"""
SIDECAR = f"""title: 'Side {EVIL}'
interviewee: 'Name {EVIL}'
interviewer: {{name: 'Asker {EVIL}', description: 'desc {EVIL}'}}
outlet: 'Outlet {EVIL}'
place: 'Place {EVIL}'
description: 'Desc {EVIL}'
source_url: '{URL}'
keywords: ['{EVIL}']
topics: ['{EVIL}', evil-topic]
"""
NOTE = f"""---
title: "Note {EVIL}"
summary: "Sum {EVIL}"
topics: [evil-topic]
---
Body {EVIL} [x]({URL}) [y](<{URL}>) <a href="{URL}">raw</a> [[{EVIL}]]

<div onclick="alert(5)">block</div>

![img]({URL})
"""
TOPIC = f"""---
title: "Topic {EVIL}"
match: ["Question"]
---
About {EVIL}
"""
CONFIG = f"""title: 'Site {EVIL}'
author: 'Author {EVIL}'
description: 'Description {EVIL}'
site_url: https://example.org/x/
"""


def hostile_project(root: Path, extra_config: str = "") -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "notes" / "topics").mkdir(parents=True)
    (root / "seeds" / "talk <b>x<b> {{x}}.md").write_text(INTERVIEW, encoding="utf-8")
    (root / "seeds" / "talk <b>x<b> {{x}}.yaml").write_text(SIDECAR, encoding="utf-8")
    (root / "notes" / "evil.md").write_text(NOTE, encoding="utf-8")
    (root / "notes" / "topics" / "evil-topic.md").write_text(TOPIC, encoding="utf-8")
    (root / "summitnotes.yaml").write_text(CONFIG + extra_config, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = hostile_project(tmp_path_factory.mktemp("hostile"))
    report = build(root)
    assert report.ok, [d.format() for d in report.diagnostics]
    return root / "site"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_parses_and_runs_no_script_of_the_input(site: Path) -> None:
    for page in html_pages(site):
        doc = parse_html(page)
        for node in doc.iter():
            assert not [a for a in node.attrs if a.startswith("on")], (page, node.attrs)
            for attr in ("href", "src", "action", "formaction", "content"):
                value = node.attrs.get(attr, "").strip().lower()
                assert not value.startswith(("javascript:", "vbscript:")), (page, attr)
                assert not value.startswith("data:") or node.attrs.get("rel") == "icon", page
            if node.tag == "script":
                if node.attrs.get("type") == "application/ld+json":
                    json.loads(node.text())  # data only, and it parses
                else:
                    assert node.attrs.get("src") and not node.text().strip(), page
            assert node.tag not in {"iframe", "object", "embed"}, (page, node.tag)


def test_the_evil_text_is_shown_as_written(site: Path) -> None:
    page = next(p for p in html_pages(site) if p.parent.parent.name == "interviews")
    text = parse_html(page).text()
    for where in ("Lead", "Question", "Answer"):
        assert f"{where} {EVIL}" in text
    assert "{{ 7*7 }}" in text and "49" not in text


def test_json_ld_cannot_close_its_script(site: Path) -> None:
    page = next(p for p in html_pages(site) if p.parent.parent.name == "interviews")
    raw = page.read_text(encoding="utf-8")
    start = raw.index('<script type="application/ld+json">')
    body = raw[start : raw.index("</script>", start)]
    assert "<" not in body.split(">", 1)[1]  # every < is \u003c inside
    data = json.loads(body.split(">", 1)[1])
    assert EVIL in json.dumps(data, ensure_ascii=False)


def test_search_data_feeds_and_exports_are_escaped_for_their_format(site: Path) -> None:
    records = [
        json.loads(line)
        for line in (site / "search" / "records.jsonl").read_text("utf-8").splitlines()
    ]
    assert any(EVIL in r["content"] for r in records)
    corpus = json.loads((site / "data" / "corpus.json").read_text("utf-8"))
    assert EVIL in json.dumps(corpus, ensure_ascii=False)
    feed = ElementTree.parse(site / "feed.xml").getroot()
    assert EVIL in "".join(feed.itertext())
    ElementTree.parse(site / "sitemap.xml")


def test_raw_html_in_notes_is_text_by_default(site: Path) -> None:
    doc = parse_html(site / "notes" / "evil" / "index.html")
    assert '<a href="javascript:alert(3)">raw</a>' in doc.text()
    assert '<div onclick="alert(5)">block</div>' in doc.text()


def test_raw_html_in_notes_passes_with_allow_html_but_never_javascript_links(
    tmp_path: Path,
) -> None:
    root = hostile_project(tmp_path / "p", "allow_html: true\n")
    body = f'[x]({URL}) [y](<{URL}>) <b>bold</b>\n\n<div onclick="alert(5)">block</div>\n'
    (root / "notes" / "evil.md").write_text(NOTE.split("Body")[0] + body, encoding="utf-8")
    assert build(root).ok
    doc = parse_html(root / "site" / "notes" / "evil" / "index.html")
    assert [n.text() for n in doc.find_all("div") if "onclick" in n.attrs] == ["block"]
    assert [n.text() for n in doc.find_all("b")] == ["bold"]
    markdown_links = [n for n in doc.find_all("a") if n.text() in {"x", "y"}]
    assert markdown_links == []  # Markdown never links to javascript:, allow_html or not
