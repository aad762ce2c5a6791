"""`summitnotes check`: every problem at its path and line, exit codes, and nothing written."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_support import FIXTURES, PROJECT
from summitnotes.build import build
from summitnotes.cli import cli
from summitnotes.progress import Reporter

CHECK = Path(__file__).parent / "fixtures" / "check"

EACH_PROBLEM = [
    # (path, line, level, code): one of each kind of problem the issue names
    ("notes/links.md", 7, "warning", "link-broken"),  # unresolved link
    ("notes/links.md", 11, "warning", "link-broken"),  # unresolved transclusion
    ("notes/same.md", None, "error", "duplicate-slug"),
    ("notes/tagged.md", 4, "error", "unknown-topic"),
    ("seeds/harbour.txt", 4, "warning", "image-missing"),
    ("seeds/harbour.txt", 6, "warning", "two-questions"),  # a loader warning
    ("seeds/harbour.yaml", 4, "warning", "sidecar-key"),
    ("seeds/lonely.txt", None, "warning", "no-topic"),
]


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_each_problem_is_listed_at_its_path_and_line() -> None:
    code, out, err = check(str(CHECK / "each-problem"))
    assert code == 2, out + err
    lines = out.splitlines()
    expected = [
        f"{path}{'' if line is None else f':{line}'}: {level}: "
        for path, line, level, _ in EACH_PROBLEM
    ]
    assert len(lines) == len(expected), out
    for got, want in zip(lines, expected, strict=True):
        assert got.startswith(want), (got, want)
    assert "2 errors, 6 warnings" in err
    assert "Traceback" not in out + err


def test_the_json_output_carries_codes_for_ci() -> None:
    code, out, _ = check(str(CHECK / "each-problem"), "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert data["exit"] == 2 and data["errors"] == 2 and data["warnings"] == 6
    assert not data["ok"]
    got = [(d["path"], d["line"], d["level"], d["code"]) for d in data["diagnostics"]]
    assert got == EACH_PROBLEM
    assert all(d["message"] for d in data["diagnostics"])


@pytest.fixture
def warnings_only(tmp_path: Path) -> Path:
    """The same project without its two errors."""
    root = tmp_path / "project"
    shutil.copytree(CHECK / "each-problem", root)
    (root / "notes" / "tagged.md").unlink()
    shutil.rmtree(root / "notes" / "more")
    return root


def test_warnings_exit_0_and_1_under_strict(warnings_only: Path) -> None:
    code, out, _ = check(str(warnings_only))
    assert code == 0 and len(out.splitlines()) == 6
    code, out, _ = check(str(warnings_only), "--strict")
    assert code == 1 and len(out.splitlines()) == 6
    code, out, _ = check(str(warnings_only), "--strict", "--format", "json")
    assert code == 1 and json.loads(out)["exit"] == 1


def test_quiet_prints_only_errors() -> None:
    code, out, err = check(str(CHECK / "each-problem"), "-q")
    assert code == 2
    assert [line.split(": ")[1] for line in out.splitlines()] == ["error", "error"]
    assert err == ""


def test_the_shipped_project_is_clean() -> None:
    code, out, err = check(str(PROJECT), "--strict")
    assert (code, out) == (0, ""), out + err
    assert "no problems" in err


def test_template_errors_are_found_too() -> None:
    code, out, _ = check(str(FIXTURES / "template-syntax"))
    assert code == 2
    assert out.startswith("templates/list.html:4: error: unexpected '}'")


def test_check_writes_nothing(warnings_only: Path) -> None:
    before = sorted(p.relative_to(warnings_only) for p in warnings_only.rglob("*"))
    check(str(warnings_only))
    assert sorted(p.relative_to(warnings_only) for p in warnings_only.rglob("*")) == before


def test_build_strict_fails_on_warnings_and_writes_nothing(
    warnings_only: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli, ["build", str(warnings_only), "--out", str(out), "--strict", "--no-search"]
    )
    assert result.exit_code == 2
    assert "build failed (6 warnings and --strict)" in result.stderr
    assert not out.exists()
    result = CliRunner().invoke(
        cli, ["build", str(warnings_only), "--out", str(out), "--no-search"]
    )
    assert result.exit_code == 0 and (out / "index.html").is_file()


def test_progress_as_plain_lines_per_stage(tmp_path: Path) -> None:
    stream = io.StringIO()
    progress = Reporter("lines", verbose=True, stream=stream)
    build(FIXTURES / "minimal", tmp_path / "site", search=False, step=progress)
    progress.close()
    stages = [line.split(":")[0] for line in stream.getvalue().splitlines()]
    assert stages == ["load", "resolve", "render", "write"]
    assert "load: 4 files," in stream.getvalue()


def test_quick_builds_show_no_progress(tmp_path: Path) -> None:
    stream = io.StringIO()
    progress = Reporter("lines", stream=stream)  # not verbose: only after a second
    build(FIXTURES / "minimal", tmp_path / "site", search=False, step=progress)
    progress.close()
    assert stream.getvalue() == ""
