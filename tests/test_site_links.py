"""Every internal link of a built site leads somewhere, with and without a base URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_support import FIXTURES, PROJECT, broken_links, parse_html
from summitnotes.build import build


@pytest.mark.parametrize("project", [PROJECT, FIXTURES / "minimal"], ids=["shipped", "minimal"])
@pytest.mark.parametrize("base_url", [None, "/sub/path/"], ids=["relative", "base-url"])
def test_every_internal_href_and_src_resolves(
    tmp_path: Path, project: Path, base_url: str | None
) -> None:
    out = tmp_path / "site"
    report = build(project, out, base_url)
    assert report.ok, [d.format() for d in report.diagnostics]
    assert broken_links(out, base_url) == []


def test_base_url_links_are_root_relative_and_pretty(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(FIXTURES / "minimal", out, "sub/path").ok  # normalised to /sub/path/
    doc = parse_html(out / "topics" / "rivers" / "index.html")
    hrefs = [a.attrs["href"] for a in doc.find_all("a") if not a.attrs["href"].startswith("#")]
    assert "/sub/path/interviews/river-talk/#q1" in hrefs
    assert all(h.startswith("/sub/path/") for h in hrefs if not h.startswith("..")), hrefs
    assert doc.find("link").attrs["href"] == "/sub/path/static/style.css"


def test_relative_links_open_from_disk(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(FIXTURES / "minimal", out).ok
    doc = parse_html(out / "interviews" / "river-talk" / "index.html")
    assert doc.find("link").attrs["href"] == "../../static/style.css"
    assert doc.find("img").attrs["src"] == "fig1.png"
    assert (out / "interviews" / "river-talk" / "fig1.png").read_bytes().startswith(b"\x89PNG")
