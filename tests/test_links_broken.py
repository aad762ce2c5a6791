"""Links that lead nowhere: a warning naming the note and line, shown as broken;
`--strict` fails the build (exit 2) and leaves the previous site as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_support import FIXTURES, broken_links, parse_html
from summitnotes.build import build
from summitnotes.cli import cli

BROKEN = """\
---
title: Broken links
---
A turn that does not exist: [[harbour-talk#a9]].

![[nowhere#a1]]

A [Markdown link](../interviews/nowhere/#a1) and [[other#no-such-heading|a heading]].
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "linking", root)
    (root / "notes" / "broken.md").write_text(BROKEN, encoding="utf-8")
    return root


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", *args, "--no-search"])
    return result.exit_code, result.output


def test_each_broken_link_is_a_warning_with_note_and_line(project: Path, tmp_path: Path) -> None:
    code, output = run(str(project), "--out", str(tmp_path / "site"))
    assert code == 0, output
    for expected in (
        "notes/broken.md:4: warning: [[harbour-talk#a9]]: "
        "interview `harbour-talk` has no turn or paragraph `a9`",
        "notes/broken.md:6: warning: ![[nowhere#a1]]: "
        "no interview, note, topic or speaker `nowhere`",
        "notes/broken.md:8: warning: link to `../interviews/nowhere/#a1`: "
        "no interview, note, topic or speaker `interviews/nowhere`",
        "notes/broken.md:8: warning: [[other#no-such-heading|a heading]]: "
        "note `other` has no heading `#no-such-heading`",
    ):
        assert expected in output
    assert "4 warnings," in output


def test_broken_links_are_shown_as_broken_and_lead_nowhere(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(project, out, search=False).ok
    doc = parse_html(out / "notes" / "broken" / "index.html")
    broken = doc.find_all("span", "broken-link")
    assert [" ".join(b.text().split()) for b in broken] == [
        "harbour-talk#a9 (broken link)",
        "nowhere#a1 (broken link)",
        "Markdown link (broken link)",
        "a heading (broken link)",
    ]
    assert all("notes/broken.md:" in b.attrs["title"] for b in broken)
    assert broken_links(out) == []
    # nothing broken is counted as a backlink
    talk = parse_html(out / "interviews" / "harbour-talk" / "index.html")
    assert "Broken links" not in talk.text()


def test_strict_fails_with_exit_2_and_leaves_the_previous_site(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert build(FIXTURES / "linking", out, search=False).ok
    before = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    code, output = run(str(project), "--out", str(out), "--strict")
    assert code == 2, output
    assert "notes/broken.md:4:" in output
    assert "Traceback" not in output
    after = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def test_strict_passes_when_every_link_resolves(tmp_path: Path) -> None:
    code, output = run(str(FIXTURES / "linking"), "--out", str(tmp_path / "site"), "--strict")
    assert code == 0, output


def test_ambiguous_slug_and_quoted_note_are_warnings(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "linking", root)
    (root / "notes" / "harbours.md").write_text(
        "---\ntitle: A note named like the topic\n---\n"
        "Which one: [[harbours]]? This one: [[topics/harbours]].\n\n![[other]]\n",
        encoding="utf-8",
    )
    code, output = run(str(root), "--out", str(tmp_path / "site"))
    assert code == 0, output
    assert (
        "notes/harbours.md:4: warning: [[harbours]]: `harbours` names both note and topic; "
        "linking the note (choose with [[notes/harbours]] or [[topics/harbours]])"
    ) in output
    assert "notes/harbours.md:6: warning: ![[other]]: only passages of interviews" in output
    assert "notes/reading.md:10: warning: [[harbours]]: `harbours` names both" in output
    assert "3 warnings," in output
