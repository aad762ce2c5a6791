"""Text from interviews, sidecars, front matter and config never becomes markup."""

from __future__ import annotations

import json
from pathlib import Path

from site_support import FIXTURES, Node, parse_html
from summitnotes.build import build


def test_script_tags_come_out_escaped(tmp_path: Path) -> None:
    out = tmp_path / "site"
    report = build(FIXTURES / "escape", out)
    assert report.ok, [d.format() for d in report.diagnostics]
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        html = page.read_text(encoding="utf-8")
        scripts = parse_html(page).find_all("script")
        assert all(_ours(s) for s in scripts), page
        assert html.lower().count("<script") == len(scripts), page
        assert not any(
            a.attrs.get("href", "").startswith("javascript:")
            for a in parse_html(page).find_all("a")
        ), page
    interview = (out / "interviews" / "evil" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;question&#34;)&lt;/script&gt;" in interview
    assert "&lt;b&gt;not bold&lt;/b&gt;" in interview
    assert '\\u003cscript\\u003ealert(\\"question\\")' in interview  # in the JSON-LD
    note = parse_html(out / "notes" / "note" / "index.html")
    assert "<script>alert('summary')</script>" in note.find("p", "summary").text()
    assert "Note <script>" in note.find("h1").text()


def _ours(script: Node) -> bool:
    """The only scripts we write: JSON-LD data (valid JSON, no raw `<` that could end it)
    and the search page's own script file."""
    if script.attrs.get("type") == "application/ld+json":
        text = script.text()
        json.loads(text)
        return "<" not in text
    return script.attrs.get("src", "").endswith("static/search.js") and not script.text()
