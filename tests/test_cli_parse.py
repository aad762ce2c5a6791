"""`summitnotes parse` through the real entry point: JSON on stdout, problems on stderr
as `path:line: level: message`, exit 2 on errors, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, SEED, load

CONTRACT_KEYS = {
    "slug",
    "title",
    "source",
    "convention",
    "speakers",
    "lead",
    "turns",
    "figures",
    "asides",
    "topics",
    "warnings",
    "meta",
}

GOOD = "— Why did you come back?\n— For the orchard.\n"


def parse(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summitnotes", "parse", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=60,
    )


def test_seed_json_shape() -> None:
    run = parse(SEED, "--json")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert isinstance(out, dict)
    assert set(out) >= CONTRACT_KEYS
    assert out["source"] == str(SEED)
    assert out["convention"] == "dash"
    assert [t["id"] for t in out["turns"]] == ["q1", "a1", "q2", "a2", "q3", "a3"]
    turn = out["turns"][1]
    assert set(turn) >= {"id", "kind", "speaker", "time", "label", "line", "paragraphs"}
    assert set(turn["paragraphs"][0]) >= {"id", "text", "line"}
    assert set(out["speakers"][0]) >= {"id", "name", "role", "description", "label", "labels"}
    assert set(out["figures"][0]) >= {
        "id",
        "credit",
        "caption",
        "image",
        "alt",
        "photographer",
        "agency",
        "line",
        "after",
    }
    assert isinstance(out["topics"], list) and isinstance(out["meta"], dict)
    assert "’" in out["lead"][0]["text"], "Unicode kept, not escaped"


def test_seed_summary_without_json() -> None:
    run = parse(SEED)
    assert run.returncode == 0, run.stderr
    assert "Murad Shamilov" in run.stdout


def test_several_paths_give_an_array() -> None:
    run = parse(SEED, FIXTURES / "qa_dot.txt", "--json")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert isinstance(out, list) and len(out) == 2
    assert [o["source"] for o in out] == [str(SEED), str(FIXTURES / "qa_dot.txt")]


def test_console_script_is_installed() -> None:
    exe = shutil.which("summitnotes") or str(Path(sys.executable).parent / "summitnotes")
    run = subprocess.run([exe, "parse", str(SEED), "--json"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["turns"]


def test_crlf_bom_tabs_and_trailing_spaces_are_silent(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes("\ufeff\t— Why did you come back?  \r\n— For the orchard.\t\r\n".encode())
    run = parse(path, "--json")
    assert (run.returncode, run.stderr) == (0, "")
    assert [t["kind"] for t in json.loads(run.stdout)["turns"]] == ["question", "answer"]


# --- bad input: exit 2, `path[:line]: error: ...`, no traceback -----------------


def _bad(tmp_path: Path, case: str) -> tuple[Path, str]:
    """Make one broken input; return the path to parse and the stderr prefix expected."""
    text = tmp_path / "x.txt"
    sidecar = tmp_path / "x.yaml"
    if case == "not-utf8":
        text.write_bytes(b"- Why?\n- Caf\xe9 au lait.\n")
        return text, f"{text}:2:"
    if case == "empty":
        text.write_bytes(b"")
        return text, f"{text}:"
    if case == "blank":
        text.write_bytes(b"  \n\t\r\n\n")
        return text, f"{text}:"
    if case == "directory":
        return tmp_path, f"{tmp_path}:"
    if case == "missing":
        return tmp_path / "nope.txt", f"{tmp_path / 'nope.txt'}:"
    text.write_text(GOOD, encoding="utf-8")
    if case == "malformed-sidecar":
        sidecar.write_text("title: Orchard\noutlet: Review\ndate: then: now\n", encoding="utf-8")
        return text, ":3:"
    if case == "wrong-type":
        sidecar.write_text("title: Orchard\noutlet: Review\ntopics: 5\n", encoding="utf-8")
        return text, ":3:"
    if case == "sidecar-list":
        sidecar.write_text("- just\n- a list\n", encoding="utf-8")
        return text, ":"
    raise AssertionError(case)


BAD = [
    "not-utf8",
    "empty",
    "blank",
    "directory",
    "missing",
    "malformed-sidecar",
    "wrong-type",
    "sidecar-list",
]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_reported_not_raised(tmp_path: Path, case: str) -> None:
    path, prefix = _bad(tmp_path, case)
    run = parse(path, "--json")
    assert run.returncode == 2, (run.returncode, run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    first = run.stderr.splitlines()[0]
    if "sidecar" in case or case == "wrong-type":
        # The problem is in the sidecar: point at it (or at the text it belongs to), with its line.
        assert first.startswith((str(path.with_suffix(".yaml")), str(path))), first
        assert prefix in first, first
    else:
        assert first.startswith(prefix), first
    assert ": error: " in first, first


def test_wrong_type_names_the_field(tmp_path: Path) -> None:
    path, _ = _bad(tmp_path, "wrong-type")
    run = parse(path)
    assert "topics" in run.stderr


@pytest.mark.parametrize("case", BAD)
def test_bad_input_api_gives_error_values(tmp_path: Path, case: str) -> None:
    path, _ = _bad(tmp_path, case)
    data, diagnostics = load(path)
    assert data is None
    assert any(d.level == "error" for d in diagnostics)


def test_one_bad_path_among_good_ones_fails_the_run(tmp_path: Path) -> None:
    run = parse(SEED, tmp_path / "nope.txt", "--json")
    assert run.returncode == 2
    assert run.stderr.startswith(str(tmp_path / "nope.txt"))
    assert "Traceback" not in run.stderr


def test_unknown_sidecar_key_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.with_suffix(".yaml").write_text("title: Orchard\ncolour: green\n", encoding="utf-8")
    run = parse(path, "--json")
    assert run.returncode == 0, run.stderr
    assert "colour" in run.stderr
    assert "warning" in run.stderr
    assert run.stderr.startswith((str(path.with_suffix(".yaml")) + ":2:", str(path) + ":2:"))
    assert json.loads(run.stdout)["title"] == "Orchard"
