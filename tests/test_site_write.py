"""Deterministic output, atomic replacement, and never deleting what we did not make."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from site_support import FIXTURES, PROJECT
from summitnotes.build import build
from summitnotes.cli import cli
from summitnotes.write import MARKER


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    assert build(PROJECT, tmp_path / "one").ok
    assert build(PROJECT, tmp_path / "two").ok
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert one == two
    assert MARKER in one


def test_rebuild_replaces_the_old_site_and_leaves_no_temporary_folders(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(FIXTURES / "minimal", out).ok
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert build(FIXTURES / "minimal", out).ok
    assert not (out / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_failed_build_leaves_previous_site_untouched(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(FIXTURES / "minimal", out).ok
    before = snapshot(out)
    result = CliRunner().invoke(
        cli, ["build", str(FIXTURES / "template-syntax"), "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "templates/list.html:4: error:" in result.output
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_refuses_to_replace_a_folder_it_did_not_create(tmp_path: Path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(FIXTURES / "minimal"), "--out", str(out)])
    assert result.exit_code == 2
    assert "not built by summitnotes" in result.output
    assert snapshot(out) == {"thesis.txt": b"years of work"}


def test_summary_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", str(FIXTURES / "minimal"), "--out", str(tmp_path / "site")]
    )
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("wrote 11 pages (")
    assert "0 warnings, in " in last
